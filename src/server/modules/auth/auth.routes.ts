import { createHash } from 'node:crypto';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../../domain/errors.ts';
import type { Role } from '../../../domain/procedure/procedure.ts';
import { errorResponses } from '../../http/schemas.ts';
import { requireActor } from '../../http/request-context.ts';
import { clearSessionCookies, csrfTokenFor, SESSION_COOKIE_BASE, setSessionCookies } from '../../http/security.ts';
import { DEFAULT_SECURITY } from '../../config.ts';
import { appendAudit } from '../audit.repository.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { createSession, revokeSession, revokeUserSessions, type SessionScope } from './session.repository.ts';
import { hitThrottle, peekThrottle, resetThrottle } from './throttle.ts';
import { SecretKeyError } from './secret-box.ts';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp.ts';

/** Kept for the OpenAPI document; the cookie is named __Host-motcua_session when COOKIE_SECURE=true. */
export const SESSION_COOKIE = SESSION_COOKIE_BASE;

/** Roles that must use a second factor (ASVS 5.0 V6.3.3 for privileged accounts); others may. */
export const MFA_REQUIRED_ROLES: readonly Role[] = ['leader', 'admin'];

const Me = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  fullName: Type.String(),
  role: Type.String(),
  divisionId: Type.Union([Type.Integer(), Type.Null()]),
});
const Mfa = Type.Object({
  enrolled: Type.Boolean(),
  required: Type.Boolean(),
  /** True while the session may only enrol a second factor. */
  enrollmentRequired: Type.Boolean(),
});
const SessionInfo = Type.Object({ user: Me, csrfToken: Type.String(), mfa: Mfa });

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock, config } = app.deps;
  const sec = { ...DEFAULT_SECURITY, ...config.security };
  const loginWindow = sec.loginWindowMinutes * 60;

  /** A stored TOTP secret in clear; a key that cannot open it fails closed with 503, details only in the log. */
  function openSecret(request: { log: { error: (o: object, m: string) => void } }, sealed: string): string {
    try {
      return app.deps.secrets.open(sealed);
    } catch (err) {
      if (!(err instanceof SecretKeyError)) throw err;
      request.log.error({ err }, 'TOTP secret cannot be opened with MOTCUA_SECRET_KEY');
      throw new DomainError(
        'SECRET_KEY_MISMATCH',
        'Máy chủ không giải mã được khóa xác thực hai lớp: khóa bí mật (MOTCUA_SECRET_KEY) cấu hình sai. Vui lòng báo quản trị viên hệ thống.',
      );
    }
  }

  async function userRow(id: number) {
    return db.kysely.selectFrom('staff_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  function sessionInfo(
    user: { id: number; username: string; full_name: string; role: string; division_id: number | null; totp_secret: string | null },
    token: string,
    scope: SessionScope,
  ) {
    return {
      user: { id: user.id, username: user.username, fullName: user.full_name, role: user.role, divisionId: user.division_id },
      csrfToken: csrfTokenFor(token),
      mfa: {
        enrolled: user.totp_secret !== null,
        required: MFA_REQUIRED_ROLES.includes(user.role as Role),
        enrollmentRequired: scope === 'enroll_mfa',
      },
    };
  }

  function tooMany(reply: FastifyReply, retryAfterSeconds: number): never {
    void reply.header('retry-after', String(Math.max(1, retryAfterSeconds)));
    throw new DomainError('RATE_LIMITED', `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(retryAfterSeconds / 60)} phút.`, {
      details: { retryAfterSeconds },
    });
  }

  app.post(
    '/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập (đặt cookie phiên); tài khoản đã bật xác thực hai lớp gửi kèm mã TOTP',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
            totp: Type.Optional(Type.String({ maxLength: 10 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: SessionInfo, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { username, password, totp } = request.body;
      const name = username.trim().toLowerCase();
      const now = clock.now();
      const userKey = `login:user:${name}`;
      const ipKey = `login:ip:${request.ip}`;
      // Throttled whether or not the username exists, so that a lock-out reveals nothing either.
      const [byUser, byIp] = await Promise.all([
        peekThrottle(db.kysely, userKey, loginWindow, now),
        peekThrottle(db.kysely, ipKey, loginWindow, now),
      ]);
      if (byUser.hits >= sec.loginMaxFailuresPerUser) tooMany(reply, byUser.retryAfterSeconds);
      if (byIp.hits >= sec.loginMaxFailuresPerIp) tooMany(reply, byIp.retryAfterSeconds);
      const audit = (actorId: number | null, action: string, details: Record<string, unknown>) =>
        db.kysely.transaction().execute((trx) =>
          appendAudit(
            trx,
            actorId === null ? null : { id: actorId, username: name, fullName: '', role: (user?.role ?? 'system') as Role, divisionId: null },
            action,
            'staff_user',
            actorId === null ? '?' : String(actorId),
            { ...details, ip: request.ip },
            now,
          ),
        );
      const user = await db.kysely.selectFrom('staff_user').selectAll().where('username', '=', name).executeTakeFirst();
      const failed = async (reason: string) => {
        await hitThrottle(db.kysely, userKey, loginWindow, now);
        await hitThrottle(db.kysely, ipKey, loginWindow, now);
        // An unknown "username" is often a password typed in the wrong box: only a hash prefix is kept.
        await audit(user?.id ?? null, 'auth.login_failed', {
          username: user ? name : null,
          usernameHash: user ? undefined : createHash('sha256').update(name).digest('hex').slice(0, 16),
          reason,
        });
      };

      // Verify against a dummy hash for unknown users, so that timing does not reveal which usernames exist.
      const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
      if (!user || !ok || user.is_active !== 1) {
        await failed(!user ? 'unknown_user' : !ok ? 'password' : 'disabled');
        throw new DomainError('INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng.');
      }
      if (user.totp_secret !== null) {
        if (!totp) throw new DomainError('MFA_REQUIRED', 'Nhập mã xác thực 6 chữ số từ ứng dụng xác thực (totp).', { field: 'totp' });
        const step = verifyTotp(openSecret(request, user.totp_secret), totp.trim(), now, user.totp_last_step);
        // The conditional update makes a code single-use even under concurrent logins.
        const used =
          step !== null &&
          Number(
            (
              await db.kysely
                .updateTable('staff_user')
                .set({ totp_last_step: step })
                .where('id', '=', user.id)
                .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
                .executeTakeFirst()
            ).numUpdatedRows,
          ) === 1;
        if (!used) {
          await failed('totp');
          throw new DomainError('INVALID_TOTP', 'Mã xác thực (totp) không đúng hoặc đã dùng.', { field: 'totp' });
        }
      }
      await resetThrottle(db.kysely, userKey);
      // A new session id at every login; a session the browser already had is ended (no fixation).
      if (request.sessionToken) await revokeSession(db.kysely, request.sessionToken, now);
      const scope: SessionScope = MFA_REQUIRED_ROLES.includes(user.role as Role) && user.totp_secret === null ? 'enroll_mfa' : 'full';
      const token = await createSession(db.kysely, user.id, now, config.sessionTtlHours, scope);
      setSessionCookies(reply, token, config.cookieSecure, config.sessionTtlHours);
      await audit(user.id, 'auth.login', { scope });
      return sessionInfo(user, token, scope);
    },
  );

  app.post(
    '/logout',
    { schema: { tags: ['auth'], summary: 'Đăng xuất', response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const now = clock.now();
      await db.kysely.transaction().execute(async (trx) => {
        if (request.sessionToken) await revokeSession(trx, request.sessionToken, now);
        await appendAudit(trx, actor, 'auth.logout', 'staff_user', String(actor.id), {}, now);
      });
      clearSessionCookies(reply, config.cookieSecure);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    { schema: { tags: ['auth'], summary: 'Người đang đăng nhập', response: { 200: SessionInfo, ...errorResponses } } },
    async (request) => {
      const actor = requireActor(request);
      return sessionInfo(await userRow(actor.id), request.sessionToken!, (request.sessionScope ?? 'full') as SessionScope);
    },
  );

  app.post(
    '/totp/setup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Bắt đầu đăng ký xác thực hai lớp: trả khóa bí mật và địa chỉ otpauth:// để quét mã QR',
        response: { 200: Type.Object({ secret: Type.String(), otpauthUri: Type.String() }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const user = await userRow(actor.id);
      if (user.totp_secret !== null) {
        throw new DomainError('CONFLICT', 'Tài khoản đã bật xác thực hai lớp; nhờ quản trị viên đặt lại nếu mất thiết bị.');
      }
      const secret = newTotpSecret();
      await db.kysely.updateTable('staff_user').set({ totp_pending_secret: app.deps.secrets.seal(secret) }).where('id', '=', actor.id).execute();
      return { secret, otpauthUri: otpauthUri(secret, user.username, 'motcua') };
    },
  );

  app.post(
    '/totp/enable',
    {
      schema: {
        tags: ['auth'],
        summary: 'Xác nhận mã đầu tiên: bật xác thực hai lớp, cấp phiên mới',
        body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 10 }) }, { additionalProperties: false }),
        response: { 200: SessionInfo, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const now = clock.now();
      const user = await userRow(actor.id);
      if (user.totp_secret !== null) throw new DomainError('CONFLICT', 'Tài khoản đã bật xác thực hai lớp.');
      if (user.totp_pending_secret === null) {
        throw new DomainError('CONFLICT', 'Chưa bắt đầu đăng ký: gọi /api/auth/totp/setup trước.');
      }
      const step = verifyTotp(openSecret(request, user.totp_pending_secret), request.body.code.trim(), now, null);
      if (step === null) throw new DomainError('INVALID_TOTP', 'Mã xác thực (code) không đúng; kiểm tra giờ trên điện thoại.', { field: 'code' });
      const token = await db.kysely.transaction().execute(async (trx) => {
        await trx
          .updateTable('staff_user')
          .set({ totp_secret: user.totp_pending_secret, totp_pending_secret: null, totp_last_step: step, totp_enabled_at: now.toISOString() })
          .where('id', '=', actor.id)
          .execute();
        // Every other session of the account ends; this one is replaced by a full session with a new id.
        await revokeUserSessions(trx, actor.id, now);
        await appendAudit(trx, actor, 'user.totp_enable', 'staff_user', String(actor.id), {}, now);
        return createSession(trx, actor.id, now, config.sessionTtlHours, 'full');
      });
      setSessionCookies(reply, token, config.cookieSecure, config.sessionTtlHours);
      return sessionInfo(await userRow(actor.id), token, 'full');
    },
  );
};
