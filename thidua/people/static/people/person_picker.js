// The person picker (thidua/people/widgets.py). The search box has no name, so the enclosing form never submits
// it; this sends its text as ``q`` to the options endpoint, keeps Enter from submitting the form, and announces
// the result (the first option says how many people were found). Loaded once however many pickers a page has.
(function () {
  "use strict";
  if (window.thiduaPersonPicker) {
    return;
  }
  window.thiduaPersonPicker = true;

  const SEARCH = "[data-person-picker-search]";

  document.addEventListener("htmx:configRequest", function (event) {
    const box = event.detail.elt;
    if (box instanceof HTMLInputElement && box.matches(SEARCH)) {
      event.detail.parameters.q = box.value;
    }
  });

  document.addEventListener("keydown", function (event) {
    const box = event.target;
    if (event.key === "Enter" && box instanceof HTMLInputElement && box.matches(SEARCH)) {
      event.preventDefault();
      const select = document.getElementById(box.getAttribute("aria-controls"));
      if (select) {
        select.focus();
      }
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    const select = event.detail.target;
    const picker = select instanceof HTMLSelectElement ? select.closest("[data-person-picker]") : null;
    const status = picker ? document.getElementById(select.id + "_status") : null;
    if (status && select.options.length) {
      status.textContent = select.options[0].text.replace(/^— | —$/g, "");
    }
  });
})();
