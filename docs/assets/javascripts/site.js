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

  function init() { nameSearchDialog(); quietProgressBar(); highlightTarget(); reportThisPage(); }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
  window.addEventListener("hashchange", highlightTarget);
})();
