/** The moment the test databases are seeded at (a Monday morning in Vietnam). */
export const SEED_NOW = new Date('2026-11-30T01:00:00.000Z');
