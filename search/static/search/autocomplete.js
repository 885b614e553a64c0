// Suggestions under a search box (ARIA combobox): arrows to move, Enter to open, Escape to close.
// Without JavaScript the box is a plain search form.
(function () {
  "use strict";

  function setup(input) {
    var url = input.getAttribute("data-autocomplete");
    var wrapper = document.createElement("div");
    wrapper.className = "autocomplete";
    // Moving the box blurs it: an agent who reached it before this script ran keeps typing.
    var focused = document.activeElement === input;
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    if (focused) { input.focus(); }
    var list = document.createElement("ul");
    list.className = "autocomplete-list";
    list.id = input.id + "-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    wrapper.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    var results = [];
    var active = -1;
    var timer = null;
    var lastQuery = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function render() {
      list.innerHTML = "";
      results.forEach(function (result, index) {
        var item = document.createElement("li");
        item.id = list.id + "-" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", index === active ? "true" : "false");
        item.textContent = result.title;
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = result.kind;
        item.appendChild(kind);
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.href = result.url;
        });
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
      if (active >= 0) {
        input.setAttribute("aria-activedescendant", list.id + "-" + active);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < 2) { results = []; render(); return; }
      if (query === lastQuery) { return; }
      lastQuery = query;
      fetch(url + "?q=" + encodeURIComponent(query), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (input.value.trim() !== query) { return; }
          results = data.results || [];
          active = -1;
          render();
        })
        .catch(function () { results = []; render(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") {
        active = Math.min(active + 1, results.length - 1); render(); event.preventDefault();
      } else if (event.key === "ArrowUp") {
        active = Math.max(active - 1, -1); render(); event.preventDefault();
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault(); window.location.href = results[active].url;
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(setup);
})();
