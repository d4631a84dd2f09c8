/**
 * Biểu 06 as an official document: a pure view model (all text final, NFC) and two renderers (XLSX, PDF)
 * that touch no database (DESIGN.md 6). Layout after the printed template of Circular 01/2020/TT-VPCP.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { BIEU06_COLUMNS, type Bieu06Counts, type Counts } from '../../../domain/report/bieu06.ts';
import { formatDayVi, type ReportPeriod } from '../../../domain/report/period.ts';

export interface Bieu06Document {
  formNo: string;
  reportingUnit: string;
  receivingUnit: string;
  province: string;
  title: string;
  periodLine: string;
  viewLine: string;
  unitLine: string;
  rows: { no: string; label: string; bold: boolean; values: number[] }[];
  placeDate: string;
  signerTitle: string;
  signerName: string;
}

const nfc = (s: string) => s.normalize('NFC');

export function bieu06Document(
  report: Bieu06Counts,
  period: ReportPeriod,
  ward: { committeeName: string; province: string; chairmanName: string },
  now: Date,
): Bieu06Document {
  const values = (c: Counts) => BIEU06_COLUMNS.map((k) => c[k]);
  const vn = new Date(now.getTime() + 7 * 3600_000);
  return {
    formNo: 'Biểu số 06/VPCP/KSTT',
    reportingUnit: nfc(`Đơn vị báo cáo: ${ward.committeeName}`),
    receivingUnit: nfc(`Đơn vị nhận báo cáo: Văn phòng UBND ${ward.province}`),
    province: ward.province,
    title: 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
    periodLine: nfc(`Kỳ báo cáo: ${period.label} (từ ngày ${formatDayVi(period.firstDay)} đến ngày ${formatDayVi(period.lastDay)})`),
    viewLine:
      report.view === 'original'
        ? 'Đúng hạn/quá hạn tính theo ngày hẹn ban đầu (không tính gia hạn)'
        : 'Đúng hạn/quá hạn tính theo ngày hẹn sau gia hạn (văn bản xin lỗi, mẫu 04)',
    unitLine: 'Đơn vị tính: Số hồ sơ TTHC',
    rows: [
      { no: '', label: 'Tổng số', bold: true, values: values(report.total) },
      ...report.rows.map((r) => ({ no: r.no, label: nfc(r.label), bold: r.kind === 'field', values: values(r.counts) })),
    ],
    placeDate: nfc(`${ward.province.replace(/^Tỉnh |^Thành phố /, '')}, ngày ${vn.getUTCDate()} tháng ${vn.getUTCMonth() + 1} năm ${vn.getUTCFullYear()}`),
    signerTitle: 'CHỦ TỊCH',
    signerName: nfc(ward.chairmanName),
  };
}

const HEAD_GROUPS = [
  { label: 'Số hồ sơ nhận giải quyết', from: 3, to: 6 },
  { label: 'Số hồ sơ đã giải quyết', from: 7, to: 10 },
  { label: 'Số hồ sơ đang giải quyết', from: 11, to: 13 },
];
const HEAD_SUB: Record<number, string> = {
  3: 'Tổng số',
  4: 'Trực tuyến',
  5: 'Trực tiếp, dịch vụ bưu chính công ích',
  6: 'Từ kỳ trước',
  7: 'Tổng số',
  8: 'Trước hạn',
  9: 'Đúng hạn',
  10: 'Quá hạn',
  11: 'Tổng số',
  12: 'Trong hạn',
  13: 'Quá hạn',
};

export async function bieu06Xlsx(doc: Bieu06Document): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  const ws = wb.addWorksheet('Biểu 06', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 6 }, { width: 48 }, ...Array.from({ length: 11 }, () => ({ width: 11 }))];
  const font = { name: 'Times New Roman', size: 12 };
  const center = { horizontal: 'center', vertical: 'middle', wrapText: true } as const;
  const thin = { style: 'thin' } as const;
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  const line = (r: number, text: string, bold = false, from = 1, to = 13) => {
    ws.mergeCells(r, from, r, to);
    const c = ws.getCell(r, from);
    c.value = text;
    c.font = { ...font, bold };
    c.alignment = center;
  };
  line(1, doc.formNo, true, 11, 13);
  line(2, doc.reportingUnit, false, 1, 6);
  line(3, doc.receivingUnit, false, 1, 6);
  line(5, doc.title, true);
  ws.getRow(5).height = 36;
  line(6, doc.periodLine);
  line(7, doc.viewLine);
  line(8, doc.unitLine, false, 10, 13);
  // Header: rows 9-11, column numbers in row 12.
  ws.mergeCells(9, 1, 11, 1);
  ws.getCell(9, 1).value = 'STT';
  ws.mergeCells(9, 2, 11, 2);
  ws.getCell(9, 2).value = 'Lĩnh vực, công việc giải quyết theo cấp';
  for (const g of HEAD_GROUPS) {
    ws.mergeCells(9, g.from, 9, g.to);
    ws.getCell(9, g.from).value = g.label;
    ws.mergeCells(10, g.from, 11, g.from);
    ws.getCell(10, g.from).value = HEAD_SUB[g.from];
    ws.mergeCells(10, g.from + 1, 10, g.to);
    ws.getCell(10, g.from + 1).value = g.from === 3 ? 'Trong đó' : g.from === 7 ? 'Trong đó' : 'Trong đó';
    for (let c = g.from + 1; c <= g.to; c++) ws.getCell(11, c).value = HEAD_SUB[c];
  }
  for (let c = 1; c <= 13; c++) ws.getCell(12, c).value = `(${c})`;
  for (let r = 9; r <= 12; r++) {
    for (let c = 1; c <= 13; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { ...font, bold: r < 12, size: r === 12 ? 10 : 11 };
      cell.alignment = center;
      cell.border = border;
    }
  }
  ws.getRow(11).height = 48;
  let r = 13;
  for (const row of doc.rows) {
    ws.getCell(r, 1).value = row.no;
    ws.getCell(r, 2).value = row.label;
    row.values.forEach((v, i) => {
      ws.getCell(r, 3 + i).value = v;
    });
    for (let c = 1; c <= 13; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { ...font, bold: row.bold };
      cell.border = border;
      cell.alignment = c === 2 ? { vertical: 'middle', wrapText: true } : center;
    }
    r++;
  }
  r++;
  line(r, doc.placeDate, false, 9, 13);
  ws.getCell(r, 9).font = { ...font, italic: true };
  line(r + 1, doc.signerTitle, true, 9, 13);
  line(r + 5, doc.signerName, true, 9, 13);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const FONT_DIR = fileURLToPath(new URL('../../../../assets/fonts/', import.meta.url));
let fontCache: { regular: Buffer; bold: Buffer; italic: Buffer } | null = null;
function fonts() {
  fontCache ??= {
    regular: readFileSync(`${FONT_DIR}LiberationSerif-Regular.ttf`),
    bold: readFileSync(`${FONT_DIR}LiberationSerif-Bold.ttf`),
    italic: readFileSync(`${FONT_DIR}LiberationSerif-Italic.ttf`),
  };
  return fontCache;
}

/** A4 landscape, national motto header (Decree 30/2020 Annex I), Liberation Serif embedded. */
export function bieu06Pdf(doc: Bieu06Document): Promise<Buffer> {
  const f = fonts();
  const pdf = new PDFDocument({ size: 'A4', layout: 'landscape', margins: { top: 42, bottom: 42, left: 56, right: 42 }, info: { Title: doc.title, Creator: 'motcua' } });
  pdf.registerFont('R', f.regular);
  pdf.registerFont('B', f.bold);
  pdf.registerFont('I', f.italic);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  const half = width / 2;
  // Header: reporting unit left, national motto right; form number above.
  pdf.font('B').fontSize(11).text(doc.formNo, left, 30, { width, align: 'right' });
  const top = 48;
  pdf.font('R').fontSize(11).text(doc.reportingUnit, left, top, { width: half - 20 });
  pdf.text(doc.receivingUnit, left, pdf.y, { width: half - 20 });
  pdf.font('B').fontSize(12).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + half, top, { width: half, align: 'center' });
  pdf.font('B').fontSize(12).text('Độc lập - Tự do - Hạnh phúc', left + half, pdf.y, { width: half, align: 'center', underline: true });
  pdf.moveDown(1.2);
  pdf.font('B').fontSize(13).text(doc.title, left, pdf.y, { width, align: 'center' });
  pdf.font('I').fontSize(11).text(doc.periodLine, { width, align: 'center' });
  pdf.text(doc.viewLine, { width, align: 'center' });
  pdf.font('R').fontSize(10).text(doc.unitLine, { width, align: 'right' });
  pdf.moveDown(0.3);

  // Table geometry.
  const colW = [28, 0, ...Array(11).fill(46)] as number[];
  colW[1] = width - colW.reduce((a, b) => a + b, 0);
  const x = (c: number) => left + colW.slice(0, c).reduce((a, b) => a + b, 0);
  const cellText = (text: string, c: number, y: number, h: number, opts: { font?: string; size?: number; align?: 'left' | 'center' } = {}, span = 1) => {
    const w = colW.slice(c, c + span).reduce((a, b) => a + b, 0);
    pdf.rect(x(c), y, w, h).lineWidth(0.5).stroke();
    pdf.font(opts.font ?? 'R').fontSize(opts.size ?? 9);
    const th = pdf.heightOfString(text, { width: w - 6 });
    pdf.text(text, x(c) + 3, y + Math.max(2, (h - th) / 2), { width: w - 6, align: opts.align ?? 'center' });
  };
  let y = pdf.y;
  const h1 = 18;
  const h2 = 16;
  const h3 = 40;
  const hdr = { font: 'B', size: 9 } as const;
  cellText('STT', 0, y, h1 + h2 + h3, hdr);
  cellText('Lĩnh vực, công việc giải quyết theo cấp', 1, y, h1 + h2 + h3, hdr);
  for (const g of HEAD_GROUPS) {
    cellText(g.label, g.from - 1, y, h1, hdr, g.to - g.from + 1);
    cellText(HEAD_SUB[g.from] ?? '', g.from - 1, y + h1, h2 + h3, hdr);
    cellText('Trong đó', g.from, y + h1, h2, hdr, g.to - g.from);
    for (let c = g.from + 1; c <= g.to; c++) cellText(HEAD_SUB[c] ?? '', c - 1, y + h1 + h2, h3, { font: 'B', size: 8 });
  }
  y += h1 + h2 + h3;
  for (let c = 0; c < 13; c++) cellText(`(${c + 1})`, c, y, 13, { font: 'I', size: 8 });
  y += 13;
  const bottom = pdf.page.height - pdf.page.margins.bottom;
  for (const row of doc.rows) {
    pdf.font(row.bold ? 'B' : 'R').fontSize(9);
    const h = Math.max(16, pdf.heightOfString(row.label, { width: colW[1]! - 6 }) + 5);
    if (y + h > bottom) {
      pdf.addPage();
      y = pdf.page.margins.top;
    }
    const font = row.bold ? 'B' : 'R';
    cellText(row.no, 0, y, h, { font });
    cellText(row.label, 1, y, h, { font, align: 'left' });
    row.values.forEach((v, i) => cellText(String(v), 2 + i, y, h, { font }));
    y += h;
  }
  if (y + 110 > bottom) {
    pdf.addPage();
    y = pdf.page.margins.top;
  }
  const sx = left + width * 0.6;
  const sw = width * 0.4;
  pdf.font('I').fontSize(11).text(doc.placeDate, sx, y + 12, { width: sw, align: 'center' });
  pdf.font('B').fontSize(12).text(doc.signerTitle, sx, pdf.y + 2, { width: sw, align: 'center' });
  pdf.font('I').fontSize(10).text('(Ký, ghi rõ họ tên, đóng dấu)', sx, pdf.y, { width: sw, align: 'center' });
  pdf.font('B').fontSize(12).text(doc.signerName, sx, pdf.y + 48, { width: sw, align: 'center' });
  pdf.end();
  return done;
}
