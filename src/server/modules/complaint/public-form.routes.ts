import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_VI, COMPLAINT_STATUS_VI, type ComplaintStatus, isOverdue } from '../../../domain/complaint/complaint.ts';
import { DomainError } from '../../../domain/errors.ts';
import { readSetting } from '../settings.repository.ts';
import { receiveComplaint } from './receive-complaint.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const vnTime = (iso: string) => {
  const d = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${d.slice(11, 16)} ngày ${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
};

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
*{box-sizing:border-box}body{font-family:system-ui,"Noto Sans",sans-serif;margin:0;padding:1rem;line-height:1.5;color:#1a1a1a;max-width:40rem;margin-inline:auto}
h1{font-size:1.4rem;margin:.5rem 0 1rem}label{display:block;font-weight:600;margin-top:1rem}
input,select,textarea{width:100%;font:inherit;padding:.7rem;border:1px solid #888;border-radius:.4rem;margin-top:.25rem}
textarea{min-height:9rem}button{margin-top:1.25rem;width:100%;padding:.9rem;font:inherit;font-weight:700;border:0;border-radius:.4rem;background:#b30000;color:#fff}
.hint{color:#555;font-size:.9rem}.error{background:#fde8e8;border-left:4px solid #b30000;padding:.75rem;margin:1rem 0}
.ok{background:#e8f5e9;border-left:4px solid #2e7d32;padding:.75rem;margin:1rem 0}.code{font-size:1.6rem;font-weight:700;letter-spacing:.05em}
.hp{position:absolute;left:-9999px}
</style></head><body>${body}</body></html>`;
}

interface FormValues {
  category?: string;
  content?: string;
  submitterName?: string;
  phone?: string;
  email?: string;
  dossierCode?: string;
  website?: string;
}

function form(wardName: string, values: FormValues, error: { message: string; field?: string | undefined } | null, days: number): string {
  const v = (k: keyof FormValues) => esc(values[k] ?? '');
  const options = COMPLAINT_CATEGORIES.map((c) => `<option value="${c}"${values.category === c ? ' selected' : ''}>${esc(COMPLAINT_CATEGORY_VI[c])}</option>`).join('');
  return page(
    `Gửi phản ánh, kiến nghị — ${wardName}`,
    `<h1>Gửi phản ánh, kiến nghị</h1>
<p>${esc(wardName)} tiếp nhận phản ánh, kiến nghị về thủ tục hành chính và về thái độ, hành vi của cán bộ. Không cần đăng nhập. Bạn sẽ nhận một <strong>mã theo dõi</strong>; phường trả lời trong ${days} ngày làm việc.</p>
${error ? `<div class="error" role="alert">${esc(error.message)}</div>` : ''}
<form method="post" action="/gop-y" accept-charset="utf-8">
<label for="category">Nội dung liên quan đến</label><select id="category" name="category">${options}</select>
<label for="content">Nội dung phản ánh, kiến nghị</label><textarea id="content" name="content" required minlength="10" maxlength="4000">${v('content')}</textarea>
<label for="dossierCode">Mã hồ sơ (nếu có)</label><input id="dossierCode" name="dossierCode" value="${v('dossierCode')}" maxlength="64" autocomplete="off">
<label for="submitterName">Họ và tên</label><input id="submitterName" name="submitterName" value="${v('submitterName')}" required maxlength="100" autocomplete="name">
<label for="phone">Số điện thoại (để phường liên hệ)</label><input id="phone" name="phone" type="tel" inputmode="tel" value="${v('phone')}" maxlength="20" autocomplete="tel">
<label for="email">Thư điện tử (không bắt buộc)</label><input id="email" name="email" type="email" value="${v('email')}" maxlength="254" autocomplete="email">
<div class="hp" aria-hidden="true"><label for="website">Để trống ô này</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<p class="hint">Thông tin cá nhân chỉ dùng để trả lời bạn (Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân).</p>
<button type="submit">Gửi phản ánh, kiến nghị</button></form>
<p><a href="/gop-y/tra-cuu">Tra cứu kết quả bằng mã theo dõi</a></p>`,
  );
}

const WINDOW_MS = 10 * 60_000;
const MAX_PER_WINDOW = 8;

/**
 * The public PAKN form (no login, server-rendered, mobile-first) at /gop-y, and the lookup by tracking code
 * at /gop-y/tra-cuu, which shows the status and the answer but no personal data.
 */
export const publicComplaintRoutes: FastifyPluginAsync = async (app) => {
  const { db, clock } = app.deps;
  const hits = new Map<string, number[]>();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 32 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  const wardName = async () => (await readSetting<{ name?: string }>(db.kysely, 'ward'))?.name ?? 'Phường';
  const days = async () => (await readSetting<number>(db.kysely, 'complaint.timeLimitDays')) ?? 10;
  const html = (reply: FastifyReply, status: number, body: string) => reply.status(status).type('text/html; charset=utf-8').send(body);

  app.get('/gop-y', { schema: { hide: true } }, async (_request, reply) => html(reply, 200, form(await wardName(), {}, null, await days())));

  app.post('/gop-y', { schema: { hide: true } }, async (request, reply) => {
    const values = (request.body && typeof request.body === 'object' ? request.body : {}) as FormValues;
    const now = clock.now().getTime();
    const recent = (hits.get(request.ip) ?? []).filter((t) => now - t < WINDOW_MS);
    if (recent.length >= MAX_PER_WINDOW) {
      return html(reply, 429, form(await wardName(), values, { message: 'Bạn đã gửi nhiều phản ánh trong thời gian ngắn; vui lòng thử lại sau ít phút.' }, await days()));
    }
    hits.set(request.ip, [...recent, now]);
    // A filled honeypot is a robot: answer like a success without storing anything.
    if (values.website) return html(reply, 200, page('Đã nhận', '<h1>Đã nhận phản ánh</h1>'));
    try {
      const calendar = await app.calendars.current();
      const row = await db.kysely.transaction().execute((trx) =>
        receiveComplaint({ db: trx, clock, calendar }, null, {
          channel: 'web',
          category: (values.category ?? 'other') as 'other',
          content: String(values.content ?? ''),
          submitterName: String(values.submitterName ?? ''),
          phone: values.phone,
          email: values.email,
          dossierCode: values.dossierCode,
        }),
      );
      return html(
        reply,
        201,
        page(
          'Đã nhận phản ánh, kiến nghị',
          `<h1>Phường đã nhận phản ánh, kiến nghị của bạn</h1>
<div class="ok"><p>Mã theo dõi:</p><p class="code">${esc(row.tracking_code)}</p><p>Hạn trả lời: ${esc(vnTime(row.due_at))}.</p></div>
<p>Hãy ghi lại mã này để <a href="/gop-y/tra-cuu?ma=${encodeURIComponent(row.tracking_code)}">tra cứu kết quả</a>. Cảm ơn bạn đã góp ý.</p>`,
        ),
      );
    } catch (err) {
      if (err instanceof DomainError && err.code !== 'INTERNAL') {
        return html(reply, err.code === 'UNKNOWN_REFERENCE' ? 422 : 400, form(await wardName(), values, { message: err.message, field: err.field }, await days()));
      }
      throw err;
    }
  });

  app.get<{ Querystring: { ma?: string } }>('/gop-y/tra-cuu', { schema: { hide: true } }, async (request, reply) => {
    const code = String(request.query.ma ?? '').trim().toUpperCase().slice(0, 40);
    const lookup = `<form method="get" action="/gop-y/tra-cuu"><label for="ma">Mã theo dõi</label><input id="ma" name="ma" value="${esc(code)}" required autocomplete="off"><button type="submit">Tra cứu</button></form>`;
    if (!code) return html(reply, 200, page('Tra cứu phản ánh, kiến nghị', `<h1>Tra cứu phản ánh, kiến nghị</h1>${lookup}`));
    const c = await db.kysely.selectFrom('complaint').selectAll().where('tracking_code', '=', code).executeTakeFirst();
    if (!c) return html(reply, 404, page('Không tìm thấy', `<h1>Tra cứu phản ánh, kiến nghị</h1><div class="error" role="alert">Không tìm thấy phản ánh với mã ${esc(code)}.</div>${lookup}`));
    const overdue = isOverdue(c.due_at, c.answered_at, clock.now().toISOString());
    return html(
      reply,
      200,
      page(
        `Phản ánh ${code}`,
        `<h1>Phản ánh, kiến nghị ${esc(code)}</h1>
<p>Tiếp nhận lúc ${esc(vnTime(c.received_at))}. Hạn trả lời: ${esc(vnTime(c.due_at))}${overdue ? ' (đã quá hạn)' : ''}.</p>
<p>Trạng thái: <strong>${esc(COMPLAINT_STATUS_VI[c.status as ComplaintStatus])}</strong></p>
${c.answer ? `<h2>Trả lời của phường</h2><div class="ok">${esc(c.answer)}</div><p>Trả lời lúc ${esc(vnTime(c.answered_at!))}.</p>` : ''}${lookup}`,
      ),
    );
  });
};
