// The web app's one script. SLA clocks and elapsed times tick each second from the instants the
// server rendered (due, and the domain's "due soon" instant); regions marked data-live-src are
// fetched again (debounced) whenever the event stream sends an event the signed-in user may see;
// the dashboard's keys j/k move between incidents, a acknowledges, / searches; the service worker
// (offline shell and push notifications) is registered.
(function () {
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
      var due = Date.parse(el.getAttribute('data-due')), soon = Date.parse(el.getAttribute('data-soon') || '');
      if (isNaN(due)) return;
      var left = due - now;
      el.classList.toggle('red', left < 0);
      el.classList.toggle('amber', left >= 0 && !isNaN(soon) && now >= soon);
      el.textContent = (el.getAttribute('data-label') || '') + (left < 0 ? 'overdue ' + span(left) : span(left) + ' left');
    });
    document.querySelectorAll('[data-since]').forEach(function (el) {
      var at = Date.parse(el.getAttribute('data-since'));
      if (!isNaN(at)) el.textContent = span(now - at);
    });
  }
  tick();
  setInterval(tick, 1000);

  // A confirmation shown once: the ?done= of the redirect after an action is dropped from the address.
  if (window.location.search.indexOf('done=') !== -1 && window.history.replaceState) {
    var url = new URL(window.location.href);
    url.searchParams.delete('done');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }

  if ('serviceWorker' in navigator && window.isSecureContext) {
    navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }).catch(function () {});
  }

  // "Send my pages to this device": Web Push through the service worker. The subscription is sent as
  // JSON from this origin (the server accepts the session cookie only so), for the signed-in person.
  var pushButton = document.getElementById('enable-push');
  if (pushButton && 'serviceWorker' in navigator && 'PushManager' in window && window.isSecureContext) {
    var pushStatus = document.getElementById('push-status');
    pushButton.parentElement.hidden = false;
    var say = function (text) { if (pushStatus) pushStatus.textContent = text; };
    var keyBytes = function (base64url) {
      var raw = window.atob(base64url.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((base64url.length + 3) % 4));
      var out = new Uint8Array(raw.length);
      for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
      return out;
    };
    pushButton.addEventListener('click', function () {
      say('Asking for permission…');
      Notification.requestPermission().then(function (permission) {
        if (permission !== 'granted') throw new Error('notifications are blocked for this site in the browser settings');
        return Promise.all([navigator.serviceWorker.ready, fetch('/api/v1/push/key', { credentials: 'same-origin' }).then(function (r) {
          if (!r.ok) throw new Error('push is not configured on this server (channels.web_push)');
          return r.json();
        })]);
      }).then(function (both) {
        return both[0].pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(both[1].publicKey) });
      }).then(function (subscription) {
        return fetch('/api/v1/push/subscriptions', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(subscription.toJSON()) });
      }).then(function (r) {
        if (!r.ok) return r.json().then(function (body) { throw new Error(body && body.error ? body.error.message : String(r.status)); });
        say('This device now receives your pages, with an Acknowledge button.');
      }).catch(function (e) { say('Could not turn on push: ' + (e && e.message ? e.message : String(e))); });
    });
  }

  // Dashboard keys: j/k move between incidents, a acknowledges the chosen one, / searches.
  var csrf = document.querySelector('meta[name=csrf-token]');
  var current = -1;
  function rows() { return Array.prototype.slice.call(document.querySelectorAll('#active-incidents tbody tr[data-incident]')); }
  function choose(i) {
    var all = rows();
    if (all.length === 0) return;
    current = Math.max(0, Math.min(all.length - 1, i));
    all.forEach(function (r, k) { r.classList.toggle('focused', k === current); });
    var link = all[current].querySelector('a');
    if (link) link.focus();
  }
  document.addEventListener('keydown', function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) return;
    if (!document.getElementById('active-incidents') && event.key !== '/') return;
    if (event.key === 'j') { choose(current + 1); event.preventDefault(); }
    else if (event.key === 'k') { choose(current - 1); event.preventDefault(); }
    else if (event.key === '/') {
      var search = document.getElementById('search');
      if (search) { search.focus(); event.preventDefault(); }
    } else if (event.key === 'a' && csrf) {
      var row = rows()[current];
      var ack = row && row.querySelector('form[data-ack]');
      if (ack) { ack.submit(); event.preventDefault(); }
    }
  });

  var regions = document.querySelectorAll('[data-live-src]');
  if (regions.length === 0 || typeof EventSource === 'undefined') return;
  var kinds = (document.body.getAttribute('data-event-kinds') || '').split(' ').filter(Boolean);
  // One refresh at a time: events arriving during a refresh cause one more afterwards, not one each.
  var pending = null, inflight = false, dirty = false;
  function refresh() {
    pending = null;
    if (inflight) { dirty = true; return; }
    inflight = true;
    var chosen = rows()[current];
    var chosenId = chosen ? chosen.getAttribute('data-incident') : null;
    var jobs = [];
    regions.forEach(function (region) {
      jobs.push(fetch(region.getAttribute('data-live-src'), { credentials: 'same-origin', headers: { accept: 'text/html' } })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.text(); })
        .then(function (html) { region.innerHTML = html; })
        .catch(function () {}));
    });
    Promise.all(jobs).then(function () {
      tick();
      if (chosenId !== null) {
        var again = rows().findIndex(function (r) { return r.getAttribute('data-incident') === chosenId; });
        if (again !== -1) { current = again; rows()[again].classList.add('focused'); }
      }
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
