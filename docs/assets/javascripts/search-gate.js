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
 */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var proto = XMLHttpRequest.prototype;
  var open = proto.open;
  var send = proto.send;
  var released = false;
  var held = [];

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (go) { go(); });
  }

  proto.open = function (method, url) {
    var path = String(url).split(/[?#]/)[0];
    this.rpdcSearchIndex = INDEX.test(path);
    return open.apply(this, arguments);
  };
  proto.send = function () {
    var xhr = this;
    var args = arguments;
    if (!xhr.rpdcSearchIndex || released) return send.apply(xhr, args);
    held.push(function () {
      if (xhr.readyState === XMLHttpRequest.OPENED) send.apply(xhr, args);
    });
  };

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
