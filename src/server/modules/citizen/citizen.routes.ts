import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { OUTCOME_LABEL_VI } from '../../../domain/dossier/timeliness.ts';
import { DomainError } from '../../../domain/errors.ts';
import { SLOGANS, DEMO_WARD } from '../../seed/demo-ward.ts';
import { readSetting } from '../settings.repository.ts';
import { findProcedure, listProcedures } from '../catalog/procedure.repository.ts';
import { checkPublicAccess, type PublicDossier } from '../dossier/public-lookup.ts';
import { html, type Html, page, viDate, viDateTime, vnd, type WardInfo } from './html.ts';

/** The slogans a citizen sees: the model itself and the ward's motto (Kế hoạch "3 không, 3 biết"). */
const CITIZEN_SLOGANS = SLOGANS.filter((s) => s.key === 'ba-khong' || s.key === 'ba-biet' || s.key === 'phuong-cham');

const CHANNEL_VI: Record<string, string> = {
  direct: 'Nộp trực tiếp tại Bộ phận Một cửa',
  online: 'Nộp trực tuyến trên Cổng Dịch vụ công',
  postal: 'Gửi qua dịch vụ bưu chính công ích',
};
const KIND_VI: Record<string, string> = {
  original: 'bản chính',
  copy: 'bản sao',
  'original-or-copy': 'bản chính hoặc bản sao',
  'present-only': 'xuất trình bản chính để đối chiếu',
};
const UNIT_VI: Record<string, string> = { working_days: 'ngày làm việc', working_hours: 'giờ làm việc', days: 'ngày' };

function timeLimitText(t: { value: number | null; unit: string }): string {
  if (t.unit === 'same_day' || t.value === null) return 'Trong ngày làm việc';
  return `${String(t.value).replace('.', ',')} ${UNIT_VI[t.unit] ?? t.unit}`;
}

function send(reply: FastifyReply, status: number, body: string) {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
    .send(body);
}

function timeline(d: PublicDossier): Html {
  return html`<ol class="steps">${d.steps.map((s) => {
    const current = s.completedAt === null;
    const outcome = s.outcome ? OUTCOME_LABEL_VI[s.outcome as keyof typeof OUTCOME_LABEL_VI] : null;
    return html`<li class="${current ? 'now' : 'done'}">${s.name}<br><span class="hint">${
      current
        ? html`Đang thực hiện, từ ${viDateTime(s.startedAt)}`
        : html`Xong lúc ${viDateTime(s.completedAt!)}${outcome ? ` (${outcome.toLowerCase()})` : ''}`
    }</span></li>`;
  })}</ol>`;
}

function lookupResult(d: PublicDossier): Html {
  return html`<section class="card" aria-labelledby="ket-qua"><h2 id="ket-qua">Hồ sơ ${d.code}</h2>
<dl><dt>Thủ tục</dt><dd>${d.procedureName}</dd>
<dt>Người nộp</dt><dd>${d.applicantName}</dd>
<dt>Hình thức nộp</dt><dd>${d.channelLabel}</dd>
<dt>Tình trạng</dt><dd><strong data-testid="trang-thai">${d.statusLabel}</strong></dd>
${d.currentStep ? html`<dt>Bước hiện tại</dt><dd>${d.currentStep.name} (hạn ${viDateTime(d.currentStep.dueAt)})</dd>` : ''}
${d.receivedAt ? html`<dt>Ngày tiếp nhận</dt><dd>${viDateTime(d.receivedAt)}</dd>` : ''}
${d.dueAt ? html`<dt>Ngày hẹn trả kết quả</dt><dd><strong>${viDateTime(d.dueAt)}</strong>${
  d.originalDueAt && d.originalDueAt !== d.dueAt ? html` <span class="hint">(hẹn ban đầu ${viDateTime(d.originalDueAt)}; đã có văn bản xin lỗi và hẹn lại)</span>` : ''
}</dd>` : ''}
${d.resultReadyAt ? html`<dt>Kết quả có từ</dt><dd>${viDateTime(d.resultReadyAt)}</dd>` : ''}
${d.returnedAt ? html`<dt>Đã trả kết quả</dt><dd>${viDateTime(d.returnedAt)}</dd>` : ''}
</dl>
${d.supplement ? supplementNotice(d.code, d.supplement) : ''}
<h2>Các bước giải quyết</h2>${timeline(d)}</section>`;
}

/** Issue 4's request (form 02) while it waits: what is missing, and where to send it online. */
function supplementNotice(code: string, s: NonNullable<PublicDossier['supplement']>): Html {
  const onlineItems = s.items.filter((i) => i.componentId !== null);
  return html`<div class="card" data-testid="bo-sung" role="status"><h2>Hồ sơ cần bổ sung</h2>
<p>Yêu cầu ngày ${viDateTime(s.requestedAt)}${s.note ? html`: ${s.note}` : ''}</p>
<ul>${s.items.map((i) => html`<li>${i.name}${i.note ? html` <span class="hint">(${i.note})</span>` : ''}${i.componentId === null ? html` <span class="hint">— nộp tại Bộ phận Một cửa</span>` : ''}</li>`)}</ul>
${
  s.uploadedAt
    ? html`<p><strong>Đã nộp bổ sung trực tuyến lúc ${viDateTime(s.uploadedAt)}</strong>; Bộ phận Một cửa đang kiểm tra.</p>`
    : onlineItems.length > 0
      ? html`<p><a href="/nop-ho-so/bo-sung?ma=${encodeURIComponent(code)}" data-testid="nop-bo-sung">Nộp bổ sung trực tuyến</a></p>`
      : ''
}</div>`;
}

export const citizenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.deps;

  async function ward(): Promise<WardInfo> {
    const w = await readSetting<WardInfo>(db.kysely, 'ward');
    return w ?? DEMO_WARD.unit;
  }
  const render = async (title: string, body: Html) => page({ title, ward: await ward(), slogans: CITIZEN_SLOGANS, body });

  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    const w = await ward();
    return send(
      reply,
      200,
      await render(
        'Trang chủ',
        html`<h1>${w.centreName}</h1>
<p>${w.name}. Tiếp nhận và trả kết quả thủ tục hành chính theo mô hình "3 không, 3 biết".</p>
<ul class="list"><li><a href="/thu-tuc"><strong>Thủ tục hành chính</strong></a><br><span class="hint">Cần giấy tờ gì, lệ phí, bao lâu có kết quả</span></li>
<li><a href="/tra-cuu"><strong>Tra cứu hồ sơ</strong></a><br><span class="hint">Hồ sơ của tôi đến đâu rồi</span></li>
<li><a href="/app/">Dành cho cán bộ</a><br><span class="hint">Đăng nhập hệ thống một cửa</span></li></ul>`,
      ),
    );
  });

  app.get(
    '/tra-cuu',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ ma: Type.Optional(Type.String({ maxLength: 64 })), sdt: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (request, reply) => {
      const code = (request.query.ma ?? '').trim();
      const phone = (request.query.sdt ?? '').trim();
      const asked = code !== '' || phone !== '';
      let result: Html | string = '';
      let status = 200;
      if (asked) {
        try {
          // The page spends the same per-address budget as the API: it is the same look-up (ASVS 5.0 V6.3).
          result = lookupResult(await checkPublicAccess(app, request, reply, code, phone));
        } catch (err) {
          if (!(err instanceof DomainError) || (err.code !== 'NOT_FOUND' && err.code !== 'RATE_LIMITED')) throw err;
          status = err.code === 'RATE_LIMITED' ? 429 : 404;
          result =
            status === 429
              ? html`<div class="card error" role="alert"><p>${err.message}</p></div>`
              : html`<div class="card error" role="alert"><p>${err.message} Vui lòng kiểm tra mã hồ sơ trên giấy tiếp nhận và 4 số cuối số điện thoại đã khai khi nộp.</p></div>`;
        }
      }
      const body = html`<h1>Tra cứu hồ sơ</h1>
<form method="get" action="/tra-cuu" class="card">
<label for="ma">Mã hồ sơ <span class="hint">(ghi trên giấy tiếp nhận và hẹn trả kết quả)</span></label>
<input id="ma" name="ma" value="${code}" required autocomplete="off" spellcheck="false">
<label for="sdt">4 số cuối số điện thoại <span class="hint">(số đã khai khi nộp hồ sơ)</span></label>
<input id="sdt" name="sdt" value="${phone}" required inputmode="numeric" pattern="[0-9]{4}" maxlength="4" autocomplete="off">
<button type="submit">Tra cứu</button></form>${result}`;
      return send(reply, status, await render(asked && status === 200 ? `Hồ sơ ${code}` : 'Tra cứu hồ sơ', body));
    },
  );

  app.get(
    '/thu-tuc',
    { schema: { hide: true, querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }) } },
    async (request, reply) => {
      const q = (request.query.q ?? '').trim();
      const items = await listProcedures(db.kysely, q || undefined, 200);
      const byField = new Map<string, typeof items>();
      for (const p of items) byField.set(p.field, [...(byField.get(p.field) ?? []), p]);
      const body = html`<h1>Thủ tục hành chính</h1>
<form method="get" action="/thu-tuc" class="card" role="search"><label for="q">Tìm thủ tục <span class="hint">(gõ có dấu hoặc không dấu, ví dụ: khai sinh)</span></label>
<input id="q" name="q" value="${q}" type="search"><button type="submit">Tìm</button></form>
${items.length === 0 ? html`<p role="status">Không tìm thấy thủ tục phù hợp với "${q}".</p>` : ''}
${[...byField].map(
  ([field, list]) => html`<section class="card"><h2>${field}</h2><ul class="list">${list.map(
    (p) => html`<li><a href="/thu-tuc/${p.code}">${p.name}</a><br><span class="hint">Thời hạn: ${timeLimitText(p.timeLimit)}</span></li>`,
  )}</ul></section>`,
)}`;
      return send(reply, 200, await render('Thủ tục hành chính', body));
    },
  );

  app.get(
    '/thu-tuc/:code',
    { schema: { hide: true, params: Type.Object({ code: Type.String({ maxLength: 40 }) }) } },
    async (request, reply) => {
      const p = /^[0-9.]{1,20}$/.test(request.params.code) ? await findProcedure(db.kysely, request.params.code) : undefined;
      if (!p) {
        return send(reply, 404, await render('Không tìm thấy thủ tục', html`<h1>Không tìm thấy thủ tục</h1><p>Mã ${request.params.code} không có trong danh mục. <a href="/thu-tuc">Xem danh sách thủ tục</a>.</p>`));
      }
      const now = clock.now();
      const due = (await app.calendars.current()).dueDate(now, p.timeLimit);
      const w = await ward();
      const body = html`<p><a href="/thu-tuc">← Danh sách thủ tục</a></p><h1>${p.name}</h1>
<div class="card due" data-testid="hen-tra"><p><strong>Nộp hôm nay, nhận kết quả ${viDateTime(due.dueAt)}</strong></p>
<p class="hint">${due.explanation.text}</p></div>
<section class="card"><h2>Thời hạn giải quyết</h2><p>${timeLimitText(p.timeLimit)}${p.timeLimitNote ? html`<br><span class="hint">${p.timeLimitNote}</span>` : ''}</p></section>
<section class="card"><h2>Thành phần hồ sơ</h2><ol>${p.components.map(
  (c) => html`<li>${c.name} <span class="hint">(${c.count} ${KIND_VI[c.kind] ?? c.kind}${c.isMandatory ? '' : ', nếu có'})</span>${
    c.condition ? html`<br><span class="hint">Khi: ${c.condition}</span>` : ''
  }${c.form ? html`<br><span class="hint">Mẫu: ${c.form}</span>` : ''}</li>`,
)}</ol></section>
<section class="card"><h2>Phí, lệ phí</h2>${
  p.fees.length === 0
    ? html`<p>Không mất phí, lệ phí.</p>`
    : html`<ul>${p.fees.map((f) => html`<li>${f.name}: ${f.amount === null ? 'theo quy định của Hội đồng nhân dân tỉnh' : f.amount === 0 ? 'miễn phí' : vnd(f.amount)}${f.note ? html`<br><span class="hint">${f.note}</span>` : ''}</li>`)}</ul>`
}</section>
<section class="card"><h2>Nộp ở đâu, bằng cách nào</h2><ul>${p.channels.map((c) => html`<li>${CHANNEL_VI[c] ?? c}</li>`)}</ul>
<p>${w.centreName}, ${w.address}. Điện thoại ${w.phone}.</p><p class="hint">Cơ quan giải quyết: ${p.implementingBody}. Kết quả: ${p.result}.</p></section>
<section class="card"><h2>Căn cứ pháp lý</h2><ul>${p.legalBasis.map((b) => html`<li>${b}</li>`)}</ul>
${p.nationalDecision ? html`<p class="hint">Công bố tại: ${p.nationalDecision}. Mã thủ tục quốc gia: ${p.code}.</p>` : ''}</section>`;
      return send(reply, 200, await render(p.name, body));
    },
  );
};
