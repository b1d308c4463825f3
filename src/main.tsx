import { render } from 'solid-js/web';
import './styles.css';
import { App } from './views/App.js';

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(() => <App />, root);
}
