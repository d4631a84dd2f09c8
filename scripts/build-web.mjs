#!/usr/bin/env node
// Builds the staff console (web/ → web/dist) when it is missing or older than its sources, so that
// `npm install && npm start` on a fresh clone serves the whole product. `--force` always builds.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'web/dist/index.html');

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let m = s.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'dist' || entry === 'node_modules') continue;
    m = Math.max(m, newest(join(path, entry)));
  }
  return m;
}

const sources = [join(root, 'web'), join(root, 'src/domain'), join(root, 'package-lock.json')];
const stale =
  process.argv.includes('--force') || !existsSync(stamp) || Math.max(...sources.map(newest)) > statSync(stamp).mtimeMs;
if (stale) {
  console.log('motcua: building the staff console (vite build)…');
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'web/vite.config.ts'), '--logLevel', 'warn'], {
    stdio: 'inherit',
    cwd: root,
  });
}
