/* search-gate.js: the search index is fetched only when the reader starts to search.
 *
 * Material's bundle requests search/search_index.json (an XMLHttpRequest) as soon as a page
 * loads; at 1,000 articles that is 0.7 MB gzip on every page, most readers never searching.
 * This file runs before the bundle (overrides/main.html inlines it) and holds back the send()
 * of that one request until the reader opens or focuses the search field: a click or tap on
 * the field or on the search icon, Material's keyboard shortcuts (f, s, /), which focus the
 * field, or an address with ?q= (opens search) or ?h= (highlights the search terms). Material
 * waits for the index before it answers a query and then runs the latest one, so a query
 * typed before the index arrives gets its results. Every other request is left untouched.
 *
 * The host keeps the index as gzip, search/search_index.json.gz (build_scripts/site/search.py,
 * compress: 0.3 MB on disk instead of 15 at 1,000 articles; the same bytes over the network,
 * since a host sends the JSON gzipped). Once released, Material's request for search_index.json
 * is answered here with the JSON read back from the .gz: the browser's DecompressionStream, or
 * the vendored fflate (assets/vendor/fflate.min.js) in a browser that has none. Material gets the
 * same index, byte for byte, as a load event of its own request. Where there is no .gz (the
 * preview, mkdocs serve), Material's request goes out as it was.
 *
 * The search worker (assets/javascripts/workers/search.*.js, lunr: 12 KB gzip, and starting a
 * worker costs the main thread a few ms on a phone) is started by the bundle as it loads too,
 * though it has nothing to do before the index comes. Material only talks to it by postMessage
 * and listens to its "message" events: it gets a stand-in that starts the real worker at the
 * first message (the index, sent once released) and passes its messages on.
 */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var proto = XMLHttpRequest.prototype;
  var open = proto.open;
  var send = proto.send;
  var released = false;
  var held = [];
  var here = document.currentScript && document.currentScript.src;
  var FFLATE = here ? new URL("../vendor/fflate.min.js", here).href : "";

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (go) { go(); });
  }

  proto.open = function (method, url) {
    var path = String(url).split(/[?#]/)[0];
    this.rpdcSearchIndex = INDEX.test(path) ? new URL(path + ".gz", document.baseURI).href : "";
    return open.apply(this, arguments);
  };
  proto.send = function () {
    var xhr = this;
    var args = arguments;
    if (!xhr.rpdcSearchIndex) return send.apply(xhr, args);
    var go = function () {
      if (xhr.readyState !== XMLHttpRequest.OPENED) return;  // aborted meanwhile
      fromGzip(xhr.rpdcSearchIndex).then(function (bytes) {
        if (xhr.readyState === XMLHttpRequest.OPENED) answer(xhr, bytes);
      }, function () {
        if (xhr.readyState === XMLHttpRequest.OPENED) send.apply(xhr, args);  // no .gz: the JSON itself
      });
    };
    if (released) go(); else held.push(go);
  };

  // The index's bytes: the .gz fetched and inflated (as they came if the host already did it).
  function fromGzip(url) {
    if (typeof fetch !== "function") return Promise.reject(new Error("no fetch"));
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + url);
      return r.arrayBuffer();
    }).then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
      if (typeof DecompressionStream === "function") {
        var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
        return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
      }
      return script(FFLATE).then(function () { return window.fflate.gunzipSync(bytes); });
    });
  }

  function script(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  // Material's request, answered as the network would have: status 200, the body in the type it
  // asked for (a Blob), then its load event.
  function answer(xhr, bytes) {
    var type = xhr.responseType;
    var text = type === "blob" || type === "arraybuffer" ? "" : new TextDecoder().decode(bytes);
    var own = {
      readyState: 4,
      status: 200,
      statusText: "OK",
      responseURL: xhr.rpdcSearchIndex.replace(/\.gz$/, ""),
      response: type === "blob" ? new Blob([bytes], { type: "application/json" })
        : type === "arraybuffer" ? bytes.slice().buffer
        : type === "json" ? JSON.parse(text) : text
    };
    if (type === "" || type === "text") own.responseText = text;
    Object.keys(own).forEach(function (k) {
      Object.defineProperty(xhr, k, { configurable: true, value: own[k] });
    });
    xhr.dispatchEvent(new Event("readystatechange"));
    xhr.dispatchEvent(new ProgressEvent("load", { lengthComputable: true, loaded: bytes.length, total: bytes.length }));
    xhr.dispatchEvent(new ProgressEvent("loadend", { lengthComputable: true, loaded: bytes.length, total: bytes.length }));
  }

  var RealWorker = window.Worker;
  var WORKER = /\/assets\/javascripts\/workers\/search\.[^/]*\.js$/;
  function lazyWorker(url, options) {
    var stand = new EventTarget();
    var real = null;
    function start() {
      if (!real) {
        real = new RealWorker(url, options);
        real.addEventListener("message", function (e) {
          stand.dispatchEvent(new MessageEvent("message", { data: e.data }));
        });
        real.addEventListener("error", function (e) {
          stand.dispatchEvent(new ErrorEvent("error", { message: e.message }));
        });
      }
      return real;
    }
    stand.postMessage = function () { var w = start(); w.postMessage.apply(w, arguments); };
    stand.terminate = function () { if (real) real.terminate(); };
    return stand;
  }
  if (typeof RealWorker === "function" && typeof EventTarget === "function") {
    window.Worker = function Worker(url, options) {
      // resolved now: after an instant navigation, a relative address would name another page's
      var href = new URL(String(url), document.baseURI).href;
      return WORKER.test(href.split(/[?#]/)[0]) ? lazyWorker(href, options) : new RealWorker(url, options);
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) release();
  document.addEventListener("focusin", function (e) {
    if (e.target && e.target.closest && e.target.closest(".md-search")) release();
  }, true);
  document.addEventListener("change", function (e) {
    if (e.target && e.target.id === "__search" && e.target.checked) release();
  }, true);
  document.addEventListener("click", function (e) {
    if (e.target && e.target.closest && e.target.closest('label[for="__search"], .md-search')) release();
  }, true);
  window.rpdcSearchGate = { release: release };
}());
