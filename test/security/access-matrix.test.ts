/**
 * Access control matrix (ASVS 5.0 V8): every route of the OpenAPI document × anonymous and every role ×
 * a dossier of the actor's own division and of another one. Zero unauthorised successes: every request
 * the policy denies answers 401 or 403 and changes nothing; every request it allows gets past access
 * control. A route without a row in POLICY fails the test, so new routes join the matrix.
 * Then mass assignment: fields a role may not set are never stored.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACTIONS, type Action, TRANSITIONS } from '../../src/domain/dossier/workflow.ts';
import type { Role } from '../../src/domain/procedure/procedure.ts';
import type { Db } from '../../src/server/db/database.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { APPLICANT, procedureDetail, requiredComponentIds } from '../fixtures.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';

type Who = 'anonymous' | Role;
interface Actor {
  who: Who;
  username: string | null;
  division: string | null;
}
const ACTORS: Actor[] = [
  { who: 'anonymous', username: null, division: null },
  { who: 'reception', username: 'tiepnhan1', division: 'TTPVHCC' },
  { who: 'specialist', username: 'diachinh1', division: 'KTHTDT' },
  { who: 'division_head', username: 'truongphongkt', division: 'KTHTDT' },
  { who: 'leader', username: 'chutich', division: 'UBND' },
  { who: 'monitor', username: 'kiemsoat', division: 'TTPVHCC' },
  { who: 'supervisor', username: 'mattran', division: null },
  { who: 'admin', username: 'admin', division: 'TTPVHCC' },
];
const STAFF: Who[] = ['reception', 'specialist', 'division_head', 'leader', 'monitor', 'supervisor', 'admin'];
const DIVISION_BOUND: Who[] = ['specialist', 'division_head'];
const OWN = 'KTHTDT';
const OTHER = 'VHXH';

/** Who may use a route; `own` says whether the target dossier is in the actor's division. */
type Rule = (who: Who, own: boolean) => boolean;
const anyone: Rule = () => true;
const signedIn: Rule = (w) => w !== 'anonymous';
const only =
  (...roles: Who[]): Rule =>
  (w) =>
    roles.includes(w);
const staffOwnDivision: Rule = (w, own) => STAFF.includes(w) && (!DIVISION_BOUND.includes(w) || own);

const POLICY: Record<string, Rule> = {
  'POST /api/auth/login': anyone,
  'POST /api/auth/logout': signedIn,
  'GET /api/auth/me': signedIn,
  'POST /api/auth/totp/setup': signedIn,
  'POST /api/auth/totp/enable': signedIn,
  'GET /api/procedures': anyone,
  'GET /api/procedures/{code}': anyone,
  'GET /api/calendar/years/{year}': anyone,
  'PUT /api/calendar/days/{date}': only('admin'),
  'DELETE /api/calendar/days/{date}': only('admin'),
  'POST /api/dossiers': only('reception'),
  'GET /api/dossiers': staffOwnDivision,
  'GET /api/dossiers/{code}': staffOwnDivision,
  // Per action, from the transition table (the declared policy): role, then division for non-ward-wide roles.
  'POST /api/dossiers/{code}/actions/{action}': () => true,
  'GET /api/public/dossiers/{code}': anyone,
  'GET /api/public/due-date': anyone,
  'GET /api/users': only('admin', 'leader', 'division_head', 'monitor'),
  'POST /api/users': only('admin'),
  'PATCH /api/users/{id}': only('admin'),
};
const WARD_WIDE: Who[] = ['reception', 'leader'];
function actionAllowed(action: Action, approverRole: string, who: Who, own: boolean): boolean {
  const t = TRANSITIONS[action];
  const roles: string[] = action === 'approve' || action === 'send_back' ? [approverRole] : [...t.roles];
  return roles.includes(who) && (WARD_WIDE.includes(who) || own);
}

const ACCESS_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);
const GATE_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'CSRF_REJECTED', 'MFA_ENROLLMENT_REQUIRED']);

describeEachDialect('access control matrix', (dialect) => {
  let db: Db;
  let t: TestApp;
  const cookies = new Map<string, string>();
  const dossiers: Record<string, string> = {};
  const procedures: Record<string, string> = {};
  let spareUserId = 0;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    t = await buildTestApp(db);
    for (const a of ACTORS) if (a.username) cookies.set(a.who, await t.login(a.username));
    for (const div of [OWN, OTHER]) {
      const p = await db.kysely
        .selectFrom('procedure as p')
        .innerJoin('division as d', 'd.id', 'p.division_id')
        .select('p.code')
        .where('d.code', '=', div)
        .where('p.channels', 'like', '%direct%')
        .orderBy('p.code')
        .executeTakeFirstOrThrow();
      procedures[div] = p.code;
      dossiers[div] = (await receiveIn(div)).json().code;
    }
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: cookies.get('admin')! },
      payload: { username: 'matran-spare', fullName: 'Tài khoản thử', role: 'specialist', divisionCode: OTHER, password: 'mot cau dai de thu nghiem' },
    });
    spareUserId = created.json().id;
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  async function receiveIn(div: string, cookie = cookies.get('reception')!) {
    const p = await procedureDetail(t.app, procedures[div]!);
    return t.app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: { cookie },
      payload: { procedureCode: p.code, channel: 'direct', applicant: APPLICANT, submittedComponents: requiredComponentIds(p) },
    });
  }

  let uniq = 0;
  function requestFor(method: string, path: string, targetDiv: string): { url: string; payload?: unknown } {
    const code = dossiers[targetDiv]!;
    switch (`${method} ${path}`) {
      case 'POST /api/auth/login':
        return { url: '/api/auth/login', payload: { username: 'tiepnhan2', password: 'DongThanh@2026' } };
      case 'POST /api/auth/totp/enable':
        return { url: path, payload: { code: '000000' } };
      case 'GET /api/procedures/{code}':
        return { url: `/api/procedures/${procedures[targetDiv]}` };
      case 'GET /api/calendar/years/{year}':
        return { url: '/api/calendar/years/2026' };
      case 'PUT /api/calendar/days/{date}':
        return { url: '/api/calendar/days/2026-12-24', payload: { kind: 'off', reason: 'Thử quyền', source: 'Kiểm thử ma trận quyền' } };
      case 'DELETE /api/calendar/days/{date}':
        return { url: '/api/calendar/days/2026-12-24' };
      case 'POST /api/dossiers': {
        return { url: path }; // payload filled in by the caller (needs the procedure's components)
      }
      case 'GET /api/dossiers':
        return { url: `/api/dossiers?division=${targetDiv}` };
      case 'GET /api/dossiers/{code}':
        return { url: `/api/dossiers/${code}` };
      case 'GET /api/public/dossiers/{code}':
        return { url: `/api/public/dossiers/${code}?phone=5678` };
      case 'GET /api/public/due-date':
        return { url: '/api/public/due-date?workingDays=3' };
      case 'POST /api/users':
        return {
          url: path,
          payload: { username: `nguoimoi${++uniq}`, fullName: 'Người mới', role: 'specialist', divisionCode: OWN, password: 'mot cau dai de thu nghiem' },
        };
      case 'PATCH /api/users/{id}':
        return { url: `/api/users/${spareUserId}`, payload: { title: `Chức danh ${++uniq}` } };
      default:
        return { url: path };
    }
  }

  async function counts() {
    const n = async (table: 'dossier' | 'dossier_event' | 'staff_user' | 'calendar_day' | 'audit_chain') =>
      Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { dossier: await n('dossier'), events: await n('dossier_event'), users: await n('staff_user'), days: await n('calendar_day') };
  }

  // Before the matrix, whose last requests log everyone out.
  it('mass assignment: fields a role may not set are refused and never stored', async () => {
    const admin = cookies.get('admin')!;
    const reception = cookies.get('reception')!;
    const leader = cookies.get('leader')!;
    const usersBefore = await db.kysely.selectFrom('staff_user').selectAll().orderBy('id').execute();
    const sneaky = [
      { username: 'leo1', fullName: 'Leo Quyền', role: 'specialist', divisionCode: OWN, password: 'mot cau dai de thu nghiem', isActive: true, id: 1 },
      { username: 'leo2', fullName: 'Leo Quyền', role: 'specialist', divisionCode: OWN, password: 'mot cau dai de thu nghiem', password_hash: 'x' },
      { username: 'leo3', fullName: 'Leo Quyền', role: 'specialist', divisionCode: OWN, password: 'mot cau dai de thu nghiem', totp_secret: 'AAAA' },
    ];
    for (const body of sneaky) {
      expect((await t.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin }, payload: body })).statusCode).toBe(400);
    }
    // Role escalation through PATCH by anyone but an admin; unknown fields even for an admin.
    const leaderId = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: leader } })).json().user.id;
    for (const [cookie, body] of [
      [leader, { role: 'admin' }],
      [reception, { role: 'admin' }],
      [cookies.get('division_head')!, { divisionCode: OTHER }],
      [admin, { role: 'admin', password_hash: 'x' }],
      [admin, { username: 'doiten' }],
      [admin, { totp_secret: null }],
    ] as const) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/users/${leaderId}`, headers: { cookie }, payload: body });
      expect([400, 403], res.body).toContain(res.statusCode);
    }
    // Prototype pollution is refused by the JSON parser.
    const proto = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${leaderId}`,
      headers: { cookie: admin, 'content-type': 'application/json' },
      payload: '{"title":"x","__proto__":{"role":"admin"}}',
    });
    expect(proto.statusCode).toBe(400);
    const usersAfter = await db.kysely.selectFrom('staff_user').selectAll().orderBy('id').execute();
    expect(usersAfter).toEqual(usersBefore);

    // Dossiers: status, division, handler, due date or code are never taken from the client.
    const dossiersBefore = await db.kysely.selectFrom('dossier').selectAll().orderBy('id').execute();
    const p = await procedureDetail(t.app, procedures[OWN]!);
    const base = { procedureCode: p.code, channel: 'direct', applicant: APPLICANT, submittedComponents: requiredComponentIds(p) };
    for (const extra of [{ status: 'returned' }, { divisionId: 1 }, { handlerId: 1 }, { dueAt: '2030-01-01T00:00:00Z' }, { code: 'X' }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/dossiers', headers: { cookie: reception }, payload: { ...base, ...extra } });
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
    }
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: { cookie: reception },
      payload: { ...base, applicant: { ...APPLICANT, status: 'returned' } },
    });
    expect(res.statusCode).toBe(400);
    const action = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossiers[OWN]}/actions/withdraw`,
      headers: { cookie: reception },
      payload: { reason: 'Thử', status: 'returned' },
    });
    expect(action.statusCode).toBe(400);
    expect(await db.kysely.selectFrom('dossier').selectAll().orderBy('id').execute()).toEqual(dossiersBefore);
  });

  it('zero unauthorised successes over every route, role and division; allowed requests pass access control', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })));
    expect(routes.length).toBeGreaterThanOrEqual(19);
    const missing = routes.filter((r) => !POLICY[`${r.method} ${r.path}`]).map((r) => `${r.method} ${r.path}`);
    expect(missing, 'routes without a row in the access matrix').toEqual([]);
    // Logout last: it ends the session.
    routes.sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));

    let checked = 0;
    let denied = 0;
    const failures: string[] = [];
    for (const r of routes.filter((x) => !x.path.includes('/actions/'))) {
      for (const a of ACTORS) {
        for (const div of [OWN, OTHER]) {
          const own = a.division === div;
          if (r.path.endsWith('/logout') && div === OTHER) continue;
          const req = requestFor(r.method, r.path, div);
          let payload = req.payload;
          if (r.method === 'POST' && r.path === '/api/dossiers') {
            const p = await procedureDetail(t.app, procedures[div]!);
            payload = { procedureCode: p.code, channel: 'direct', applicant: APPLICANT, submittedComponents: requiredComponentIds(p) };
          }
          // Logging in from a browser that has a session ends that session (tested in auth.test.ts): not here.
          const cookie = a.username && !r.path.endsWith('/login') ? cookies.get(a.who) : undefined;
          const before = await counts();
          const res = await t.app.inject({ method: r.method as 'GET', url: req.url, headers: cookie ? { cookie } : {}, ...(payload ? { payload: payload as object } : {}) });
          const allowed = POLICY[`${r.method} ${r.path}`]!(a.who, own);
          const code = res.statusCode >= 400 ? (res.json() as { error: { code: string } }).error.code : 'OK';
          checked++;
          const label = `${r.method} ${req.url} as ${a.who} (${own ? 'own' : 'other'} division) → ${res.statusCode} ${code}`;
          if (allowed) {
            if (GATE_CODES.has(code)) failures.push(`wrongly denied: ${label}`);
          } else {
            denied++;
            if (res.statusCode < 400 || !ACCESS_CODES.has(code)) failures.push(`UNAUTHORISED SUCCESS or wrong refusal: ${label}`);
            if (r.method !== 'GET' && JSON.stringify(await counts()) !== JSON.stringify(before)) failures.push(`denied but stored something: ${label}`);
          }
        }
      }
      if (r.path.endsWith('/logout')) break;
    }

    // Actions: each action on a dossier placed in a status the action starts from, so that only access control can refuse it.
    for (const action of ACTIONS) {
      for (const div of [OWN, OTHER]) {
        const code = dossiers[div]!;
        for (const a of ACTORS) {
          const row = await db.kysely.selectFrom('dossier').select(['approver_role']).where('code', '=', code).executeTakeFirstOrThrow();
          const allowed = a.who !== 'anonymous' && actionAllowed(action, row.approver_role, a.who, a.division === div);
          if (allowed) continue; // allowed actions are exercised by the workflow and model tests
          await db.kysely
            .updateTable('dossier')
            .set({ status: TRANSITIONS[action].from[0]!, handler_id: null, supplement_count: 0, extension_count: 0 })
            .where('code', '=', code)
            .execute();
          const before = await db.kysely.selectFrom('dossier').select(['version', 'status']).where('code', '=', code).executeTakeFirstOrThrow();
          const cookie = a.username ? cookies.get(a.who) : undefined;
          const res = await t.app.inject({
            method: 'POST',
            url: `/api/dossiers/${code}/actions/${action}`,
            headers: cookie ? { cookie } : {},
            payload: { reason: 'Kiểm thử ma trận quyền' },
          });
          checked++;
          denied++;
          const after = await db.kysely.selectFrom('dossier').select(['version', 'status']).where('code', '=', code).executeTakeFirstOrThrow();
          const errCode = res.statusCode >= 400 ? res.json().error.code : 'OK';
          const label = `${action} on ${div} dossier as ${a.who} → ${res.statusCode} ${errCode}`;
          if (res.statusCode < 400 || !ACCESS_CODES.has(errCode)) failures.push(`UNAUTHORISED SUCCESS or wrong refusal: ${label}`);
          if (JSON.stringify(before) !== JSON.stringify(after)) failures.push(`denied but changed the dossier: ${label}`);
        }
      }
    }
    console.log(`[access matrix, ${dialect}] ${routes.length} routes, ${ACTORS.length} actors, 2 divisions: ${checked} requests, ${denied} denied by policy, ${failures.length} failures`);
    expect(failures).toEqual([]);
  });
});
