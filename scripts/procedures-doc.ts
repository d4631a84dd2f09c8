/**
 * Prints docs/procedures.md: the demo ward's seeded procedure catalog as markdown.
 *
 *   npx tsx scripts/procedures-doc.ts > docs/procedures.md
 *
 * Everything printed is read from the catalog as the seed builds it (src/server/seed/catalog.ts) and from
 * the source JSON (src/server/seed/procedures-commune.json); nothing is typed in by hand except the
 * explanations, so re-run the script whenever either changes. The output is deterministic (no dates).
 */
import type { ProcedureSeed, Role, Stage, StepSeed, TimeLimit } from '../src/domain/procedure/procedure.ts';
import { buildProcedureCatalog, loadProcedureCatalog } from '../src/server/seed/catalog.ts';
import { DEMO_DIVISIONS } from '../src/server/seed/demo-ward.ts';
import data from '../src/server/seed/procedures-commune.json' with { type: 'json' };

// ---------------------------------------------------------------------------------------------------------
// Source JSON, read defensively (the JSON module's inferred type is a union of 40 object shapes).

interface RawProcedure {
  code: string;
  confidence: string;
  memoryFields: string[];
  unit: string;
  internalStepsSource: string | null;
  internalStepsNote: string | null;
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} must be an object`);
  return value as Record<string, unknown>;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`${what} must be a string`);
  return value;
}

function optionalText(value: unknown, what: string): string | null {
  return value === undefined || value === null ? null : text(value, what);
}

const root = record(data as unknown, 'document');

function readRaw(value: unknown, index: number): RawProcedure {
  const p = record(value, `procedures[${index}]`);
  const code = text(p['code'], `procedures[${index}].code`);
  const memory = p['memoryFields'];
  return {
    code,
    confidence: text(p['confidence'], `${code}.confidence`),
    memoryFields: Array.isArray(memory) ? memory.map((m, i) => text(m, `${code}.memoryFields[${i}]`)) : [],
    unit: text(record(p['processingTime'], `${code}.processingTime`)['unit'], `${code}.processingTime.unit`),
    internalStepsSource: optionalText(p['internalStepsSource'], `${code}.internalStepsSource`),
    internalStepsNote: optionalText(p['internalStepsNote'], `${code}.internalStepsNote`),
  };
}

const rawList = root['procedures'];
if (!Array.isArray(rawList)) throw new Error('procedures must be an array');
const raw = new Map(rawList.map((p, i) => readRaw(p, i)).map((p) => [p.code, p]));

interface Source {
  id: string;
  ref: string;
  note: string;
}
const sourcesList = root['sources'];
const sources: Source[] = (Array.isArray(sourcesList) ? sourcesList : []).map((s, i) => {
  const r = record(s, `sources[${i}]`);
  return { id: text(r['id'], `sources[${i}].id`), ref: text(r['ref'], `sources[${i}].ref`), note: text(r['note'], `sources[${i}].note`) };
});
const conventions = record(root['conventions'], 'conventions');
const unitConventions = record(conventions['processingTime.unit'], 'conventions["processingTime.unit"]');
const kindConventions = record(conventions['components.kind'], 'conventions["components.kind"]');

// ---------------------------------------------------------------------------------------------------------
// The catalog as seeded.

const seeded: ProcedureSeed[] = loadProcedureCatalog();
const built = buildProcedureCatalog(data);
const seededCodes = seeded.map((p) => p.code).join(',');
if (seededCodes !== built.procedures.map((p) => p.code).join(',')) {
  throw new Error('loadProcedureCatalog() and buildProcedureCatalog(procedures-commune.json) disagree');
}
const excluded = built.excluded;

// ---------------------------------------------------------------------------------------------------------
// Formatting.

/** Vietnamese decimal comma: 0.5 → "0,5". */
const num = (n: number): string => String(n).replace('.', ',');

/** Markdown table cell: no pipes, no line breaks. */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

const row = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
}

const UNIT_VI: Record<TimeLimit['unit'], string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  days: 'ngày',
  same_day: 'trong ngày',
};

function limitVi(limit: TimeLimit): string {
  if (limit.unit === 'same_day') return 'Trong ngày (`same_day`)';
  return `${num(limit.value ?? 0)} ${UNIT_VI[limit.unit]} (\`${limit.unit}\`)`;
}

const STAGE_VI: Record<Stage, string> = {
  reception: 'tiếp nhận',
  assignment: 'phân công',
  processing: 'xử lý',
  approval: 'phê duyệt',
  issuance: 'phát hành',
  return: 'trả kết quả',
};

const ROLE_VI: Record<Role, string> = {
  reception: 'công chức tiếp nhận',
  specialist: 'chuyên viên',
  division_head: 'lãnh đạo phòng',
  leader: 'lãnh đạo UBND',
  monitor: 'kiểm soát',
  supervisor: 'MTTQ',
  admin: 'quản trị',
};

const totalHours = (steps: readonly StepSeed[]): number => steps.reduce((sum, s) => sum + s.hours, 0);

/** "repo …, path … (Nghệ An QĐ 3857/QĐ-UBND ngày 26/11/2025, quy trình …)" → "Nghệ An QĐ 3857/QĐ-UBND ngày 26/11/2025". */
function decisionOf(source: string): string {
  const inParens = /\(([^,)]+)/.exec(source)?.[1];
  return (inParens ?? source).trim();
}

function rawOf(code: string): RawProcedure {
  const r = raw.get(code);
  if (r === undefined) throw new Error(`${code} is not in procedures-commune.json`);
  return r;
}

const divisionName = new Map(DEMO_DIVISIONS.map((d) => [d.code, d.name]));

// ---------------------------------------------------------------------------------------------------------
// Document.

const out: string[] = [];
const isListItem = (line: string): boolean => /^(?:- |\d+\. )/.test(line);
/** One block per argument, separated by blank lines; consecutive list items stay in one list. */
const p = (...blocks: string[]): void => {
  blocks.forEach((block, i) => {
    const previous = blocks[i - 1];
    if (i > 0 && !(previous !== undefined && isListItem(previous) && isListItem(block))) out.push('');
    out.push(block);
  });
  out.push('');
};

const real = seeded.filter((s) => s.stepsOrigin === 'real');
const derived = seeded.filter((s) => s.stepsOrigin === 'derived');
const confirmed = seeded.filter((s) => s.dataQuality === 'confirmed');
const memory = seeded.filter((s) => s.dataQuality === 'memory');

p(
  '# Danh mục thủ tục hành chính của phường mẫu — the seeded procedure catalog',
  '<!-- Generated by `npx tsx scripts/procedures-doc.ts > docs/procedures.md`; do not edit by hand. -->',
  `The demo ward (Phường Đông Thanh, a fictional unit) is seeded with **${seeded.length}** commune-level ` +
    `administrative procedures (thủ tục hành chính, TTHC) out of the **${rawList.length}** in the source data; ` +
    `**${excluded.length}** are left out because no deadline can be computed from them. Terms are explained in ` +
    '[GLOSSARY.md](../GLOSSARY.md).',
);

p('## Where the figures come from');
p(
  '- **Source of record:** `src/server/seed/procedures-commune.json`, copied unchanged from the shared data set. ' +
    `It describes itself (field \`about\`) as a reference set of ${rawList.length} procedures common at commune/ward ` +
    'level after the two-tier local-government reform of 01/7/2025, compiled in late 2026 from public archives dated ' +
    `11/2025–10/2026 (\`asOf\`: ${text(root['asOf'], 'asOf')}): mainly a crawl of the national procedure database ` +
    '(Cơ sở dữ liệu quốc gia về TTHC) on dichvucong.gov.vn, provincial publication decisions and internal processes ' +
    '(Hà Tĩnh, Nghệ An, Cao Bằng, 11/2025), the verified list and fee schedule of Hải Phòng / xã Vĩnh Bảo, and statutes ' +
    'from the Pháp điển.',
  '- **The national database often shows a time limit without its unit** (e.g. birth registration: `1`, unit `OTHER`). ' +
    'The unit and its nuances, kept in `processingTime.note` (stored as `timeLimitNote`), were checked against the law, ' +
    'the decree or a provincial decision.',
  '- **Fees (phí, lệ phí) set by the provincial People\'s Council (HĐND tỉnh) are examples only**, mostly Hải Phòng\'s. ' +
    'Provinces also publish shortened time limits (cuts of 30–50 % are common) and their own internal processes.',
  '- **Not legal advice.** Every figure (time limit, fees, components, legal basis) must be checked against the ' +
    'province\'s current publication decision (quyết định công bố danh mục TTHC) and csdl.dichvucong.gov.vn before it is ' +
    'used to compute a deadline or shown to citizens.',
);

p('### Sources (`sources` in the JSON)');
p(table(['id', 'Reference', 'What it gave'], sources.map((s) => [`\`${s.id}\``, s.ref, s.note])));

p('### Conventions of the JSON (`conventions`) and how the seed maps them');
p(
  'Legal time limit, `processingTime.unit` → `timeLimit.unit` (`src/domain/procedure/procedure.ts` `TIME_UNITS`):',
);
p(
  table(
    ['Unit', 'Meaning (from the JSON)', 'In the seed'],
    Object.entries(unitConventions).map(([unit, meaning]) => [
      `\`${unit}\``,
      text(meaning, unit),
      unit === 'staged' || unit === 'unspecified'
        ? 'excluded: no single legal figure to count from'
        : unit === 'days'
          ? 'kept; the appointment is counted in calendar days (Civil Code 2015 Arts 144–148: a last day that is a day off moves to the next working day)'
          : unit === 'same_day'
            ? 'kept, value null; "within the day", after the 15:00 cut-off the next working day'
            : 'kept; 1 working day = 8 working hours',
    ]),
  ),
);
p('Component kinds, `components.kind` → `ComponentSeed.kind` (`COMPONENT_KINDS`):');
p(
  table(
    ['Kind', 'Meaning (from the JSON)'],
    Object.entries(kindConventions).map(([kind, meaning]) => [`\`${kind}\``, text(meaning, kind)]),
  ),
);
p(
  `- \`components.mandatory\` → \`isMandatory\`: ${text(conventions['components.mandatory'], 'components.mandatory')}.`,
  `- \`channels\`: ${text(conventions['channels'], 'channels')}.`,
  `- \`fees.amount\`: ${text(conventions['fees.amount'], 'fees.amount')}.`,
  `- \`internalSteps.hours\`: ${text(conventions['internalSteps.hours'], 'internalSteps.hours')}.`,
  '- `sets` (number of copies of the dossier) and `onlineLevel` (toàn trình / một phần) are in the JSON but not mapped by the seed.',
);

p('### What the seed does with it (`src/server/seed/catalog.ts`)');
p(
  '1. **Only procedures with a usable legal time limit are kept**: units `working_days`, `working_hours`, `days` with a ' +
    'value, or `same_day`. `staged`, `unspecified` and a null value are excluded with a reason ' +
    '(`buildProcedureCatalog(...).excluded`), because a deadline cannot be computed from them.',
  '2. **The handling division follows the field (lĩnh vực)**, per the Decree 150/2025 commune structure (`FIELD_DIVISION`); ' +
    'an unknown field fails loudly. Residence (cư trú) is handled by the ward police (`CA`), which is not a division of ' +
    'the People\'s Committee.',
  '3. **Internal steps (quy trình nội bộ)** are the province\'s published process where the JSON has one (`real`, ' +
    'mapped by `internal-steps.ts`), otherwise allocated by motcua from the legal time limit (`derived`, ' +
    '`derive-steps.ts`). See [Internal steps](#internal-steps-quy-trình-nội-bộ) below.',
  '4. The JSON\'s `confidence` becomes `dataQuality`; every other field is validated and copied as is (names, components, ' +
    'fees, legal basis, result, channels, sources).',
);

p('### Divisions (phòng xử lý) used below');
p(
  table(
    ['Code', 'Division of the demo ward', 'Procedures'],
    [...new Set(seeded.map((s) => s.divisionCode))].map((code) => [
      `\`${code}\``,
      divisionName.get(code) ?? '(not a demo division)',
      String(seeded.filter((s) => s.divisionCode === code).length),
    ]),
  ),
);

p('## Data quality (chất lượng dữ liệu)');
p(
  `- **\`confirmed\`** (${confirmed.length} seeded): code, name, time limit and the main components were read in the ` +
    'crawl of the national procedure database on dichvucong.gov.vn (or the other sources above). Single fields taken ' +
    'from memory are listed in the JSON\'s `memoryFields`:',
);
const confirmedWithMemory = confirmed.filter((s) => rawOf(s.code).memoryFields.length > 0);
p(
  table(
    ['Code', 'Procedure', 'Fields partly from memory (`memoryFields`)'],
    confirmedWithMemory.map((s) => [`\`${s.code}\``, s.name, rawOf(s.code).memoryFields.join('; ')]),
  ),
);
p(
  `- **\`memory\`** (${memory.length} seeded): most of the content is from memory; only code, name and level are ` +
    'confirmed. Treat time limit, components, fees and legal basis as unverified:',
);
p(
  table(
    ['Code', 'Procedure', 'Time limit used'],
    memory.map((s) => [`\`${s.code}\``, s.name, limitVi(s.timeLimit)]),
  ),
);
const excludedMemory = excluded.filter((e) => rawOf(e.code).confidence === 'memory');
if (excludedMemory.length > 0) {
  p(
    `(${excludedMemory.length} more \`memory\` procedures are among the excluded: ` +
      `${excludedMemory.map((e) => `\`${e.code}\``).join(', ')}.)`,
  );
}

p('## Excluded procedures (thủ tục không đưa vào danh mục)');
p(
  '`buildProcedureCatalog(...).excluded`: procedures whose source gives no single legal time limit. The reason is the ' +
    'one the seed stores (Vietnamese, quoting the source note). They can be added once the province\'s publication ' +
    'decision gives a figure.',
);
p(
  table(
    ['Code', 'Procedure', 'Unit in source', 'Data quality', 'Reason (as generated)'],
    excluded.map((e) => [`\`${e.code}\``, e.name, `\`${rawOf(e.code).unit}\``, rawOf(e.code).confidence, e.reason]),
  ),
);

p('## Catalog by field (danh mục theo lĩnh vực)');
p(
  'Columns: national code (mã TTHC in the national database); name; legal time limit (thời hạn giải quyết, value and ' +
    'unit); handling division; components as mandatory/total (thành phần hồ sơ bắt buộc/tổng số); origin of the internal ' +
    'steps (`real` with the province\'s decision, or `derived`) and their total working hours; data quality.',
  '"Mandatory" counts every component with `isMandatory`; some of them are alternatives by channel (e.g. the paper ' +
    'form "khi nộp trực tiếp hoặc qua bưu chính" and the e-form "khi nộp trực tuyến"), so fewer are asked on any one ' +
    'channel (`src/domain/procedure/components.ts` `isRequiredOn`).',
);
const fields = [...new Set(seeded.map((s) => s.field))];
for (const field of fields) {
  const inField = seeded.filter((s) => s.field === field);
  p(`### ${field}`);
  p(
    table(
      ['Code', 'Name', 'Legal time limit', 'Division', 'Components (mandatory/total)', 'Internal steps', 'Data quality'],
      inField.map((s) => {
        const mandatory = s.components.filter((c) => c.isMandatory).length;
        const source = rawOf(s.code).internalStepsSource;
        const steps =
          s.stepsOrigin === 'real'
            ? `real: ${source === null ? '(no source)' : decisionOf(source)}; ${num(totalHours(s.steps))} h`
            : `derived; ${num(totalHours(s.steps))} h`;
        return [`\`${s.code}\``, s.name, limitVi(s.timeLimit), `\`${s.divisionCode}\``, `${mandatory}/${s.components.length}`, steps, s.dataQuality];
      }),
    ),
  );
}

p('## Internal steps (quy trình nội bộ)');
p(
  'Each procedure carries its internal process: an ordered list of steps, each with a stage (bước xử lý nội bộ, ' +
    '`STAGES`), the role that does it and the working hours it is allowed. When a dossier moves between stages, the ' +
    'open step is closed and classified early / on time / late (trước hạn / đúng hạn / quá hạn) against its own ' +
    'deadline, and the next stage opens with the hours the process gives it; the return stage has 0 hours and is due at ' +
    'the dossier\'s appointment (`src/server/modules/dossier/dossier-steps.ts`). The legal appointment itself (ngày hẹn ' +
    'trả kết quả) is always computed from the legal time limit, not from the steps.',
  `Of the ${seeded.length} seeded procedures, **${real.length}** use a process published by a province (\`real\`) and ` +
    `**${derived.length}** a process allocated by motcua (\`derived\`). The \`stepsNote\` stored with each procedure ` +
    '(shown by `GET /api/procedures/{code}`) says which, in Vietnamese.',
);

p('### Published processes (`real`)');
p(
  'These come from the provincial decisions of 11/2025 found in the `tnt305` source (full text of provincial decisions ' +
    'approving internal processes). The seed keeps their order and their hours unchanged and checks that the hours add up ' +
    'to the JSON\'s `internalStepsTotalHours`. `internal-steps.ts` maps each step to a stage and role from the wording ' +
    'of its actor and task:',
  '- a task containing "trả kết quả" → `return` (reception);',
  '- ward actors: the service centre / "Bộ phận tiếp nhận" → `reception`; "Văn thư" → `issuance` (specialist); ' +
    '"Lãnh đạo UBND" / "Chủ tịch UBND" → `approval` (leader); "Lãnh đạo phòng" → `assignment` when the task says ' +
    '"phân công", else `processing` (division head); "Chuyên viên" / "Công chức" / "Viên chức" → `processing` (specialist);',
  '- steps done by provincial bodies (a "Sở …", the provincial service centre, a provincial social-protection facility) ' +
    'are `processing` by a `specialist` from the ward\'s point of view: the dossier is out of the ward\'s hands and the ' +
    'ward only tracks the time. An actor that names no level inherits the level of the step before it. Their step names ' +
    'say which body does them.',
  'A province\'s process is an example of that province only, and for these three procedures the legal time limit in ' +
    'the catalog is that province\'s published figure too (see each note). A ward elsewhere should replace both with ' +
    'its own province\'s.',
);
for (const s of real) {
  const r = rawOf(s.code);
  p(`#### \`${s.code}\` ${s.name}`);
  p(
    `- Source: ${r.internalStepsSource ?? '(none)'}.`,
    `- Legal time limit used for the appointment: ${limitVi(s.timeLimit)}; published steps total ` +
      `**${num(totalHours(s.steps))} working hours**.` +
      (r.internalStepsNote === null ? '' : ` Conversion: ${r.internalStepsNote}`),
    `- Time-limit note of the source (\`timeLimitNote\`): ${s.timeLimitNote ?? '(none)'}`,
  );
  p(
    table(
      ['#', 'Stage', 'Role', 'Hours', 'Step (as seeded)'],
      s.steps.map((step, i) => [
        String(i + 1),
        `\`${step.stage}\` (${STAGE_VI[step.stage]})`,
        `\`${step.role}\` (${ROLE_VI[step.role]})`,
        num(step.hours),
        step.name,
      ]),
    ),
  );
}

p('### Allocated processes (`derived`)');
p(
  'For every other procedure the province\'s internal process is not in the data, so `derive-steps.ts` allocates the ' +
    'legal time limit to the six stages, in working hours (8 hours = 1 working day, half days allowed), in the same ' +
    'shape as published processes:',
  '1. **Hours available** (`limitToWorkingHours`): `working_days` × 8; `working_hours` as is; `same_day` = 8 (one working ' +
    'day); `days` (calendar days) ≈ value × 5/7 rounded down to half a working day, × 8 (15 days → 10,5 working days → ' +
    '84 h; 30 → 21 → 168 h; 45 → 32 → 256 h). The 5/7 figure is only for allocating steps; the appointment is still ' +
    'counted in calendar days.',
  '2. **Fixed steps at nominal hours**: reception 4, assignment 4, approval 8, issuance 4 (for `same_day`: 1; 0,5; 1; 0,5).',
  '3. **Short limits**: when those nominal hours would take more than half the limit (`MAX_FIXED_SHARE` = 0,5), they are ' +
    'scaled down proportionally (rounded down to half an hour, at least half an hour each), so that processing keeps ' +
    'about half of the time or more. Without this a 3-working-day procedure (the most common limit) would leave 4 of its 24 ' +
    'hours to the specialist.',
  '4. **Processing** (the specialist\'s appraisal) gets the rest; **return** gets 0 hours (not counted, as in published ' +
    'processes). The total never exceeds the hours available.',
  '5. **Who does what** (the step profile): procedures decided by the ward People\'s Committee use ' +
    '`WARD_COMMITTEE_PROFILE` (division head assigns, specialist processes, the Chairman/Vice-Chairman approves, the ' +
    'clerk issues). Residence procedures (`CA`) use `WARD_POLICE_PROFILE`: the ward police registers residence, so its ' +
    'chief (the `CA` division head), not the Chairman, approves.',
  'Derived processes are a placeholder: replace them with the province\'s approved internal process when it is ' +
    'available. The allocations in the seeded catalog:',
);
const byLimit = new Map<string, ProcedureSeed[]>();
for (const s of derived) {
  const key = `${s.timeLimit.unit}:${s.timeLimit.value ?? ''}:${s.divisionCode === 'CA' ? 'CA' : ''}`;
  byLimit.set(key, [...(byLimit.get(key) ?? []), s]);
}
const unitOrder: TimeLimit['unit'][] = ['same_day', 'working_hours', 'working_days', 'days'];
const groups = [...byLimit.values()].sort((a, b) => {
  const x = a[0]!;
  const y = b[0]!;
  return (
    unitOrder.indexOf(x.timeLimit.unit) - unitOrder.indexOf(y.timeLimit.unit) ||
    (x.timeLimit.value ?? 0) - (y.timeLimit.value ?? 0) ||
    Number(x.divisionCode === 'CA') - Number(y.divisionCode === 'CA')
  );
});
const stageHours = (s: ProcedureSeed, stage: Stage): string =>
  num(s.steps.filter((step) => step.stage === stage).reduce((sum, step) => sum + step.hours, 0));
p(
  table(
    ['Legal time limit', 'Profile', ...(['reception', 'assignment', 'processing', 'approval', 'issuance', 'return'] as const).map((st) => `${STAGE_VI[st]} (h)`), 'Total (h)', 'Procedures'],
    groups.map((g) => {
      const s = g[0]!;
      return [
        limitVi(s.timeLimit),
        s.divisionCode === 'CA' ? 'ward police' : 'ward committee',
        stageHours(s, 'reception'),
        stageHours(s, 'assignment'),
        stageHours(s, 'processing'),
        stageHours(s, 'approval'),
        stageHours(s, 'issuance'),
        stageHours(s, 'return'),
        num(totalHours(s.steps)),
        g.map((x) => `\`${x.code}\``).join(', '),
      ];
    }),
  ),
);

process.stdout.write(`${out.join('\n').trimEnd()}\n`);
