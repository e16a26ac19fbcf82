/* Small behaviours of the explainer. Runs on every page, also after instant navigation. */
(function () {
  "use strict";

  // Material's search dialog has no accessible name (axe: aria-dialog-name).
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Recherche");
  }

  // On an article page, an anchor "#ev-..." marks where an excerpt starts; the excerpt may be
  // cut into several <mark> (overlapping excerpts): highlight them all.
  function highlightTarget() {
    document.querySelectorAll("mark.rpdc-target").forEach(function (m) { m.classList.remove("rpdc-target"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    document.querySelectorAll("mark[data-refs]").forEach(function (m) {
      if (m.getAttribute("data-refs").split(" ").indexOf(id) >= 0) m.classList.add("rpdc-target");
    });
  }

  // The page-load progress bar of instant navigation has no name (axe: aria-progressbar-name,
  // region): it is decoration, the browser already announces the navigation.
  function quietProgressBar() {
    document.querySelectorAll(".md-progress").forEach(function (el) {
      el.setAttribute("aria-hidden", "true");
      el.setAttribute("aria-label", "Chargement de la page");
    });
  }

  // « Signaler une erreur » opens the correction form with the page's address filled in. The
  // footer is not redrawn by instant navigation: point the link at the page now shown.
  function reportThisPage() {
    document.querySelectorAll("a.rpdc-report").forEach(function (a) {
      var href = a.getAttribute("href") || "";
      var base = href.split("&page=")[0];
      a.setAttribute("href", base + "&page=" + encodeURIComponent(location.href.split("#")[0]));
    });
  }

  // The light / dark toggle (overrides/partials/palette.html): clicking the icon checks the
  // other palette's radio button. rpdcPalette (overrides/main.html, block header) applies it;
  // the choice is saved as Material saves it. Until the reader chooses, the page follows the
  // system's light or dark mode. The header is not redrawn by instant navigation: bound once.
  function paletteToggle() {
    var form = document.querySelector("[data-rpdc-palette]");
    if (!form || form.hasAttribute("data-rpdc-bound") || typeof window.rpdcPalette !== "function") return;
    form.setAttribute("data-rpdc-bound", "");
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
    // each palette's [media, scheme, primary, accent], written at the top of <body> (overrides/main.html)
    var palettes = window.rpdcPalettes || [];
    form.addEventListener("change", function (e) {
      var n = inputs.indexOf(e.target);
      if (n < 0 || !palettes[n]) return;
      window.rpdcPalette(n);
      var c = palettes[n];
      window.__md_set("__palette", { index: n, color: { media: c[0], scheme: c[1], primary: c[2], accent: c[3] } });
    });
    form.addEventListener("keydown", function (e) {  // Enter on the focused option: the next one
      if (e.key !== "Enter") return;
      var n = inputs.indexOf(e.target);
      if (n < 0) return;
      var next = inputs[(n + 1) % inputs.length];
      next.click();
      next.focus();
      e.preventDefault();
    });
    inputs.forEach(function (x, n) {
      if (!palettes[n]) return;
      var query = window.matchMedia(palettes[n][0]);
      var follow = function (e) {
        var saved = window.__md_get("__palette");
        if (e.matches && !(saved && saved.color)) window.rpdcPalette(n);
      };
      if (query.addEventListener) query.addEventListener("change", follow);
    });
  }

  function init() { nameSearchDialog(); quietProgressBar(); highlightTarget(); reportThisPage(); paletteToggle(); }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
  window.addEventListener("hashchange", highlightTarget);
})();
