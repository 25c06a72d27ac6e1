// The retraction list upload (admin): shows how much of the file has been sent, then that
// the server is importing it. Without JS the form posts as usual.
(function () {
  "use strict";
  var form = document.getElementById("retraction-upload");
  if (!form || !window.XMLHttpRequest) {
    return;
  }
  form.addEventListener("submit", function (event) {
    var input = form.querySelector("input[type=file]");
    if (!input || !input.files.length) {
      return;
    }
    event.preventDefault();
    var box = form.querySelector(".retraction-upload__progress");
    var bar = box.querySelector("progress");
    var status = box.querySelector(".retraction-upload__status");
    box.hidden = false;
    form.querySelector("input[type=submit]").disabled = true;
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    request.upload.addEventListener("progress", function (progress) {
      if (progress.lengthComputable) {
        bar.value = Math.round((100 * progress.loaded) / progress.total);
        status.textContent = bar.value + "% uploaded";
      }
    });
    request.upload.addEventListener("load", function () {
      bar.removeAttribute("value");
      status.textContent = "Uploaded. Importing and matching to our references…";
    });
    request.addEventListener("load", function () {
      // The answer is the page with the summary (or the form with its error): show its
      // content in place of this one.
      var answer = new DOMParser().parseFromString(request.responseText, "text/html");
      var content = answer.getElementById("content-main");
      if (!content) {
        status.textContent = "The server could not import the file (" + request.status + ").";
        return;
      }
      document.getElementById("content-main").replaceWith(document.adoptNode(content));
      var summary = document.getElementById("summary-title");
      if (summary) {
        summary.setAttribute("tabindex", "-1");
        summary.focus();
      }
    });
    request.addEventListener("error", function () {
      status.textContent = "The upload failed. Check your connection and try again.";
      form.querySelector("input[type=submit]").disabled = false;
    });
    request.send(new FormData(form));
  });
})();
