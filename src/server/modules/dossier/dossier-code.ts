import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nextDailySequence } from './dossier.repository.ts';

const VN_OFFSET_MS = 7 * 3600_000;

/**
 * Dossier code in the legal shape: receiving unit identifier, receipt date YYMMDD, daily sequence of at
 * least 4 digits, longer when needed (Circular 01/2018 Art 19; Circular 03/2025 Art 13, 13(3) added by
 * Circular 04/2025; DOMAIN.md 5, 18.3). The official code assigned by the provincial system is stored
 * beside it when there is one (DOMAIN.md 17.7).
 */
export async function issueDossierCode(db: Kysely<Database>, unitCode: string, at: Date): Promise<string> {
  const local = new Date(at.getTime() + VN_OFFSET_MS).toISOString();
  const yymmdd = local.slice(2, 4) + local.slice(5, 7) + local.slice(8, 10);
  const seq = await nextDailySequence(db, local.slice(0, 10));
  return `${unitCode}-${yymmdd}-${String(seq).padStart(4, '0')}`;
}

export const DOSSIER_CODE_PATTERN = '^[A-Za-z0-9.]{1,40}-\\d{6}-\\d{4,}$';
