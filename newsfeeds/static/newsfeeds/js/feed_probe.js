// « Tester l'adresse » on the channel form: ask the server to fetch the address (through the
// feed guard) and show its answer under the field. No inline script: loaded as the widget's media.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-feed-probe-button]");
  if (!button) return;
  const box = button.closest("[data-feed-probe]");
  const input = box.querySelector("input");
  const output = box.querySelector("[data-feed-probe-result]");
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  button.disabled = true;
  output.classList.remove("error-message");
  output.textContent = "Test en cours…";
  try {
    const response = await fetch(box.dataset.probeUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "" },
      body: new URLSearchParams({ url: input.value }),
    });
    const answer = await response.json();
    output.textContent = answer.message;
    output.classList.toggle("error-message", !answer.ok);
  } catch (error) {
    output.textContent = "Le test n'a pas pu être lancé : réessayez dans un instant.";
    output.classList.add("error-message");
  } finally {
    button.disabled = false;
  }
});
