// Runs in <head> before the page is painted (a blocking script, no inline code under our CSP):
// if the reader dismissed this version of the disclaimer banner, hide it from the first paint
// instead of showing it and then removing it. The hiding rule is screen-only, so it still prints.
(function () {
  "use strict";
  var root = document.documentElement;
  var version = root.getAttribute("data-banner-version");
  try {
    if (version && window.localStorage.getItem("disclaimer-banner-dismissed") === version) {
      root.classList.add("banner-dismissed");
    }
  } catch (error) {
    // Storage blocked (private mode, cookies off): the banner simply shows.
  }
})();
