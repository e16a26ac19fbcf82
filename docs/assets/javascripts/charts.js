/*
 * charts.js: makes the site's charts interactive (figures made by build_scripts/site/charts).
 *
 * A chart is a <figure class="rpdc-chart"> written by build_scripts.site.charts.html_block: the
 * chart is already in the page as SVG (drawn at build time, readable without any script), with
 * data-chart-src (its Plotly figure JSON) and data-plotly-src (the site's own plotly.js bundle).
 * - Tapping or clicking a mark that stands for a fact (data-ref) shows the fact in a panel under
 *   the chart, with a link to its card: no jump down the page. This needs no plotly.js.
 * - plotly.js (~400 KB) is loaded once, by a script element, only when a chart is near the
 *   viewport and the reader has done something on the page (scroll, touch, pointer, key):
 *   nothing but this file runs before the first interaction. The Plotly chart is drawn over the
 *   SVG, at the SVG's height, and the SVG is then hidden but keeps its place: nothing moves.
 * - Works with Material's instant navigation: it runs on every page swap (document$), and
 *   releases the charts of the page left (Plotly.purge).
 * - French locale (month names, decimal comma); colours follow the light/dark palette
 *   (data-md-color-scheme on <body>), with the swaps listed in layout.meta.themes.
 * - The range buttons (e.g. "2023–2024" / "Tout") are real <button>s, reachable by keyboard.
 */
(function () {
  "use strict";

  var LOCALE = {
    moduleType: "locale",
    name: "fr",
    dictionary: {
      "Autoscale": "Échelle automatique", "Download plot as a PNG": "Télécharger le graphique (PNG)",
      "Download plot": "Télécharger le graphique", "Pan": "Déplacer", "Reset axes": "Réinitialiser les axes",
      "Zoom": "Zoom", "Zoom in": "Zoom avant", "Zoom out": "Zoom arrière",
      "Double-click to zoom back out": "Double-cliquer pour dézoomer", "trace": "série"
    },
    format: {
      days: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
      shortDays: ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
      months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre"],
      shortMonths: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
        "nov.", "déc."],
      date: "%d/%m/%Y",
      decimal: ",",
      thousands: "\u202f",
      year: "%Y",
      month: "%b %Y",
      dayMonth: "%-d %b",
      dayMonthYear: "%-d %b %Y"
    }
  };
  var CONFIG = {
    locale: "fr", displaylogo: false, responsive: true, displayModeBar: false,
    scrollZoom: false, doubleClick: false, showTips: false
  };

  var plotlyPromise = null;
  var INTERACTIONS = ["scroll", "wheel", "pointerdown", "pointermove", "touchstart", "keydown"];
  var interacted = false;
  var waiting = [];     // charts in view, drawn at the reader's first interaction
  var live = [];        // {gd, fig, figure element} of drawn charts
  var observer = null;  // IntersectionObserver of the current page

  function scheme() {
    return document.body && document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
  }

  function loadPlotly(src) {
    if (window.Plotly && window.Plotly.newPlot) { return Promise.resolve(window.Plotly); }
    if (!plotlyPromise) {
      plotlyPromise = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        s.async = true;
        s.onload = function () {
          if (!window.Plotly || !window.Plotly.newPlot) {
            plotlyPromise = null;  // let the next chart try again
            reject(new Error("plotly.js did not load: " + src));
            return;
          }
          window.Plotly.register(LOCALE);
          resolve(window.Plotly);
        };
        s.onerror = function () { plotlyPromise = null; reject(new Error("plotly.js could not be fetched: " + src)); };
        document.head.appendChild(s);
      });
    }
    return plotlyPromise;
  }

  // The figure for the current palette: every light colour replaced by its dark twin.
  function themed(fig) {
    var copy = JSON.parse(JSON.stringify(fig));
    var themes = (copy.layout.meta || {}).themes;
    if (!themes || scheme() === "light") { return copy; }
    var swap = {}, k;
    for (k in themes.dark.swap) { swap[k] = themes.dark.swap[k]; }
    ["font", "grid", "line", "hover"].forEach(function (key) { swap[themes.light[key]] = themes.dark[key]; });
    function walk(node) {
      if (Array.isArray(node)) {
        for (var i = 0; i < node.length; i++) {
          if (typeof node[i] === "string" && swap[node[i]]) { node[i] = swap[node[i]]; } else if (node[i] && typeof node[i] === "object") { walk(node[i]); }
        }
      } else {
        for (var key in node) {
          if (key === "meta") { continue; }
          var v = node[key];
          if (typeof v === "string" && swap[v]) { node[key] = swap[v]; } else if (v && typeof v === "object") { walk(v); }
        }
      }
    }
    walk(copy.data);
    walk(copy.layout);
    return copy;
  }

  function fail(box, err) {
    // The drawing made at build time stays: the chart is still there, without interaction.
    var live = box.querySelector(".rpdc-chart__live");
    if (live) { live.remove(); }
    console.error("chart " + box.getAttribute("data-chart-id") + ": " + (err && err.message ? err.message : err));
  }

  function onInteraction(ev) {
    if (interacted) { return; }
    // Only the reader scrolling the page counts: Material scrolls its sidebar to the current
    // page by itself (a scroll event on an element, seen here in the capture phase).
    if (ev && ev.type === "scroll" && ev.target !== document && ev.target !== document.documentElement &&
        ev.target !== document.scrollingElement && ev.target !== window) { return; }
    interacted = true;
    INTERACTIONS.forEach(function (t) { window.removeEventListener(t, onInteraction, true); });
    var boxes = waiting;
    waiting = [];
    boxes.forEach(draw);
  }

  function whenAsked(box) {
    if (interacted) { draw(box); return; }
    waiting.push(box);
  }

  // The fact behind a mark, in a panel under the chart (created on the first tap).
  function showFact(box, ref) {
    if (!ref) { return; }
    var g = box.querySelector('.rpdc-svg__mark[data-ref="' + (window.CSS && CSS.escape ? CSS.escape(ref) : ref) + '"]');
    var mark = g && g.querySelector("title");
    var panel = box.querySelector(".rpdc-chart__panel");
    if (!panel) {
      panel = document.createElement("div");
      panel.className = "rpdc-chart__panel";
      panel.setAttribute("role", "status");
      box.querySelector(".rpdc-chart__plot").insertAdjacentElement("afterend", panel);
    }
    panel.textContent = "";
    var lines = mark ? mark.textContent.split("\n") : [];
    lines.forEach(function (line, i) {
      var p = document.createElement("p");
      p.textContent = line;
      if (i === 0) { p.className = "rpdc-chart__panel-title"; }
      panel.appendChild(p);
    });
    var click = (g && g.getAttribute("data-page")) || box.getAttribute("data-chart-click");
    if (click) {
      var a = document.createElement("a");
      a.href = new URL(click, box.getAttribute("data-site-root")).href.split("#")[0] + "#" + encodeURIComponent(ref);
      a.textContent = "Lire la fiche";
      panel.appendChild(a);
    }
  }

  function onMarkClick(ev) {
    var g = ev.target && ev.target.closest ? ev.target.closest(".rpdc-svg__mark[data-ref]") : null;
    if (!g) { return; }
    showFact(g.closest(".rpdc-chart"), g.getAttribute("data-ref"));
  }

  function rangeButtons(box, gd, ranges) {
    if (!ranges || ranges.length < 2 || box.querySelector(".rpdc-chart__ranges")) { return; }
    var bar = document.createElement("div");
    bar.className = "rpdc-chart__ranges";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Période affichée");
    ranges.forEach(function (r, i) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "md-button rpdc-chart__range";
      b.textContent = r.label;
      b.setAttribute("aria-pressed", i === 0 ? "true" : "false");
      b.addEventListener("click", function () {
        window.Plotly.relayout(gd, { "xaxis.range": r.range.slice() });
        bar.querySelectorAll("button").forEach(function (o) { o.setAttribute("aria-pressed", o === b ? "true" : "false"); });
      });
      bar.appendChild(b);
    });
    box.insertBefore(bar, box.querySelector(".rpdc-chart__plot"));
  }

  // The page's relative addresses, made absolute while the page is the current one:
  // with instant navigation, a chart drawn later must not resolve them against the
  // address of the page the reader has moved to.
  var URL_ATTRS = ["data-chart-src", "data-plotly-src", "data-site-root"];

  function anchorUrls(box) {
    URL_ATTRS.forEach(function (name) {
      var value = box.getAttribute(name);
      if (value !== null) { box.setAttribute(name, new URL(value, document.baseURI).href); }
    });
  }

  function draw(box) {
    var plot = box.querySelector(".rpdc-chart__plot");
    if (!plot || box.getAttribute("data-chart-state") || !document.body.contains(box)) { return; }
    box.setAttribute("data-chart-state", "loading");
    var figReq = fetch(box.getAttribute("data-chart-src"), { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error("figure " + r.url + ": HTTP " + r.status); }
      return r.json();
    });
    Promise.all([loadPlotly(box.getAttribute("data-plotly-src")), figReq]).then(function (got) {
      var Plotly = got[0], fig = got[1];
      if (!document.body.contains(plot)) { return null; }  // the reader has left the page
      delete fig._generated;
      var gd = document.createElement("div");
      gd.className = "rpdc-chart__live";
      plot.appendChild(gd);
      // The Plotly chart takes the place of the drawing, at its height: nothing below moves.
      fig.layout.height = Math.round(plot.getBoundingClientRect().height);
      var current = themed(fig);
      return Plotly.newPlot(gd, current.data, current.layout, CONFIG).then(function () {
        var meta = fig.layout.meta || {};
        var entry = { gd: gd, fig: fig, box: box, scheme: scheme() };
        live.push(entry);
        rangeButtons(box, gd, meta.ranges);
        gd.on("plotly_click", function (ev) {
          var pt = ev && ev.points && ev.points[0];
          if (pt && typeof pt.customdata === "string") { showFact(box, pt.customdata); }
        });
        box.setAttribute("data-chart-state", "drawn");
      });
    }).catch(function (err) {
      box.setAttribute("data-chart-state", "failed");
      fail(box, err);
    });
  }

  function retheme() {
    var now = scheme();
    live.forEach(function (c) {
      if (c.scheme === now || !document.body.contains(c.gd)) { return; }
      c.scheme = now;
      var f = themed(c.fig);
      var range = c.gd.layout && c.gd.layout.xaxis && c.gd.layout.xaxis.range;
      if (range && f.layout.xaxis) { f.layout.xaxis.range = range.slice(); }
      window.Plotly.react(c.gd, f.data, f.layout, CONFIG);
    });
  }

  function init() {
    // Release the charts of the page left behind by instant navigation.
    live = live.filter(function (c) {
      if (document.body.contains(c.gd)) { return true; }
      if (window.Plotly) { window.Plotly.purge(c.gd); }
      return false;
    });
    if (observer) { observer.disconnect(); observer = null; }
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".rpdc-chart[data-chart-src]:not([data-chart-state])"));
    waiting = waiting.filter(function (b) { return document.body.contains(b); });
    if (!boxes.length) { return; }
    boxes.forEach(anchorUrls);
    if (!("IntersectionObserver" in window)) { boxes.forEach(whenAsked); return; }
    observer = new IntersectionObserver(function (entries, obs) {
      entries.forEach(function (en) {
        if (en.isIntersecting) { obs.unobserve(en.target); whenAsked(en.target); }
      });
    }, { rootMargin: "150px 0px" });
    boxes.forEach(function (b) { observer.observe(b); });
  }

  function start() {
    INTERACTIONS.forEach(function (t) { window.addEventListener(t, onInteraction, { capture: true, passive: true }); });
    document.addEventListener("click", onMarkClick);
    new MutationObserver(retheme).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(init);
    } else {
      init();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
