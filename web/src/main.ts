import { TesseraApp } from './shell/tessera-app.ts';

if (!customElements.get('tessera-app')) customElements.define('tessera-app', TesseraApp);

// keeps the app on the device so it opens offline (web/service-worker.js)
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
