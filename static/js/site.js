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

  // The contents list follows the reader: the link to the section being read carries
  // aria-current="location" (and on wide screens is scrolled into view inside the list, which
  // scrolls on its own when taller than the window). On narrow screens, where the list is a
  // compact control that stays at the top of the screen, choosing a link closes it.
  function followReading() {
    var contents = document.querySelector(".toc");
    if (!contents) {
      return;
    }
    var details = contents.querySelector(".toc__details");
    var linksById = {};
    contents.querySelectorAll('a[href^="#"]').forEach(function (link) {
      var id = decodeURIComponent(link.getAttribute("href").slice(1));
      // A level's link points at its first section: the section's own link wins.
      if (!linksById[id] || !link.classList.contains("toc__level-link")) {
        linksById[id] = link;
      }
    });
    var targets = Object.keys(linksById)
      .map(function (id) {
        return document.getElementById(id);
      })
      .filter(Boolean);
    if (!targets.length) {
      return;
    }
    var current = null;
    var pending = false;

    function mark() {
      pending = false;
      // The section whose top has passed a line a quarter of the way down the window.
      var line = window.innerHeight / 4;
      var reading = null;
      for (var index = 0; index < targets.length; index += 1) {
        if (targets[index].getBoundingClientRect().top <= line) {
          reading = targets[index];
        } else {
          break;
        }
      }
      var link = reading ? linksById[reading.id] : null;
      if (link === current) {
        return;
      }
      if (current) {
        current.removeAttribute("aria-current");
      }
      current = link;
      if (!link) {
        return;
      }
      link.setAttribute("aria-current", "location");
      if (contents.scrollHeight > contents.clientHeight) {
        var box = contents.getBoundingClientRect();
        var linkBox = link.getBoundingClientRect();
        if (linkBox.top < box.top || linkBox.bottom > box.bottom) {
          contents.scrollTop += linkBox.top - box.top - box.height / 3;
        }
      }
    }

    function schedule() {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(mark);
      }
    }

    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    mark();

    if (details) {
      contents.addEventListener("click", function (event) {
        if (!WIDE_LAYOUT.matches && event.target.closest('a[href^="#"]')) {
          details.open = false;
        }
      });
    }
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
  followReading();
  enhanceWideTables();
})();
