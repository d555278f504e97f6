// Polls a background job's progress once a second and updates the progress bar and figures.
(function () {
  "use strict";
  function show(box, data) {
    box.querySelectorAll("[data-field]").forEach(function (el) {
      var value = data[el.dataset.field];
      el.textContent = value === null || value === undefined || value === "" ? "—" : value;
    });
    var bar = box.querySelector("progress");
    if (bar) { bar.value = data.percent; }
  }
  function poll(box) {
    fetch(box.dataset.jobUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        show(box, data);
        if (data.active) { window.setTimeout(function () { poll(box); }, 1000); }
        else { window.location.reload(); }  // the draft changed: show the new review
      })
      .catch(function () { window.setTimeout(function () { poll(box); }, 3000); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".job[data-active='1']").forEach(poll);
  });
})();
