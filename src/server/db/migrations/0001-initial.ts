import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Migrations never import app code: they describe the schema as it was on the day they were written.

// biome-ignore lint: migrations work on an untyped database
type AnyDb = Kysely<any>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return isPostgres
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

const notNull = (c: ColumnDefinitionBuilder) => c.notNull();

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addColumn('updated_by', 'integer')
    .execute();

  await withId(db, db.schema.createTable('division'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', notNull)
    .addColumn('kind', 'text', notNull)
    .execute();

  await withId(db, db.schema.createTable('staff_user'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('full_name', 'text', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('role', 'text', notNull)
    .addColumn('division_id', 'integer', (c) => c.references('division.id'))
    .addColumn('password_hash', 'text', notNull)
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await db.schema
    .createTable('user_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('staff_user.id'))
    .addColumn('created_at', 'text', notNull)
    .addColumn('expires_at', 'text', notNull)
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('user_session_user').on('user_session').column('user_id').execute();

  await withId(db, db.schema.createTable('procedure'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', notNull)
    .addColumn('name_folded', 'text', notNull)
    .addColumn('field', 'text', notNull)
    .addColumn('level', 'text', notNull)
    .addColumn('implementing_body', 'text', notNull)
    .addColumn('division_id', 'integer', (c) => c.notNull().references('division.id'))
    .addColumn('national_decision', 'text')
    .addColumn('time_value', 'real')
    .addColumn('time_unit', 'text', notNull)
    .addColumn('time_note', 'text')
    .addColumn('fees', 'text', notNull)
    .addColumn('legal_basis', 'text', notNull)
    .addColumn('result', 'text', notNull)
    .addColumn('channels', 'text', notNull)
    .addColumn('steps_origin', 'text', notNull)
    .addColumn('steps_note', 'text')
    .addColumn('data_quality', 'text', notNull)
    .addColumn('sources', 'text', notNull)
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await withId(db, db.schema.createTable('procedure_component'))
    .addColumn('procedure_id', 'integer', (c) => c.notNull().references('procedure.id').onDelete('cascade'))
    .addColumn('position', 'integer', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('kind', 'text', notNull)
    .addColumn('count', 'integer', notNull)
    .addColumn('is_mandatory', 'integer', notNull)
    .addColumn('condition', 'text')
    .addColumn('form', 'text')
    .execute();
  await db.schema.createIndex('procedure_component_procedure').on('procedure_component').column('procedure_id').execute();

  await withId(db, db.schema.createTable('procedure_step'))
    .addColumn('procedure_id', 'integer', (c) => c.notNull().references('procedure.id').onDelete('cascade'))
    .addColumn('position', 'integer', notNull)
    .addColumn('stage', 'text', notNull)
    .addColumn('role', 'text', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('hours', 'real', notNull)
    .execute();
  await db.schema.createIndex('procedure_step_procedure').on('procedure_step').column('procedure_id').execute();

  await db.schema
    .createTable('calendar_day')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', notNull)
    .addColumn('reason', 'text', notNull)
    .addColumn('source', 'text', notNull)
    .addColumn('is_provisional', 'integer', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addColumn('updated_by', 'integer')
    .execute();

  await withId(db, db.schema.createTable('dossier'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('procedure_id', 'integer', (c) => c.notNull().references('procedure.id'))
    .addColumn('procedure_code', 'text', notNull)
    .addColumn('procedure_name', 'text', notNull)
    .addColumn('channel', 'text', notNull)
    .addColumn('status', 'text', notNull)
    .addColumn('resume_status', 'text')
    .addColumn('applicant_name', 'text', notNull)
    .addColumn('applicant_id_number', 'text', notNull)
    .addColumn('applicant_phone', 'text', notNull)
    .addColumn('applicant_email', 'text')
    .addColumn('applicant_address', 'text', notNull)
    .addColumn('search_folded', 'text', notNull)
    .addColumn('division_id', 'integer', (c) => c.notNull().references('division.id'))
    .addColumn('handler_id', 'integer', (c) => c.references('staff_user.id'))
    .addColumn('approver_role', 'text', notNull)
    .addColumn('current_stage', 'text')
    .addColumn('submitted_at', 'text', notNull)
    .addColumn('received_at', 'text')
    .addColumn('received_by', 'integer', (c) => c.references('staff_user.id'))
    .addColumn('time_value', 'real')
    .addColumn('time_unit', 'text', notNull)
    .addColumn('clock_start_at', 'text')
    .addColumn('due_at', 'text')
    .addColumn('original_due_at', 'text')
    .addColumn('extended_due_at', 'text')
    .addColumn('due_explanation', 'text')
    .addColumn('result_ready_at', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('supplement_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await db.schema.createIndex('dossier_status_due').on('dossier').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('dossier_division_due').on('dossier').columns(['division_id', 'due_at']).execute();
  await db.schema.createIndex('dossier_received').on('dossier').column('received_at').execute();

  await db.schema
    .createTable('dossier_component')
    .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossier.id').onDelete('cascade'))
    .addColumn('component_id', 'integer', (c) => c.notNull().references('procedure_component.id'))
    .addPrimaryKeyConstraint('dossier_component_pk', ['dossier_id', 'component_id'])
    .execute();

  await withId(db, db.schema.createTable('dossier_event'))
    .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossier.id'))
    .addColumn('seq', 'integer', notNull)
    .addColumn('action', 'text', notNull)
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', notNull)
    .addColumn('actor_id', 'integer', (c) => c.references('staff_user.id'))
    .addColumn('actor_role', 'text', notNull)
    .addColumn('actor_name', 'text', notNull)
    .addColumn('at', 'text', notNull)
    .addColumn('reason', 'text')
    .addColumn('payload', 'text', notNull)
    .addColumn('request_id', 'text', (c) => c.unique())
    .addUniqueConstraint('dossier_event_seq', ['dossier_id', 'seq'])
    .execute();

  await withId(db, db.schema.createTable('dossier_step'))
    .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossier.id'))
    .addColumn('position', 'integer', notNull)
    .addColumn('stage', 'text', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('role', 'text', notNull)
    .addColumn('division_id', 'integer', (c) => c.references('division.id'))
    .addColumn('handler_id', 'integer', (c) => c.references('staff_user.id'))
    .addColumn('started_at', 'text', notNull)
    .addColumn('due_at', 'text', notNull)
    .addColumn('completed_at', 'text')
    .addColumn('outcome', 'text')
    .execute();
  await db.schema.createIndex('dossier_step_dossier').on('dossier_step').column('dossier_id').execute();

  await withId(db, db.schema.createTable('dossier_pause'))
    .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossier.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('rule', 'text', notNull)
    .addColumn('started_at', 'text', notNull)
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('dossier_pause_dossier').on('dossier_pause').column('dossier_id').execute();

  await db.schema
    .createTable('day_sequence')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('last', 'integer', notNull)
    .execute();

  await db.schema
    .createTable('idempotency')
    .addColumn('user_id', 'integer', notNull)
    .addColumn('key', 'text', notNull)
    .addColumn('request_hash', 'text', notNull)
    .addColumn('status_code', 'integer', notNull)
    .addColumn('response', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .addPrimaryKeyConstraint('idempotency_pk', ['user_id', 'key'])
    .execute();

  await withId(db, db.schema.createTable('audit_log'))
    .addColumn('at', 'text', notNull)
    .addColumn('actor_id', 'integer')
    .addColumn('actor_role', 'text', notNull)
    .addColumn('action', 'text', notNull)
    .addColumn('entity', 'text', notNull)
    .addColumn('entity_id', 'text', notNull)
    .addColumn('details', 'text', notNull)
    .execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'audit_log', 'idempotency', 'day_sequence', 'dossier_pause', 'dossier_step', 'dossier_event',
    'dossier_component', 'dossier', 'calendar_day', 'procedure_step', 'procedure_component', 'procedure',
    'user_session', 'staff_user', 'division', 'setting',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
