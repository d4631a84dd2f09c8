import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface MotcuaProcess {
  proc: ChildProcess;
  /** stdout lines; JSON log lines are parsed. */
  lines: string[];
  waitFor(predicate: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
}

/** The key of the secrets at rest for server processes started by tests. */
export const TEST_SECRET_KEY = '7'.repeat(64);

/** Runs `motcua <args>` as a real OS process (bin/motcua.js under tsx), as production does. */
export function spawnMotcua(args: string[], env: Record<string, string>): MotcuaProcess {
  const proc = spawn(process.execPath, ['bin/motcua.js', ...args], {
    // PostgreSQL installs must set the key of the secrets at rest (docs/security.md); one fixed key for all test processes.
    env: { ...process.env, LOG_LEVEL: 'silent', MOTCUA_SECRET_KEY: TEST_SECRET_KEY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { predicate: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  let buffer = '';
  let stderr = '';
  proc.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let i = buffer.indexOf('\n');
    while (i >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.predicate(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
      i = buffer.indexOf('\n');
    }
  });
  proc.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    proc,
    lines,
    exited,
    // Generous: a process start (TypeScript loader, migrations) takes seconds on a loaded 2-core machine.
    waitFor(predicate, timeoutMs = 90_000) {
      const seen = lines.find(predicate);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for output; stdout:\n${lines.join('\n')}\nstderr:\n${stderr}`)), timeoutMs);
        waiters.push({
          predicate,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`motcua ${args.join(' ')} exited with ${code}; stdout:\n${lines.join('\n')}\nstderr:\n${stderr}`));
        });
      });
    },
  };
}

/** Starts `motcua serve` on a free port and waits until it listens. */
export async function startServer(env: Record<string, string>, args: string[] = ['serve', '--no-worker']): Promise<MotcuaProcess & { url: string }> {
  const port = await freePort();
  const p = spawnMotcua(args, { HOST: '127.0.0.1', PORT: String(port), ...env });
  await p.waitFor((l) => l.includes(`http://localhost:${port}`));
  return { ...p, url: `http://127.0.0.1:${port}` };
}

export function parseJsonLines(lines: string[]): Record<string, unknown>[] {
  return lines.flatMap((l) => {
    if (!l.startsWith('{')) return [];
    try {
      return [JSON.parse(l) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}
