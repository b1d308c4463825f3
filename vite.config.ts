import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';

/**
 * Lists every built asset in /asset-list.json, so the app-shell service worker (public/sw.js)
 * can keep all of them, lazily loaded chunks and the parse worker included, for offline use.
 */
function assetList(): Plugin {
  return {
    name: 'webmail-asset-list',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => name.startsWith('assets/') && !name.endsWith('.map'));
      this.emitFile({ type: 'asset', fileName: 'asset-list.json', source: JSON.stringify(files.map((name) => `/${name}`)) });
    },
  };
}

// The gateway serves dist/ in production; in development `vite` proxies /api and /basic to it.
const gateway = process.env.WEBMAIL_DEV_GATEWAY ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [solid(), assetList()],
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': gateway,
      '/basic': gateway,
    },
  },
});
