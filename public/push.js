// Turns on Web Push in this browser from the notification settings page: registers the
// service worker, subscribes with the portal's VAPID key and sends the subscription to the
// portal. The button stays hidden where the browser has no Push API. Texts come from the
// button's data attributes, which the page renders in the person's language.
(() => {
  const button = document.getElementById('push-subscribe');
  const status = document.getElementById('push-status');
  if (!button || !status || !('serviceWorker' in navigator) || !('PushManager' in window)) {
    return;
  }
  button.hidden = false;

  const key = (base64url) => {
    const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  };

  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') {
        status.textContent = button.dataset.denied;
        return;
      }
      const registration = await navigator.serviceWorker.register('/sw.js');
      await navigator.serviceWorker.ready;
      const subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: key(button.dataset.key),
      });
      const response = await fetch('/push/subscriptions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(subscription.toJSON()),
      });
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      status.textContent = button.dataset.done;
      window.location.reload();
    } catch {
      status.textContent = button.dataset.failed;
    } finally {
      button.disabled = false;
    }
  });
})();
