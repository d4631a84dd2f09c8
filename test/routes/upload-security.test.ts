/**
 * Upload security (issue 8 item 6) on the online submission: a corpus of hostile files and multipart
 * requests. Each is refused with a 4xx naming the problem, leaves no file in the upload directory and no
 * row behind; what is accepted is stored under a random name with its type taken from its content, and
 * served back to staff only as an attachment that no browser will sniff or run.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { SmsGatewayChannel } from '../../src/server/modules/notifications/channels.ts';
import { safeOriginalName, sniffType } from '../../src/server/modules/submissions/uploads.ts';
import { describeEachDialect, openTestDb } from '../databases.ts';
import { APPLICANT, procedureDetail, requiredComponentIds } from '../fixtures.ts';
import { startGateway } from '../notify-servers.ts';
import { JPEG, PDF, PNG } from '../sample-files.ts';
import { buildTestApp, type TestApp } from '../test-app.ts';

const MAX = 64 * 1024;
const PROC = '1.001193';

type Part = { name: string; value: string } | { name: string; filename: string; type?: string; data: Buffer };

/** A multipart body written byte by byte, so that names and headers can be as hostile as an attacker's. */
function rawMultipart(parts: Part[], boundary = 'motcua-boundary-7f3a'): { payload: Buffer; headers: Record<string, string> } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('value' in p) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`, 'utf8'));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/pdf'}\r\n\r\n`, 'utf8'));
      chunks.push(p.data, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A PNG whose IHDR declares the given size (the rest of the file is irrelevant to the check). */
function pngOfSize(width: number, height: number): Buffer {
  const b = Buffer.from(PNG);
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

describeEachDialect('upload security: hostile files on the online submission', (dialect) => {
  let db: Db;
  let t: TestApp;
  let sms: Awaited<ReturnType<typeof startGateway>>;
  let dir: string;
  let components: number[] = [];
  beforeAll(async () => {
    db = await openTestDb(dialect);
    sms = await startGateway();
    dir = mkdtempSync(join(tmpdir(), 'motcua-hostile-'));
    t = await buildTestApp(db, '2026-12-01T02:00:00.000Z', {
      citizen: { publicBaseUrl: 'https://motcua.example', channels: { sms: new SmsGatewayChannel({ url: `${sms.url}/sms`, token: null }) }, uploads: { dir, maxFileBytes: MAX, maxFiles: 4 } },
    });
    components = requiredComponentIds(await procedureDetail(t.app, PROC), 'online');
    expect(components.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await t.app.close();
    await sms.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let phoneSeq = 0;
  /** The applicant's fields, then the first required component as given, the others as good PDFs. */
  function form(first: { filename: string; type?: string; data: Buffer } | null, extra: Part[] = []): Part[] {
    const phone = `09123400${String(++phoneSeq).padStart(2, '0')}`;
    const fields: Part[] = Object.entries({ procedureCode: PROC, ...APPLICANT, phone, request: 'Đăng ký khai sinh', contactChannel: 'sms', consent: 'true' }).map(([name, value]) => ({
      name,
      value: String(value),
    }));
    const files: Part[] = components.map((id, i) => (i === 0 && first ? { name: `component_${id}`, ...first } : { name: `component_${id}`, filename: `giay-${id}.pdf`, data: PDF }));
    return [...fields, ...(first === null ? files.slice(1) : files), ...extra];
  }
  const submit = (parts: Part[], headers: Record<string, string> = {}) => {
    const body = rawMultipart(parts);
    return t.app.inject({ method: 'POST', url: '/api/public/submissions', payload: body.payload, headers: { ...body.headers, ...headers } });
  };
  const rows = async () => ({
    submissions: (await db.kysely.selectFrom('submission').select('id').execute()).length,
    uploads: (await db.kysely.selectFrom('upload').select('id').execute()).length,
  });

  const HOSTILE: { label: string; first: { filename: string; type?: string; data: Buffer }; status: number; code: string }[] = [
    { label: 'polyglot: a PDF header over an HTML page', first: { filename: 'don.pdf', data: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('<html><script>alert(document.cookie)</script></html>')]) }, status: 415, code: 'UNSUPPORTED_FILE_TYPE' },
    { label: 'polyglot: a JPEG start with an SVG inside', first: { filename: 'anh.jpg', type: 'image/jpeg', data: Buffer.concat([JPEG.subarray(0, 20), Buffer.from('<svg onload=alert(1)>')]) }, status: 415, code: 'UNSUPPORTED_FILE_TYPE' },
    { label: 'wrong extension: a Windows program named .pdf', first: { filename: 'giay-khai-sinh.pdf', data: Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(2000, 7)]) }, status: 415, code: 'UNSUPPORTED_FILE_TYPE' },
    { label: 'wrong extension: a ZIP named .png', first: { filename: 'anh.png', type: 'image/png', data: Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(500, 1)]) }, status: 415, code: 'UNSUPPORTED_FILE_TYPE' },
    { label: 'SVG with a script, claimed to be a PNG', first: { filename: 'anh.png', type: 'image/png', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }, status: 415, code: 'UNSUPPORTED_FILE_TYPE' },
    { label: 'HTML claimed to be a PDF', first: { filename: 'x.pdf', data: Buffer.from('<!doctype html><p>hi</p>') }, status: 415, code: 'UNSUPPORTED_FILE_TYPE' },
    { label: 'empty file', first: { filename: 'trong.pdf', data: Buffer.alloc(0) }, status: 415, code: 'UNSUPPORTED_FILE_TYPE' },
    { label: 'oversize: one byte over the limit', first: { filename: 'lon.pdf', data: Buffer.concat([PDF, Buffer.alloc(MAX - PDF.length + 1, 0x20)]) }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
    { label: 'decompression bomb: a tiny PNG declaring 100 000 × 100 000 pixels', first: { filename: 'bom.png', type: 'image/png', data: pngOfSize(100_000, 100_000) }, status: 415, code: 'UNSUPPORTED_FILE_TYPE' },
    { label: 'PNG signature without its IHDR chunk', first: { filename: 'cut.png', type: 'image/png', data: PNG.subarray(0, 12) }, status: 415, code: 'UNSUPPORTED_FILE_TYPE' },
  ];

  it('refuses every hostile file with its 4xx, and keeps nothing of the request', async () => {
    const before = await rows();
    for (const h of HOSTILE) {
      const res = await submit(form(h.first));
      expect(res.statusCode, `${h.label}: ${res.body}`).toBe(h.status);
      expect(res.json().error.code, h.label).toBe(h.code);
      expect(res.json().error.field, h.label).toBe(`component_${components[0]}`);
      expect(readdirSync(dir), h.label).toEqual([]);
    }
    expect(await rows()).toEqual(before);
    expect(sms.requests).toHaveLength(0);
  });

  it('refuses hostile requests around the files: too many, traversal in the field name, NUL in a field, gzip, a huge declared length, a bad boundary', async () => {
    const before = await rows();
    const extra = Array.from({ length: 5 }, (_, i): Part => ({ name: `component_${components[0]}`, filename: `them-${i}.pdf`, data: PDF }));
    const many = await submit(form(null, extra));
    expect(many.statusCode, many.body).toBe(413);
    const traversal = await submit(form(null, [{ name: 'component_../../etc/passwd', filename: 'passwd', data: PDF }]));
    expect(traversal.statusCode).toBe(400);
    expect(traversal.json().error.field).toBe('component_../../etc/passwd');
    const nulField = await submit([{ name: 'fullName', value: 'Nguyễn\u0000Văn A' }, ...form(null).filter((p) => p.name !== 'fullName')]);
    expect(nulField.statusCode).toBe(400);
    expect(nulField.json().error.field).toBe('fullName');
    const body = rawMultipart(form({ filename: 'a.pdf', data: PDF }));
    const gz = await t.app.inject({ method: 'POST', url: '/api/public/submissions', payload: gzipSync(body.payload), headers: { ...body.headers, 'content-encoding': 'gzip' } });
    expect(gz.statusCode, gz.body).toBeGreaterThanOrEqual(400);
    expect(gz.statusCode).toBeLessThan(500);
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/public/submissions',
      payload: body.payload,
      headers: { ...body.headers, 'content-length': String(4 * MAX + 2 * 1024 * 1024) },
    });
    expect([400, 413]).toContain(huge.statusCode);
    const badBoundary = await t.app.inject({ method: 'POST', url: '/api/public/submissions', payload: body.payload, headers: { 'content-type': 'multipart/form-data; boundary=other' } });
    expect(badBoundary.statusCode).toBe(400);
    expect(readdirSync(dir)).toEqual([]);
    expect(await rows()).toEqual(before);
  });

  it('a traversal or NUL in the file name only changes the name shown; the type comes from the content', async () => {
    const cases = [
      { filename: '../../../../etc/passwd.pdf', data: PDF, shown: 'passwd.pdf', mime: 'application/pdf' },
      { filename: '..\\..\\windows\\system32\\a.pdf', data: PDF, shown: 'a.pdf', mime: 'application/pdf' },
      { filename: 'giay\u0000to.pdf', data: PDF, shown: 'giayto.pdf', mime: 'application/pdf' },
      { filename: 'anh-chup.pdf', data: PNG, shown: 'anh-chup.pdf', mime: 'image/png' },
      { filename: '\u202Efdp.exe', data: JPEG, shown: 'fdp.exe', mime: 'image/jpeg' },
    ];
    for (const c of cases) {
      const res = await submit(form({ filename: c.filename, data: c.data }));
      expect(res.statusCode, `${JSON.stringify(c.filename)}: ${res.body}`).toBe(201);
      const row = await db.kysely.selectFrom('upload').selectAll().orderBy('id', 'desc').where('component_id', '=', components[0]!).executeTakeFirstOrThrow();
      expect(row.original_name).toBe(c.shown);
      expect(row.mime).toBe(c.mime);
      expect(row.stored_name).toMatch(/^[0-9a-f]{32}\.bin$/);
    }
    // Only random names, all inside the upload directory.
    expect(readdirSync(dir).every((n) => /^[0-9a-f]{32}\.bin$/.test(n))).toBe(true);
  });

  it('staff download a file only as an attachment, with its sniffed type, nosniff and a sandboxing policy', async () => {
    const res = await submit(form({ filename: 'bản chụp (1)*.png', type: 'text/html', data: PNG }));
    expect(res.statusCode, res.body).toBe(201);
    const otp = /là (\d{6})\./.exec(String(sms.requests.at(-1)!.body.text))![1]!;
    const done = await t.app.inject({ method: 'POST', url: `/api/public/submissions/${res.json().submissionId}/confirm`, payload: { code: otp } });
    expect(done.statusCode, done.body).toBe(201);
    const reception = await t.login('tiepnhan1');
    const list = await t.app.inject({ method: 'GET', url: `/api/dossiers/${done.json().code}/uploads`, headers: { cookie: reception } });
    const item = list.json().items.find((i: { componentId: number }) => i.componentId === components[0]);
    const file = await t.app.inject({ method: 'GET', url: item.url, headers: { cookie: reception } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(String(file.headers['content-disposition'])).toBe(`attachment; filename="tep-${item.id}.png"; filename*=UTF-8''b%E1%BA%A3n%20ch%E1%BB%A5p%20%281%29%2A.png`);
    expect(String(file.headers['content-security-policy'])).toContain('sandbox');
    expect(file.rawPayload.equals(PNG)).toBe(true);
  });

  it('the content check itself: signatures, markup and image size', () => {
    expect(sniffType(PDF)).toEqual({ mime: 'application/pdf', ext: 'pdf' });
    expect(sniffType(PNG)).toEqual({ mime: 'image/png', ext: 'png' });
    expect(sniffType(JPEG)).toEqual({ mime: 'image/jpeg', ext: 'jpg' });
    expect(sniffType(pngOfSize(20_000, 20_000))).not.toBeNull();
    expect(sniffType(pngOfSize(20_001, 1))).toBeNull();
    expect(sniffType(pngOfSize(0, 5))).toBeNull();
    expect(sniffType(Buffer.from('%PDF-1.7 <script>'))).toBeNull();
    expect(sniffType(Buffer.from('%PDF-1.7 javascript:alert(1)'))).toBeNull();
    expect(safeOriginalName('../..')).toBe('tep');
    expect(safeOriginalName('a/b/c\u0007.pdf')).toBe('c.pdf');
    expect(safeOriginalName('x'.repeat(500))).toHaveLength(200);
  });
});
