/** The data generator writes rows the use cases could have written: the projection is the fold of the events. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { generate } from '../bench/gen.ts';
import { STAGE_OF, type Status, TERMINAL } from '../src/domain/dossier/workflow.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { findDossier, listEvents, listSteps } from '../src/server/modules/dossier/dossier.repository.ts';
import { foldEvents } from '../src/server/modules/dossier/fold-events.ts';

const dir = mkdtempSync(join(tmpdir(), 'motcua-gen-'));
const base = inject('pgBaseUrl');
const pgName = `motcua_gen_${process.pid}_${Date.now()}`;
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (inject('pgTemplate') !== null) {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
    await admin.end();
  }
});

async function urlFor(dialect: 'sqlite' | 'postgres'): Promise<string> {
  if (dialect === 'sqlite') return `sqlite:${join(dir, 'gen.sqlite')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pgName}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${pgName}`;
  return u.toString();
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  const unavailable = dialect === 'postgres' && inject('pgTemplate') === null;
  describe.skipIf(unavailable)(`npm run gen [${dialect}${unavailable ? ': SKIPPED, PostgreSQL unreachable' : ''}]`, () => {
    it('fills an empty database with a year whose projections equal the fold of their events', async () => {
      const url = await urlFor(dialect);
      const r = await generate({ dossiers: 400, databaseUrl: url, until: new Date('2026-12-01T00:00:00+07:00'), seed: 7, batch: 150, progress: false });
      expect(r.dossiers).toBe(400);
      expect(r.events).toBeGreaterThan(400 * 3);
      const db = openDatabase(url);
      try {
        const rows = await db.kysely.selectFrom('dossier').select(['code']).orderBy('id').execute();
        expect(rows).toHaveLength(400);
        expect(new Set(rows.map((x) => x.code)).size).toBe(400);
        const statuses = new Set<Status>();
        let late = 0;
        for (const { code } of rows) {
          const d = (await findDossier(db.kysely, code))!;
          const events = await listEvents(db.kysely, d.id);
          const f = foldEvents(events);
          const r = await db.kysely.selectFrom('dossier').select(['finished_at', 'outcome_original', 'outcome_extended', 'paused_since', 'due_changed_at']).where('id', '=', d.id).executeTakeFirstOrThrow();
          expect({ ...f, divisionId: f.divisionId ?? d.divisionId }).toEqual({
            finishedAt: r.finished_at, outcomeOriginal: r.outcome_original, outcomeExtended: r.outcome_extended, pausedSince: r.paused_since, dueChangedAt: r.due_changed_at,
            status: d.status, resumeStatus: d.resumeStatus, currentStage: d.currentStage, divisionId: d.divisionId, handlerId: d.handlerId,
            receivedAt: d.receivedAt, dueAt: d.dueAt, originalDueAt: d.originalDueAt, extendedDueAt: d.extendedDueAt, resultReadyAt: d.resultReadyAt,
            returnedAt: d.returnedAt, closedAt: d.closedAt, supplementCount: d.supplementCount, extensionCount: d.extensionCount, version: d.version,
            apologyStatus: d.apologyStatus,
          });
          // Events in time order; exactly one open step while a stage runs, none otherwise.
          expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort());
          const steps = await listSteps(db.kysely, d.id);
          expect(steps.filter((s) => s.completedAt === null).length).toBe(STAGE_OF[d.status] === null ? 0 : 1);
          statuses.add(d.status);
          if (d.resultReadyAt && d.dueAt && d.resultReadyAt > d.dueAt) late++;
        }
        // A realistic year: finished, open and refused dossiers, and some late ones.
        expect(statuses.has('returned')).toBe(true);
        expect([...statuses].some((s) => !TERMINAL.has(s))).toBe(true);
        expect(late).toBeGreaterThan(0);
        // Live receipts continue the daily sequence after the generated codes.
        const last = rows.at(-1)!.code;
        const day = `20${last.split('-').at(-2)!.slice(0, 2)}-${last.split('-').at(-2)!.slice(2, 4)}-${last.split('-').at(-2)!.slice(4, 6)}`;
        const seq = await db.kysely.selectFrom('day_sequence').select('last').where('day', '=', day).executeTakeFirstOrThrow();
        expect(seq.last).toBeGreaterThanOrEqual(Number(last.split('-').at(-1)));
      } finally {
        await db.close();
      }
    }, 120_000);
  });
}
