// Glossary popovers: a term's short definition on hover and on keyboard focus.
//
// The linker marks terms as <a class="glossary-term" href="/glossary/slug/"
// data-definition="...">. Without this file they are plain links to the term pages.
// With it, each term link gets its own tooltip (role="tooltip", tied to the link with
// aria-describedby, so screen readers announce the definition with the link):
// - hovering or focusing the link shows it below the term (above when there is no room
//   below), inside the viewport; the pointer can move onto it without it closing;
//   Escape, moving away or leaving the link closes it;
// - on narrow screens it is a sheet along the bottom of the screen, or the top when the
//   term is in the lower half, so it never covers the line being read; there the first
//   tap on a term opens it and a second tap follows the link.
(function () {
  "use strict";

  var links = document.querySelectorAll("a.glossary-term[data-definition]");
  if (!links.length) {
    return;
  }

  var NARROW = window.matchMedia("(max-width: 40rem)");
  var GAP = 8;
  var HIDE_DELAY = 200;

  var current = null; // the link whose tooltip is open
  var hideTimer = null;
  var lastPointerType = "";
  var tapOnOpenTerm = false; // whether the current tap began on the term already open

  function makeTooltip(link, index) {
    var tooltip = document.createElement("div");
    tooltip.className = "glossary-popover";
    tooltip.id = "glossary-popover-" + index;
    tooltip.setAttribute("role", "tooltip");
    tooltip.hidden = true;
    var definition = document.createElement("p");
    definition.className = "glossary-popover__definition";
    definition.textContent = link.getAttribute("data-definition");
    tooltip.appendChild(definition);
    tooltip.addEventListener("pointerenter", function () {
      window.clearTimeout(hideTimer);
    });
    tooltip.addEventListener("pointerleave", hideSoon);
    document.body.appendChild(tooltip);
    link.setAttribute("aria-describedby", tooltip.id);
    return tooltip;
  }

  function tooltipOf(link) {
    return document.getElementById(link.getAttribute("aria-describedby"));
  }

  // On a sheet, far from the term, name the term and say how to open its page.
  function setSheetExtras(tooltip, link, onSheet) {
    Array.prototype.forEach.call(tooltip.querySelectorAll(".glossary-popover__extra"), function (
      extra
    ) {
      extra.remove();
    });
    if (!onSheet) {
      return;
    }
    var name = document.createElement("p");
    name.className = "glossary-popover__extra glossary-popover__term";
    name.textContent = link.textContent;
    tooltip.insertBefore(name, tooltip.firstChild);
    if (lastPointerType === "touch") {
      var hint = document.createElement("p");
      hint.className = "glossary-popover__extra glossary-popover__hint";
      hint.textContent = "Tap the term again to read more.";
      tooltip.appendChild(hint);
    }
  }

  function place(link, tooltip) {
    var rect = link.getBoundingClientRect();
    if (NARROW.matches) {
      tooltip.classList.add("glossary-popover--sheet");
      tooltip.classList.toggle("glossary-popover--top", rect.top > window.innerHeight / 2);
      tooltip.style.left = "";
      tooltip.style.top = "";
      return;
    }
    tooltip.classList.remove("glossary-popover--sheet", "glossary-popover--top");
    var viewportWidth = document.documentElement.clientWidth;
    var width = tooltip.offsetWidth;
    var height = tooltip.offsetHeight;
    var left = Math.max(GAP, Math.min(rect.left, viewportWidth - width - GAP));
    var top = rect.bottom + GAP;
    if (top + height > window.innerHeight && rect.top - GAP - height >= 0) {
      top = rect.top - GAP - height;
    }
    tooltip.style.left = left + window.scrollX + "px";
    tooltip.style.top = top + window.scrollY + "px";
  }

  function show(link) {
    window.clearTimeout(hideTimer);
    if (current && current !== link) {
      hide();
    }
    var tooltip = tooltipOf(link);
    current = link;
    setSheetExtras(tooltip, link, NARROW.matches);
    tooltip.hidden = false;
    place(link, tooltip);
  }

  function hide() {
    window.clearTimeout(hideTimer);
    if (current) {
      tooltipOf(current).hidden = true;
    }
    current = null;
  }

  function hideSoon() {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hide, HIDE_DELAY);
  }

  Array.prototype.forEach.call(links, function (link, index) {
    makeTooltip(link, index);
    link.addEventListener("pointerdown", function (event) {
      lastPointerType = event.pointerType;
      tapOnOpenTerm = event.pointerType === "touch" && current === link;
    });
    link.addEventListener("pointerenter", function (event) {
      if (event.pointerType !== "touch") {
        lastPointerType = event.pointerType;
        show(link);
      }
    });
    link.addEventListener("pointerleave", function (event) {
      if (event.pointerType !== "touch" && link !== document.activeElement) {
        hideSoon();
      }
    });
    link.addEventListener("focus", function () {
      show(link);
    });
    link.addEventListener("blur", function () {
      if (current === link && lastPointerType !== "touch") {
        hideSoon();
      }
    });
    link.addEventListener("click", function (event) {
      // On touch screens the first tap shows the definition; a second tap follows the link.
      if (lastPointerType === "touch" && !tapOnOpenTerm) {
        event.preventDefault();
        show(link);
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) {
      hide();
    }
  });
  document.addEventListener("pointerdown", function (event) {
    if (current && event.target !== current && !tooltipOf(current).contains(event.target)) {
      hide();
    }
  });
  function replace() {
    if (current) {
      place(current, tooltipOf(current));
    }
  }
  window.addEventListener("resize", replace);
  window.addEventListener("scroll", replace, { passive: true });
})();
