import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

// The gateway serves dist/ in production; in development `vite` proxies /api and /basic to it.
const gateway = process.env.WEBMAIL_DEV_GATEWAY ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [solid()],
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
