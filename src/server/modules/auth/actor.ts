import type { Role } from '../../../domain/procedure/procedure.ts';

/** The signed-in staff member, as every use case sees them. */
export interface Actor {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  divisionId: number | null;
}
