// Reader feedback at the end of an article (articles/feedback.py). Without this script the
// form posts the answer and comment together. With it, Yes or No is sent at once, then the
// reader may add a comment, sent with the token the first answer returned.
(function () {
  "use strict";

  function init(form) {
    var comment = form.querySelector(".page-feedback__comment");
    var textarea = comment.querySelector("textarea");
    var answers = form.querySelector(".page-feedback__answers");
    var status = form.querySelector(".page-feedback__status");
    var token = "";

    var send = document.createElement("button");
    send.type = "submit";
    send.className = "button";
    send.textContent = "Send comment";
    send.hidden = true;
    comment.appendChild(send);
    comment.hidden = true;

    function post(data) {
      return fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "omit",
        headers: { Accept: "application/json" },
      }).then(function (response) {
        return response.json().then(function (json) {
          return { ok: response.ok, json: json };
        });
      });
    }

    function fail() {
      status.textContent = "Sorry, your feedback could not be sent. Please try again later.";
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData();
      if (token) {
        data.append("token", token);
        data.append("comment", textarea.value);
        send.disabled = true;
        post(data)
          .then(function (result) {
            status.textContent = result.json.message;
            if (result.ok) {
              comment.hidden = true;
            } else {
              send.disabled = false;
            }
          })
          .catch(function () {
            send.disabled = false;
            fail();
          });
        return;
      }
      var button = event.submitter;
      if (!button || button.name !== "helpful") {
        return;
      }
      data.append("helpful", button.value);
      answers.querySelectorAll("button").forEach(function (each) {
        each.disabled = true;
      });
      post(data)
        .then(function (result) {
          status.textContent = result.json.message;
          if (result.ok && result.json.token) {
            token = result.json.token;
            answers.hidden = true;
            comment.hidden = false;
            send.hidden = false;
            textarea.focus();
          } else if (!result.ok) {
            answers.querySelectorAll("button").forEach(function (each) {
              each.disabled = false;
            });
          }
        })
        .catch(fail);
    });
  }

  document.querySelectorAll("form.page-feedback").forEach(init);
})();
