import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CompiledQuery, type Kysely, PostgresAdapter } from 'kysely';
import type { Status } from '../../../domain/dossier/workflow.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { Channel } from '../../../domain/procedure/procedure.ts';
import { DEFAULT_SECURITY } from '../../config.ts';
import { preparedMarker } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { MemoryWindowCounter, throttleUpsertSql } from '../auth/throttle.ts';
import { type PublicDossier as PublicDossierRow, type PublicStep, type PublicSupplement, presentPublicDossier } from './dossier.presenter.ts';

/**
 * The citizen lookup: the hottest path of the product (every citizen following a dossier, every SMS link,
 * every kiosk scan), measured against a bare Fastify route in `npm run bench` (docs/benchmarks.md).
 *
 * One statement per lookup, written once per dialect and never rebuilt: the dossier with the code, else the
 * decoy (the oldest dossier, so that an unknown code costs the same work as a known one), with its public
 * steps and its pending supplement request (form 02) as JSON, and on PostgreSQL the per-address look-up
 * budget counted in the same statement (a data-modifying CTE on the UNLOGGED throttle table: shared by
 * every server process, no WAL flush per lookup). On SQLite — one server process by design (docs/scaling.md)
 * — the budget is counted in that process's memory, which is then exactly the shared count.
 */

export const NOT_FOUND_MESSAGE = 'Không tìm thấy hồ sơ với mã và số điện thoại đã nhập.';

export type PublicDossier = ReturnType<typeof presentPublicDossier>;

const COLUMNS = 'id, code, status, channel, procedure_name, applicant_name, applicant_phone, received_at, due_at, original_due_at, result_ready_at, returned_at';

/** The dossier with the code (decoy = 0), else the oldest dossier (decoy = 1): exactly one row when any dossier exists. */
const TARGET = `select ${COLUMNS}, 0 as decoy from dossier where code = $code
  union all select ${COLUMNS}, 1 as decoy from dossier where id = (select min(id) from dossier)
  order by decoy limit 1`;

const SQLITE = `select t.*,
  (select json_group_array(json_array(s.name, s.started_at, s.due_at, s.completed_at, s.outcome))
     from (select * from dossier_step where dossier_id = t.id order by position) s) as steps,
  (select json_array(r.items, r.note, r.requested_at, r.uploaded_at, r.received_at)
     from supplement_request r where r.dossier_id = t.id order by r.seq desc limit 1) as supplement
  from (${TARGET}) t`.replace('$code', '?');

const POSTGRES = `${preparedMarker('public-lookup')}with hit as (${throttleUpsertSql('$1', '$2', '$3')}),
  t as (${TARGET.replace('$code', '$4')})
  select t.*,
    (select json_agg(json_build_array(s.name, s.started_at, s.due_at, s.completed_at, s.outcome) order by s.position)
       from dossier_step s where s.dossier_id = t.id) as steps,
    (select json_build_array(r.items, r.note, r.requested_at, r.uploaded_at, r.received_at)
       from supplement_request r where r.dossier_id = t.id order by r.seq desc limit 1) as supplement,
    hit.hits
  from hit left join t on true`;

interface Row {
  id: number | null;
  code: string | null;
  status: string;
  channel: string;
  procedure_name: string;
  applicant_name: string;
  applicant_phone: string;
  received_at: string | null;
  due_at: string | null;
  original_due_at: string | null;
  result_ready_at: string | null;
  returned_at: string | null;
  decoy: number | string;
  /** JSON text on SQLite, parsed by the driver on PostgreSQL. */
  steps: string | unknown[] | null;
  supplement: string | unknown[] | null;
  hits?: number | string;
}

const json = (v: string | unknown[] | null): unknown[] | null => (typeof v === 'string' ? (JSON.parse(v) as unknown[]) : v);

/** Constant-time comparison of two 4-digit strings; anything else (any length, any script) never matches. */
function sameDigits(a: string, b: string): boolean {
  const okA = /^\d{4}$/.test(a);
  const okB = /^\d{4}$/.test(b);
  // Fixed 4-byte ASCII buffers whatever was typed: timingSafeEqual needs equal lengths.
  const x = Buffer.from(okA ? a : '----', 'latin1');
  const y = Buffer.from(okB ? b : '....', 'latin1');
  return timingSafeEqual(x, y) && okA && okB;
}

export interface LookupBudget {
  key: string;
  windowSeconds: number;
  now: Date;
}

/** SQLite's per-process look-up budgets, one counter per database handle (one per app). */
const memoryBudgets = new WeakMap<Kysely<Database>, MemoryWindowCounter>();

/**
 * Look a dossier up by code and the phone's last 4 digits; with a budget, count one hit against it first.
 * An unknown code, a missing and a wrong second factor all answer the same NOT_FOUND, after the same work.
 */
export async function lookupPublicDossier(db: Kysely<Database>, code: string, phoneLast4: string, budget?: LookupBudget & { limit: number; message: string }): Promise<PublicDossier> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  let hits = 0;
  let row: Row | undefined;
  if (postgres) {
    const b = budget ?? { key: 'lookup:none', windowSeconds: 1, now: new Date(0) };
    const cutoff = new Date(b.now.getTime() - b.windowSeconds * 1000).toISOString();
    const r = await db.executeQuery<Row>(CompiledQuery.raw(POSTGRES, [b.key, b.now.toISOString(), cutoff, code]));
    row = r.rows[0];
    hits = Number(row?.hits ?? 0);
  } else {
    if (budget) {
      let counter = memoryBudgets.get(db);
      if (!counter) memoryBudgets.set(db, (counter = new MemoryWindowCounter()));
      hits = counter.hit(budget.key, budget.windowSeconds, budget.now);
    }
    // Over budget on SQLite: refused before any read (the count is in memory, no statement was needed).
    if (!budget || hits <= budget.limit) row = (await db.executeQuery<Row>(CompiledQuery.raw(SQLITE, [code]))).rows[0];
  }
  if (budget && hits > budget.limit) throw new DomainError('RATE_LIMITED', budget.message);

  const found = row !== undefined && row.id !== null && Number(row.decoy) === 0;
  const phone = row?.applicant_phone ? row.applicant_phone.replace(/\D/g, '').slice(-4) : '----';
  const ok = sameDigits(phoneLast4, phone);
  if (!found || !ok) throw new DomainError('NOT_FOUND', NOT_FOUND_MESSAGE);

  const d: PublicDossierRow = {
    id: row!.id!,
    code: row!.code!,
    status: row!.status as Status,
    channel: row!.channel as Channel,
    procedureName: row!.procedure_name,
    applicant: { fullName: row!.applicant_name, phone: row!.applicant_phone },
    receivedAt: row!.received_at,
    dueAt: row!.due_at,
    originalDueAt: row!.original_due_at,
    resultReadyAt: row!.result_ready_at,
    returnedAt: row!.returned_at,
  };
  const steps = ((json(row!.steps) ?? []) as [string, string, string, string | null, string | null][]).map(
    ([name, startedAt, dueAt, completedAt, outcome]): PublicStep => ({ name, startedAt, dueAt, completedAt, outcome: outcome as PublicStep['outcome'] }),
  );
  const s = json(row!.supplement) as [string | unknown[], string, string, string | null, string | null] | null;
  // The latest supplement request, shown while it waits for the applicant (not yet received).
  const supplement: PublicSupplement | null =
    s && s[4] === null
      ? {
          items: ((typeof s[0] === 'string' ? JSON.parse(s[0]) : s[0]) as PublicSupplement['items']).map((i) => ({ componentId: i.componentId, name: i.name, note: i.note })),
          note: s[1],
          requestedAt: s[2],
          uploadedAt: s[3] ?? null,
        }
      : null;
  return presentPublicDossier(d, steps, supplement);
}

/**
 * The check in front of every public use of a dossier (lookup, online supplement, opt-out): the client
 * address's look-up budget, then the code and the phone's last 4 digits, answered like the lookup itself
 * (an unknown code and a wrong phone are indistinguishable).
 */
export async function checkPublicAccess(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, code: string, phoneLast4: string): Promise<PublicDossier> {
  const sec = { ...DEFAULT_SECURITY, ...app.deps.config.security };
  const windowSeconds = sec.publicLookupWindowMinutes * 60;
  try {
    return await lookupPublicDossier(app.deps.db.kysely, code, phoneLast4, {
      key: `lookup:ip:${request.ip}`,
      windowSeconds,
      now: app.deps.clock.now(),
      limit: sec.publicLookupLimit,
      message: `Tra cứu quá nhiều lần. Vui lòng thử lại sau ${sec.publicLookupWindowMinutes} phút.`,
    });
  } catch (e) {
    if (e instanceof DomainError && e.code === 'RATE_LIMITED') void reply.header('retry-after', String(windowSeconds));
    throw e;
  }
}
