import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../domain/errors.ts';

/** Finds the path of the first string holding a NUL character, looking at most `budget` values deep. */
function nulPath(value: unknown, path: string, budget: { left: number }): string | null {
  if (--budget.left < 0) return null;
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = nulPath(value[i], path ? `${path}.${i}` : String(i), budget);
      if (p !== null) return p;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = nulPath(v, path ? `${path}.${k}` : k, budget);
      if (p !== null) return p;
    }
  }
  return null;
}

/**
 * PostgreSQL text cannot hold U+0000 (it answers with an error, not a row), and no field of ours needs it:
 * refuse it in params, query and body with a 400 naming the field, the same on both databases.
 */
export function registerInputGuards(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = nulPath(part, '', { left: 10_000 });
      if (field !== null) {
        throw new DomainError('VALIDATION_ERROR', `Giá trị ${field || 'dữ liệu'} chứa ký tự không hợp lệ (NUL).`, field ? { field } : {});
      }
    }
  });
}
