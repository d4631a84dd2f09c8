import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { MOTTO, MOTTO_SUB, normalizeDocument, type OfficialDocument } from './document-model.ts';

const FONT_DIR = fileURLToPath(new URL('../../../assets/fonts/', import.meta.url));
const FONTS = {
  regular: `${FONT_DIR}LiberationSerif-Regular.ttf`,
  bold: `${FONT_DIR}LiberationSerif-Bold.ttf`,
  italic: `${FONT_DIR}LiberationSerif-Italic.ttf`,
};

/** Render an official document to PDF with Liberation Serif embedded (every Vietnamese glyph). Pure: no DB. */
export async function renderPdf(input: OfficialDocument): Promise<Buffer> {
  const doc = normalizeDocument(input);
  const a5 = doc.page.size === 'A5';
  const margin = a5 ? 36 : 50;
  const pdf = new PDFDocument({
    size: doc.page.size,
    layout: doc.page.landscape ? 'landscape' : 'portrait',
    margins: { top: margin, bottom: margin, left: margin + (a5 ? 6 : 20), right: margin },
    info: { Title: doc.title, Author: doc.header.body, Subject: doc.formRef, Creator: 'motcua' },
    bufferPages: true,
  });
  pdf.registerFont('R', FONTS.regular);
  pdf.registerFont('B', FONTS.bold);
  pdf.registerFont('I', FONTS.italic);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const size = a5 ? 9.5 : 12;
  const left = pdf.page.margins.left;
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const colW = width * 0.44;
  const rightX = left + width - width * 0.56;
  const rightW = width * 0.56;
  const top = pdf.y;
  let qrDrawn = false;

  // Header: issuing body (left) and national motto (right), Decree 30/2020 Annex I.
  pdf.font('R').fontSize(size - 2).text(doc.header.parentBody.toUpperCase(), left, top, { width: colW, align: 'center' });
  pdf.font('B').fontSize(size - 2).text(doc.header.body.toUpperCase(), left, pdf.y, { width: colW, align: 'center' });
  const underY = pdf.y + 1;
  pdf.moveTo(left + colW * 0.3, underY).lineTo(left + colW * 0.7, underY).lineWidth(0.6).stroke();
  if (doc.header.number) pdf.font('R').fontSize(size - 1).text(doc.header.number, left, underY + 4, { width: colW, align: 'center' });
  const leftBottom = pdf.y;
  pdf.font('B').fontSize(size - 1.5).text(MOTTO, rightX, top, { width: rightW, align: 'center' });
  pdf.font('B').fontSize(size - 0.5).text(MOTTO_SUB, rightX, pdf.y, { width: rightW, align: 'center' });
  const mottoLine = pdf.y + 1;
  const subW = pdf.widthOfString(MOTTO_SUB);
  pdf.moveTo(rightX + (rightW - subW) / 2, mottoLine).lineTo(rightX + (rightW + subW) / 2, mottoLine).stroke();
  pdf.font('I').fontSize(size - 1.5).text(doc.header.placeDate, rightX, mottoLine + 4, { width: rightW, align: 'center' });
  pdf.y = Math.max(leftBottom, pdf.y) + (a5 ? 10 : 16);

  pdf.font('B').fontSize(size + 2).text(doc.title, left, pdf.y, { width, align: 'center' });
  if (doc.subtitle) pdf.font('I').fontSize(size).text(doc.subtitle, left, pdf.y, { width, align: 'center' });
  pdf.font('I').fontSize(size - 2.5).fillColor('#444444').text(doc.formRef, left, pdf.y + 1, { width, align: 'center' }).fillColor('black');
  pdf.moveDown(0.6);

  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'paragraph':
        pdf.font(b.bold ? 'B' : b.italic ? 'I' : 'R').fontSize(size).text(b.text, left, pdf.y, { width, align: b.align ?? 'justify' });
        pdf.moveDown(0.2);
        break;
      case 'field':
        pdf.font('B').fontSize(size).text(`${b.label}: `, left, pdf.y, { width, continued: true }).font('R').text(b.value || '…………');
        pdf.moveDown(0.1);
        break;
      case 'list':
        b.items.forEach((item, i) => {
          pdf.font('R').fontSize(size).text(`${i + 1}. ${item}`, left + 10, pdf.y, { width: width - 10 });
        });
        pdf.moveDown(0.2);
        break;
      case 'table': {
        const total = b.columns.reduce((s, c) => s + c.width, 0);
        const widths = b.columns.map((c) => (c.width / total) * width);
        const fs = size - (doc.page.size === 'A4' ? 2.5 : 1.5);
        const drawRow = (cells: string[], bold: boolean) => {
          pdf.font(bold ? 'B' : 'R').fontSize(fs);
          const h = Math.max(...cells.map((c, i) => pdf.heightOfString(c || ' ', { width: widths[i]! - 6 }))) + 6;
          if (pdf.y + h > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
          const y = pdf.y;
          let x = left;
          cells.forEach((c, i) => {
            pdf.rect(x, y, widths[i]!, h).lineWidth(0.5).stroke();
            pdf.text(c, x + 3, y + 3, { width: widths[i]! - 6, align: bold ? 'center' : 'left' });
            x += widths[i]!;
          });
          pdf.x = left;
          pdf.y = y + h;
        };
        drawRow(b.columns.map((c) => c.title), true);
        for (const r of b.rows) drawRow(r, false);
        pdf.moveDown(0.4);
        break;
      }
      case 'signatures': {
        pdf.moveDown(0.6);
        if (pdf.y + 90 > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
        const y = pdf.y;
        // On A5 the QR code sits beside the signatures, so the slip stays on one page.
        const qrHere = a5 && doc.qr?.png && !qrDrawn;
        const qrW = qrHere ? 74 : 0;
        const w = (width - qrW) / b.blocks.length;
        let bottom = y;
        if (qrHere && doc.qr?.png) {
          pdf.image(doc.qr.png, left, y, { width: 62, height: 62 });
          pdf.font('I').fontSize(6).text('Quét mã để tra cứu hồ sơ', left, y + 63, { width: 66, align: 'center' });
          bottom = pdf.y;
          qrDrawn = true;
        }
        b.blocks.forEach((s, i) => {
          const x = left + qrW + i * w;
          pdf.font('B').fontSize(size).text(s.title, x, y, { width: w, align: 'center' });
          if (s.note) pdf.font('I').fontSize(size - 1.5).text(s.note, x, pdf.y, { width: w, align: 'center' });
          pdf.font('B').fontSize(size).text(s.name, x, pdf.y + (a5 ? 30 : 50), { width: w, align: 'center' });
          bottom = Math.max(bottom, pdf.y);
        });
        pdf.x = left;
        pdf.y = bottom + 6;
        break;
      }
    }
  }

  if (doc.qr && qrDrawn) {
    pdf.font('I').fontSize(size - 2.5).text(`${doc.qr.caption} ${doc.qr.text}`, left, pdf.y, { width });
  } else if (doc.qr?.png) {
    const qrSize = a5 ? 64 : 80;
    if (pdf.y + qrSize + 20 > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
    const y = pdf.y + 4;
    pdf.image(doc.qr.png, left, y, { width: qrSize, height: qrSize });
    pdf.font('I').fontSize(size - 2).text(doc.qr.caption, left + qrSize + 8, y + 8, { width: width - qrSize - 8 });
    pdf.font('R').fontSize(size - 2.5).text(doc.qr.text, left + qrSize + 8, pdf.y + 2, { width: width - qrSize - 8 });
    pdf.y = y + qrSize + 4;
  }
  pdf.end();
  return done;
}
