import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database.ts';
import { appendAudit } from '../src/server/modules/audit.repository.ts';

const dir = mkdtempSync(join(tmpdir(), 'motcua-cli-'));
const DATABASE_URL = `sqlite:${join(dir, 'motcua.sqlite')}`;

function motcua(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, ['bin/motcua.js', ...args], {
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL, LOG_LEVEL: 'silent', ...options.env },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each call starts a Node process with the TypeScript loader: seconds each on a loaded 2-core machine.
describe('motcua CLI', { timeout: 180_000 }, () => {
  it('migrate and seed an empty SQLite database, then leave a seeded one alone', () => {
    expect(motcua(['migrate']).code).toBe(0);
    const first = motcua(['seed']);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain('35 thủ tục');
    const again = motcua(['seed']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('không nạp lại');
  });

  it('calendar holidays lists the 2026 days off and worked Saturdays with their reasons', () => {
    const text = motcua(['calendar', 'holidays', '2026']);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('17/02/2026');
    expect(text.out).toContain('24/11/2026');
    expect(text.out).toContain('LÀM BÙ');
    const json = motcua(['calendar', 'holidays', '2026', '--json']);
    const parsed = JSON.parse(json.out);
    expect(parsed.days.filter((d: { kind: string }) => d.kind === 'work').map((d: { date: string }) => d.date)).toEqual(['2026-01-10', '2026-08-22']);
  });

  it('calendar due explains the appointment, in Vietnamese and as JSON', () => {
    const text = motcua(['calendar', 'due', '--at', '2026-02-13T09:00:00+07:00', '--working-days', '3']);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('25/02/2026');
    const json = JSON.parse(motcua(['calendar', 'due', '--at', '2026-02-13T09:00:00+07:00', '--working-days', '3', '--json']).out);
    expect(json.dueAt).toBe('2026-02-25T02:00:00.000Z');
  });

  it('create-user reads the password from stdin and refuses bad input with exit codes', () => {
    const ok = motcua(['create-user', 'hotich9', '--role', 'specialist', '--division', 'VP', '--password-stdin'], { input: 'mot-mat-khau-du-dai\n' });
    expect(ok.code, ok.err).toBe(0);
    expect(motcua(['create-user', 'hotich9', '--role', 'specialist', '--division', 'VP', '--password-stdin'], { input: 'mot-mat-khau-du-dai' }).code).toBe(1);
    expect(motcua(['create-user', 'xyz1', '--role', 'king', '--password-stdin']).code).toBe(2);
    expect(motcua(['create-user', 'xyz1', '--role', 'admin']).code).toBe(2);
    const weak = motcua(['create-user', 'xyz2', '--role', 'admin', '--password-stdin'], { input: 'ngan' });
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('12 ký tự');
  });

  it('backup writes a consistent copy that opens and holds the data', () => {
    const target = join(dir, 'backup.sqlite');
    const r = motcua(['backup', target]);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(target)).toBe(true);
    const copy = new SQLite(target, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare('select count(*) as n from procedure').get() as { n: number }).n).toBe(35);
    copy.close();
    expect(motcua(['backup', target]).code).toBe(1);
    const pg = motcua(['backup', join(dir, 'x')], {
      env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', MOTCUA_SECRET_KEY: '1'.repeat(64) },
    });
    expect(pg.code).toBe(2);
    expect(pg.err).toContain('pg_dump');
  });

  it('audit prune keeps access records AUDIT_READ_RETENTION_DAYS days (configurable); the chain still verifies', async () => {
    const db = openDatabase(DATABASE_URL);
    const old = new Date(Date.now() - 100 * 86_400_000);
    await db.kysely.transaction().execute((trx) => appendAudit(trx, null, 'auth.login', 'staff_user', '1', { probe: 'retention' }, old));
    await db.close();
    const kept = motcua(['audit', 'prune']); // default 730 days
    expect(kept.code, kept.err).toBe(0);
    expect(kept.out).toContain('Đã xóa 0 bản ghi truy cập cũ hơn 730 ngày');
    expect(motcua(['audit', 'prune'], { env: { AUDIT_READ_RETENTION_DAYS: '0' } }).code).toBe(2);
    const pruned = motcua(['audit', 'prune'], { env: { AUDIT_READ_RETENTION_DAYS: '30' } });
    expect(pruned.code, pruned.err).toBe(0);
    expect(pruned.out).toMatch(/Đã xóa [1-9]\d* bản ghi truy cập cũ hơn 30 ngày/);
    const verify = motcua(['audit', 'verify']);
    expect(verify.code, verify.out).toBe(0);
  });

  it('usage errors and invalid settings exit 2 with a message naming each problem', () => {
    const none = motcua([]);
    expect(none.code).toBe(2);
    expect(none.out).toContain('create-user');
    expect(motcua(['frobnicate']).code).toBe(2);
    expect(motcua(['calendar', 'holidays', 'next']).code).toBe(2);
    const bad = motcua(['migrate'], { env: { PORT: '99999', DATABASE_URL: 'mysql://x' } });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('PORT');
    expect(bad.err).toContain('DATABASE_URL');
  });
});
