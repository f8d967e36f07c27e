/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";

  var FIELDS = "input:not([type=hidden]), select, textarea, button";

  // An error summary's link puts focus in the field it names: on the first choice of a group of
  // radios or checkboxes (whose link points at the fieldset), with the question scrolled into
  // view above it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".error-summary a[href^='#']") : null;
    if (!link) { return; }
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) { return; }
    var control = target.matches(FIELDS) ? target : target.querySelector(FIELDS);
    if (!control) { return; }
    event.preventDefault();
    var group = control.closest("fieldset");
    var caption = (group && group.querySelector("legend")) ||
      (control.id && document.querySelector("label[for='" + control.id + "']")) || control;
    caption.scrollIntoView();
    control.focus({ preventScroll: true });
  });

  document.addEventListener("DOMContentLoaded", function () {
    // Move focus to an error summary or report so screen-reader users hear it first.
    var target = document.querySelector("[data-focus]");
    if (target) { target.focus(); }

    // A table box that scrolls sideways can be focused, so it can be scrolled with the keys.
    function markScrollers() {
      var boxes = document.querySelectorAll("[data-scroll]");
      for (var i = 0; i < boxes.length; i++) {
        if (boxes[i].scrollWidth > boxes[i].clientWidth) { boxes[i].setAttribute("tabindex", "0"); }
        else { boxes[i].removeAttribute("tabindex"); }
      }
    }
    markScrollers();
    window.addEventListener("resize", markScrollers);

    // (The language form is sent with its button: changing the choice alone must not reload
    // the page, WCAG 3.2.2 On Input.)

    // Save the new-idea form as the person types, so nothing is lost.
    var form = document.querySelector("form[data-draft-url]");
    if (!form) { return; }
    var status = form.querySelector("[data-draft-status]");
    var timer = null;
    var saving = false;
    function save() {
      if (saving) { timer = setTimeout(save, 1000); return; }
      var data = new FormData(form);
      data.delete("attachments");
      saving = true;
      fetch(form.dataset.draftUrl, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" }
      }).then(function (response) {
        if (response.ok && status) {
          var now = new Date();
          status.textContent = status.dataset.savedText + " " +
            now.toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" });
        }
      }).catch(function () { /* offline: the next keystroke tries again */ })
        .finally(function () { saving = false; });
    }
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(save, 1500);
    });
    // A save still waiting when the idea is sent would bring the draft back afterwards.
    form.addEventListener("submit", function () { clearTimeout(timer); });
  });
})();
