import { type Kysely, PostgresAdapter } from 'kysely';

// biome-ignore lint: migrations work on an untyped database
type AnyDb = Kysely<any>;

/**
 * Complaints and suggestions (phản ánh, kiến nghị — PAKN) and the Fatherland Front's supervision
 * recommendations (kiến nghị giám sát), issue 6. Changes to both are audited in audit_log.
 */
export async function up(db: AnyDb): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const withId = (name: string) => {
    const t = db.schema.createTable(name);
    return isPostgres ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  };
  await withId('complaint')
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('submitter_name', 'text', (c) => c.notNull())
    .addColumn('submitter_phone', 'text')
    .addColumn('submitter_email', 'text')
    .addColumn('dossier_id', 'integer', (c) => c.references('dossier.id'))
    .addColumn('staff_id', 'integer', (c) => c.references('staff_user.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_by', 'integer', (c) => c.references('staff_user.id'))
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('due_explanation', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'integer', (c) => c.references('staff_user.id'))
    .addColumn('assigned_at', 'text')
    .addColumn('answer', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'integer', (c) => c.references('staff_user.id'))
    .addColumn('substantiated', 'integer')
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaint_received').on('complaint').column('received_at').execute();
  await db.schema.createIndex('complaint_dossier').on('complaint').column('dossier_id').execute();

  await withId('supervision_recommendation')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('dossier_id', 'integer', (c) => c.references('dossier.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .addColumn('filed_by', 'integer', (c) => c.notNull().references('staff_user.id'))
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('due_explanation', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'integer', (c) => c.references('staff_user.id'))
    .addColumn('closed_at', 'text')
    .addColumn('closing_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supervision_recommendation_filed').on('supervision_recommendation').column('filed_at').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('supervision_recommendation').execute();
  await db.schema.dropTable('complaint').execute();
}
