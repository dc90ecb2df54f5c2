// The service worker of Kabinet: shows Web Push notifications and opens the page each one
// points to. The payload is the JSON {title, body, url} the portal encrypts for this
// browser.
self.addEventListener('push', (event) => {
  let message = { title: 'Kabinet', body: '', url: '/notifications' };
  try {
    message = { ...message, ...event.data.json() };
  } catch {
    // A push without a readable payload still shows that something arrived.
  }
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      data: { url: message.url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url ?? '/notifications', self.location.origin);
  // Only pages of this portal are opened.
  if (url.origin === self.location.origin) {
    event.waitUntil(self.clients.openWindow(url.href));
  }
});
