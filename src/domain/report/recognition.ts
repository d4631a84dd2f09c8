/**
 * Staff leaderboard for the "Dân vận khéo" emulation movement (DOMAIN.md 13): the evidence a "3 không, 3 biết"
 * model can show per officer. Formula (also in docs/reports.md), each component in [0, 1]:
 *   onTime      = steps finished early or on time / steps finished            (không trễ hẹn; step outcomes)
 *   ratings     = satisfied / rated dossiers handled                          (biết cảm ơn; null until ratings land)
 *   supplement  = 1 − min(1, (supplement requests + 2 × overrides) / dossiers handled)
 *                 (không bổ sung quá 1 lần; an override = a second request on the same dossier)
 *   apologies   = 1 − extensions on dossiers handled / dossiers handled        (biết xin lỗi, but fewer is better)
 *   score = 100 × Σ weight × component / Σ weight over the components that have data,
 *   weights onTime 0.4, ratings 0.2, supplement 0.2, apologies 0.2.
 * An officer needs MIN_STEPS finished steps in the period to be ranked (others are listed, unranked).
 */
export const RECOGNITION_WEIGHTS = { onTime: 0.4, ratings: 0.2, supplement: 0.2, apologies: 0.2 } as const;
export const MIN_STEPS = 5;

export interface StaffFacts {
  staffId: number;
  stepsFinished: number;
  stepsOnTime: number;
  dossiersHandled: number;
  supplementRequests: number;
  overrides: number;
  extensions: number;
  rated: number | null;
  satisfied: number | null;
}

export interface StaffScore extends StaffFacts {
  components: { onTime: number | null; ratings: number | null; supplement: number | null; apologies: number | null };
  score: number | null;
  ranked: boolean;
  rank: number | null;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function scoreStaff(f: StaffFacts): Omit<StaffScore, 'rank'> {
  const onTime = f.stepsFinished ? r3(f.stepsOnTime / f.stepsFinished) : null;
  const ratings = f.rated ? r3((f.satisfied ?? 0) / f.rated) : null;
  const supplement = f.dossiersHandled ? r3(1 - Math.min(1, (f.supplementRequests + 2 * f.overrides) / f.dossiersHandled)) : null;
  const apologies = f.dossiersHandled ? r3(1 - Math.min(1, f.extensions / f.dossiersHandled)) : null;
  const components = { onTime, ratings, supplement, apologies };
  let num = 0;
  let den = 0;
  for (const [k, w] of Object.entries(RECOGNITION_WEIGHTS) as [keyof typeof components, number][]) {
    const v = components[k];
    if (v === null) continue;
    num += w * v;
    den += w;
  }
  const score = den ? Math.round((num / den) * 1000) / 10 : null;
  return { ...f, components, score, ranked: score !== null && f.stepsFinished >= MIN_STEPS };
}

/** Ranked first by score (desc), then by steps finished (desc), then by id; unranked last. */
export function leaderboard(facts: StaffFacts[]): StaffScore[] {
  const scored = facts.map(scoreStaff);
  scored.sort((a, b) => Number(b.ranked) - Number(a.ranked) || (b.score ?? -1) - (a.score ?? -1) || b.stepsFinished - a.stepsFinished || a.staffId - b.staffId);
  let rank = 0;
  return scored.map((s) => ({ ...s, rank: s.ranked ? ++rank : null }));
}
