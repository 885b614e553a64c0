// Suggests colleagues' names while typing; the form works the same without it.
(function () {
  var form = document.querySelector("form[data-suggestions]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(function () {
      fetch(form.dataset.suggestions + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) {
          list.replaceChildren();
          data.results.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.name;
            option.label = [item.job_title, item.service].filter(Boolean).join(" — ");
            list.appendChild(option);
          });
        });
    }, 200);
  });
})();
