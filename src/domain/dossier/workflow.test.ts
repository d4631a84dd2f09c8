import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../procedure/procedure.ts';
import {
  ACTIONS,
  availableActions,
  checkAction,
  nextStatus,
  PORTAL_STATUS,
  STAGE_OF,
  STATUSES,
  type Status,
  TERMINAL,
  TRANSITIONS,
  type WorkflowActor,
  type WorkflowDossier,
} from './workflow.ts';

const dossier = (status: Status, over: Partial<WorkflowDossier> = {}): WorkflowDossier => ({
  status,
  approverRole: 'leader',
  divisionId: 10,
  handlerId: null,
  supplementCount: 0,
  extensionCount: 0,
  ...over,
});
const reception: WorkflowActor = { id: 1, role: 'reception', divisionId: 1 };
const specialist: WorkflowActor = { id: 2, role: 'specialist', divisionId: 10 };
const otherSpecialist: WorkflowActor = { id: 3, role: 'specialist', divisionId: 10 };
const foreignSpecialist: WorkflowActor = { id: 4, role: 'specialist', divisionId: 11 };
const head: WorkflowActor = { id: 5, role: 'division_head', divisionId: 10 };
const leader: WorkflowActor = { id: 6, role: 'leader', divisionId: 2 };

describe('DVCQG status codes (DOMAIN.md 6.1)', () => {
  it('maps every status to the national code', () => {
    expect(PORTAL_STATUS.submitted.code).toBe(1);
    expect(PORTAL_STATUS.received.code).toBe(2);
    expect(PORTAL_STATUS.refused.code).toBe(3);
    for (const s of ['assigned', 'processing', 'consulting', 'awaiting_approval', 'approved'] as const) expect(PORTAL_STATUS[s].code).toBe(4);
    expect(PORTAL_STATUS.supplement_requested.code).toBe(5);
    expect(PORTAL_STATUS.awaiting_payment.code).toBe(6);
    expect(PORTAL_STATUS.withdrawn.code).toBe(7);
    expect(PORTAL_STATUS.stopped.code).toBe(8);
    expect(PORTAL_STATUS.result_ready.code).toBe(9);
    expect(PORTAL_STATUS.returned.code).toBe(10);
  });
});

describe('transition table', () => {
  it('every status but the terminal ones has a way forward, and terminal ones have none', () => {
    for (const s of STATUSES) {
      const leaving = ACTIONS.filter((a) => TRANSITIONS[a].from.includes(s));
      if (TERMINAL.has(s)) expect(leaving, s).toEqual([]);
      else expect(leaving.length, s).toBeGreaterThan(0);
    }
  });

  it('every status is reachable from an online submission', () => {
    const seen = new Set<Status>(['submitted']);
    let frontier: Status[] = ['submitted'];
    while (frontier.length > 0) {
      const next: Status[] = [];
      for (const s of frontier) {
        for (const a of ACTIONS) {
          if (!TRANSITIONS[a].from.includes(s)) continue;
          const to = nextStatus(s, a, 'processing');
          if (!seen.has(to)) {
            seen.add(to);
            next.push(to);
          }
        }
      }
      frontier = next;
    }
    expect([...seen].sort()).toEqual([...STATUSES].sort());
  });

  it('the happy path: receive → assign → process → approve → issue → return', () => {
    let s: Status = 'submitted';
    const path = [
      ['receive', reception],
      ['assign', reception],
      ['start_processing', head],
      ['submit_for_approval', specialist],
      ['approve', leader],
      ['issue_result', specialist],
      ['return_result', reception],
    ] as const;
    for (const [action, actor] of path) {
      expect(checkAction(dossier(s), actor, action), `${action} from ${s}`).toBeNull();
      s = nextStatus(s, action, null);
    }
    expect(s).toBe('returned');
  });

  it('stages: every status where someone must act runs a step clock; waiting on the applicant does not', () => {
    expect(STAGE_OF.received).toBe('reception');
    expect(STAGE_OF.assigned).toBe('assignment');
    expect(STAGE_OF.awaiting_approval).toBe('approval');
    expect(STAGE_OF.result_ready).toBe('return');
    expect(STAGE_OF.supplement_requested).toBeNull();
    for (const s of TERMINAL) expect(STAGE_OF[s]).toBeNull();
  });
});

describe('guards', () => {
  it('a second supplement request is refused with SUPPLEMENT_LIMIT (Decree 118 Art 11)', () => {
    expect(checkAction(dossier('processing'), specialist, 'request_supplement')).toBeNull();
    expect(checkAction(dossier('processing', { supplementCount: 1 }), specialist, 'request_supplement')).toEqual({ code: 'SUPPLEMENT_LIMIT' });
    expect(availableActions(dossier('processing', { supplementCount: 1 }), specialist)).not.toContain('request_supplement');
  });

  it('the appointment is reset only once (Decree 61 Art 19(9)), and only on a drafted form 04', () => {
    expect(checkAction(dossier('processing'), leader, 'extend_deadline')).toEqual({ code: 'APOLOGY_REQUIRED' });
    expect(checkAction(dossier('processing'), specialist, 'draft_apology')).toBeNull();
    expect(checkAction(dossier('processing'), leader, 'draft_apology')).toEqual({ code: 'FORBIDDEN', why: 'role' });
    expect(checkAction(dossier('processing', { apologyStatus: 'drafted' }), leader, 'extend_deadline')).toBeNull();
    expect(checkAction(dossier('processing', { apologyStatus: 'drafted' }), specialist, 'extend_deadline')).toEqual({ code: 'FORBIDDEN', why: 'role' });
    expect(checkAction(dossier('processing', { extensionCount: 1, apologyStatus: 'signed' }), leader, 'extend_deadline')).toEqual({ code: 'EXTENSION_LIMIT' });
    expect(checkAction(dossier('processing', { extensionCount: 1, apologyStatus: 'signed' }), specialist, 'draft_apology')).toEqual({ code: 'EXTENSION_LIMIT' });
  });

  it('a leader may make a second supplement request only by overriding with a reason', () => {
    expect(checkAction(dossier('processing', { supplementCount: 1 }), leader, 'request_supplement')).toEqual({ code: 'SUPPLEMENT_LIMIT' });
    expect(checkAction(dossier('processing', { supplementCount: 1 }), leader, 'request_supplement', { override: true })).toBeNull();
    expect(checkAction(dossier('processing', { supplementCount: 1 }), specialist, 'request_supplement', { override: true })).toEqual({ code: 'SUPPLEMENT_LIMIT' });
    expect(checkAction(dossier('processing'), leader, 'request_supplement')).toEqual({ code: 'FORBIDDEN', why: 'override' });
  });

  it('a supplement resumes where the dossier was', () => {
    expect(nextStatus('supplement_requested', 'receive_supplement', 'processing')).toBe('processing');
    expect(nextStatus('supplement_requested', 'receive_supplement', 'submitted')).toBe('submitted');
  });

  it('division staff act only on their division, specialists only on their own dossiers', () => {
    expect(checkAction(dossier('processing'), foreignSpecialist, 'submit_for_approval')).toEqual({ code: 'FORBIDDEN', why: 'division' });
    expect(checkAction(dossier('processing', { handlerId: 2 }), otherSpecialist, 'submit_for_approval')).toEqual({
      code: 'FORBIDDEN',
      why: 'handler',
    });
    expect(checkAction(dossier('processing', { handlerId: 2 }), head, 'submit_for_approval')).toBeNull();
  });

  it('only leaders sign; reception cannot approve; monitors, supervisors and admins take no dossier action', () => {
    expect(checkAction(dossier('awaiting_approval'), reception, 'approve')).toEqual({ code: 'FORBIDDEN', why: 'role' });
    for (const role of ['monitor', 'supervisor', 'admin'] as const) {
      for (const s of STATUSES) expect(availableActions(dossier(s), { id: 9, role, divisionId: null })).toEqual([]);
    }
  });

  it('the procedure decides who signs: a division head signs only where the approval step says so', () => {
    expect(checkAction(dossier('awaiting_approval'), head, 'approve')).toEqual({ code: 'FORBIDDEN', why: 'role' });
    const police = dossier('awaiting_approval', { approverRole: 'division_head' });
    expect(checkAction(police, head, 'approve')).toBeNull();
    expect(checkAction(police, leader, 'approve')).toEqual({ code: 'FORBIDDEN', why: 'role' });
    expect(checkAction(police, { ...head, divisionId: 11 }, 'approve')).toEqual({ code: 'FORBIDDEN', why: 'division' });
  });

  it('an action from the wrong status is ACTION_NOT_ALLOWED, whoever asks', () => {
    expect(checkAction(dossier('returned'), reception, 'return_result')).toEqual({ code: 'ACTION_NOT_ALLOWED' });
    expect(checkAction(dossier('received'), leader, 'approve')).toEqual({ code: 'ACTION_NOT_ALLOWED' });
  });
});

describe('random walks over the table', () => {
  it('only ever reach declared statuses, and availableActions agrees with checkAction', () => {
    const actors: WorkflowActor[] = ROLES.map((role, i) => ({ id: i + 1, role, divisionId: role === 'specialist' || role === 'division_head' ? 10 : 1 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: actors.length - 1 }), fc.constantFrom(...ACTIONS)), { maxLength: 60 }), (steps) => {
        let d = dossier('submitted');
        for (const [ai, action] of steps) {
          const actor = actors[ai]!;
          const allowed = availableActions(d, actor);
          const refusal = checkAction(d, actor, action);
          expect(allowed.includes(action)).toBe(refusal === null);
          if (refusal) continue;
          const to = nextStatus(d.status, action, d.status === 'supplement_requested' ? 'processing' : null);
          expect(STATUSES).toContain(to);
          expect(TERMINAL.has(d.status)).toBe(false);
          d = {
            ...d,
            status: to,
            supplementCount: d.supplementCount + (action === 'request_supplement' ? 1 : 0),
            extensionCount: d.extensionCount + (action === 'extend_deadline' ? 1 : 0),
            apologyStatus: action === 'draft_apology' ? 'drafted' : action === 'extend_deadline' ? 'signed' : d.apologyStatus,
          };
          expect(d.supplementCount).toBeLessThanOrEqual(1);
          expect(d.extensionCount).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 2000, seed: Number(process.env.FC_SEED ?? 20261129) },
    );
  });
});
