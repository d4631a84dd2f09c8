/**
 * The counter queue and the citizens' satisfaction ratings of the demo history (demo-history.ts), written by the
 * real use cases of the queue module (issueTicket → callNext → serveTicket → linkTicket → finishTicket, recall and
 * skip for a no-show, openCounter/closeCounter each day) and of the ratings module (submitRating by the rating
 * link's token, resolveFollowUp by the monitor), under the history's ManualClock. Every row and audit entry is
 * what the kiosk, the counter screen, the rating page and the monitor's console would have written.
 * Seeded (its own mulberry32 stream): the same seed and `now` give the same queue and ratings.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { callNext, closeCounter, finishTicket, linkTicket, openCounter, recallTicket, serveTicket, skipTicket } from '../modules/queue/counter-actions.ts';
import { issueTicket } from '../modules/queue/issue-ticket.ts';
import { listAreas, listCounters } from '../modules/queue/queue.repository.ts';
import type { RatingCriterion } from '../modules/ratings/rating.repository.ts';
import { resolveFollowUp, submitRating } from '../modules/ratings/submit-rating.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Counts the demo history reports (DemoHistoryResult's queue and rating fields). */
export interface ActivityCounts {
  ratings: number;
  followUps: number;
  followUpsResolved: number;
  tickets: number;
  skipped: number;
}

/** An instant of the ward's calendar day `date` (UTC+7), at hh:mm. */
const at = (date: string, hh: number, mm = 0) => Date.parse(`${date}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+07:00`);

/** The ward's calendar day (UTC+7) of an instant. */
export const vnDay = (ms: number) => new Date(ms + 7 * HOUR).toISOString().slice(0, 10);

/** What a dissatisfied citizen writes, by the first criterion they chose. */
const LOW_COMMENTS: Record<RatingCriterion, string> = {
  timeliness: 'Hồ sơ trả chậm so với giấy hẹn, không được báo trước.',
  trips: 'Phải đi lại hai lần vì lần đầu chưa được hướng dẫn đủ giấy tờ.',
  guidance: 'Đề nghị cán bộ hướng dẫn rõ hơn thành phần hồ sơ.',
  attitude: 'Cán bộ trả lời còn vội, chưa giải thích rõ.',
  extra_costs: 'Đề nghị công khai rõ các khoản phí, lệ phí.',
  other: 'Khu vực chờ đông, thiếu ghế ngồi.',
};
const FOLLOW_UP_NOTES = [
  'Đã gọi điện cho công dân, xin lỗi và giải thích; đã nhắc nhở cán bộ liên quan rút kinh nghiệm.',
  'Đã kiểm tra quy trình, trao đổi với công dân; bổ sung hướng dẫn thành phần hồ sơ tại quầy.',
  'Đã liên hệ công dân, ghi nhận ý kiến; đưa vào nội dung họp giao ban tuần của Trung tâm.',
];

/** Five levels (DOMAIN.md 11): a dossier returned late or after a supplement is rated lower more often. */
function drawScore(u: number, kind: 'late' | 'supplemented' | 'normal' | 'enquiry'): number {
  const weights: Record<typeof kind, number[]> = {
    // P(5), P(4), P(3), P(2), P(1)
    late: [0.25, 0.3, 0.2, 0.15, 0.1],
    supplemented: [0.45, 0.35, 0.12, 0.06, 0.02],
    normal: [0.62, 0.3, 0.05, 0.02, 0.01],
    enquiry: [0.6, 0.3, 0.07, 0.03, 0],
  };
  let acc = 0;
  const w = weights[kind];
  for (let i = 0; i < w.length; i++) {
    acc += w[i]!;
    if (u < acc) return 5 - i;
  }
  return 5;
}

export function demoRatings(db: Kysely<Database>, monitor: Actor | undefined, rnd: () => number, now: Date, counts: ActivityCounts) {
  const end = now.getTime();

  /** The citizen rates through the link of the slip (tablet at the counter or phone); a low rating may be followed up. */
  async function rate(token: string, ratedAt: number, score: number, reasons: RatingCriterion[], extra: { trips?: number; extraCosts?: boolean; comment?: string }) {
    const r = await submitRating(db, token, { score, ...(score <= 3 ? { reasons } : {}), ...extra }, new Date(ratedAt));
    counts.ratings++;
    if (r.followUp !== 'open') return;
    counts.followUps++;
    // The monitor closes most follow-ups within a few days; the most recent, and every third one, are still open.
    const resolveAt = ratedAt + (1 + rnd() * 5) * DAY;
    if (!monitor || resolveAt >= end || counts.followUps % 3 === 0) return;
    await resolveFollowUp(db, monitor, r.id, FOLLOW_UP_NOTES[Math.floor(rnd() * FOLLOW_UP_NOTES.length)]!, new Date(resolveAt));
    counts.followUpsResolved++;
  }

  function reasonsFor(score: number, facts: { late: boolean; supplemented: boolean }): RatingCriterion[] {
    if (score > 3) return [];
    const reasons = new Set<RatingCriterion>();
    if (facts.late) reasons.add('timeliness');
    if (facts.supplemented) reasons.add('trips');
    const others: RatingCriterion[] = ['guidance', 'attitude', 'timeliness', 'trips'];
    if (reasons.size === 0 || rnd() < 0.3) reasons.add(others[Math.floor(rnd() * others.length)]!);
    return [...reasons];
  }

  return {
    /** About two in three returned dossiers are rated: at the counter's tablet, or later from the link on the slip. */
    async rateDossier(dossierId: number, returnedAt: number, facts: { late: boolean; supplemented: boolean }) {
      if (rnd() >= 0.66) return;
      const ratedAt = rnd() < 0.55 ? returnedAt + (2 + rnd() * 8) * MINUTE : returnedAt + (0.1 + rnd() * 4) * DAY;
      const u = rnd();
      if (ratedAt >= end) return;
      const row = await db.selectFrom('rating').select('token').where('dossier_id', '=', dossierId).executeTakeFirst();
      if (!row) return;
      const score = drawScore(u, facts.late ? 'late' : facts.supplemented ? 'supplemented' : 'normal');
      const reasons = reasonsFor(score, facts);
      const extra: { trips?: number; extraCosts?: boolean; comment?: string } = {};
      if (rnd() < 0.6) extra.trips = facts.supplemented || reasons.includes('trips') ? 2 : 1;
      if (rnd() < 0.5) extra.extraCosts = false;
      if (score <= 3 && rnd() < 0.6) extra.comment = LOW_COMMENTS[reasons[0]!];
      await rate(row.token, ratedAt, score, reasons, extra);
    },
    /** A guidance-only visit is rated through its ticket's own link, less often. */
    async rateTicket(token: string, doneAt: number) {
      if (rnd() >= 0.35) return;
      const score = drawScore(rnd(), 'enquiry');
      await rate(token, doneAt + (1 + rnd() * 2) * MINUTE, score, score <= 3 ? [rnd() < 0.7 ? 'guidance' : 'attitude'] : [], {});
    },
  };
}

export type DemoRatings = ReturnType<typeof demoRatings>;

/**
 * The kiosk and the counters. Each week three reception officers sit at three of the four counters (counters
 * 3 and 4 every week, counter 1 or 2 in turn, the officers rotating), so every queue area is served.
 */
export async function demoQueue(db: Kysely<Database>, reception: Actor[], rnd: () => number, counts: ActivityCounts) {
  const areas = await listAreas(db);
  const counters = await listCounters(db);
  const catchAll = areas.find((a) => a.fields.length === 0) ?? areas.at(-1)!;
  let weekIndex = 0;
  let seats: { code: string; areas: string[]; officer: Actor; freeAt: number }[] = [];
  let lastIssued = 0;
  // Areas a citizen asks about without filing a dossier: civil status and certification most.
  const ENQUIRY_AREAS = areas.map((a, i) => ({ code: a.code, weight: [0.35, 0.25, 0.2, 0.2][i] ?? 0.1 }));

  /** Minutes between the kiosk and the call: mostly short, longer on Monday and early mornings. */
  function waitMinutes(calledAt: number): number {
    const local = new Date(calledAt + 7 * HOUR);
    const busy = local.getUTCDay() === 1 || local.getUTCHours() < 9 ? 1.6 : 1;
    return Math.min(55, (1.5 + -Math.log(1 - rnd()) * 6) * busy);
  }

  function seatFor(areaCode: string) {
    const eligible = seats.filter((s) => s.areas.includes(areaCode));
    const pool = eligible.length > 0 ? eligible : seats;
    return pool.reduce((a, b) => (b.freeAt < a.freeAt ? b : a));
  }

  /** The kiosk ticket of a citizen called at `calledAt`; issue times follow the ticket numbers. */
  async function issue(areaCode: string, calledAt: number) {
    const day = vnDay(calledAt);
    const issuedAt = Math.min(Math.max(calledAt - waitMinutes(calledAt) * MINUTE, lastIssued + 15_000, at(day, 7, 30)), calledAt - 30_000);
    lastIssued = issuedAt;
    const { ticket } = await issueTicket(db, areaCode, new Date(issuedAt));
    counts.tickets++;
    return ticket;
  }

  return {
    rnd,
    /** The queue area of a procedure's field (lĩnh vực); fields no area lists go to the catch-all area. */
    areaOf(field: string): string {
      return (areas.find((a) => a.fields.includes(field)) ?? catchAll).code;
    },

    /** Now and then a citizen comes only for guidance (no dossier): 0–2 a day, between 07:45 and 16:30. */
    enquiryTimes(date: string): number[] {
      const u = rnd();
      const n = u < 0.55 ? 0 : u < 0.9 ? 1 : 2;
      return Array.from({ length: n }, () => at(date, 7, 45) + Math.floor(rnd() * 525) * MINUTE);
    },

    /** A new day at the counters: nobody waiting yet, every seat free. */
    startDay() {
      lastIssued = 0;
      for (const s of seats) s.freeAt = 0;
    },

    /** The week's roster: each officer opens the counter assigned for the week (its first working day, 07:25). */
    async openWeek(date: string) {
      const first = counters.find((c) => c.code === (weekIndex % 2 === 0 ? '1' : '2')) ?? counters[0]!;
      const chosen = [first, ...counters.filter((c) => c.code === '3' || c.code === '4')].slice(0, reception.length);
      seats = chosen.map((c, i) => ({ code: c.code, areas: c.areas, officer: reception[(i + weekIndex) % reception.length]!, freeAt: 0 }));
      weekIndex++;
      for (const [i, s] of seats.entries()) await openCounter(db, s.officer, s.code, new Date(at(date, 7, 25) + i * MINUTE));
    },

    /** The counters close at the end of the week's last working day (17:05), after their last citizen. */
    async closeWeek(date: string) {
      for (const [i, s] of seats.entries()) await closeCounter(db, s.officer, s.code, new Date(Math.max(at(date, 17, 5) + i * MINUTE, s.freeAt + MINUTE)));
    },

    /**
     * A citizen who files a dossier at `receiptAt`: ticket, call, documents checked at the counter; `finish`
     * links the received dossier to the ticket and ends the visit with the thank-you and the rating link.
     */
    async startVisit(receiptAt: number, areaCode: string) {
      const seat = seatFor(areaCode);
      const servingAt = receiptAt - (3 + rnd() * 6) * MINUTE;
      const calledAt = servingAt - (0.3 + rnd() * 1.2) * MINUTE;
      const ticket = await issue(areaCode, calledAt);
      await callNext(db, seat.officer, seat.code, new Date(calledAt));
      await serveTicket(db, seat.officer, ticket.id, new Date(servingAt));
      return {
        officer: seat.officer,
        async finish(dossierCode: string, receivedAt: number) {
          const doneAt = receivedAt + (1 + rnd() * 3) * MINUTE;
          await linkTicket(db, seat.officer, ticket.id, dossierCode, new Date(receivedAt));
          await finishTicket(db, seat.officer, ticket.id, new Date(doneAt));
          seat.freeAt = doneAt;
        },
      };
    },

    /** A guidance-only visit; about one in fifteen citizens has left when called (recalled, then skipped). */
    async enquiry(nominal: number, ratings: DemoRatings) {
      let u = rnd();
      const areaCode = ENQUIRY_AREAS.find((a) => (u -= a.weight) < 0)?.code ?? catchAll.code;
      const seat = seatFor(areaCode);
      const calledAt = Math.max(nominal, seat.freeAt + 20_000);
      const ticket = await issue(areaCode, calledAt);
      await callNext(db, seat.officer, seat.code, new Date(calledAt));
      if (rnd() < 0.07) {
        await recallTicket(db, seat.officer, ticket.id, new Date(calledAt + MINUTE));
        await skipTicket(db, seat.officer, ticket.id, new Date(calledAt + 2.5 * MINUTE));
        counts.skipped++;
        seat.freeAt = calledAt + 2.5 * MINUTE;
        return;
      }
      const servingAt = calledAt + (0.3 + rnd()) * MINUTE;
      const doneAt = servingAt + (2 + rnd() * 8) * MINUTE;
      await serveTicket(db, seat.officer, ticket.id, new Date(servingAt));
      const { rating } = await finishTicket(db, seat.officer, ticket.id, new Date(doneAt));
      seat.freeAt = doneAt;
      await ratings.rateTicket(rating.token, doneAt);
    },
  };
}
