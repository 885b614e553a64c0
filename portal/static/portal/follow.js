// Follow / unfollow without reloading the page; without JavaScript the form posts normally.
(function () {
  "use strict";
  if (window.portalFollowReady) {
    return;
  }
  window.portalFollowReady = true;

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-follow]")) {
      return;
    }
    event.preventDefault();
    var action = form.querySelector("input[name=action]");
    var button = form.querySelector("button[type=submit]");
    var label = form.querySelector(".follow-label");
    var status = form.querySelector("[role=status]");
    button.disabled = true;
    // form.action would be the input named "action": read the attribute.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        action.value = data.following ? "unfollow" : "follow";
        label.textContent = data.following ? button.dataset.labelUnfollow : button.dataset.labelFollow;
        button.classList.toggle("button-secondary", data.following);
        status.textContent = data.message;
        button.disabled = false;
      })
      .catch(function () {
        // Let the server answer the ordinary way (message and redirect).
        form.submit();
      });
  });
})();
