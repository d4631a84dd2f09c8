import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** The built staff console (vite build → web/dist), served under /app/ by the same server and port. */
export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export async function registerWebApp(app: FastifyInstance, dist = WEB_DIST): Promise<void> {
  if (!existsSync(join(dist, 'index.html'))) {
    app.get('/app/*', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><html lang="vi"><meta charset="utf-8"><title>Chưa có giao diện</title><p>Giao diện cán bộ chưa được dựng: chạy <code>npm run build</code> (npm start tự làm việc này).</p></html>'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/app/',
    index: ['index.html'],
    wildcard: false,
    // Hashed file names under assets/ never change: cache them for a year; index.html always revalidates.
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // Client-side routes (/app/tiep-nhan, /app/ho-so/…) all load the single page.
  app.get('/app', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/app/'));
  app.get('/app/*', { schema: { hide: true } }, async (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
}
