import { render } from 'solid-js/web';
import './styles.css';
import { App } from './views/App.js';

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(() => <App />, root);
}

// The offline app shell (public/sw.js); mail stays in IndexedDB, never in the worker's cache.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}
