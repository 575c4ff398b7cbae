// Small enhancements of the public pages; each page works without them.
(function () {
  "use strict";

  // On a phone the filters start folded, so that the results come first.
  var filters = document.querySelector("[data-filters]");
  if (filters && window.matchMedia("(max-width: 48rem)").matches && !filters.querySelector("input:checked")) {
    filters.open = false;
  }

  var status = document.querySelector("[data-copy-status]");
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    if (!navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.dataset.copy).then(function () {
        if (status) { status.textContent = button.dataset.copied; }
      });
    });
  });
})();
