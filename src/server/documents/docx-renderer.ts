import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { MOTTO, MOTTO_SUB, normalizeDocument, type OfficialDocument } from './document-model.ts';

const FONT = 'Times New Roman';
// Page sizes in twentieths of a point (A5 148×210 mm, A4 210×297 mm).
const SIZES = { A5: { w: 8391, h: 11906 }, A4: { w: 11906, h: 16838 } };
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

function run(text: string, o: { bold?: boolean; italic?: boolean; size: number }) {
  return new TextRun({ text, bold: o.bold ?? false, italics: o.italic ?? false, size: o.size * 2, font: FONT });
}
/** A paragraph; a newline in the text breaks the line there, as pdfkit does (e.g. "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"). */
function para(text: string, o: { bold?: boolean; italic?: boolean; size: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] }) {
  const lines = text.split('\n');
  return new Paragraph({
    alignment: o.align ?? AlignmentType.LEFT,
    children: lines.map((line, i) => new TextRun({ text: line, bold: o.bold ?? false, italics: o.italic ?? false, size: o.size * 2, font: FONT, break: i > 0 ? 1 : 0 })),
  });
}

/** Render the same document model to DOCX (editable copy for the ward). Pure: no DB. */
export async function renderDocx(input: OfficialDocument): Promise<Buffer> {
  const doc = normalizeDocument(input);
  const size = doc.page.size === 'A5' ? 11 : 13;
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: 44, type: WidthType.PERCENTAGE },
            children: [
              para(doc.header.parentBody.toUpperCase(), { size: size - 1, align: AlignmentType.CENTER }),
              para(doc.header.body.toUpperCase(), { size: size - 1, bold: true, align: AlignmentType.CENTER }),
              ...(doc.header.number ? [para(doc.header.number, { size: size - 1, align: AlignmentType.CENTER })] : []),
            ],
          }),
          new TableCell({
            width: { size: 56, type: WidthType.PERCENTAGE },
            children: [
              para(MOTTO, { size: size - 1, bold: true, align: AlignmentType.CENTER }),
              para(MOTTO_SUB, { size, bold: true, align: AlignmentType.CENTER }),
              para(doc.header.placeDate, { size: size - 1, italic: true, align: AlignmentType.CENTER }),
            ],
          }),
        ],
      }),
    ],
  });
  const children: (Paragraph | Table)[] = [header, para('', { size })];
  children.push(para(doc.title, { size: size + 2, bold: true, align: AlignmentType.CENTER }));
  if (doc.subtitle) children.push(para(doc.subtitle, { size, italic: true, align: AlignmentType.CENTER }));
  children.push(para(doc.formRef, { size: size - 3, italic: true, align: AlignmentType.CENTER }));
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'paragraph':
        children.push(para(b.text, { size, ...(b.bold ? { bold: true } : {}), ...(b.italic ? { italic: true } : {}), align: b.align === 'center' ? AlignmentType.CENTER : AlignmentType.JUSTIFIED }));
        break;
      case 'field':
        children.push(new Paragraph({ children: [run(`${b.label}: `, { size, bold: true }), run(b.value || '…………', { size })] }));
        break;
      case 'list':
        b.items.forEach((item, i) => children.push(para(`${i + 1}. ${item}`, { size })));
        break;
      case 'table': {
        const total = b.columns.reduce((s, c) => s + c.width, 0);
        const cell = (text: string, i: number, bold: boolean) =>
          new TableCell({ width: { size: Math.round((b.columns[i]!.width / total) * 100), type: WidthType.PERCENTAGE }, children: [para(text, { size: size - 2, bold })] });
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [new TableRow({ tableHeader: true, children: b.columns.map((c, i) => cell(c.title, i, true)) }), ...b.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, i, false)) }))],
          }),
        );
        break;
      }
      case 'signatures':
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: NO_BORDERS,
            rows: [
              new TableRow({
                children: b.blocks.map(
                  (s) =>
                    new TableCell({
                      children: [
                        para(s.title, { size, bold: true, align: AlignmentType.CENTER }),
                        ...(s.note ? [para(s.note, { size: size - 2, italic: true, align: AlignmentType.CENTER })] : []),
                        para('', { size }),
                        para('', { size }),
                        para(s.name, { size, bold: true, align: AlignmentType.CENTER }),
                      ],
                    }),
                ),
              }),
            ],
          }),
        );
        break;
    }
  }
  if (doc.qr?.png) {
    children.push(new Paragraph({ children: [new ImageRun({ type: 'png', data: doc.qr.png, transformation: { width: 90, height: 90 } })] }));
    children.push(para(`${doc.qr.caption} ${doc.qr.text}`, { size: size - 2, italic: true }));
  }
  const page = SIZES[doc.page.size];
  const document = new Document({
    creator: 'motcua',
    title: doc.title,
    sections: [
      {
        properties: {
          page: {
            size: { width: page.w, height: page.h, orientation: doc.page.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { top: 1000, bottom: 1000, left: 1300, right: 900 },
          },
        },
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(document));
}
