/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";

  // Move focus to an error summary or report so screen-reader users hear it first.
  document.addEventListener("DOMContentLoaded", function () {
    var target = document.querySelector("[data-focus]");
    if (target) { target.focus(); }

    // The language switcher submits itself when changed.
    var lang = document.getElementById("lang-select");
    if (lang) {
      lang.addEventListener("change", function () { lang.form.submit(); });
    }

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
  });
})();
