import type { Channel, ComponentKind, FeeSeed, Role, Stage, TimeLimit } from '../../../domain/procedure/procedure.ts';

export interface ProcedureComponent {
  id: number;
  position: number;
  name: string;
  kind: ComponentKind;
  count: number;
  isMandatory: boolean;
  condition: string | null;
  form: string | null;
}

export interface ProcedureStep {
  position: number;
  stage: Stage;
  role: Role;
  name: string;
  hours: number;
}

export interface Procedure {
  id: number;
  code: string;
  name: string;
  field: string;
  level: string;
  implementingBody: string;
  divisionId: number;
  divisionCode: string;
  divisionName: string;
  nationalDecision: string | null;
  timeLimit: TimeLimit;
  timeLimitNote: string | null;
  fees: FeeSeed[];
  legalBasis: string[];
  result: string;
  channels: Channel[];
  stepsOrigin: 'real' | 'derived';
  stepsNote: string | null;
  dataQuality: 'confirmed' | 'memory';
  sources: string[];
  components: ProcedureComponent[];
  steps: ProcedureStep[];
}
