// Small progressive enhancements for the public site. Everything works without this file.
(function () {
  "use strict";

  var STORAGE_KEY = "disclaimer-banner-dismissed";
  var WIDE_LAYOUT = window.matchMedia("(min-width: 1100px)");

  // The disclaimer banner: show the Dismiss button and remember the dismissed version,
  // so the banner stays hidden on other pages until its text (and version) changes.
  function enhanceBanner() {
    var banner = document.getElementById("disclaimer-banner");
    if (!banner) {
      return;
    }
    var button = banner.querySelector(".disclaimer-banner__close");
    if (!button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      try {
        window.localStorage.setItem(STORAGE_KEY, banner.getAttribute("data-banner-version"));
      } catch (error) {
        // Storage blocked: hide it on this page only.
      }
      document.documentElement.classList.add("banner-dismissed");
      // The button disappears with the banner: move focus to the next thing in the page.
      var next = document.querySelector(".site-header a, #main");
      if (next) {
        next.focus();
      }
    });
  }

  // The table of contents is a <details>: collapsed at the top on small screens, open in
  // its own column on wide ones, where the summary is only a label.
  function enhanceTableOfContents() {
    var details = document.querySelector(".toc__details");
    if (!details) {
      return;
    }
    var summary = details.querySelector("summary");
    function fit() {
      if (WIDE_LAYOUT.matches) {
        details.open = true;
        summary.tabIndex = -1;
      } else {
        summary.removeAttribute("tabindex");
      }
    }
    fit();
    WIDE_LAYOUT.addEventListener("change", fit);
  }

  // Wide Markdown tables scroll sideways; make those reachable by keyboard.
  function enhanceWideTables() {
    var tables = document.querySelectorAll(".prose table");
    function mark() {
      tables.forEach(function (table) {
        if (table.scrollWidth > table.clientWidth + 1) {
          table.tabIndex = 0;
        } else {
          table.removeAttribute("tabindex");
        }
      });
    }
    if (tables.length) {
      mark();
      window.addEventListener("resize", mark);
    }
  }

  enhanceBanner();
  enhanceTableOfContents();
  enhanceWideTables();
})();
