import type { Kysely } from 'kysely';
import { DomainError } from '../../../domain/errors.ts';
import type { Role } from '../../../domain/procedure/procedure.ts';
import type { Database } from '../../db/schema.ts';
import { appendAudit } from '../audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { divisionIdByCode } from './user.repository.ts';

/** Roles that work inside one division; the others act ward-wide. */
export const DIVISION_ROLES: readonly Role[] = ['specialist', 'division_head'];

export interface CreateUserInput {
  username: string;
  fullName: string;
  title?: string | undefined;
  role: Role;
  divisionCode?: string | undefined | null;
  password: string;
}

export async function createUser(db: Kysely<Database>, actor: Actor | null, input: CreateUserInput, now: Date): Promise<number> {
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,32}$/.test(username)) {
    throw new DomainError('VALIDATION_ERROR', 'Tên đăng nhập (username) gồm 3–32 ký tự a-z, 0-9, dấu chấm, gạch dưới, gạch ngang.', {
      field: 'username',
    });
  }
  const problem = passwordProblem(input.password, [username, 'motcua']);
  if (problem) throw new DomainError('VALIDATION_ERROR', problem, { field: 'password' });
  if (DIVISION_ROLES.includes(input.role) && !input.divisionCode) {
    throw new DomainError('VALIDATION_ERROR', 'Chuyên viên và lãnh đạo phòng phải thuộc một phòng ban (divisionCode).', {
      field: 'divisionCode',
    });
  }
  const divisionId = input.divisionCode ? await divisionIdByCode(db, input.divisionCode) : null;
  const exists = await db.selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirst();
  if (exists) throw new DomainError('CONFLICT', `Tên đăng nhập ${username} đã tồn tại.`, { field: 'username' });
  const at = now.toISOString();
  const { id } = await db
    .insertInto('staff_user')
    .values({
      username,
      full_name: input.fullName.normalize('NFC').trim(),
      title: input.title?.trim() ?? '',
      role: input.role,
      division_id: divisionId,
      password_hash: await hashPassword(input.password),
      is_active: 1,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(db, actor, 'user.create', 'staff_user', String(id), { username, role: input.role, divisionCode: input.divisionCode ?? null }, now);
  return id;
}
