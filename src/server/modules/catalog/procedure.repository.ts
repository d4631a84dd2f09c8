import { type Kysely, PostgresAdapter } from 'kysely';
import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import type { Channel, ComponentKind, ProcedureSeed, Role, Stage, TimeUnit } from '../../../domain/procedure/procedure.ts';
import { fold } from '../../../domain/text.ts';
import { notFound } from '../../../domain/errors.ts';
import type { Database } from '../../db/schema.ts';
import type { Procedure } from './procedure.ts';

export interface ProcedureSummary {
  code: string;
  name: string;
  field: string;
  timeLimit: { value: number | null; unit: TimeUnit };
  divisionCode: string;
}

export async function listProcedures(db: Kysely<Database>, q: string | undefined, limit: number): Promise<ProcedureSummary[]> {
  let query = db
    .selectFrom('procedure as p')
    .innerJoin('division as d', 'd.id', 'p.division_id')
    .select(['p.code', 'p.name', 'p.field', 'p.time_value', 'p.time_unit', 'd.code as division_code'])
    .where('p.is_active', '=', 1);
  const words = q ? fold(q).split(' ').filter(Boolean) : [];
  for (const w of words) {
    const pattern = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('p.name_folded', 'like', pattern), eb('p.code', 'like', pattern)]));
  }
  const rows = await query.orderBy('p.field').orderBy('p.name').limit(limit).execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    field: r.field,
    timeLimit: { value: r.time_value, unit: r.time_unit as TimeUnit },
    divisionCode: r.division_code,
  }));
}

/** JSON sub-results: parsed by the driver on PostgreSQL, text on SQLite. */
const parsed = <T>(v: T[] | string): T[] => (typeof v === 'string' ? (JSON.parse(v) as T[]) : v);

/** A procedure with its components and steps, in one statement (every receipt reads it: one round trip, not three). */
export async function findProcedure(db: Kysely<Database>, code: string): Promise<Procedure | undefined> {
  const jsonArrayFrom = db.getExecutor().adapter instanceof PostgresAdapter ? pgJsonArrayFrom : sqliteJsonArrayFrom;
  const p = await db
    .selectFrom('procedure as p')
    .innerJoin('division as d', 'd.id', 'p.division_id')
    .selectAll('p')
    .select(['d.code as division_code', 'd.name as division_name'])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('procedure_component as c')
          .select(['c.id', 'c.position', 'c.name', 'c.kind', 'c.count', 'c.is_mandatory', 'c.condition', 'c.form'])
          .whereRef('c.procedure_id', '=', 'p.id')
          .orderBy('c.position'),
      ).as('components'),
      jsonArrayFrom(
        eb.selectFrom('procedure_step as s').select(['s.position', 's.stage', 's.role', 's.name', 's.hours']).whereRef('s.procedure_id', '=', 'p.id').orderBy('s.position'),
      ).as('steps'),
    ])
    .where('p.code', '=', code)
    .executeTakeFirst();
  if (!p) return undefined;
  const components = parsed(p.components);
  const steps = parsed(p.steps);
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    field: p.field,
    level: p.level,
    implementingBody: p.implementing_body,
    divisionId: p.division_id,
    divisionCode: p.division_code,
    divisionName: p.division_name,
    nationalDecision: p.national_decision,
    timeLimit: { value: p.time_value, unit: p.time_unit as TimeUnit },
    timeLimitNote: p.time_note,
    fees: JSON.parse(p.fees),
    legalBasis: JSON.parse(p.legal_basis),
    result: p.result,
    channels: JSON.parse(p.channels) as Channel[],
    stepsOrigin: p.steps_origin as 'real' | 'derived',
    stepsNote: p.steps_note,
    dataQuality: p.data_quality as 'confirmed' | 'memory',
    sources: JSON.parse(p.sources),
    components: components.map((c) => ({
      id: c.id,
      position: c.position,
      name: c.name,
      kind: c.kind as ComponentKind,
      count: c.count,
      isMandatory: c.is_mandatory === 1,
      condition: c.condition,
      form: c.form,
    })),
    steps: steps.map((s) => ({ position: s.position, stage: s.stage as Stage, role: s.role as Role, name: s.name, hours: s.hours })),
  };
}

export async function getProcedure(db: Kysely<Database>, code: string): Promise<Procedure> {
  const p = await findProcedure(db, code);
  if (!p) throw notFound(`thủ tục có mã ${code}`);
  return p;
}

export async function insertProcedure(db: Kysely<Database>, seed: ProcedureSeed, divisionId: number, now: Date): Promise<number> {
  const { id } = await db
    .insertInto('procedure')
    .values({
      code: seed.code,
      name: seed.name,
      name_folded: fold(seed.name),
      field: seed.field,
      level: seed.level,
      implementing_body: seed.implementingBody,
      division_id: divisionId,
      national_decision: seed.nationalDecision,
      time_value: seed.timeLimit.value,
      time_unit: seed.timeLimit.unit,
      time_note: seed.timeLimitNote,
      fees: JSON.stringify(seed.fees),
      legal_basis: JSON.stringify(seed.legalBasis),
      result: seed.result,
      channels: JSON.stringify(seed.channels),
      steps_origin: seed.stepsOrigin,
      steps_note: seed.stepsNote,
      data_quality: seed.dataQuality,
      sources: JSON.stringify(seed.sources),
      is_active: 1,
      updated_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (seed.components.length > 0) {
    await db
      .insertInto('procedure_component')
      .values(
        seed.components.map((c, i) => ({
          procedure_id: id,
          position: i + 1,
          name: c.name,
          kind: c.kind,
          count: c.count,
          is_mandatory: c.isMandatory ? 1 : 0,
          condition: c.condition,
          form: c.form,
        })),
      )
      .execute();
  }
  if (seed.steps.length > 0) {
    await db
      .insertInto('procedure_step')
      .values(seed.steps.map((s, i) => ({ procedure_id: id, position: i + 1, stage: s.stage, role: s.role, name: s.name, hours: s.hours })))
      .execute();
  }
  return id;
}
