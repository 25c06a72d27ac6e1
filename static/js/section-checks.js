// Reading level and evidence coverage beside each section of the article form, updated as
// the editor types. Self-contained: it finds each section by its admin field names
// (sections-N-body, sections-N-takeaway, sections-N-level; or body, takeaway, level on a
// section's own page), asks the admin for the checks (articles/admin/article_trust.py) and
// shows them in an element with class "section-checks" after the section's take-away. Text
// from the server is inserted as text, never as HTML.
(function () {
  "use strict";

  var DELAY_MS = 600;
  var url = "";
  var timers = {};
  var latest = {};

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function field(prefix, name) {
    return document.querySelector("[name='" + prefix + name + "']");
  }

  function prefixOf(name) {
    var match = /^((?:sections-\d+-)?)(body|takeaway|level)$/.exec(name || "");
    return match ? match[1] : null;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function outputFor(prefix) {
    var id = "section-checks-" + (prefix || "section").replace(/-$/, "");
    var output = document.getElementById(id);
    if (output) {
      return output;
    }
    var anchor = field(prefix, "takeaway") || field(prefix, "body");
    var row = anchor.closest(".form-row") || anchor.parentNode;
    output = element("div", "section-checks");
    output.id = id;
    output.setAttribute("role", "status");
    output.setAttribute("aria-live", "polite");
    output.setAttribute("aria-label", "Checks for this section");
    row.parentNode.insertBefore(output, row.nextSibling);
    return output;
  }

  function sentenceList(items, describe) {
    var list = element("ol", "section-checks__sentences");
    items.forEach(function (item) {
      var entry = element("li");
      entry.appendChild(element("mark", "", item.text));
      var why = describe(item);
      if (why) {
        entry.appendChild(element("span", "section-checks__why", " " + why));
      }
      list.appendChild(entry);
    });
    return list;
  }

  function show(prefix, data) {
    var output = outputFor(prefix);
    output.textContent = "";
    if (data.error) {
      output.appendChild(element("p", "section-checks__error", data.error));
      return;
    }
    var level = element("p", "section-checks__level");
    level.setAttribute("data-above-target", data.above_target ? "true" : "false");
    level.appendChild(element("strong", "", "Reading level: "));
    level.appendChild(
      element(
        "span",
        "section-checks__smog",
        data.smog === null ? "SMOG not scored" : "SMOG grade " + data.smog
      )
    );
    level.appendChild(document.createTextNode(", " + data.verdict + ". "));
    if (data.flesch_kincaid !== null) {
      level.appendChild(
        element("span", "section-checks__fk", "Flesch-Kincaid grade " + data.flesch_kincaid + ".")
      );
    }
    output.appendChild(level);

    var coverage = element("p", "section-checks__coverage");
    coverage.setAttribute("data-unsourced", String(data.unsourced.length));
    coverage.appendChild(element("strong", "", "Sources: "));
    coverage.appendChild(element("span", "section-checks__coverage-count", data.coverage + "."));
    output.appendChild(coverage);

    if (data.hardest.length) {
      var hard = element("details", "section-checks__hardest");
      hard.appendChild(element("summary", "", "Hardest sentences (" + data.hardest.length + ")"));
      hard.appendChild(
        sentenceList(data.hardest, function (item) {
          return item.reasons.length
            ? "(" + item.reasons.join("; ") + ")"
            : "(grade " + item.grade + " on its own)";
        })
      );
      output.appendChild(hard);
    }
    if (data.unsourced.length) {
      var unsourced = element("details", "section-checks__unsourced");
      unsourced.open = true;
      unsourced.appendChild(
        element(
          "summary",
          "",
          "Factual sentences without a source (" + data.unsourced.length + ")"
        )
      );
      unsourced.appendChild(
        sentenceList(data.unsourced, function (item) {
          return "(" + item.why.join("; ") + ")";
        })
      );
      output.appendChild(unsourced);
    }
  }

  function check(prefix) {
    var body = field(prefix, "body");
    var level = field(prefix, "level");
    if (!body || !level) {
      return;
    }
    var takeaway = field(prefix, "takeaway");
    var data = new FormData();
    data.append("body", body.value);
    data.append("takeaway", takeaway ? takeaway.value : "");
    data.append("level", level.value);
    var request = (latest[prefix] || 0) + 1;
    latest[prefix] = request;
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (result) {
        if (latest[prefix] === request) {
          show(prefix, result);
        }
      })
      .catch(function () {
        if (latest[prefix] === request) {
          show(prefix, { error: "The checks could not be updated just now; keep typing to retry." });
        }
      });
  }

  function schedule(prefix) {
    window.clearTimeout(timers[prefix]);
    timers[prefix] = window.setTimeout(function () {
      check(prefix);
    }, DELAY_MS);
  }

  function onEdit(event) {
    var prefix = prefixOf(event.target.name);
    if (prefix !== null && prefix.indexOf("__prefix__") === -1) {
      schedule(prefix);
    }
  }

  function checkAll() {
    document.querySelectorAll("textarea[name$='body']").forEach(function (textarea) {
      var prefix = prefixOf(textarea.name);
      if (prefix !== null && textarea.value.trim()) {
        check(prefix);
      }
    });
  }

  function start() {
    // The admin loads this script in the page head: the endpoint is known once parsed.
    var endpoint = document.getElementById("section-checks-endpoint");
    if (!endpoint) {
      return;
    }
    url = endpoint.getAttribute("data-url");
    document.addEventListener("input", onEdit);
    document.addEventListener("change", onEdit);
    checkAll();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
