// The web app's stylesheet and its one script, served as files from /app/assets/ (no inline script,
// so helmet's default Content-Security-Policy holds). They are part of the bundle: no build step
// of their own, so `npm start` on a fresh clone serves them.

export const WEB_CSS = `
:root{color-scheme:light dark;--bg:#f6f7f9;--panel:#fff;--text:#1d232a;--muted:#5b6673;--line:#d5dbe1;--accent:#1f5fbf;--ok:#1e7d32;--amber:#9a6200;--amber-bg:#fff3d6;--red:#b3261e;--red-bg:#fde7e6;--focus:#ffbf47;
--sev1:#b3261e;--sev2:#c75b00;--sev3:#8a6d00;--sev4:#44617b}
@media (prefers-color-scheme:dark){:root{--bg:#111418;--panel:#1b2027;--text:#e6e9ed;--muted:#9aa6b2;--line:#323a44;--accent:#7fb0ff;--ok:#6fcf7a;--amber:#ffc65c;--amber-bg:#3a2d10;--red:#ff8a80;--red-bg:#3d1a18;--sev1:#ff8a80;--sev2:#ffab66;--sev3:#e8cf6a;--sev4:#9fb8cc}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--text);overflow-wrap:anywhere}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--panel);padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
header.top{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;padding:.5rem 1rem;background:var(--panel);border-bottom:1px solid var(--line)}
header.top .brand{font-weight:700;margin-right:.5rem}
header.top nav{display:flex;flex-wrap:wrap;gap:.25rem .75rem}
header.top nav a{padding:.25rem .1rem;text-decoration:none}
header.top nav a[aria-current=page]{font-weight:700;text-decoration:underline}
header.top .who{margin-left:auto;display:flex;gap:.5rem;align-items:center;color:var(--muted)}
main{max-width:78rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.25rem 0 .75rem}
h2{font-size:1.1rem;margin:0 0 .5rem}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem;margin-bottom:1rem;min-width:0}
.grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,22rem),1fr))}
.muted{color:var(--muted)}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.85rem;color:var(--muted);font-weight:600}
td.title{max-width:28rem}
.title a,.clip{display:block;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:100%}
.long{overflow-wrap:anywhere;word-break:break-word}
.sev{font-weight:700;white-space:nowrap}.sev-critical{color:var(--sev1)}.sev-high{color:var(--sev2)}.sev-medium{color:var(--sev3)}.sev-low{color:var(--sev4)}
.clock{white-space:nowrap;font-variant-numeric:tabular-nums;padding:0 .3rem;border-radius:3px}
.clock.amber{color:var(--amber);background:var(--amber-bg)}
.clock.red{color:var(--red);background:var(--red-bg);font-weight:700}
.clock.met{color:var(--ok)}
ul.tree{list-style:none;margin:0;padding:0}
ul.tree li{padding:.2rem 0;border-bottom:1px dashed var(--line)}
ul.tree li:last-child{border-bottom:0}
.up{color:var(--red)}.down{color:var(--accent)}
form.inline{display:inline}
button,.button{font:inherit;padding:.35rem .75rem;border:1px solid var(--line);border-radius:4px;background:var(--panel);color:var(--text);cursor:pointer;text-decoration:none;display:inline-block}
button.primary,.button.primary{background:var(--accent);border-color:var(--accent);color:#fff}
@media (prefers-color-scheme:dark){button.primary,.button.primary{color:#0b1220}}
input,select,textarea{font:inherit;padding:.35rem .5rem;border:1px solid var(--line);border-radius:4px;background:var(--bg);color:var(--text);max-width:100%}
textarea{width:100%;min-height:5rem}
label{display:block;margin:.4rem 0 .15rem;font-weight:600}
.fields{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
.fields>div{min-width:10rem;flex:1 1 10rem}
.error{background:var(--red-bg);color:var(--red);border:1px solid var(--red);padding:.5rem .75rem;border-radius:4px;margin-bottom:1rem}
.notice{background:var(--amber-bg);color:var(--amber);padding:.5rem .75rem;border-radius:4px;margin-bottom:1rem}
.steps{list-style:none;padding:0;margin:.25rem 0 .75rem}
.steps li{display:flex;gap:.5rem;align-items:center;padding:.25rem 0;flex-wrap:wrap}
.steps li.overdue{background:var(--red-bg);border-left:4px solid var(--red);padding-left:.4rem}
.steps li.done .step-title{text-decoration:line-through;color:var(--muted)}
.timeline{list-style:none;padding:0;margin:0}
.timeline li{padding:.35rem 0;border-bottom:1px solid var(--line)}
.filters{display:flex;flex-wrap:wrap;gap:.25rem .75rem;margin-bottom:.5rem}
.filters a[aria-current=true]{font-weight:700}
.facts{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.25rem 0}
.bar-row{display:grid;grid-template-columns:minmax(6rem,10rem) 1fr;gap:.5rem;align-items:center;margin:.35rem 0}
.bar-track{position:relative;height:1.6rem;background:var(--bg);border:1px solid var(--line);border-radius:3px;overflow:hidden}
.bar{position:absolute;top:0;bottom:0;background:var(--accent);opacity:.8;color:#fff;font-size:.75rem;padding:0 .25rem;overflow:hidden;white-space:nowrap;border-right:1px solid var(--panel)}
.bar.alt{opacity:.55}
.report svg{max-width:100%;height:auto}
.report table{width:auto}
@media (max-width:40rem){main{padding:.5rem}.hide-narrow{display:none}td.title{max-width:12rem}header.top .who{margin-left:0}}
`;

/**
 * Live parts of the pages: SLA clocks and elapsed times tick each second from the due times in the
 * HTML; regions marked data-live-src are fetched again (debounced) whenever the event stream sends
 * an event the signed-in user may see, so the page updates without a reload.
 */
export const WEB_JS = `(function () {
  'use strict';
  function two(n) { return n < 10 ? '0' + n : String(n); }
  function span(ms) {
    var s = Math.floor(Math.abs(ms) / 1000), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    if (h >= 48) return Math.floor(h / 24) + 'd ' + (h % 24) + 'h';
    return (h > 0 ? h + ':' + two(m) : String(m)) + ':' + two(sec);
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll('[data-due]').forEach(function (el) {
      var due = Date.parse(el.getAttribute('data-due')), from = Date.parse(el.getAttribute('data-from') || '');
      if (isNaN(due)) return;
      var left = due - now, total = isNaN(from) ? 0 : due - from;
      var warn = Math.max(120000, total * 0.25);
      el.classList.toggle('red', left <= 0);
      el.classList.toggle('amber', left > 0 && left <= warn);
      el.textContent = (el.getAttribute('data-label') || '') + (left <= 0 ? 'overdue ' + span(left) : span(left) + ' left');
    });
    document.querySelectorAll('[data-since]').forEach(function (el) {
      var at = Date.parse(el.getAttribute('data-since'));
      if (!isNaN(at)) el.textContent = span(now - at);
    });
  }
  tick();
  setInterval(tick, 1000);
  var regions = document.querySelectorAll('[data-live-src]');
  if (regions.length === 0 || typeof EventSource === 'undefined') return;
  var kinds = (document.body.getAttribute('data-event-kinds') || '').split(' ').filter(Boolean);
  // One refresh at a time: events arriving during a refresh cause one more afterwards, not one each.
  var pending = null, inflight = false, dirty = false;
  function refresh() {
    pending = null;
    if (inflight) { dirty = true; return; }
    inflight = true;
    var jobs = [];
    regions.forEach(function (region) {
      jobs.push(fetch(region.getAttribute('data-live-src'), { credentials: 'same-origin', headers: { accept: 'text/html' } })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.text(); })
        .then(function (html) { region.innerHTML = html; })
        .catch(function () {}));
    });
    Promise.all(jobs).then(function () {
      tick();
      document.body.setAttribute('data-refreshed', String(Date.now()));
      inflight = false;
      if (dirty) { dirty = false; onEvent(); }
    });
  }
  function onEvent() { if (pending === null) pending = setTimeout(refresh, 100); }
  var stream = new EventSource('/api/v1/events/stream');
  kinds.forEach(function (k) { stream.addEventListener(k, onEvent); });
  stream.onmessage = onEvent;
  stream.addEventListener('open', function () { document.body.setAttribute('data-live', 'connected'); });
})();
`;
