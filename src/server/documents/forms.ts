/**
 * View models of the official forms (DOMAIN.md 4; Circular 03/2025/TT-VPCP Annex I, numbering per 18.1).
 * Pure functions: every date is formatted and every legal reference resolved here; renderers only lay out.
 */
import { OUTCOME_LABEL_VI, type Outcome } from '../../domain/dossier/timeliness.ts';
import { STATUS_LABEL_VI, type Status } from '../../domain/dossier/workflow.ts';
import { formatDateVi, formatInstantVi, formatLongDateVi } from '../modules/three-khong/format.ts';
import type { Block, OfficialDocument } from './document-model.ts';

export const DOSSIER_FORMS = ['receipt', 'supplement-request', 'refusal', 'apology', 'stop-notice', 'control-slip'] as const;
export type DossierForm = (typeof DOSSIER_FORMS)[number];
export type FormKey = DossierForm | 'register' | 'guidance' | 'redirect';

/** Form numbers and titles as data, per legal-basis version (DOMAIN.md 17.1, 18.1). */
export const FORM_CATALOG: Record<FormKey, { number: string | null; title: string; source: string }> = {
  receipt: { number: '01', title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', source: 'Thông tư 03/2025/TT-VPCP, Phụ lục I' },
  'supplement-request': { number: '02', title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', source: 'Thông tư 03/2025/TT-VPCP, Phụ lục I' },
  refusal: { number: '03', title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', source: 'Thông tư 03/2025/TT-VPCP, Phụ lục I' },
  apology: { number: '04', title: 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT', source: 'Thông tư 03/2025/TT-VPCP, Phụ lục I' },
  'stop-notice': { number: '05', title: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ', source: 'Thông tư 03/2025/TT-VPCP, Phụ lục I; Điều 7' },
  'control-slip': { number: '06', title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', source: 'Thông tư 03/2025/TT-VPCP, Phụ lục I' },
  register: { number: '07', title: 'SỔ THEO DÕI HỒ SƠ', source: 'Thông tư 03/2025/TT-VPCP, Phụ lục I' },
  guidance: { number: null, title: 'PHIẾU HƯỚNG DẪN THỰC HIỆN THỦ TỤC HÀNH CHÍNH', source: 'Nghị định 61/2018/NĐ-CP, Điều 15(1) (mẫu của phường)' },
  redirect: { number: null, title: 'PHIẾU HƯỚNG DẪN NỘP HỒ SƠ TẠI CƠ QUAN CÓ THẨM QUYỀN', source: 'Nghị định 61/2018/NĐ-CP, Điều 17(2)(a), 18(3) (mẫu của phường)' },
};

export function formRef(key: FormKey): string {
  const f = FORM_CATALOG[key];
  return f.number ? `Mẫu số ${f.number} — ${f.source}` : f.source;
}

export interface Unit {
  code: string;
  name: string;
  committeeName: string;
  centreName: string;
  province: string;
  address: string;
  phone: string;
}

export interface FormContext {
  unit: Unit;
  now: string;
  publicLookupUrl: string;
  dossier: {
    code: string;
    procedureName: string;
    procedureCode: string;
    status: Status;
    applicant: { fullName: string; idNumber: string; phone: string; email: string | null; address: string };
    receivedAt: string | null;
    submittedAt: string;
    dueAt: string | null;
    originalDueAt: string | null;
    extendedDueAt: string | null;
    resultReadyAt: string | null;
    returnedAt: string | null;
    timeLimitText: string;
    channel: string;
    divisionName: string;
  };
  receivedByName: string | null;
  components: { name: string; kind: string; count: number }[];
  steps: { name: string; stage: string; giver: string; receiver: string; startedAt: string; dueAt: string; completedAt: string | null; outcome: Outcome | null }[];
  supplement: { items: { name: string; note: string | null }[]; note: string; requestedAt: string; requestedByName: string; clockRule: string } | null;
  refusal: { reasons: string[]; at: string; actorName: string; stage: string } | null;
  stop: { reason: string; at: string; actorName: string; statusAtStop: Status } | null;
  apology: { number: string; reason: string; previousDueAt: string; newDueAt: string; signedAt: string | null; signerName: string | null; signerTitle: string | null } | null;
}

const place = (ctx: { unit: Unit; now: string }) => `${ctx.unit.name}, ${formatLongDateVi(ctx.now)}`;
const header = (ctx: FormContext | { unit: Unit; now: string }, number: string | null) => ({
  parentBody: ctx.unit.committeeName,
  body: ctx.unit.centreName,
  number,
  placeDate: place(ctx),
});
const applicantFields = (d: FormContext['dossier']): Block[] => [
  { kind: 'field', label: 'Họ và tên người nộp', value: d.applicant.fullName },
  { kind: 'field', label: 'Số định danh cá nhân', value: d.applicant.idNumber },
  { kind: 'field', label: 'Địa chỉ', value: d.applicant.address },
  { kind: 'field', label: 'Số điện thoại', value: d.applicant.phone },
  { kind: 'field', label: 'Thư điện tử', value: d.applicant.email ?? 'Không có' },
];
const KIND_VI: Record<string, string> = { original: 'Bản chính', copy: 'Bản sao', 'original-or-copy': 'Bản chính hoặc bản sao', 'present-only': 'Xuất trình' };
const CHANNEL_VI: Record<string, string> = { direct: 'Trực tiếp tại Bộ phận Một cửa', online: 'Trực tuyến', postal: 'Qua dịch vụ bưu chính' };

export function buildDossierForm(form: DossierForm, ctx: FormContext, qrPng?: Buffer): OfficialDocument {
  const d = ctx.dossier;
  const a5 = { size: 'A5' as const, landscape: false };
  switch (form) {
    case 'receipt':
      return {
        page: a5,
        header: header(ctx, `Số: ${d.code.split('-').pop()}/TNHS`),
        formRef: formRef('receipt'),
        title: FORM_CATALOG.receipt.title,
        blocks: [
          { kind: 'field', label: 'Mã hồ sơ', value: d.code },
          { kind: 'paragraph', text: `${ctx.unit.centreName} tiếp nhận hồ sơ của:` },
          ...applicantFields(d),
          { kind: 'field', label: 'Nội dung yêu cầu giải quyết', value: d.procedureName },
          { kind: 'field', label: 'Hình thức nộp', value: CHANNEL_VI[d.channel] ?? d.channel },
          { kind: 'paragraph', text: 'Thành phần hồ sơ nộp gồm:', bold: true },
          { kind: 'list', items: ctx.components.map((c) => `${c.name} (${KIND_VI[c.kind] ?? c.kind}; số lượng: ${c.count})`) },
          { kind: 'field', label: 'Số lượng hồ sơ', value: '01 bộ' },
          { kind: 'field', label: 'Thời gian giải quyết hồ sơ theo quy định', value: d.timeLimitText },
          { kind: 'field', label: 'Thời gian nhận hồ sơ', value: d.receivedAt ? formatInstantVi(d.receivedAt) : '' },
          { kind: 'field', label: 'Thời gian trả kết quả giải quyết hồ sơ', value: d.dueAt ? formatInstantVi(d.dueAt) : '' },
          { kind: 'field', label: 'Nơi nhận kết quả', value: `${ctx.unit.centreName}, ${ctx.unit.address}` },
          { kind: 'field', label: 'Vào Sổ theo dõi hồ sơ', value: `Quyển số 01/${(d.receivedAt ?? ctx.now).slice(0, 4)}, số thứ tự ${d.code.split('-').pop()}` },
          { kind: 'signatures', blocks: [{ title: 'NGƯỜI NỘP HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: d.applicant.fullName }, { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: ctx.receivedByName ?? '' }] },
        ],
        qr: { text: ctx.publicLookupUrl, caption: `Tra cứu tình trạng hồ sơ ${d.code}, đánh giá mức độ hài lòng:`, ...(qrPng ? { png: qrPng } : {}) },
      };
    case 'supplement-request': {
      const s = ctx.supplement;
      return {
        page: a5,
        header: header(ctx, `Số: ${d.code.split('-').pop()}/YCBS`),
        formRef: formRef('supplement-request'),
        title: FORM_CATALOG['supplement-request'].title,
        blocks: [
          { kind: 'field', label: 'Mã hồ sơ', value: d.code },
          { kind: 'field', label: 'Hồ sơ của', value: d.applicant.fullName },
          { kind: 'field', label: 'Nội dung yêu cầu giải quyết', value: d.procedureName },
          { kind: 'field', label: 'Địa chỉ', value: d.applicant.address },
          { kind: 'field', label: 'Số điện thoại', value: d.applicant.phone },
          { kind: 'field', label: 'Thư điện tử', value: d.applicant.email ?? 'Không có' },
          { kind: 'paragraph', text: 'Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau (bổ sung một lần, đầy đủ):', bold: true },
          { kind: 'list', items: (s?.items ?? []).map((i) => (i.note ? `${i.name} — ${i.note}` : i.name)) },
          { kind: 'field', label: 'Lý do', value: s?.note ?? '' },
          { kind: 'paragraph', text: `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ ${s?.requestedByName ?? ''}, ${ctx.unit.centreName}, số điện thoại ${ctx.unit.phone} để được hướng dẫn.` },
          {
            kind: 'paragraph',
            italic: true,
            text:
              s?.clockRule === 'pause'
                ? 'Thời hạn giải quyết tạm dừng từ ngày yêu cầu bổ sung và tiếp tục khi nhận đủ hồ sơ bổ sung.'
                : 'Thời hạn giải quyết được tính lại từ đầu kể từ khi nhận đủ hồ sơ (Nghị định 61/2018/NĐ-CP, Điều 19 khoản 4).',
          },
          { kind: 'signatures', blocks: [{ title: 'NGƯỜI HƯỚNG DẪN', note: '(Ký và ghi rõ họ tên)', name: s?.requestedByName ?? '' }] },
        ],
      };
    }
    case 'refusal': {
      const r = ctx.refusal;
      return {
        page: a5,
        header: header(ctx, `Số: ${d.code.split('-').pop()}/TCHS`),
        formRef: formRef('refusal'),
        title: FORM_CATALOG.refusal.title,
        blocks: [
          { kind: 'paragraph', text: `${ctx.unit.centreName} tiếp nhận hồ sơ của:` },
          ...applicantFields(d),
          { kind: 'field', label: 'Mã hồ sơ', value: d.code },
          { kind: 'field', label: 'Nội dung yêu cầu giải quyết', value: d.procedureName },
          {
            kind: 'paragraph',
            text: `Căn cứ quy định hiện hành, ${r?.stage === 'appraisal' ? 'sau khi thẩm định, hồ sơ không đủ điều kiện giải quyết' : 'hồ sơ không đủ điều kiện tiếp nhận'}; ${ctx.unit.centreName} không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`,
          },
          { kind: 'list', items: r?.reasons ?? [] },
          { kind: 'paragraph', text: 'Xin thông báo để ông/bà được biết và thực hiện.' },
          { kind: 'signatures', blocks: [{ title: 'NGƯỜI NỘP HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: d.applicant.fullName }, { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: r?.actorName ?? '' }] },
        ],
      };
    }
    case 'apology': {
      const ap = ctx.apology;
      const leaderTitle = ap?.signerTitle ?? 'CHỦ TỊCH';
      const isVice = /phó/i.test(leaderTitle);
      return {
        page: a5,
        header: { parentBody: ctx.unit.province ? `TỈNH ${ctx.unit.province}` : '', body: ctx.unit.committeeName, number: `Số: ${ap?.number ?? '…/PXL'}`, placeDate: place(ctx) },
        formRef: formRef('apology'),
        title: FORM_CATALOG.apology.title,
        blocks: [
          { kind: 'paragraph', text: `Kính gửi: Ông/bà ${d.applicant.fullName}`, align: 'center', bold: true },
          {
            kind: 'paragraph',
            text: `Ngày ${d.receivedAt ? formatDateVi(d.receivedAt) : '…'}, ${ctx.unit.committeeName} tiếp nhận hồ sơ đề nghị giải quyết thủ tục hành chính "${d.procedureName}" của ông/bà ${d.applicant.fullName}, số định danh cá nhân ${d.applicant.idNumber}; mã hồ sơ ${d.code}.`,
          },
          { kind: 'field', label: 'Thời gian hẹn trả kết quả giải quyết hồ sơ', value: ap ? formatInstantVi(ap.previousDueAt) : '' },
          { kind: 'paragraph', text: 'Tuy nhiên, đến nay, cơ quan chưa trả kết quả giải quyết hồ sơ cho ông/bà đúng thời gian ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.' },
          { kind: 'field', label: 'Lý do', value: ap?.reason ?? '' },
          { kind: 'paragraph', text: `${ctx.unit.committeeName} xin lỗi ông/bà vì sự chậm trễ này, gây phiền hà, tốn kém chi phí và thời gian của ông/bà.` },
          { kind: 'field', label: 'Thời gian trả kết quả hồ sơ mới', value: ap ? formatInstantVi(ap.newDueAt) : '' },
          { kind: 'paragraph', text: 'Rất mong nhận được sự thông cảm của ông/bà. Kết quả sẽ được trả tại Bộ phận Một cửa theo thời gian hẹn mới nêu trên.' },
          {
            kind: 'signatures',
            blocks: [{ title: isVice ? 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH' : 'CHỦ TỊCH', note: ap?.signedAt ? `(Đã ký ${formatInstantVi(ap.signedAt)})` : '(Dự thảo — chưa ký)', name: ap?.signerName ?? '' }],
          },
        ],
      };
    }
    case 'stop-notice': {
      const st = ctx.stop;
      return {
        page: a5,
        header: header(ctx, `Số: ${d.code.split('-').pop()}/TBD`),
        formRef: formRef('stop-notice'),
        title: FORM_CATALOG['stop-notice'].title,
        blocks: [
          { kind: 'paragraph', text: `Kính gửi: Ông/bà ${d.applicant.fullName}`, align: 'center', bold: true },
          ...applicantFields(d),
          { kind: 'field', label: 'Mã hồ sơ', value: d.code },
          { kind: 'field', label: 'Thủ tục hành chính', value: d.procedureName },
          { kind: 'field', label: 'Ngày tiếp nhận', value: d.receivedAt ? formatInstantVi(d.receivedAt) : '' },
          { kind: 'field', label: 'Thời điểm đề nghị dừng', value: st ? formatInstantVi(st.at) : '' },
          { kind: 'field', label: 'Tình trạng hồ sơ khi dừng', value: st ? STATUS_LABEL_VI[st.statusAtStop] : '' },
          { kind: 'field', label: 'Lý do', value: st?.reason ?? '' },
          {
            kind: 'paragraph',
            text: `Do hồ sơ chưa có quyết định hoặc kết quả giải quyết, ${ctx.unit.centreName} thông báo dừng giải quyết hồ sơ nêu trên theo đề nghị của ông/bà (Thông tư 03/2025/TT-VPCP, Điều 7). Bản chính giấy tờ (nếu có) được trả lại ông/bà; phí, lệ phí đã nộp được xử lý theo quy định của pháp luật về phí, lệ phí.`,
          },
          { kind: 'signatures', blocks: [{ title: 'NGƯỜI NỘP HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: d.applicant.fullName }, { title: 'CÔNG CHỨC TIẾP NHẬN', note: '(Ký và ghi rõ họ tên)', name: st?.actorName ?? '' }] },
        ],
      };
    }
    case 'control-slip':
      return {
        page: a5,
        header: header(ctx, null),
        formRef: formRef('control-slip'),
        title: FORM_CATALOG['control-slip'].title,
        blocks: [
          { kind: 'field', label: 'Mã hồ sơ', value: d.code },
          { kind: 'field', label: 'Cơ quan giải quyết hồ sơ', value: `${d.divisionName}, ${ctx.unit.committeeName}` },
          { kind: 'field', label: 'Cơ quan phối hợp giải quyết hồ sơ', value: 'Không' },
          { kind: 'field', label: 'Thời gian nhận hồ sơ', value: d.receivedAt ? formatInstantVi(d.receivedAt) : '' },
          { kind: 'field', label: 'Thời gian hẹn trả kết quả', value: d.dueAt ? formatInstantVi(d.dueAt) : '' },
          {
            kind: 'table',
            columns: [
              { title: 'Tên cơ quan / bước', width: 5 },
              { title: 'Thời gian giao, nhận hồ sơ', width: 4 },
              { title: 'Kết quả giải quyết hồ sơ (trước hạn / đúng hạn / quá hạn)', width: 4 },
              { title: 'Ghi chú', width: 3 },
            ],
            rows: ctx.steps.map((s, i) => [
              `${i + 1}. Giao: ${s.giver}\nNhận: ${s.receiver}\n(${s.name})`,
              `${formatInstantVi(s.startedAt)}`,
              s.outcome ? OUTCOME_LABEL_VI[s.outcome] : 'Đang xử lý',
              `Hạn bước: ${formatInstantVi(s.dueAt)}`,
            ]),
          },
          { kind: 'paragraph', italic: true, text: 'Phiếu được hệ thống lập tự động từ nhật ký bàn giao hồ sơ; bên nhận ghi nhận kết quả giải quyết của bước trước.' },
        ],
      };
  }
}

export interface RegisterRow {
  code: string;
  procedureName: string;
  applicantName: string;
  addressPhone: string;
  leadBody: string;
  receivedAt: string | null;
  dueAt: string | null;
  returnedAt: string | null;
  channel: string;
}

export const REGISTER_COLUMNS = [
  { title: 'STT', width: 1.3 },
  { title: 'Mã hồ sơ', width: 6.5 },
  { title: 'Tên thủ tục hành chính', width: 5 },
  { title: 'Tên cá nhân, tổ chức', width: 3 },
  { title: 'Địa chỉ, số điện thoại', width: 4 },
  { title: 'Cơ quan chủ trì giải quyết', width: 3 },
  { title: 'Nhận hồ sơ', width: 3 },
  { title: 'Hẹn trả kết quả', width: 3 },
  { title: 'Trả kết quả', width: 3 },
  { title: 'Phương thức nhận kết quả', width: 3 },
  { title: 'Ký nhận', width: 2 },
];

export function registerRowCells(r: RegisterRow, i: number): string[] {
  return [
    String(i + 1),
    r.code,
    r.procedureName,
    r.applicantName,
    r.addressPhone,
    r.leadBody,
    r.receivedAt ? formatInstantVi(r.receivedAt) : '',
    r.dueAt ? formatInstantVi(r.dueAt) : '',
    r.returnedAt ? formatInstantVi(r.returnedAt) : '',
    CHANNEL_VI[r.channel] ?? r.channel,
    '',
  ];
}

export function buildRegister(unit: Unit, now: string, from: string, to: string, rows: RegisterRow[]): OfficialDocument {
  return {
    page: { size: 'A4', landscape: true },
    header: { parentBody: unit.committeeName, body: unit.centreName, number: null, placeDate: place({ unit, now }) },
    formRef: formRef('register'),
    title: FORM_CATALOG.register.title,
    subtitle: `Từ ngày ${from.split('-').reverse().join('/')} đến ngày ${to.split('-').reverse().join('/')} — ${rows.length} hồ sơ`,
    blocks: [{ kind: 'table', columns: REGISTER_COLUMNS, rows: rows.map(registerRowCells) }],
  };
}

export interface GuidanceContext {
  unit: Unit;
  now: string;
  procedure: {
    code: string;
    name: string;
    timeLimitText: string;
    fees: { name: string; amount: number | null; note: string | null }[];
    legalBasis: string[];
    result: string;
    channels: string[];
    components: { name: string; kind: string; count: number; isMandatory: boolean; condition: string | null; form: string | null }[];
  };
}

export function buildGuidance(ctx: GuidanceContext): OfficialDocument {
  const p = ctx.procedure;
  const money = (n: number) => `${n.toLocaleString('vi-VN')} đồng`;
  return {
    page: { size: 'A4', landscape: false },
    header: header(ctx, null),
    formRef: formRef('guidance'),
    title: FORM_CATALOG.guidance.title,
    subtitle: `${p.name} (mã ${p.code})`,
    blocks: [
      { kind: 'paragraph', bold: true, text: '1. Thành phần hồ sơ (đúng theo thủ tục đã công bố; không yêu cầu thêm giấy tờ khác):' },
      {
        kind: 'table',
        columns: [
          { title: 'STT', width: 1 },
          { title: 'Tên giấy tờ', width: 9 },
          { title: 'Loại', width: 3 },
          { title: 'Số lượng', width: 2 },
          { title: 'Mẫu đơn, tờ khai', width: 4 },
        ],
        rows: p.components.map((c, i) => [
          String(i + 1),
          `${c.name}${c.isMandatory ? '' : ' (nếu có)'}${c.condition ? ` — ${c.condition}` : ''}`,
          KIND_VI[c.kind] ?? c.kind,
          String(c.count),
          c.form ?? '',
        ]),
      },
      { kind: 'field', label: '2. Thời hạn giải quyết', value: p.timeLimitText },
      { kind: 'paragraph', bold: true, text: '3. Phí, lệ phí:' },
      { kind: 'list', items: p.fees.length ? p.fees.map((f) => `${f.name}: ${f.amount === null ? 'theo quy định của HĐND tỉnh' : f.amount === 0 ? 'miễn' : money(f.amount)}${f.note ? ` (${f.note})` : ''}`) : ['Không'] },
      { kind: 'field', label: '4. Cách thức nộp', value: p.channels.map((c) => CHANNEL_VI[c] ?? c).join('; ') },
      { kind: 'field', label: '5. Kết quả', value: p.result },
      { kind: 'paragraph', bold: true, text: '6. Căn cứ pháp lý:' },
      { kind: 'list', items: p.legalBasis },
      { kind: 'paragraph', italic: true, text: `Hồ sơ thiếu sẽ được hướng dẫn bổ sung một lần, đầy đủ. Mọi thắc mắc xin liên hệ ${ctx.unit.centreName}, ${ctx.unit.address}, điện thoại ${ctx.unit.phone}.` },
    ],
  };
}

export interface RedirectContext {
  unit: Unit;
  now: string;
  number: string;
  applicantName: string;
  matter: string;
  note: string;
  issuedByName: string;
  agency: { name: string; address: string; phone: string; onlineUrl: string | null };
}

export function buildRedirectSlip(ctx: RedirectContext): OfficialDocument {
  return {
    page: { size: 'A5', landscape: false },
    header: header(ctx, `Số: ${ctx.number}`),
    formRef: formRef('redirect'),
    title: FORM_CATALOG.redirect.title,
    blocks: [
      { kind: 'field', label: 'Kính gửi ông/bà', value: ctx.applicantName },
      { kind: 'field', label: 'Nội dung yêu cầu', value: ctx.matter },
      { kind: 'paragraph', text: `Yêu cầu của ông/bà không thuộc thẩm quyền giải quyết của ${ctx.unit.committeeName}. Để được giải quyết nhanh nhất, ông/bà vui lòng liên hệ cơ quan có thẩm quyền:` },
      { kind: 'field', label: 'Cơ quan có thẩm quyền', value: ctx.agency.name },
      { kind: 'field', label: 'Địa chỉ', value: ctx.agency.address },
      { kind: 'field', label: 'Điện thoại', value: ctx.agency.phone },
      { kind: 'field', label: 'Nộp trực tuyến', value: ctx.agency.onlineUrl ?? 'Cổng Dịch vụ công quốc gia: https://dichvucong.gov.vn' },
      ...(ctx.note ? [{ kind: 'field' as const, label: 'Ghi chú', value: ctx.note }] : []),
      { kind: 'signatures', blocks: [{ title: 'NGƯỜI HƯỚNG DẪN', note: '(Ký và ghi rõ họ tên)', name: ctx.issuedByName }] },
    ],
  };
}
