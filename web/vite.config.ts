import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

/** The staff console: built into web/dist and served by the Fastify server under /app/ (same port). */
export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    // `npm run dev`: the API and the citizen pages come from the Fastify server started alongside.
    proxy: { '/api': server, '/tra-cuu': server, '/thu-tuc': server },
  },
});
