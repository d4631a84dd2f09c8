/**
 * Maps a province's published internal process ("quy trình nội bộ", `internalSteps` in
 * procedures-commune.json) to motcua stages and roles, by the actor and task wording. Pure: no I/O.
 *
 * Steps carried out by provincial bodies (Sở …, the provincial centre, a provincial social-protection
 * facility) are "processing" by a "specialist" from the ward's point of view: the dossier is out of the
 * ward's hands and the ward only tracks the time. Their names say which body does them.
 */
import type { Role, Stage, StepSeed } from '../../domain/procedure/procedure.ts';

export interface InternalStepSource {
  step: number;
  actor: string;
  task: string;
  hours: number;
}

/** Case-sensitive on purpose: "Sở" (department) is not "cơ sở" (facility), "xã" (commune) is not "xã hội" (social). */
const PROVINCIAL_ACTOR = /Sở |tỉnh|cơ sở trợ giúp xã hội/;
const WARD_ACTOR = /xã(?! hội)|phường/;
const PROVINCIAL_BODY = /Sở [^\s,;()]+ [^\s,;()]+|Văn phòng UBND tỉnh|Trung tâm Phục vụ hành chính công tỉnh|TTPVHCC tỉnh|cơ sở trợ giúp xã hội/;

const RETURN_TASK = /trả kết quả/i;
const RECEPTION_ACTOR = /Trung tâm Phục vụ hành chính công|TTPVHCC|Bộ phận tiếp nhận/;
const CLERK_ACTOR = /Văn thư/;
const COMMITTEE_LEADER_ACTOR = /Lãnh đạo UBND|Chủ tịch UBND/;
const DIVISION_LEADER_ACTOR = /Lãnh đạo [Pp]hòng/;
const ASSIGN_TASK = /phân công/i;
const SPECIALIST_ACTOR = /Chuyên viên|Công chức|Viên chức/i;

export interface ClassifiedStep {
  stage: Stage;
  role: Role;
  /** Whether a provincial body, not the ward, does the step. */
  isProvincial: boolean;
  /** The provincial body, when the step's wording (or an earlier step's) names it. */
  provincialBody: string | null;
}

/** Whether the actor is explicitly provincial (true), explicitly the ward (false), or not said (null). */
function actorLevel(actor: string): boolean | null {
  if (PROVINCIAL_ACTOR.test(actor) && !WARD_ACTOR.test(actor)) return true;
  if (WARD_ACTOR.test(actor)) return false;
  return null;
}

/** "Lãnh đạo Phòng Người có công (Sở Nội vụ)" → "Phòng Người có công". */
const DIVISION_OF_ACTOR = /Phòng [^()\-–,;]+?(?=\s*(?:[()\-–,;]|$))/;

/**
 * Stage and role of each step, in order. An actor that names neither level ("Công chức Phòng Người có
 * công") inherits the level of the step before it: once the dossier has gone to a provincial body it stays
 * there until the result is returned. Its body is taken from an earlier step naming the same division
 * ("Lãnh đạo Phòng Người có công (Sở Nội vụ)").
 */
export function classifyInternalSteps(steps: readonly InternalStepSource[]): ClassifiedStep[] {
  let isProvincial = false;
  const bodyOfDivision = new Map<string, string>();
  return steps.map((step): ClassifiedStep => {
    if (RETURN_TASK.test(step.task)) {
      isProvincial = false;
      return { stage: 'return', role: 'reception', isProvincial: false, provincialBody: null };
    }
    const level = actorLevel(step.actor);
    if (level !== null) isProvincial = level;
    if (!isProvincial) return { ...classifyWardStep(step), isProvincial: false, provincialBody: null };
    const division = DIVISION_OF_ACTOR.exec(step.actor)?.[0];
    const named = PROVINCIAL_BODY.exec(step.actor)?.[0];
    if (division !== undefined && named !== undefined) bodyOfDivision.set(division, named);
    const body = named ?? (division === undefined ? undefined : bodyOfDivision.get(division));
    return { stage: 'processing', role: 'specialist', isProvincial: true, provincialBody: body ?? null };
  });
}

function classifyWardStep(step: InternalStepSource): { stage: Stage; role: Role } {
  if (RECEPTION_ACTOR.test(step.actor)) return { stage: 'reception', role: 'reception' };
  if (CLERK_ACTOR.test(step.actor)) return { stage: 'issuance', role: 'specialist' };
  if (COMMITTEE_LEADER_ACTOR.test(step.actor)) return { stage: 'approval', role: 'leader' };
  if (DIVISION_LEADER_ACTOR.test(step.actor)) {
    return ASSIGN_TASK.test(step.task)
      ? { stage: 'assignment', role: 'division_head' }
      : { stage: 'processing', role: 'division_head' };
  }
  if (SPECIALIST_ACTOR.test(step.actor)) return { stage: 'processing', role: 'specialist' };
  throw new Error(`Cannot map internal step ${step.step} ("${step.actor}: ${step.task}") to a stage and role`);
}

/**
 * Steps in published order with published hours. Ward steps are named by their task; provincial steps
 * "<actor> (<body>): <task>", or "<actor> (cấp tỉnh): <task>" when no body can be told.
 */
export function mapInternalSteps(steps: readonly InternalStepSource[]): StepSeed[] {
  const sorted = [...steps].sort((a, b) => a.step - b.step);
  const classified = classifyInternalSteps(sorted);
  return sorted.map((step, i) => {
    const c = classified[i];
    if (c === undefined) throw new Error('unreachable: one classification per step');
    let name = step.task;
    if (c.isProvincial) {
      const body = c.provincialBody ?? 'cấp tỉnh';
      const actor = step.actor.includes(body) ? step.actor : `${step.actor} (${body})`;
      name = `${actor}: ${step.task}`;
    }
    return { stage: c.stage, role: c.role, name, hours: step.hours };
  });
}
