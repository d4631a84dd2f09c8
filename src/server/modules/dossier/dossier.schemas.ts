import { Type } from '@fastify/type-provider-typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Outcome = Type.Union([Type.Literal('early'), Type.Literal('on_time'), Type.Literal('late')]);

export const TimelinessSchema = Type.Union([
  Type.Object({ state: Type.Literal('pending') }),
  Type.Object({ state: Type.Union([Type.Literal('on_track'), Type.Literal('overdue')]), remainingMs: Type.Number() }),
  Type.Object({ state: Type.Literal('finished'), againstOriginal: Nullable(Outcome), againstExtended: Nullable(Outcome) }),
  Type.Object({ state: Type.Literal('closed') }),
]);

export const DossierSummarySchema = Type.Object(
  {
    code: Type.String(),
    status: Type.String(),
    statusLabel: Type.String(),
    portalStatus: Type.Object({ code: Type.Integer(), label: Type.String() }),
    procedure: Type.Object({ code: Type.String(), name: Type.String() }),
    channel: Type.String(),
    applicant: Type.Object({
      fullName: Type.String(),
      idNumber: Type.String(),
      phone: Type.String(),
      email: Nullable(Type.String()),
      address: Type.String(),
    }),
    division: Nullable(Type.Object({ code: Type.String(), name: Type.String() })),
    handler: Nullable(Type.Object({ id: Type.Integer(), fullName: Type.String() })),
    currentStage: Nullable(Type.String()),
    receivedAt: Nullable(Type.String()),
    dueAt: Nullable(Type.String()),
    originalDueAt: Nullable(Type.String()),
    extendedDueAt: Nullable(Type.String()),
    resultReadyAt: Nullable(Type.String()),
    returnedAt: Nullable(Type.String()),
    closedAt: Nullable(Type.String()),
    supplementCount: Type.Integer(),
    extensionCount: Type.Integer(),
    timeliness: TimelinessSchema,
  },
  { $id: 'DossierSummary' },
);

/** A row of the work queue: the summary plus the deadline watch's view of it. */
export const DossierQueueItemSchema = Type.Object({
  ...DossierSummarySchema.properties,
  risk: Nullable(Type.Object({ level: Type.String(), label: Type.String() })),
  forecastLate: Type.Boolean(),
  apologyStatus: Nullable(Type.String()),
  breach: Type.Boolean(),
});

export const DossierSchema = Type.Object(
  {
    ...DossierSummarySchema.properties,
    submittedAt: Type.String(),
    clockStartAt: Nullable(Type.String()),
    dueExplanation: Nullable(
      Type.Object({
        start: Type.String(),
        skipped: Type.Array(Type.Object({ date: Type.String(), reason: Type.String() })),
        text: Type.String(),
      }),
    ),
    timeLimit: Type.Object({ value: Nullable(Type.Number()), unit: Type.String() }),
    submittedComponents: Type.Array(Type.Integer()),
    steps: Type.Array(
      Type.Object({
        position: Type.Integer(),
        stage: Type.String(),
        name: Type.String(),
        role: Type.String(),
        division: Nullable(Type.String()),
        handler: Nullable(Type.String()),
        startedAt: Type.String(),
        dueAt: Type.String(),
        completedAt: Nullable(Type.String()),
        outcome: Nullable(Type.String()),
      }),
    ),
    timeline: Type.Array(
      Type.Object({
        seq: Type.Integer(),
        action: Type.String(),
        label: Type.String(),
        fromStatus: Nullable(Type.String()),
        toStatus: Type.String(),
        actor: Type.Object({ name: Type.String(), role: Type.String() }),
        at: Type.String(),
        reason: Nullable(Type.String()),
        payload: Type.Record(Type.String(), Type.Unknown()),
      }),
    ),
    availableActions: Type.Array(Type.Object({ action: Type.String(), label: Type.String(), needsReason: Type.Boolean() })),
    /** The latest new return date form 04 may propose (DOMAIN.md 17.5), while drafting it is available; else null. */
    apologyDateLimit: Nullable(Type.String()),
  },
  { $id: 'Dossier' },
);

export const PublicDossierSchema = Type.Object({
  code: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  channel: Type.String(),
  channelLabel: Type.String(),
  /** Issue 4's supplement request (form 02) while it waits for the applicant; null otherwise. */
  supplement: Nullable(
    Type.Object({
      requestedAt: Type.String(),
      note: Type.String(),
      items: Type.Array(Type.Object({ componentId: Nullable(Type.Integer()), name: Type.String(), note: Nullable(Type.String()) })),
      uploadedAt: Nullable(Type.String()),
    }),
  ),
  procedureName: Type.String(),
  applicantName: Type.String(),
  receivedAt: Nullable(Type.String()),
  dueAt: Nullable(Type.String()),
  originalDueAt: Nullable(Type.String()),
  resultReadyAt: Nullable(Type.String()),
  returnedAt: Nullable(Type.String()),
  currentStep: Nullable(Type.Object({ name: Type.String(), startedAt: Type.String(), dueAt: Type.String() })),
  steps: Type.Array(
    Type.Object({ name: Type.String(), startedAt: Type.String(), completedAt: Nullable(Type.String()), outcome: Nullable(Type.String()) }),
  ),
});
