// The web app's service worker (scope /app/): an offline shell, and push notifications with
// Acknowledge and Open actions. A push payload is JSON: { title, body, url?, ackUrl?, tag? }.
// "Acknowledge" POSTs the payload's one-tap ackUrl (a signed, single-use link that acknowledges as
// the person paged, without a session); when that fails, the link is opened to acknowledge there.
'use strict';

var SHELL = 'ir-shell-v1';
var OFFLINE_URL = '/app/offline';

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) { return cache.add(new Request(OFFLINE_URL, { cache: 'reload' })); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== SHELL; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

// Pages always come from the network (they are live); only when it is unreachable the offline shell answers.
self.addEventListener('fetch', function (event) {
  if (event.request.mode !== 'navigate') return;
  event.respondWith(fetch(event.request).catch(function () {
    return caches.open(SHELL).then(function (cache) { return cache.match(OFFLINE_URL); });
  }));
});

function readPayload(event) {
  if (!event.data) return { title: 'incident-response', body: '' };
  try {
    return event.data.json();
  } catch {
    return { title: 'incident-response', body: event.data.text() };
  }
}

self.addEventListener('push', function (event) {
  var p = readPayload(event);
  var actions = [];
  if (p.ackUrl) actions.push({ action: 'ack', title: 'Acknowledge' });
  actions.push({ action: 'open', title: 'Open' });
  event.waitUntil(self.registration.showNotification(String(p.title || 'incident-response'), {
    body: String(p.body || ''),
    tag: p.tag ? String(p.tag) : undefined,
    renotify: Boolean(p.tag),
    requireInteraction: true,
    icon: '/app/assets/icon.svg',
    data: { url: p.url || '/app', ackUrl: p.ackUrl || null },
    actions: actions,
  }));
});

function openWindow(url) {
  return self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (list) {
    for (var i = 0; i < list.length; i++) {
      if (list[i].url === new URL(url, self.location.origin).href && 'focus' in list[i]) return list[i].focus();
    }
    return self.clients.openWindow(url);
  });
}

self.addEventListener('notificationclick', function (event) {
  var data = event.notification.data || {};
  event.notification.close();
  if (event.action === 'ack' && data.ackUrl) {
    event.waitUntil(fetch(data.ackUrl, { method: 'POST', credentials: 'omit' }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return self.registration.showNotification('Acknowledged', { body: 'Paging for this incident stopped.', icon: '/app/assets/icon.svg', data: { url: data.url } });
    }).catch(function () { return openWindow(data.ackUrl); }));
    return;
  }
  event.waitUntil(openWindow(data.url || '/app'));
});
