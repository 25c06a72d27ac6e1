/*
 * The article form's writing surface (progressive enhancement; the form works without it).
 *
 * - Each section's body gets a toolbar (heading, bold, italic, link, list, table, cite,
 *   glossary terms) and a live preview rendered by the site's own pipeline (the
 *   section-preview endpoint), shown in a frame with the public stylesheet.
 * - A citation picker searches references by author, title, year or key and inserts [@key];
 *   a term panel shows which glossary terms the section links.
 * - Sections move up and down with buttons (the keyboard way to order them; dragging is
 *   django-nested-admin's), and their positions are filled in.
 * - Tags are edited as tokens with suggestions from the existing tags; only commas separate.
 * - What is typed is kept on the server every AUTOSAVE seconds (a copy, not a save), and
 *   leaving the page with unsaved changes asks first.
 *
 * No inline script or style anywhere (the admin runs under a strict Content-Security-Policy).
 */
(function () {
  "use strict";

  var form = document.querySelector("form.article-editor-form");
  if (!form) {
    return;
  }
  var config = form.dataset;
  var csrfInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  var live = document.createElement("p");
  live.className = "visually-hidden";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  form.appendChild(live);

  function announce(text) {
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      var args = arguments;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { fn.apply(null, args); }, wait);
    };
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "className") {
        node.className = attributes[name];
      } else {
        node.setAttribute(name, attributes[name]);
      }
    });
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      });
  }

  function postForm(url, data) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfInput ? csrfInput.value : "", Accept: "application/json" },
      body: data,
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    });
  }

  // Text editing helpers ------------------------------------------------------------------

  function replaceSelection(textarea, before, after, placeholder) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var value = textarea.value;
    var selected = value.slice(start, end) || placeholder || "";
    textarea.value = value.slice(0, start) + before + selected + after + value.slice(end);
    textarea.focus();
    textarea.setSelectionRange(start + before.length, start + before.length + selected.length);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function prefixLines(textarea, prefix) {
    var value = textarea.value;
    var start = value.lastIndexOf("\n", textarea.selectionStart - 1) + 1;
    var end = textarea.selectionEnd;
    var lines = value.slice(start, end).split("\n").map(function (line) {
      return line.indexOf(prefix) === 0 ? line : prefix + line;
    });
    var replaced = lines.join("\n");
    textarea.value = value.slice(0, start) + replaced + value.slice(end);
    textarea.focus();
    textarea.setSelectionRange(start, start + replaced.length);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function insertText(textarea, text, caret) {
    var position = caret === undefined ? textarea.selectionStart : caret;
    var value = textarea.value;
    textarea.value = value.slice(0, position) + text + value.slice(position);
    textarea.focus();
    textarea.setSelectionRange(position + text.length, position + text.length);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  var TABLE = "\n\nTable: What the table shows\n\n| Column | Column |\n|---|---|\n|  |  |\n";

  var TOOLS = [
    { name: "Heading", run: function (t) { prefixLines(t, "### "); } },
    { name: "Bold", run: function (t) { replaceSelection(t, "**", "**", "bold text"); } },
    { name: "Italic", run: function (t) { replaceSelection(t, "*", "*", "italic text"); } },
    {
      name: "Link",
      run: function (t) {
        var start = t.selectionStart;
        var label = t.value.slice(start, t.selectionEnd) || "link text";
        replaceSelection(t, "[", "](https://)", label);
        var url = start + label.length + 3;
        t.setSelectionRange(url, url + 8);
      },
    },
    { name: "List", run: function (t) { prefixLines(t, "- "); } },
    { name: "Table", run: function (t) { insertText(t, TABLE); } },
    { name: "Cite a source", run: function (t) { openCitationPicker(t); } },
    { name: "Glossary terms", run: function (t) { openTermPanel(t); } },
  ];

  // Dialogs: the citation picker and the term panel ---------------------------------------

  function makeDialog(id, title) {
    var dialog = el("dialog", { id: id, className: "editor-dialog", "aria-labelledby": id + "-title" });
    var header = el("div", { className: "editor-dialog__header" });
    header.appendChild(el("h2", { id: id + "-title" }, title));
    var close = el("button", { type: "button", className: "button editor-dialog__close" }, "Close");
    close.addEventListener("click", function () { dialog.close(); });
    header.appendChild(close);
    dialog.appendChild(header);
    // Content goes before this marker (dialog.lastChild), after the header.
    dialog.appendChild(el("span", { className: "editor-dialog__end" }));
    document.body.appendChild(dialog);
    return dialog;
  }

  var citationDialog = null;
  var citationTarget = null;
  var citationCaret = 0;

  function openCitationPicker(textarea) {
    citationTarget = textarea;
    citationCaret = textarea.selectionEnd;
    if (!citationDialog) {
      citationDialog = makeDialog("citation-picker", "Cite a source");
      var label = el("label", { for: "citation-search" }, "Author, title, year or key");
      var input = el("input", { type: "search", id: "citation-search", autocomplete: "off" });
      var results = el("ul", { className: "picker-results", id: "citation-results" });
      var status = el("p", { className: "picker-status", role: "status" });
      citationDialog.insertBefore(results, citationDialog.lastChild);
      citationDialog.insertBefore(status, results);
      citationDialog.insertBefore(input, status);
      citationDialog.insertBefore(label, input);
      var search = debounce(function () {
        getJSON(config.referencePickerUrl + "?q=" + encodeURIComponent(input.value)).then(function (data) {
          results.textContent = "";
          status.textContent = data.results.length ? data.results.length + " found" : "No reference matches. Add it under References first.";
          data.results.forEach(function (reference) {
            var item = el("li");
            var button = el("button", { type: "button", className: "picker-choice", "data-citation": reference.citation });
            button.appendChild(el("code", {}, reference.citation));
            button.appendChild(document.createTextNode(" " + reference.label));
            button.addEventListener("click", function () {
              citationDialog.close();
              insertText(citationTarget, reference.citation, citationCaret);
              announce("Inserted " + reference.citation);
            });
            item.appendChild(button);
            results.appendChild(item);
          });
        }).catch(function () { status.textContent = "The references could not be searched. Try again."; });
      }, 250);
      input.addEventListener("input", search);
      citationDialog.searchNow = search;
    }
    citationDialog.showModal();
    var field = citationDialog.querySelector("#citation-search");
    field.focus();
    citationDialog.searchNow();
  }

  var termDialog = null;

  function openTermPanel(textarea) {
    var editor = textarea.editorState;
    if (!termDialog) {
      termDialog = makeDialog("term-panel", "Glossary terms");
      termDialog.insertBefore(el("p", { className: "term-panel__linked", role: "status" }), termDialog.lastChild);
      termDialog.insertBefore(el("ul", { className: "picker-results term-panel__list" }), termDialog.lastChild);
      var label = el("label", { for: "term-search" }, "Is a word in the glossary?");
      var input = el("input", { type: "search", id: "term-search", autocomplete: "off" });
      var found = el("ul", { className: "picker-results term-panel__found" });
      termDialog.insertBefore(label, termDialog.lastChild);
      termDialog.insertBefore(input, termDialog.lastChild);
      termDialog.insertBefore(found, termDialog.lastChild);
      input.addEventListener("input", debounce(function () {
        if (!input.value.trim()) { found.textContent = ""; return; }
        getJSON(config.termPickerUrl + "?q=" + encodeURIComponent(input.value)).then(function (data) {
          renderTerms(found, data.results, "No glossary term has this name or alias.");
        });
      }, 250));
    }
    var linked = termDialog.querySelector(".term-panel__linked");
    var list = termDialog.querySelector(".term-panel__list");
    var ids = (editor && editor.termIds) || [];
    linked.textContent = ids.length
      ? "This section links " + ids.length + " glossary term" + (ids.length === 1 ? "" : "s") + " (the first mention of each, across the article, becomes a link):"
      : "This section links no glossary term yet. Terms link by themselves where their name or an alias is mentioned.";
    list.textContent = "";
    if (ids.length) {
      getJSON(config.termPickerUrl + "?ids=" + ids.join(",")).then(function (data) {
        renderTerms(list, data.results, "");
      });
    }
    termDialog.showModal();
    termDialog.querySelector("#term-search").focus();
  }

  function renderTerms(list, terms, empty) {
    list.textContent = "";
    if (!terms.length && empty) {
      list.appendChild(el("li", {}, empty));
    }
    terms.forEach(function (term) {
      var item = el("li");
      var name = el("a", { href: term.url, target: "_blank", rel: "noopener" }, term.name);
      item.appendChild(name);
      var detail = (term.aliases.length ? " (also " + term.aliases.join(", ") + ")" : "") + ": " + term.definition;
      item.appendChild(document.createTextNode(detail + (term.published ? "" : " Not published: it does not link yet.")));
      list.appendChild(item);
    });
  }

  // Sections: toolbar, live preview, moving ----------------------------------------------

  var SECTION_NAME = /^sections-(\d+)-body$/;

  function sectionField(row, name) {
    return row.querySelector("[name$='-" + name + "'][name^='" + row.id + "-']");
  }

  function enhanceSection(row) {
    if (row.dataset.editorReady || !/^sections-\d+$/.test(row.id)) {
      return;
    }
    var body = row.querySelector("textarea[name='" + row.id + "-body']");
    if (!body || !SECTION_NAME.test(body.name)) {
      return;
    }
    row.dataset.editorReady = "1";
    var state = { termIds: [] };
    body.editorState = state;

    var toolbar = el("div", { className: "markdown-toolbar", role: "toolbar", "aria-label": "Format the body of this section", "aria-controls": body.id });
    TOOLS.forEach(function (tool) {
      var button = el("button", { type: "button", className: "markdown-toolbar__button" }, tool.name);
      button.addEventListener("click", function () { tool.run(body); });
      toolbar.appendChild(button);
    });
    body.parentNode.insertBefore(toolbar, body);

    var pane = el("div", { className: "section-preview" });
    pane.appendChild(el("p", { className: "section-preview__label" }, "Preview, as readers will see it"));
    var frame = el("iframe", { className: "section-preview__frame", title: "Preview of this section", loading: "lazy" });
    pane.appendChild(frame);
    var problems = el("ul", { className: "section-preview__problems", "aria-live": "polite" });
    pane.appendChild(problems);
    var fieldRow = body.closest(".form-row") || body.parentNode;
    var takeawayRow = row.querySelector(".form-row.field-takeaway");
    (takeawayRow || fieldRow).insertAdjacentElement("afterend", pane);

    var update = debounce(function () { renderPreview(row, body, frame, problems, state); }, 500);
    ["body", "takeaway", "heading", "level"].forEach(function (name) {
      var field = sectionField(row, name);
      if (field) {
        field.addEventListener("input", update);
        field.addEventListener("change", update);
      }
    });
    renderPreview(row, body, frame, problems, state);

    var header = row.querySelector("h3");
    if (header) {
      var moves = el("span", { className: "section-moves" });
      [["Move up", -1], ["Move down", 1]].forEach(function (move) {
        var button = el("button", { type: "button", className: "button section-move" }, move[0]);
        button.addEventListener("click", function (event) {
          event.stopPropagation();
          moveSection(row, move[1], button);
        });
        button.addEventListener("mousedown", function (event) { event.stopPropagation(); });
        moves.appendChild(button);
      });
      header.appendChild(moves);
    }
  }

  function previewDocument(html) {
    var links = (config.previewStylesheets || "").split(" ").filter(Boolean).map(function (href) {
      return "<link rel=\"stylesheet\" href=\"" + href + "\">";
    }).join("");
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">" + links + "</head>" +
      "<body class=\"section-preview-body\"><main class=\"article-body\">" + html + "</main></body></html>";
  }

  function renderPreview(row, body, frame, problems, state) {
    var data = new FormData();
    ["heading", "level", "takeaway"].forEach(function (name) {
      var field = sectionField(row, name);
      data.append(name, field ? field.value : "");
    });
    data.append("body", body.value);
    postForm(config.sectionPreviewUrl, data).then(function (result) {
      state.termIds = result.term_ids;
      frame.srcdoc = previewDocument(result.html);
      problems.textContent = "";
      result.problems.forEach(function (problem) {
        problems.appendChild(el("li", {}, problem));
      });
      body.dispatchEvent(new CustomEvent("article-editor:preview", { bubbles: true, detail: result }));
    }).catch(function () {
      problems.textContent = "";
      problems.appendChild(el("li", {}, "The preview could not be updated. Your text is safe in the form."));
    });
  }

  function fitFrame(frame) {
    try {
      var doc = frame.contentDocument;
      if (doc && doc.body) {
        frame.style.height = Math.max(120, doc.documentElement.scrollHeight + 4) + "px";
      }
    } catch (error) {
      // A frame that is not ours: keep its height.
    }
  }

  document.addEventListener("load", function (event) {
    if (event.target && event.target.classList && event.target.classList.contains("section-preview__frame")) {
      fitFrame(event.target);
      var doc = event.target.contentDocument;
      if (doc) {
        doc.querySelectorAll("img").forEach(function (image) {
          image.addEventListener("load", function () { fitFrame(event.target); });
        });
      }
    }
  }, true);

  function sectionRows() {
    return Array.prototype.filter.call(
      document.querySelectorAll("#sections-group .djn-items > .djn-inline-form"),
      function (row) { return /^sections-\d+$/.test(row.id); }
    );
  }

  function renumber() {
    sectionRows().forEach(function (row, index) {
      var position = row.querySelector("input[name='" + row.id + "-position']");
      if (position && position.value !== String(index)) {
        position.value = String(index);
        position.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  function moveSection(row, direction, button) {
    var rows = sectionRows();
    var index = rows.indexOf(row);
    var target = rows[index + direction];
    if (!target) {
      announce(direction < 0 ? "This is already the first section." : "This is already the last section.");
      return;
    }
    if (direction < 0) {
      target.parentNode.insertBefore(row, target);
    } else {
      target.parentNode.insertBefore(row, target.nextSibling);
    }
    renumber();
    button.focus();
    var heading = sectionField(row, "heading");
    announce("Moved “" + (heading ? heading.value : "section") + "” to place " + (index + direction + 1) + " of " + rows.length + ".");
    markDirty();
  }

  function enhanceSections() {
    sectionRows().forEach(enhanceSection);
  }

  // Tags as tokens --------------------------------------------------------------------------

  function enhanceTags() {
    var input = form.querySelector("input#id_tags");
    if (!input || input.dataset.editorReady) {
      return;
    }
    input.dataset.editorReady = "1";
    var names = splitTags(input.value);
    var box = el("div", { className: "tag-tokens" });
    var list = el("ul", { className: "tag-tokens__list", "aria-label": "Tags" });
    var typing = el("input", {
      type: "text",
      className: "tag-tokens__input",
      id: "id_tags_typing",
      role: "combobox",
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": "tag-suggestions",
      "aria-describedby": input.getAttribute("aria-describedby") || "",
      autocomplete: "off",
    });
    var suggestions = el("ul", { id: "tag-suggestions", className: "tag-tokens__suggestions", role: "listbox", "aria-label": "Existing tags" });
    suggestions.hidden = true;
    box.appendChild(list);
    box.appendChild(typing);
    box.appendChild(suggestions);
    input.type = "hidden";
    input.insertAdjacentElement("afterend", box);
    var label = form.querySelector("label[for='id_tags']");
    if (label) {
      label.setAttribute("for", "id_tags_typing");
    }
    var active = -1;

    function sync() {
      input.value = names.join(", ");
      list.textContent = "";
      names.forEach(function (name, index) {
        var item = el("li", { className: "tag-token" });
        item.appendChild(el("span", {}, name));
        var remove = el("button", { type: "button", className: "tag-token__remove", "aria-label": "Remove the tag " + name }, "×");
        remove.addEventListener("click", function () {
          names.splice(index, 1);
          sync();
          markDirty();
          typing.focus();
          announce("Removed the tag " + name);
        });
        item.appendChild(remove);
        list.appendChild(item);
      });
    }

    function add(text) {
      splitTags(text).forEach(function (name) {
        var exists = names.some(function (other) { return other.toLowerCase() === name.toLowerCase(); });
        if (!exists) {
          names.push(name);
          announce("Added the tag " + name);
        }
      });
      typing.value = "";
      hideSuggestions();
      sync();
      markDirty();
    }

    function hideSuggestions() {
      suggestions.hidden = true;
      suggestions.textContent = "";
      typing.setAttribute("aria-expanded", "false");
      typing.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = suggestions.querySelectorAll("[role=option]");
      if (!options.length) { return; }
      active = (index + options.length) % options.length;
      options.forEach(function (option, number) {
        option.setAttribute("aria-selected", number === active ? "true" : "false");
      });
      typing.setAttribute("aria-activedescendant", options[active].id);
    }

    var suggest = debounce(function () {
      var text = typing.value.trim();
      if (!text) { hideSuggestions(); return; }
      getJSON(config.tagPickerUrl + "?q=" + encodeURIComponent(text)).then(function (data) {
        suggestions.textContent = "";
        var shown = data.results.filter(function (tag) {
          return !names.some(function (name) { return name.toLowerCase() === tag.name.toLowerCase(); });
        });
        shown.forEach(function (tag, index) {
          var option = el("li", { role: "option", id: "tag-suggestion-" + index, className: "tag-tokens__suggestion", "aria-selected": "false" }, tag.name);
          option.addEventListener("mousedown", function (event) {
            event.preventDefault();
            add(tag.name);
          });
          suggestions.appendChild(option);
        });
        suggestions.hidden = !shown.length;
        typing.setAttribute("aria-expanded", shown.length ? "true" : "false");
        active = -1;
      });
    }, 200);

    typing.addEventListener("input", function () {
      if (typing.value.indexOf(",") !== -1) {
        add(typing.value);
        return;
      }
      suggest();
    });
    typing.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter") {
        event.preventDefault();
        var options = suggestions.querySelectorAll("[role=option]");
        if (active >= 0 && options[active]) {
          add(options[active].textContent);
        } else if (typing.value.trim()) {
          add(typing.value);
        }
      } else if (event.key === "Escape") {
        hideSuggestions();
      } else if (event.key === "Backspace" && !typing.value && names.length) {
        var removed = names.pop();
        sync();
        markDirty();
        announce("Removed the tag " + removed);
      }
    });
    typing.addEventListener("blur", function () {
      if (typing.value.trim()) { add(typing.value); }
      window.setTimeout(hideSuggestions, 100);
    });
    sync();
  }

  function splitTags(text) {
    return text.split(",").map(function (part) {
      return part.replace(/^[\s"'“”‘’]+|[\s"'“”‘’]+$/g, "").replace(/\s+/g, " ");
    }).filter(Boolean);
  }

  // Unsaved changes: autosave and the warning before leaving -------------------------------

  var dirty = false;
  var changedSinceAutosave = false;
  var submitting = false;

  function markDirty() {
    dirty = true;
    changedSinceAutosave = true;
  }

  form.addEventListener("input", markDirty);
  form.addEventListener("change", markDirty);
  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting) {
      if (config.autosaveUrl) { autosave(true); }
      event.preventDefault();
      event.returnValue = "";
    }
  });

  var status = form.querySelector(".autosave-status");

  function autosaveData() {
    var data = new FormData(form);
    form.querySelectorAll("input[type=file]").forEach(function (input) { data.delete(input.name); });
    data.delete("_save");
    data.delete("_continue");
    return data;
  }

  function autosave(leaving) {
    if (!config.autosaveUrl || !changedSinceAutosave || submitting) {
      return;
    }
    changedSinceAutosave = false;
    var data = autosaveData();
    if (leaving && navigator.sendBeacon) {
      navigator.sendBeacon(config.autosaveUrl, data);
      return;
    }
    postForm(config.autosaveUrl, data).then(function (result) {
      if (status) { status.textContent = result.message; }
    }).catch(function () {
      changedSinceAutosave = true;
      if (status) { status.textContent = "A copy of what you typed could not be kept just now; it will be tried again."; }
    });
  }

  if (config.autosaveUrl) {
    var seconds = Math.max(1, parseInt(config.autosaveSeconds, 10) || 30);
    window.setInterval(function () { autosave(false); }, seconds * 1000);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { autosave(true); }
    });
  }

  // Start, and follow rows added later ------------------------------------------------------

  enhanceSections();
  enhanceTags();
  document.addEventListener("formset:added", function () { window.setTimeout(enhanceSections, 0); });
  var group = document.getElementById("sections-group");
  if (group && window.MutationObserver) {
    new MutationObserver(debounce(enhanceSections, 50)).observe(group, { childList: true, subtree: true });
  }
  window.articleEditor = { autosaveNow: function () { changedSinceAutosave = true; autosave(false); } };
})();
