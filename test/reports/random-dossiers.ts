/**
 * A seeded generator of dossier histories written straight into the database (rows of dossier,
 * dossier_event and dossier_pause shaped as the use cases write them), plus the model each row came from,
 * so that a brute-force recount can be compared with the reports.
 */
import type { Insertable, Kysely } from 'kysely';
import { classify } from '../../src/domain/dossier/timeliness.ts';
import type { Database, DossierEventTable } from '../../src/server/db/schema.ts';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ModelDossier {
  code: string;
  procedureCode: string;
  procedureName: string;
  field: string;
  divisionId: number;
  handlerId: number | null;
  channel: 'direct' | 'online' | 'postal';
  receivedAt: string | null;
  legalDues: { at: string; dueAt: string }[];
  extension: { at: string; dueAt: string } | null;
  pause: { start: string; end: string | null } | null;
  finish: { at: string; kind: 'result' | 'closed'; returnedAt: string | null } | null;
  status: string;
  supplementCount: number;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Every generated moment is before `now`, as in a real database read at `now`. */
export async function generateDossiers(db: Kysely<Database>, seed: number, n: number, now: string, prefix = 'RND'): Promise<ModelDossier[]> {
  const NOW = Date.parse(now);
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const procedures = await db.selectFrom('procedure').select(['id', 'code', 'name', 'field', 'division_id']).orderBy('code').execute();
  const specialists = await db.selectFrom('staff_user').select(['id', 'division_id']).where('role', '=', 'specialist').execute();
  const actor = await db.selectFrom('staff_user').select(['id', 'full_name']).where('username', '=', 'tiepnhan1').executeTakeFirstOrThrow();
  const base = Date.parse('2025-11-20T01:00:00.000Z');
  const span = NOW - 12 * 3600_000 - base;
  // Round to whole minutes, in VN office-ish hours sometimes and at midnight boundaries sometimes.
  const t = (ms: number) => new Date(Math.round(ms / 60_000) * 60_000).toISOString();
  const models: ModelDossier[] = [];
  for (let i = 0; i < n; i++) {
    const p = pick(procedures);
    const channel = pick(['direct', 'direct', 'online', 'postal'] as const);
    const received = base + rnd() * span;
    const handler = specialists.find((s) => s.division_id === p.division_id) ?? null;
    const m: ModelDossier = {
      code: `${prefix}-${seed}-${String(i).padStart(5, '0')}`,
      procedureCode: p.code,
      procedureName: p.name,
      field: p.field,
      divisionId: p.division_id,
      handlerId: rnd() < 0.8 ? (handler?.id ?? null) : null,
      channel,
      receivedAt: t(received),
      legalDues: [],
      extension: null,
      pause: null,
      finish: null,
      status: 'processing',
      supplementCount: 0,
    };
    if (rnd() < 0.05) {
      // Submitted online, never received: never counted.
      m.receivedAt = null;
      m.status = 'submitted';
      models.push(m);
      continue;
    }
    let cursor = received;
    let due = received + (1 + Math.floor(rnd() * 15)) * DAY + Math.floor(rnd() * 8) * HOUR;
    m.legalDues.push({ at: t(received), dueAt: t(due) });
    if (rnd() < 0.25) {
      const start = cursor + rnd() * (due - cursor);
      m.supplementCount = 1;
      if (rnd() < 0.2) {
        m.pause = { start: t(start), end: null };
        m.status = 'supplement_requested';
        models.push(m);
        continue;
      }
      const end = start + rnd() * 10 * DAY;
      if (end >= NOW) {
        m.pause = { start: t(start), end: null };
        m.status = 'supplement_requested';
        models.push(m);
        continue;
      }
      m.pause = { start: t(start), end: t(end) };
      cursor = end;
      due = end + (1 + Math.floor(rnd() * 10)) * DAY;
      m.legalDues.push({ at: t(end), dueAt: t(due) });
    }
    if (rnd() < 0.2 && cursor + HOUR < NOW) {
      // Usually signed before the appointment; sometimes after it had passed (a late form 04), which moves a
      // dossier that was overdue at the end of a past period back within time today.
      const lateSigning = rnd() < 0.3;
      const at = Math.min(NOW - 60_000, lateSigning ? due + rnd() * 5 * DAY : cursor + rnd() * Math.max(HOUR, due - cursor - HOUR));
      const newDue = due + (1 + Math.floor(rnd() * 6)) * DAY;
      m.extension = { at: t(at), dueAt: t(newDue) };
      cursor = Date.parse(m.extension.at);
      due = newDue;
    }
    const r = rnd();
    if (r < 0.75 && cursor + 120_000 < NOW) {
      // Around the legal due: well before, same day, just after, long after.
      const legal = Date.parse(m.legalDues.at(-1)!.dueAt);
      const anchor = rnd() < 0.5 ? legal : due;
      const offsets = [-6 * DAY, -2 * DAY, -3 * HOUR, -1 * 60_000, 0, 60_000, 2 * HOUR, 3 * DAY, 20 * DAY];
      let at = anchor + pick(offsets) + (rnd() < 0.3 ? rnd() * DAY : 0);
      if (at <= cursor) at = cursor + 60_000 + rnd() * DAY;
      if (at >= NOW) at = cursor + rnd() * (NOW - cursor - 60_000);
      const kind = rnd() < 0.85 ? 'result' : 'closed';
      const returned = kind === 'result' && rnd() < 0.8 ? t(Math.min(NOW - 1, at + rnd() * 5 * DAY)) : null;
      m.finish = { at: t(at), kind, returnedAt: returned };
      m.status = kind === 'closed' ? pick(['withdrawn', 'stopped']) : returned ? 'returned' : 'result_ready';
    }
    models.push(m);
  }
  for (let i = 0; i < models.length; i += 100) {
    const part = models.slice(i, i + 100);
    const rows = part.map((m) => {
      const finishAt = m.finish?.at ?? null;
      const originalDue = m.legalDues.at(-1)?.dueAt ?? null;
      const due = m.extension?.dueAt ?? originalDue;
      const changes = [m.pause?.start, m.pause?.end, m.extension?.at].filter((x): x is string => typeof x === 'string').sort();
      return {
        code: m.code,
        procedure_id: procedures.find((p) => p.code === m.procedureCode)!.id,
        procedure_code: m.procedureCode,
        procedure_name: m.procedureName,
        channel: m.channel,
        status: m.status,
        resume_status: m.status === 'supplement_requested' ? 'processing' : null,
        applicant_name: 'Nguyễn Văn Thử',
        applicant_id_number: '038095001234',
        applicant_phone: '0912345678',
        applicant_email: null,
        applicant_address: 'Phường Đông Thanh',
        search_folded: m.code.toLowerCase(),
        division_id: m.divisionId,
        handler_id: m.handlerId,
        approver_role: 'leader',
        current_stage: null,
        submitted_at: m.receivedAt ?? '2026-01-01T00:00:00.000Z',
        received_at: m.receivedAt,
        received_by: m.receivedAt ? actor.id : null,
        time_value: 5,
        time_unit: 'working_days',
        clock_start_at: m.legalDues.at(-1)?.at ?? null,
        due_at: m.extension?.dueAt ?? m.legalDues.at(-1)?.dueAt ?? null,
        original_due_at: m.legalDues.at(-1)?.dueAt ?? null,
        extended_due_at: m.extension?.dueAt ?? null,
        due_explanation: null,
        result_ready_at: m.finish?.kind === 'result' ? finishAt : null,
        returned_at: m.finish?.returnedAt ?? null,
        closed_at: m.finish?.kind === 'closed' ? finishAt : (m.finish?.returnedAt ?? null),
        supplement_count: m.supplementCount,
        extension_count: m.extension ? 1 : 0,
        // The Biểu 06 projection as perform-action writes it (migration 0070).
        finished_at: finishAt,
        outcome_original: finishAt && originalDue ? classify(finishAt, originalDue) : null,
        outcome_extended: finishAt && due ? classify(finishAt, due) : null,
        paused_since: m.pause && m.pause.end === null ? m.pause.start : null,
        due_changed_at: changes.at(-1) ?? null,
        version: 1,
        created_at: m.receivedAt ?? '2026-01-01T00:00:00.000Z',
        updated_at: m.receivedAt ?? '2026-01-01T00:00:00.000Z',
      };
    });
    const inserted = await db.insertInto('dossier').values(rows).returning(['id', 'code']).execute();
    const idOf = new Map(inserted.map((r) => [r.code, r.id]));
    const events: Insertable<DossierEventTable>[] = [];
    const pauses: { dossier_id: number; kind: string; rule: string; started_at: string; ended_at: string | null }[] = [];
    for (const m of part) {
      const id = idOf.get(m.code)!;
      if (!m.receivedAt) continue;
      const ev: { action: string; at: string; payload: Record<string, unknown> }[] = [];
      ev.push({ action: 'receive', at: m.receivedAt, payload: { dueAt: m.legalDues[0]!.dueAt } });
      if (m.pause) {
        ev.push({ action: 'request_supplement', at: m.pause.start, payload: {} });
        if (m.pause.end) ev.push({ action: 'receive_supplement', at: m.pause.end, payload: { dueAt: m.legalDues[1]!.dueAt } });
        pauses.push({ dossier_id: id, kind: 'supplement', rule: 'restart', started_at: m.pause.start, ended_at: m.pause.end });
      }
      if (m.extension) ev.push({ action: 'extend_deadline', at: m.extension.at, payload: { newDueAt: m.extension.dueAt } });
      if (m.finish) ev.push({ action: m.finish.kind === 'result' ? 'issue_result' : 'withdraw', at: m.finish.at, payload: {} });
      if (m.finish?.returnedAt) ev.push({ action: 'return_result', at: m.finish.returnedAt, payload: {} });
      ev.forEach((e, k) =>
        events.push({
          dossier_id: id,
          seq: k + 1,
          action: e.action,
          from_status: null,
          to_status: 'processing',
          actor_id: actor.id,
          actor_role: 'reception',
          actor_name: actor.full_name,
          at: e.at,
          reason: null,
          payload: JSON.stringify(e.payload),
          request_id: null,
        }),
      );
    }
    if (events.length) await db.insertInto('dossier_event').values(events).execute();
    if (pauses.length) await db.insertInto('dossier_pause').values(pauses).execute();
  }
  return models;
}
