import type { Kysely } from 'kysely';
import { DomainError } from '../../../domain/errors.ts';
import type { Role } from '../../../domain/procedure/procedure.ts';
import type { Database } from '../../db/schema.ts';

export interface StaffUser {
  id: number;
  username: string;
  fullName: string;
  title: string;
  role: Role;
  divisionId: number | null;
  divisionCode: string | null;
  isActive: boolean;
}

export async function listUsers(db: Kysely<Database>): Promise<StaffUser[]> {
  const rows = await db
    .selectFrom('staff_user as u')
    .leftJoin('division as d', 'd.id', 'u.division_id')
    .select(['u.id', 'u.username', 'u.full_name', 'u.title', 'u.role', 'u.division_id', 'u.is_active', 'd.code as division_code'])
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    fullName: r.full_name,
    title: r.title,
    role: r.role as Role,
    divisionId: r.division_id,
    divisionCode: r.division_code,
    isActive: r.is_active === 1,
  }));
}

export async function divisionIdByCode(db: Kysely<Database>, code: string): Promise<number> {
  const d = await db.selectFrom('division').select('id').where('code', '=', code).executeTakeFirst();
  if (!d) throw new DomainError('UNKNOWN_REFERENCE', `Không có phòng ban mã ${code}.`, { field: 'divisionCode' });
  return d.id;
}
