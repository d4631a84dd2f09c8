import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';
import { generateDossiers } from './random-dossiers.ts';

const NOW = '2026-12-10T04:00:00.000Z';

describeEachDialect('report routes', (dialect) => {
  let db: Db;
  let t: TestApp;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    await generateDossiers(db.kysely, 7, 200, NOW);
    t = await buildTestApp(db, NOW);
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('401 without a session, 403 for reception, 400 for a bad period or column', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/reports/bieu-06?period=2026-Q3' })).statusCode).toBe(401);
    const reception = await t.login('tiepnhan1');
    const forbidden = await t.app.inject({ method: 'GET', url: '/api/reports/bieu-06?period=2026-Q3', headers: { cookie: reception } });
    expect(forbidden.statusCode).toBe(403);
    const monitor = await t.login('kiemsoat');
    for (const period of ['2026-Q5', '2026-13', 'abcd', '26-Q1']) {
      const bad = await t.app.inject({ method: 'GET', url: `/api/reports/bieu-06?period=${period}`, headers: { cookie: monitor } });
      expect(bad.statusCode, period).toBe(400);
      expect(bad.json().error.field).toBe('period');
    }
    const badCol = await t.app.inject({ method: 'GET', url: '/api/reports/bieu-06/dossiers?period=2026&column=2', headers: { cookie: monitor } });
    expect(badCol.statusCode).toBe(400);
    expect(badCol.json().error.message).toContain('column');
  });

  it('JSON for a month, a quarter, a half year and a year; every number drills down to its dossiers', async () => {
    const monitor = await t.login('kiemsoat');
    for (const period of ['2026-07', '2026-Q3', '2026-H1', '2026']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/reports/bieu-06?period=${period}`, headers: { cookie: monitor } });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.period.key).toBe(period);
      const total = body.views.original.total;
      expect(total['3']).toBe(total['7'] + total['11']);
      expect(total['3']).toBeGreaterThan(0);
    }
    const res = await t.app.inject({ method: 'GET', url: '/api/reports/bieu-06?period=2026-Q3&cutoff=day15', headers: { cookie: monitor } });
    const body = res.json();
    expect(body.period.firstDay).toBe('2026-06-15');
    expect(body.period.lastDay).toBe('2026-09-14');
    const row = body.views.extended.rows.find((r: { kind: string; counts: Record<string, number> }) => r.kind === 'procedure' && (r.counts['7'] ?? 0) > 0);
    const drill = await t.app.inject({
      method: 'GET',
      url: `/api/reports/bieu-06/dossiers?period=2026-Q3&cutoff=day15&view=extended&column=7&procedure=${row.procedureCode}`,
      headers: { cookie: monitor },
    });
    expect(drill.statusCode, drill.body).toBe(200);
    expect(drill.json().count).toBe(row.counts['7']);
    for (const d of drill.json().dossiers) {
      expect(d.procedureCode).toBe(row.procedureCode);
      expect(d.finishedAt >= body.period.start && d.finishedAt < body.period.end).toBe(true);
    }
  });

  it('XLSX in the official layout reads back with the same numbers', async () => {
    const monitor = await t.login('kiemsoat');
    const json = (await t.app.inject({ method: 'GET', url: '/api/reports/bieu-06?period=2026-Q3', headers: { cookie: monitor } })).json();
    const res = await t.app.inject({ method: 'GET', url: '/api/reports/bieu-06?period=2026-Q3&format=xlsx', headers: { cookie: monitor } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Biểu 06')!;
    expect(ws.getCell('K1').value).toBe('Biểu số 06/VPCP/KSTT');
    expect(String(ws.getCell('A5').value)).toContain('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(String(ws.getCell('A6').value)).toContain('Quý III năm 2026 (từ ngày 01/07/2026 đến ngày 30/09/2026)');
    expect(ws.getCell('M12').value).toBe('(13)');
    expect(ws.getCell('B13').value).toBe('Tổng số');
    const totals = Array.from({ length: 11 }, (_, i) => ws.getCell(13, 3 + i).value);
    expect(totals).toEqual(['3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'].map((c) => json.views.original.total[c]));
    expect(ws.getCell(14, 2).value).toBe(json.views.original.rows[0].label);
  });

  it('PDF with the national motto, embedded Liberation Serif, Vietnamese text intact', async () => {
    const monitor = await t.login('kiemsoat');
    const res = await t.app.inject({ method: 'GET', url: '/api/reports/bieu-06?period=2026-Q3&format=pdf', headers: { cookie: monitor } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'bieu06-'));
    const file = join(dir, 'bieu06.pdf');
    writeFileSync(file, res.rawPayload);
    const fonts = execFileSync('pdffonts', [file]).toString();
    expect(fonts).toContain('LiberationSerif');
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().normalize('NFC');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Biểu số 06/VPCP/KSTT');
    expect(text).toContain('Quý III năm 2026');
    if (process.env.KEEP_PDF) execFileSync('cp', [file, process.env.KEEP_PDF]);
  });

  it('supervisors may read the report', async () => {
    const front = await t.login('mattran');
    const res = await t.app.inject({ method: 'GET', url: '/api/reports/bieu-06?period=2026', headers: { cookie: front } });
    expect(res.statusCode).toBe(200);
  });
});
