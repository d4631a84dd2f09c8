import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../../domain/errors.ts';
import { ROLES, type Role } from '../../../domain/procedure/procedure.ts';
import { requireActor } from '../../http/request-context.ts';
import { errorResponses } from '../../http/schemas.ts';
import { appendAudit } from '../audit.repository.ts';
import { revokeUserSessions } from '../auth/session.repository.ts';
import { createUser, DIVISION_ROLES } from './create-user.ts';
import { divisionIdByCode, listUsers } from './user.repository.ts';

const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));
const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  fullName: Type.String(),
  title: Type.String(),
  role: Type.String(),
  divisionId: Type.Union([Type.Integer(), Type.Null()]),
  divisionCode: Type.Union([Type.String(), Type.Null()]),
  isActive: Type.Boolean(),
});

const signedIn = { preValidation: async (request: FastifyRequest) => void requireActor(request) };

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  app.get(
    '/users',
    {
      ...signedIn, schema: { tags: ['users'], summary: 'Danh sách cán bộ', response: { 200: Type.Object({ items: Type.Array(UserSchema) }), ...errorResponses } } },
    async (request) => {
      requireActor(request, ['admin', 'leader', 'division_head', 'monitor']);
      return { items: await listUsers(db.kysely) };
    },
  );

  app.post(
    '/users',
    {
      ...signedIn,
      schema: {
        tags: ['users'],
        summary: 'Tạo tài khoản cán bộ (quản trị)',
        body: Type.Object(
          {
            username: Type.String({ minLength: 3, maxLength: 32 }),
            fullName: Type.String({ minLength: 2, maxLength: 100 }),
            title: Type.Optional(Type.String({ maxLength: 200 })),
            role: RoleSchema,
            divisionCode: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
            password: Type.String({ minLength: 1, maxLength: 256 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, ['admin']);
      const id = await db.kysely.transaction().execute((trx) => createUser(trx, actor, request.body, clock.now()));
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/users/:id',
    {
      ...signedIn,
      schema: {
        tags: ['users'],
        summary: 'Sửa vai trò, phòng ban, khóa/mở tài khoản (quản trị)',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
        body: Type.Object(
          {
            fullName: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
            title: Type.Optional(Type.String({ maxLength: 200 })),
            role: Type.Optional(RoleSchema),
            divisionCode: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
            isActive: Type.Optional(Type.Boolean()),
            /** Lost phone: remove the second factor; the person enrols again at the next login. */
            resetTotp: Type.Optional(Type.Literal(true)),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: UserSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request, ['admin']);
      const { id } = request.params;
      const body = request.body;
      const now = clock.now();
      await db.kysely.transaction().execute(async (trx) => {
        const user = await trx.selectFrom('staff_user').selectAll().where('id', '=', id).executeTakeFirst();
        if (!user) throw new DomainError('NOT_FOUND', `Không tìm thấy cán bộ số ${id}.`);
        const role = (body.role ?? user.role) as Role;
        const divisionId =
          body.divisionCode === undefined ? user.division_id : body.divisionCode === null ? null : await divisionIdByCode(trx, body.divisionCode);
        if (DIVISION_ROLES.includes(role) && divisionId === null) {
          throw new DomainError('VALIDATION_ERROR', 'Chuyên viên và lãnh đạo phòng phải thuộc một phòng ban (divisionCode).', {
            field: 'divisionCode',
          });
        }
        if (id === actor.id && (body.isActive === false || (body.role && body.role !== 'admin'))) {
          throw new DomainError('CONFLICT', 'Không thể tự khóa hoặc tự bỏ quyền quản trị của chính mình.');
        }
        await trx
          .updateTable('staff_user')
          .set({
            full_name: body.fullName?.normalize('NFC').trim() ?? user.full_name,
            title: body.title ?? user.title,
            role,
            division_id: divisionId,
            is_active: body.isActive === undefined ? user.is_active : body.isActive ? 1 : 0,
            updated_at: now.toISOString(),
            ...(body.resetTotp ? { totp_secret: null, totp_pending_secret: null, totp_last_step: null, totp_enabled_at: null } : {}),
          })
          .where('id', '=', id)
          .execute();
        if (body.isActive === false || body.resetTotp || (body.role !== undefined && body.role !== user.role)) {
          await revokeUserSessions(trx, id, now);
        }
        await appendAudit(trx, actor, 'user.update', 'staff_user', String(id), { ...body }, now);
      });
      const users = await listUsers(db.kysely);
      return users.find((u) => u.id === id)!;
    },
  );
};
