// A type-to-filter box above a long list of checkboxes (a session's speakers), as
// portal/portal.js puts one above long multiple selects: it hides the boxes whose label does
// not contain the typed text (accents and case aside); ticked ones stay in sight, and the list
// of ticked ones under the box follows each tick. Without JavaScript the list scrolls in its
// box, and what was ticked when the page came is listed under it.
(function () {
  "use strict";
  function normalise(text) {
    return text.toLocaleLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  function attach(list) {
    if (list.dataset.checklistReady) { return; }
    list.dataset.checklistReady = "1";
    var boxes = list.querySelectorAll("input[type=checkbox]");
    var box = document.createElement("input");
    box.type = "search";
    box.className = "filterbox";
    box.placeholder = list.dataset.filterPlaceholder || "…";
    box.setAttribute("aria-label", [(list.getAttribute("aria-label") || "").trim().replace(/[:：]$/, ""), box.placeholder].filter(Boolean).join(": "));
    box.setAttribute("aria-controls", list.id);
    list.parentNode.insertBefore(box, list);
    var chosen = document.getElementById(list.id + "_chosen");  // rendered with the list
    function showChosen() {
      if (!chosen) { return; }
      chosen.textContent = Array.prototype.filter.call(boxes, function (input) { return input.checked; })
        .map(function (input) { return input.parentNode.textContent.trim(); }).join(" · ");
    }
    function filter() {
      var needle = normalise(box.value.trim());
      Array.prototype.forEach.call(boxes, function (input) {
        var label = input.parentNode;
        label.hidden = !(!needle || input.checked || normalise(label.textContent).indexOf(needle) !== -1);
      });
    }
    // Enter in the box filters; it must not send the form half-filled.
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
    box.addEventListener("input", filter);
    list.addEventListener("change", showChosen);
    showChosen();
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-checklist]"), attach);
  });
})();
