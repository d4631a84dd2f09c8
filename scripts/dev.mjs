#!/usr/bin/env node
// `npm run dev`: the Fastify server (restarted on change by tsx watch) and Vite's dev server with hot reload.
// Open http://localhost:5173/app/ — Vite proxies /api and the citizen pages to the server on $PORT (3000).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const children = [
  spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'watch', '--clear-screen=false', join(root, 'bin/motcua.js'), 'start'], {
    stdio: 'inherit',
    cwd: root,
  }),
  spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), '--config', join(root, 'web/vite.config.ts')], { stdio: 'inherit', cwd: root }),
];
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => {
  stop();
  process.exitCode = code ?? 0;
});
