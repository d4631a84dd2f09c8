import ExcelJS from 'exceljs';
import { formRef, FORM_CATALOG, REGISTER_COLUMNS, type RegisterRow, registerRowCells, type Unit } from './forms.ts';

/** The register (Sổ theo dõi hồ sơ) as a spreadsheet with the same columns as the printed form. Pure: no DB. */
export async function renderRegisterXlsx(unit: Unit, from: string, to: string, rows: RegisterRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  const ws = wb.addWorksheet('So theo doi ho so', { pageSetup: { paperSize: 9, orientation: 'landscape' } });
  ws.addRow([unit.centreName.normalize('NFC')]).font = { bold: true };
  ws.addRow([`${FORM_CATALOG.register.title} — ${formRef('register')}`.normalize('NFC')]).font = { bold: true, size: 13 };
  ws.addRow([`Từ ngày ${from.split('-').reverse().join('/')} đến ngày ${to.split('-').reverse().join('/')}`.normalize('NFC')]);
  const head = ws.addRow(REGISTER_COLUMNS.map((c) => c.title.normalize('NFC')));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  rows.forEach((r, i) => {
    const row = ws.addRow(registerRowCells(r, i).map((c) => c.normalize('NFC')));
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  REGISTER_COLUMNS.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width * 6;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
