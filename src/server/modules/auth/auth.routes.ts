import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { DomainError } from '../../../domain/errors.ts';
import { errorResponses } from '../../http/schemas.ts';
import { requireActor } from '../../http/request-context.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { createSession, revokeSession } from './session.repository.ts';

export const SESSION_COOKIE = 'motcua_session';

const Me = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  fullName: Type.String(),
  role: Type.String(),
  divisionId: Type.Union([Type.Integer(), Type.Null()]),
});

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock, config } = app.deps;

  app.post(
    '/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập (đặt cookie phiên)',
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ user: Me }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const user = await db.kysely
        .selectFrom('staff_user')
        .selectAll()
        .where('username', '=', username.trim().toLowerCase())
        .executeTakeFirst();
      // Verify against a dummy hash for unknown users, so that timing does not reveal which usernames exist.
      const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
      if (!user || !ok || user.is_active !== 1) {
        throw new DomainError('INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng.');
      }
      if (request.sessionToken) await revokeSession(db.kysely, request.sessionToken, clock.now());
      const token = await createSession(db.kysely, user.id, clock.now(), config.sessionTtlHours);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: config.cookieSecure,
        maxAge: config.sessionTtlHours * 3600,
      });
      return {
        user: { id: user.id, username: user.username, fullName: user.full_name, role: user.role, divisionId: user.division_id },
      };
    },
  );

  app.post(
    '/logout',
    { schema: { tags: ['auth'], summary: 'Đăng xuất', response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      requireActor(request);
      if (request.sessionToken) await revokeSession(db.kysely, request.sessionToken, clock.now());
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    { schema: { tags: ['auth'], summary: 'Người đang đăng nhập', response: { 200: Type.Object({ user: Me }), ...errorResponses } } },
    async (request) => ({ user: requireActor(request) }),
  );
};
