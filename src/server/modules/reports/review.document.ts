import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { PeriodFigures } from './recognition.ts';

export interface ReviewDocument {
  committeeName: string;
  wardName: string;
  province: string;
  title: string;
  period: { key: string; label: string };
  compareTo: { key: string; label: string };
  current: PeriodFigures;
  previous: PeriodFigures;
  slogans: { label: string; text: string }[];
  topStaff: { rank: number; fullName: string; title: string; score: number; onTime: number | null; stepsFinished: number; extensions: number; supplementRequests: number }[];
  issuedOn: string;
}

const FONT = 'Times New Roman';
const run = (text: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}) => new TextRun({ text: text.normalize('NFC'), font: FONT, size: opts.size ?? 26, bold: opts.bold ?? false, italics: opts.italics ?? false });
const para = (text: string, opts: { bold?: boolean; italics?: boolean; center?: boolean; size?: number } = {}) =>
  new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED, spacing: { after: 120 }, children: [run(text, opts)] });
const cell = (text: string, bold = false) =>
  new TableCell({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, { bold, size: 24 })] })],
    borders: Object.fromEntries(['top', 'bottom', 'left', 'right'].map((k) => [k, { style: BorderStyle.SINGLE, size: 4, color: '000000' }])),
  });
const table = (rows: string[][]) =>
  new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: rows.map((r, i) => new TableRow({ children: r.map((c) => cell(c, i === 0)) })) });

const fmt = (x: number | null, unit = '') => (x === null ? 'chưa có dữ liệu' : `${String(x).replace('.', ',')}${unit}`);
function change(a: number | null, b: number | null, unit = ''): string {
  if (a === null || b === null) return '—';
  const d = Math.round((b - a) * 10) / 10;
  return `${d > 0 ? '+' : ''}${String(d).replace('.', ',')}${unit}`;
}

/** The review ("báo cáo sơ kết / tổng kết") of the "3 không, 3 biết" model as a Word document. */
export async function reviewDocx(r: ReviewDocument): Promise<Buffer> {
  const p = r.previous;
  const c = r.current;
  const rows: [string, number | null, number | null, string][] = [
    ['Hồ sơ tiếp nhận mới', p.received, c.received, ''],
    ['Hồ sơ đã giải quyết', p.finished, c.finished, ''],
    ['Giải quyết đúng hạn và trước hạn', p.onTime, c.onTime, ''],
    ['Tỷ lệ đúng hạn (%)', p.onTimeRate, c.onTimeRate, ' điểm %'],
    ['Hồ sơ giải quyết quá hạn', p.late, c.late, ''],
    ['Hồ sơ đang quá hạn cuối kỳ', p.openOverdue, c.openOverdue, ''],
    ['Văn bản xin lỗi, gia hạn đã ký', p.apologies, c.apologies, ''],
    ['Tỷ lệ hồ sơ phải bổ sung (%)', p.supplementRate, c.supplementRate, ' điểm %'],
    ['Hồ sơ bổ sung quá 1 lần', p.overrides, c.overrides, ''],
    ['Phản ánh, kiến nghị tiếp nhận', p.complaints, c.complaints, ''],
    ['Phản ánh, kiến nghị xử lý đúng hạn', p.complaintsOnTime, c.complaintsOnTime, ''],
    ['Lượt đánh giá hài lòng', p.satisfied, c.satisfied, ''],
  ];
  const doc = new Document({
    creator: 'motcua',
    title: r.title,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } } },
        children: [
          para(r.committeeName.toUpperCase(), { bold: true, center: true }),
          para('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, center: true }),
          para('Độc lập - Tự do - Hạnh phúc', { bold: true, center: true }),
          para(`${r.wardName}, ngày ${r.issuedOn.slice(8, 10)} tháng ${r.issuedOn.slice(5, 7)} năm ${r.issuedOn.slice(0, 4)}`, { italics: true, center: true }),
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120 }, children: [run('BÁO CÁO', { bold: true, size: 30 })] }),
          para(r.title, { bold: true, center: true }),
          para(`Kỳ báo cáo: ${r.period.label}; so sánh với ${r.compareTo.label}.`, { italics: true, center: true }),
          para('I. NỘI DUNG MÔ HÌNH', { bold: true }),
          para('Mô hình "Dân vận khéo" trong thực hiện cải cách hành chính tại Bộ phận Một cửa với các nội dung:'),
          ...r.slogans.map((s) => para(`- ${s.text}`)),
          para('II. KẾT QUẢ THỰC HIỆN (SO SÁNH TRƯỚC VÀ SAU)', { bold: true }),
          para('Số liệu lấy từ phần mềm Một cửa của phường; thời hạn tính theo ngày hẹn ban đầu ("không trễ hẹn"), cách tính tại docs/reports.md.', { italics: true }),
          table([['Chỉ tiêu', r.compareTo.label, r.period.label, 'Thay đổi'], ...rows.map(([label, a, b, unit]) => [label, fmt(a), fmt(b), change(a, b, unit)])]),
          para(''),
          para('III. CÁ NHÂN TIÊU BIỂU', { bold: true }),
          r.topStaff.length === 0
            ? para('Chưa đủ dữ liệu để xếp hạng trong kỳ.')
            : table([
                ['Hạng', 'Họ và tên', 'Điểm', 'Đúng hạn (%)', 'Bước xử lý', 'Gia hạn', 'Yêu cầu bổ sung'],
                ...r.topStaff.map((s) => [
                  String(s.rank),
                  s.fullName,
                  String(s.score).replace('.', ','),
                  s.onTime === null ? '—' : String(Math.round(s.onTime * 1000) / 10).replace('.', ','),
                  String(s.stepsFinished),
                  String(s.extensions),
                  String(s.supplementRequests),
                ]),
              ]),
          para(''),
          para('Điểm xếp hạng = 100 × (0,4 × tỷ lệ bước xử lý đúng hạn + 0,2 × tỷ lệ hài lòng + 0,2 × kỷ luật bổ sung hồ sơ + 0,2 × (1 − tỷ lệ gia hạn)), chỉ tính các thành phần có dữ liệu.', { italics: true, size: 22 }),
          para('IV. PHƯƠNG HƯỚNG, ĐỀ XUẤT', { bold: true }),
          para('Tiếp tục duy trì, nhân rộng mô hình; đề xuất khen thưởng các cá nhân tiêu biểu theo quy định về thi đua, khen thưởng.'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
