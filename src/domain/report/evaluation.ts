/**
 * Evaluation of the one-stop per Circular 01/2018/TT-VPCP Arts 12–15 (DOMAIN.md 11.2). Nine indicators
 * scored 0/1/2; 1, 2, 3, 4, 7 per dossier (averaged, one decimal), 5, 6, 8, 9 per body. Officer: indicators
 * 1, 2, 3, 4, 7 (max 10); body: all nine (max 18). Indicators lacking data are excluded (Art 13(3)).
 */
import { classify, type Outcome } from '../dossier/timeliness.ts';
import { type ReportDossier, dueInForce } from './bieu06.ts';

export interface EvaluationDossier extends ReportDossier {
  /** Outcomes of the dossier's internal steps that have finished (control slip). */
  stepOutcomes: Outcome[];
  /** Complaint about this dossier: null = no complaint data at all; false = none; true = substantiated. */
  substantiatedComplaint: boolean | null;
}

export type Score = 0 | 1 | 2;

export interface DossierIndicators {
  code: string;
  handlerId: number | null;
  /** 1: total time vs legal limit (original appointment): early 2, on time 1, late 0. */
  i1: Score;
  /** 2: time per participating unit (internal steps): all early 2, none late 1, any late 0; null without steps. */
  i2: Score | null;
  /** 3: contacts to complete the dossier: no supplement 2, one 1, more 0 ("không bổ sung quá 1 lần"). */
  i3: Score;
  /** 4: bodies contacted: online 2 (none), in person or by post at the one-stop only 1. */
  i4: Score;
  /** 7: staff attitude: early and no complaint 2, on time and no complaint 1, late or a substantiated complaint 0. */
  i7: Score | null;
}

export function dossierIndicators(d: EvaluationDossier): DossierIndicators | null {
  if (d.finishedAt === null) return null;
  const due = dueInForce(d, d.finishedAt, 'original');
  const outcome: Outcome = due === null ? 'on_time' : classify(d.finishedAt, due);
  const i1: Score = outcome === 'early' ? 2 : outcome === 'on_time' ? 1 : 0;
  const i2: Score | null =
    d.stepOutcomes.length === 0 ? null : d.stepOutcomes.some((o) => o === 'late') ? 0 : d.stepOutcomes.every((o) => o === 'early') ? 2 : 1;
  const i3: Score = d.supplementCount === 0 ? 2 : d.supplementCount === 1 ? 1 : 0;
  const i4: Score = d.channel === 'online' ? 2 : 1;
  const i7: Score | null = d.substantiatedComplaint === null ? (outcome === 'late' ? 0 : i1) : d.substantiatedComplaint ? 0 : i1;
  return { code: d.code, handlerId: d.handlerId, i1, i2, i3, i4, i7 };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export type IndicatorKey = 'i1' | 'i2' | 'i3' | 'i4' | 'i7';
export const OFFICER_INDICATORS: readonly IndicatorKey[] = ['i1', 'i2', 'i3', 'i4', 'i7'];

/** Average of one indicator over dossiers that have it, rounded to one decimal; null when none has data. */
export function averageIndicator(list: readonly DossierIndicators[], key: IndicatorKey): number | null {
  const xs = list.map((x) => x[key]).filter((v): v is Score => v !== null);
  return xs.length === 0 ? null : round1(xs.reduce<number>((a, b) => a + b, 0) / xs.length);
}

export type OfficerClass = 'completed' | 'partly' | 'below';
export const OFFICER_CLASS_VI: Record<OfficerClass, string> = {
  completed: 'Hoàn thành 100% nhiệm vụ',
  partly: 'Hoàn thành từ 70% đến dưới 100% nhiệm vụ',
  below: 'Hoàn thành dưới 70% nhiệm vụ',
};

/** Circular 01/2018 Art 15(2): ≥ 5 points 100 %; 3.5 to < 5 70–< 100 %; < 3.5 below 70 %. */
export function classifyOfficer(score: number): OfficerClass {
  return score >= 5 ? 'completed' : score >= 3.5 ? 'partly' : 'below';
}

export type BodyClass = 'excellent' | 'good' | 'fair' | 'average' | 'weak';
export const BODY_CLASS_VI: Record<BodyClass, string> = { excellent: 'Xuất sắc', good: 'Tốt', fair: 'Khá', average: 'Trung bình', weak: 'Yếu' };

/** Circular 01/2018 Art 15(3): ≥ 15 excellent, 12–< 15 good, 9–< 12 fair, 6–< 9 average, < 6 weak. */
export function classifyBody(score: number): BodyClass {
  return score >= 15 ? 'excellent' : score >= 12 ? 'good' : score >= 9 ? 'fair' : score >= 6 ? 'average' : 'weak';
}

export interface OfficerEvaluation {
  handlerId: number;
  dossiers: number;
  indicators: Record<IndicatorKey, number | null>;
  score: number;
  classification: OfficerClass;
}

export function evaluateOfficers(list: readonly DossierIndicators[]): OfficerEvaluation[] {
  const by = new Map<number, DossierIndicators[]>();
  for (const x of list) if (x.handlerId !== null) by.set(x.handlerId, [...(by.get(x.handlerId) ?? []), x]);
  return [...by.entries()].map(([handlerId, xs]) => {
    const indicators = Object.fromEntries(OFFICER_INDICATORS.map((k) => [k, averageIndicator(xs, k)])) as Record<IndicatorKey, number | null>;
    const score = round1(Object.values(indicators).reduce<number>((a, b) => a + (b ?? 0), 0));
    return { handlerId, dossiers: xs.length, indicators, score, classification: classifyOfficer(score) };
  });
}

export interface BodyInputs {
  /** 6: procedures published both at the counter and electronically (declared by the ward). */
  publicity: Score | null;
  /** 8: complaints answered on time: null = no complaint data. */
  complaintsOnTimeRate: number | null;
  /** 9: share of procedures offered online, share of dossiers received online. */
  onlineProcedureShare: number;
  onlineDossierShare: number;
}

export interface BodyEvaluation {
  indicators: Record<'i1' | 'i2' | 'i3' | 'i4' | 'i5' | 'i6' | 'i7' | 'i8' | 'i9', number | null>;
  score: number;
  /** Highest possible score counting only indicators with data. */
  max: number;
  classification: BodyClass;
  excluded: string[];
}

export function evaluateBody(list: readonly DossierIndicators[], inputs: BodyInputs): BodyEvaluation {
  // 8: no complaint or all on time 2, ≥ 90 % on time 1, else 0 (Art 13(8)).
  const i8 = inputs.complaintsOnTimeRate === null ? null : inputs.complaintsOnTimeRate >= 1 ? 2 : inputs.complaintsOnTimeRate >= 0.9 ? 1 : 0;
  // 9: ≥ 20 % of procedures online and ≥ 30 % of dossiers online 2, one of the two 1 (Art 13(9)).
  const i9 = (inputs.onlineProcedureShare >= 0.2 ? 1 : 0) + (inputs.onlineDossierShare >= 0.3 ? 1 : 0);
  const indicators = {
    i1: averageIndicator(list, 'i1'),
    i2: averageIndicator(list, 'i2'),
    i3: averageIndicator(list, 'i3'),
    i4: averageIndicator(list, 'i4'),
    // 5: a commune handles every procedure end-to-end at its one-stop (Art 13(5)): 100 % → 2.
    i5: 2,
    i6: inputs.publicity,
    i7: averageIndicator(list, 'i7'),
    i8,
    i9,
  };
  const excluded = Object.entries(indicators).filter(([, v]) => v === null).map(([k]) => k);
  const score = round1(Object.values(indicators).reduce<number>((a, b) => a + (b ?? 0), 0));
  return { indicators, score, max: 2 * (9 - excluded.length), classification: classifyBody(score), excluded };
}
