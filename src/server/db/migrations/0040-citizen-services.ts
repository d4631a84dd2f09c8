import { type Kysely, PostgresAdapter } from 'kysely';

// biome-ignore lint: migrations work on an untyped database
type AnyDb = Kysely<any>;

// Migrations never import app code: they describe the schema as it was on the day they were written.

/**
 * "3 biết" and the citizen's side: notifications with delivery state and consent, ratings with their
 * follow-ups, the queue (areas, counters, tickets), online submissions with their uploads.
 * Default queue areas and counters are inserted here as configuration a ward edits afterwards.
 */
export async function up(db: AnyDb): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const table = (name: string) => {
    const t = db.schema.createTable(name);
    return isPostgres ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  };

  await db.schema
    .createTable('contact_consent')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // granted | opted_out
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_consent_pk', ['channel', 'address'])
    .execute();

  // Messages to applicants (e-mail, SMS, Zalo); staff in-app notifications are 0030's `notification`.
  await table('outbound_message')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('dossier_id', 'integer', (c) => c.references('dossier.id'))
    .addColumn('dossier_code', 'text')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | sent | retrying | failed | skipped
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbound_message_dossier').on('outbound_message').column('dossier_id').execute();

  await table('queue_area')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await table('queue_counter')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('areas', 'text', (c) => c.notNull())
    .addColumn('officer_id', 'integer', (c) => c.references('staff_user.id'))
    .addColumn('opened_at', 'text')
    .execute();

  await table('queue_ticket')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('display', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // waiting | called | serving | done | skipped
    .addColumn('counter_id', 'integer', (c) => c.references('queue_counter.id'))
    .addColumn('officer_id', 'integer', (c) => c.references('staff_user.id'))
    .addColumn('dossier_id', 'integer', (c) => c.references('dossier.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('called_at', 'text')
    .addColumn('serving_at', 'text')
    .addColumn('done_at', 'text')
    .addColumn('recalls', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('transferred_from', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('queue_ticket_number', ['day', 'area_code', 'number'])
    .execute();
  await db.schema.createIndex('queue_ticket_day_status').on('queue_ticket').columns(['day', 'status']).execute();

  await table('rating')
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('dossier_id', 'integer', (c) => c.references('dossier.id').unique())
    .addColumn('ticket_id', 'integer', (c) => c.references('queue_ticket.id').unique())
    .addColumn('officer_id', 'integer', (c) => c.references('staff_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('score', 'integer')
    .addColumn('reasons', 'text')
    .addColumn('trips', 'integer')
    .addColumn('extra_costs', 'integer')
    .addColumn('comment', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('follow_up', 'text', (c) => c.notNull().defaultTo('none')) // none | open | resolved
    .addColumn('follow_up_note', 'text')
    .addColumn('resolved_by', 'integer', (c) => c.references('staff_user.id'))
    .addColumn('resolved_at', 'text')
    .execute();

  await table('submission')
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('contact_channel', 'text', (c) => c.notNull())
    .addColumn('otp_hash', 'text', (c) => c.notNull())
    .addColumn('otp_expires_at', 'text', (c) => c.notNull())
    .addColumn('otp_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dossier_id', 'integer', (c) => c.references('dossier.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .execute();

  await table('upload')
    .addColumn('submission_id', 'integer', (c) => c.references('submission.id'))
    .addColumn('dossier_id', 'integer', (c) => c.references('dossier.id'))
    .addColumn('component_id', 'integer', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull()) // submission | supplement
    // For purpose 'supplement': the request (form 02, 0030's supplement_request) the file answers.
    .addColumn('supplement_request_id', 'integer', (c) => c.references('supplement_request.id'))
    .addColumn('stored_name', 'text', (c) => c.notNull().unique())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Issue 4's supplement request (form 02) is the only one; the applicant's online upload answers it.
  await db.schema.alterTable('supplement_request').addColumn('uploaded_at', 'text').execute();
  await db.schema.createIndex('upload_dossier').on('upload').column('dossier_id').execute();

  const areas = [
    { code: 'A', name: 'Hộ tịch, nuôi con nuôi', fields: ['Hộ tịch', 'Nuôi con nuôi'], position: 1 },
    { code: 'B', name: 'Chứng thực', fields: ['Chứng thực'], position: 2 },
    { code: 'C', name: 'Đất đai, xây dựng, kinh doanh', fields: ['Đất đai', 'Tài chính đất đai', 'Hoạt động xây dựng', 'Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)'], position: 3 },
    { code: 'D', name: 'Chính sách xã hội và lĩnh vực khác', fields: [], position: 4 },
  ];
  for (const a of areas) {
    await db.insertInto('queue_area').values({ ...a, fields: JSON.stringify(a.fields), is_active: 1 }).execute();
  }
  const counters = [
    { code: '1', name: 'Quầy số 1', areas: ['A'] },
    { code: '2', name: 'Quầy số 2', areas: ['A', 'B'] },
    { code: '3', name: 'Quầy số 3', areas: ['C'] },
    { code: '4', name: 'Quầy số 4', areas: ['D', 'B'] },
  ];
  for (const c of counters) {
    await db.insertInto('queue_counter').values({ ...c, areas: JSON.stringify(c.areas), officer_id: null, opened_at: null }).execute();
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ['upload', 'submission', 'rating', 'queue_ticket', 'queue_counter', 'queue_area', 'outbound_message', 'contact_consent']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable('supplement_request').dropColumn('uploaded_at').execute();
}
