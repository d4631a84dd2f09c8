import type { Ticket } from './queue.repository.ts';

export interface ServiceStats {
  key: string;
  name: string;
  served: number;
  skipped: number;
  averageWaitMinutes: number | null;
  averageServiceMinutes: number | null;
  longestWaitMinutes: number | null;
}

const minutes = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;
const round = (x: number) => Math.round(x * 10) / 10;

function stats(key: string, name: string, tickets: Ticket[]): ServiceStats {
  const called = tickets.filter((t) => t.calledAt);
  const served = tickets.filter((t) => t.status === 'done' && t.servingAt && t.doneAt);
  const waits = called.map((t) => minutes(t.issuedAt, t.calledAt!));
  const services = served.map((t) => minutes(t.servingAt!, t.doneAt!));
  const avg = (xs: number[]) => (xs.length > 0 ? round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
  return {
    key,
    name,
    served: served.length,
    skipped: tickets.filter((t) => t.status === 'skipped').length,
    averageWaitMinutes: avg(waits),
    averageServiceMinutes: avg(services),
    longestWaitMinutes: waits.length > 0 ? round(Math.max(...waits)) : null,
  };
}

/**
 * Waiting time (issued → called) and service time (serving → done) of a set of tickets — one day (the counter
 * screen) or a report period (the monitoring dashboard) — overall, per counter and per officer.
 */
export function queueStats(tickets: Ticket[], counters: Map<number, string>, officers: Map<number, string>) {
  const group = (keyOf: (t: Ticket) => number | null, names: Map<number, string>) => {
    const by = new Map<number, Ticket[]>();
    for (const t of tickets) {
      const k = keyOf(t);
      if (k === null) continue;
      by.set(k, [...(by.get(k) ?? []), t]);
    }
    return [...by.entries()].map(([k, ts]) => stats(String(k), names.get(k) ?? String(k), ts)).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  };
  return {
    issued: tickets.length,
    waiting: tickets.filter((t) => t.status === 'waiting').length,
    overall: stats('all', 'Toàn bộ', tickets),
    perCounter: group((t) => (t.status === 'waiting' ? null : t.counterId), counters),
    perOfficer: group((t) => t.officerId, officers),
  };
}

/** A day's figures: the day's tickets given to queueStats. */
export const dailyStats = queueStats;
