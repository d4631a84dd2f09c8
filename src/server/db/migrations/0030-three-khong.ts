import { type CreateTableBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Migrations never import app code: they describe the schema as it was on the day they were written.

// biome-ignore lint: migrations work on an untyped database
type AnyDb = Kysely<any>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return isPostgres
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** "3 không": deadline warnings, staff notifications, apologies, accountability, supplements, overrides, redirects. */
export async function up(db: AnyDb): Promise<void> {
  // Projection of form 04's state (null, drafted, signed); folded from draft_apology / extend_deadline events.
  await db.schema.alterTable('dossier').addColumn('apology_status', 'text').execute();
  // One row per dossier (step_id 0) or step, level and appointment: a missed tick or a restart never loses or repeats one.
  await withId(db, db.schema.createTable('deadline_warning'))
    .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossier.id'))
    .addColumn('step_id', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('escalated_at', 'text')
    .addUniqueConstraint('deadline_warning_once', ['dossier_id', 'step_id', 'level', 'due_at'])
    .execute();
  await db.schema.createIndex('deadline_warning_dossier').on('deadline_warning').columns(['dossier_id', 'level']).execute();

  await withId(db, db.schema.createTable('notification'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('staff_user.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('dossier_code', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notification_inbox').on('notification').columns(['user_id', 'read_at', 'id']).execute();

  // Form 04: at most one per dossier (the appointment is reset only once, Decree 61 Art 19(9)).
  await withId(db, db.schema.createTable('apology'))
    .addColumn('dossier_id', 'integer', (c) => c.notNull().unique().references('dossier.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('previous_due_at', 'text', (c) => c.notNull())
    .addColumn('new_due_at', 'text', (c) => c.notNull())
    .addColumn('draft_deadline_at', 'text', (c) => c.notNull())
    .addColumn('drafted_by', 'integer', (c) => c.notNull().references('staff_user.id'))
    .addColumn('drafted_at', 'text', (c) => c.notNull())
    .addColumn('is_late_draft', 'integer', (c) => c.notNull())
    .addColumn('signed_by', 'integer', (c) => c.references('staff_user.id'))
    .addColumn('signed_at', 'text')
    .addColumn('signer_title', 'text')
    .execute();

  await withId(db, db.schema.createTable('accountability_record'))
    .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossier.id'))
    .addColumn('responsible_division_id', 'integer', (c) => c.notNull().references('division.id'))
    .addColumn('responsible_user_id', 'integer', (c) => c.references('staff_user.id'))
    .addColumn('root_cause', 'text', (c) => c.notNull())
    .addColumn('root_cause_note', 'text', (c) => c.notNull())
    .addColumn('corrective_action', 'text', (c) => c.notNull())
    .addColumn('action_owner_id', 'integer', (c) => c.notNull().references('staff_user.id'))
    .addColumn('action_due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('staff_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('verified_by', 'integer', (c) => c.references('staff_user.id'))
    .addColumn('verification_note', 'text')
    .execute();

  // Form 02: every missing item at once; the clock rule and the interval are kept with it.
  await withId(db, db.schema.createTable('supplement_request'))
    .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossier.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('clock_rule', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'integer', (c) => c.notNull().references('staff_user.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text')
    .addColumn('due_at_before', 'text')
    .addColumn('due_at_after', 'text')
    .addUniqueConstraint('supplement_request_seq', ['dossier_id', 'seq'])
    .execute();

  await withId(db, db.schema.createTable('rule_override'))
    .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossier.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.notNull().references('staff_user.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('competent_agency'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('online_url', 'text')
    .addColumn('matters', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await withId(db, db.schema.createTable('redirect_slip'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('competent_agency.id'))
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_phone', 'text')
    .addColumn('matter', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'integer', (c) => c.notNull().references('staff_user.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ['redirect_slip', 'competent_agency', 'rule_override', 'supplement_request', 'accountability_record', 'apology', 'notification', 'deadline_warning']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable('dossier').dropColumn('apology_status').execute();
}
