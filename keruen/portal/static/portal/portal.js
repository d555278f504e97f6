// A type-to-filter box above long multiple selects (sectors, HS codes, countries):
// hides the options whose label does not contain the typed text; chosen ones stay visible.
(function () {
  "use strict";
  function normalise(text) { return text.toLocaleLowerCase().normalize("NFKD"); }
  function attach(select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "filterbox";
    box.placeholder = select.dataset.filterPlaceholder || "…";
    box.setAttribute("aria-label", [(select.labels && select.labels[0] ? select.labels[0].textContent : "").trim().replace(/[:：]$/, ""), box.placeholder].filter(Boolean).join(": "));
    select.parentNode.insertBefore(box, select);
    // What is chosen stays in sight even when the list is scrolled or filtered (a single
    // choice shows in the select itself).
    if (select.multiple) {
      var chosen = document.createElement("div");
      chosen.className = "chosen-list muted small";
      select.parentNode.insertBefore(chosen, select.nextSibling);
      var showChosen = function () {
        chosen.textContent = Array.prototype.filter.call(select.options, function (o) { return o.selected; })
          .map(function (o) { return o.text; }).join(" · ");
      };
      select.addEventListener("change", showChosen);
      showChosen();
    }
    box.addEventListener("input", function () {
      var needle = normalise(box.value.trim());
      Array.prototype.forEach.call(select.options, function (option) {
        var show = !needle || option.selected || normalise(option.text).indexOf(needle) !== -1;
        option.hidden = !show;
      });
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        group.hidden = !Array.prototype.some.call(group.children, function (o) { return !o.hidden; });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-filter]"), attach);
  });
})();

// Offers and requests: no "translation" inputs for the language the text is written in.
// Inputs that hold text stay in sight, so nothing typed is hidden (the server refuses it
// with a message saying why).
(function () {
  "use strict";
  function attach(select) {
    var prefixes = select.dataset.translationFields.split(" ");
    function pair(code) {
      return prefixes.map(function (prefix) {
        return document.getElementById("field-" + prefix + "_" + code.replace(/-/g, "_"));
      }).filter(function (wrapper) { return wrapper; });
    }
    function update() {
      Array.prototype.forEach.call(select.options, function (option) {
        var wrappers = pair(option.value);
        var typed = wrappers.some(function (wrapper) {
          return Array.prototype.some.call(wrapper.querySelectorAll("input, textarea"), function (input) {
            return input.value.trim() !== "";
          });
        });
        wrappers.forEach(function (wrapper) { wrapper.hidden = option.value === select.value && !typed; });
      });
    }
    select.addEventListener("change", update);
    update();
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-translation-fields]"), attach);
  });
})();

// A form sent back with errors: the summary above it takes the focus, so a screen reader
// reads it and a phone shows it, instead of the page's top (the first error may be far down).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("form-errors");
    if (summary) { summary.focus(); }
  });
})();
