import type { Recurring, JobHandler } from './job-worker.ts';

/**
 * Every kind of background job the product runs, and the recurring ones. Each module adds its handlers
 * here; `motcua worker` and the default `motcua start` run them.
 */
export function jobRegistry(): { handlers: Record<string, JobHandler>; recurring: Recurring[] } {
  return { handlers: {}, recurring: [] };
}
