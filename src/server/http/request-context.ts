import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import type { Role } from '../../domain/procedure/procedure.ts';
import type { Actor } from '../modules/auth/actor.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
    /** 'full', or 'enroll_mfa' for a leader or admin who must first enrol a second factor; 'idle' (no actor) for a session that timed out. */
    sessionScope: string | null;
  }
}

/** The signed-in staff member, or 401; with `roles`, 403 for anyone else. */
export function requireActor(request: FastifyRequest, roles?: readonly Role[]): Actor {
  const actor = request.actor;
  if (!actor && request.sessionScope === 'idle') {
    throw new DomainError('SESSION_EXPIRED', 'Phiên làm việc đã hết hạn vì không hoạt động quá lâu. Vui lòng đăng nhập lại.');
  }
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'Bạn cần đăng nhập để thực hiện thao tác này.');
  if (roles && !roles.includes(actor.role)) {
    throw new DomainError('FORBIDDEN', 'Tài khoản của bạn không có quyền thực hiện thao tác này.');
  }
  return actor;
}

/** Staff who may read dossiers (everyone signed in; supervisors see personal data masked). */
export const STAFF_ROLES: readonly Role[] = ['reception', 'specialist', 'division_head', 'leader', 'monitor', 'supervisor', 'admin'];
