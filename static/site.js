/* Trust center: progressive enhancement only. Every page is complete without this script; it adds
   a language pick on "/", relative times next to dates, and filters for the control list. */
(function () {
  'use strict';
  var doc = document;
  var root = doc.documentElement;

  // "/" only: go to the visitor's language (the page itself links to both and refreshes to Spanish).
  if (root.hasAttribute('data-chooser')) {
    var prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
    for (var i = 0; i < prefs.length; i++) {
      var primary = String(prefs[i]).toLowerCase().split('-')[0];
      if (primary === 'es' || primary === 'en') {
        window.location.replace('/' + primary + '/');
        return;
      }
    }
    return;
  }

  var lang = root.getAttribute('lang') || 'es';

  function relativeTimes() {
    if (!window.Intl || !Intl.RelativeTimeFormat) {
      return;
    }
    var format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
    var units = [['year', 31536e6], ['month', 2592e6], ['week', 6048e5], ['day', 864e5], ['hour', 36e5], ['minute', 6e4]];
    var times = doc.querySelectorAll('time[data-relative]');
    var now = Date.now();
    for (var i = 0; i < times.length; i++) {
      var at = Date.parse(times[i].getAttribute('datetime'));
      if (isNaN(at)) {
        continue;
      }
      var diff = at - now;
      var text = null;
      for (var u = 0; u < units.length; u++) {
        if (Math.abs(diff) >= units[u][1] || units[u][0] === 'minute') {
          text = format.format(Math.round(diff / units[u][1]), units[u][0]);
          break;
        }
      }
      var span = doc.createElement('span');
      span.className = 'rel';
      span.textContent = ' (' + text + ')';
      times[i].parentNode.insertBefore(span, times[i].nextSibling);
    }
  }

  function filters() {
    var form = doc.querySelector('form.filters');
    if (!form) {
      return;
    }
    var status = form.querySelector('select[name="status"]');
    var category = form.querySelector('select[name="category"]');
    var count = doc.querySelector('.filter-count');
    var sections = doc.querySelectorAll('.category');
    function apply() {
      var shown = 0;
      var total = 0;
      for (var s = 0; s < sections.length; s++) {
        var section = sections[s];
        var inCategory = !category.value || section.getAttribute('data-category') === category.value;
        var controls = section.querySelectorAll('li.control');
        var visible = 0;
        for (var c = 0; c < controls.length; c++) {
          total++;
          var show = inCategory && (!status.value || controls[c].getAttribute('data-status') === status.value);
          controls[c].hidden = !show;
          if (show) {
            visible++;
          }
        }
        section.hidden = visible === 0;
        if (status.value || category.value) {
          section.open = true; // a chosen filter shows its controls, not closed groups
        }
        shown += visible;
      }
      if (count) {
        count.textContent = (count.getAttribute('data-template') || '')
          .replace('{0}', String(shown)).replace('{1}', String(total));
      }
    }
    form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
    status.addEventListener('change', apply);
    category.addEventListener('change', apply);
    form.hidden = false;
  }

  relativeTimes();
  filters();
})();

/* Evidence log: on a control page, check in the browser that the signed checkpoint is valid (Ed25519 with
   WebCrypto) and that the control's latest result is included in the tree it signs (RFC 9162 inclusion, from the
   published C2SP tiles). Browsers without WebCrypto Ed25519 keep the page as it is. */
(function () {
  'use strict';
  var section = document.querySelector('section.evidence[data-log-index]');
  var out = section && section.querySelector('.evidence-check');
  if (!out || !window.crypto || !crypto.subtle || !window.fetch || !window.TextEncoder) {
    return;
  }
  var d = section.dataset;
  var base = d.checkpoint.replace(/checkpoint$/, '');
  var enc = new TextEncoder();

  function b64(s) {
    var bin = atob(s), a = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { a[i] = bin.charCodeAt(i); }
    return a;
  }
  function hex(a) {
    return Array.prototype.map.call(a, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  function concat(parts) {
    var n = 0, off = 0;
    parts.forEach(function (p) { n += p.length; });
    var out = new Uint8Array(n);
    parts.forEach(function (p) { out.set(p, off); off += p.length; });
    return out;
  }
  async function sha256(bytes) { return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)); }
  function node(l, r) { return sha256(concat([new Uint8Array([1]), l, r])); }
  async function get(path) {
    var r = await fetch(base + path, { cache: 'no-store' });
    if (!r.ok) { throw new Error(path + ': ' + r.status); }
    return new Uint8Array(await r.arrayBuffer());
  }
  function tileIndex(n) {
    var s = String(n);
    while (s.length % 3) { s = '0' + s; }
    var parts = [];
    for (var i = 0; i < s.length; i += 3) { parts.push((i + 3 < s.length ? 'x' : '') + s.slice(i, i + 3)); }
    return parts.join('/');
  }
  function width(count, n) { var w = Math.min(256, count - n * 256); return w === 256 ? '' : '.p/' + w; }

  async function verify() {
    var keyParts = d.verifierKey.match(/^([^+]+)\+([0-9a-f]{8})\+(.+)$/);
    if (!keyParts) { throw new Error('verifier key'); }
    var pub = b64(keyParts[3]).slice(1);
    var note = new TextDecoder().decode(await get('checkpoint'));
    var split = note.lastIndexOf('\n\n');
    var text = note.slice(0, split + 1);
    var sig = null;
    note.slice(split + 2).split('\n').forEach(function (line) {
      var m = line.match(/^\u2014 (\S+) (\S+)$/);
      if (m && m[1] === keyParts[1]) {
        var blob = b64(m[2]);
        if (hex(blob.slice(0, 4)) === keyParts[2]) { sig = blob.slice(4); }
      }
    });
    if (!sig) { throw new Error('no signature by ' + keyParts[1]); }
    var key = await crypto.subtle.importKey('raw', pub, { name: 'Ed25519' }, false, ['verify']);
    if (!await crypto.subtle.verify({ name: 'Ed25519' }, key, sig, enc.encode(text))) {
      throw new Error('bad checkpoint signature');
    }
    var lines = text.split('\n');
    var size = Number(lines[1]), root = b64(lines[2]), index = Number(d.logIndex);
    if (!(index < size)) { throw new Error('entry not yet in the checkpoint'); }

    var bundleNo = Math.floor(index / 256);
    var bundle = await get('tile/entries/' + tileIndex(bundleNo) + width(size, bundleNo));
    var at = 0, entry = null;
    for (var i = 0; i <= index % 256; i++) {
      var len = (bundle[at] << 8) | bundle[at + 1];
      entry = bundle.slice(at + 2, at + 2 + len);
      at += 2 + len;
    }
    var leaf = await sha256(concat([new Uint8Array([0]), entry]));

    var tiles = {};
    async function hashAt(level, n) { // a complete subtree of height `level`, from the tiles
      var l = Math.floor(level / 8), r = level % 8, count = Math.floor(size / Math.pow(256, l));
      var first = n * Math.pow(2, r), t = Math.floor(first / 256);
      var path = 'tile/' + l + '/' + tileIndex(t) + width(count, t);
      if (!tiles[path]) { tiles[path] = get(path); }
      var tile = await tiles[path];
      var hs = [];
      for (var k = 0; k < Math.pow(2, r); k++) {
        var o = (first - t * 256 + k) * 32;
        hs.push(tile.slice(o, o + 32));
      }
      while (hs.length > 1) {
        var up = [];
        for (var j = 0; j < hs.length; j += 2) { up.push(await node(hs[j], hs[j + 1])); }
        hs = up;
      }
      return hs[0];
    }
    async function mth(from, to) {
      var n = to - from;
      if ((n & (n - 1)) === 0 && from % n === 0) { return hashAt(Math.log2(n), from / n); }
      var k = 1;
      while (k * 2 < n) { k *= 2; }
      return node(await mth(from, from + k), await mth(from + k, to));
    }
    async function path(m, from, to, proof) { // RFC 9162 PATH(m, D[from:to])
      var n = to - from;
      if (n === 1) { return; }
      var k = 1;
      while (k * 2 < n) { k *= 2; }
      if (m - from < k) { await path(m, from, from + k, proof); proof.push(await mth(from + k, to)); }
      else { await path(m, from + k, to, proof); proof.push(await mth(from, from + k)); }
    }
    var proof = [];
    await path(index, 0, size, proof);
    // RFC 9162 §2.1.3.2, with the leaf hash computed here from the entry itself.
    var fn = index, sn = size - 1, h = leaf;
    for (var p = 0; p < proof.length; p++) {
      if (fn % 2 === 1 || fn === sn) {
        h = await node(proof[p], h);
        while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
      } else {
        h = await node(h, proof[p]);
      }
      fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
    }
    if (sn !== 0 || hex(h) !== hex(root)) { throw new Error('entry ' + index + ' is not included in the signed tree'); }
  }

  out.hidden = false;
  out.textContent = d.checking;
  verify().then(function () {
    out.textContent = d.verified;
    out.setAttribute('data-result', 'verified');
  }, function (e) {
    if (e && e.name === 'NotSupportedError') { out.hidden = true; return; }
    out.textContent = d.failed + ' ' + (e && e.message ? e.message : String(e));
    out.setAttribute('data-result', 'failed');
  });
})();
