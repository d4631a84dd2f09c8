import { esc, page, pageScript, READ_PAGE_DATA } from '../page-html.ts';

interface RatingView {
  dossierCode: string | null;
  procedureName: string | null;
  ticket: string | null;
  officerName: string | null;
  rated: boolean;
  criteria: Record<string, string>;
  scores: Record<number, string>;
}

const CSS = `
.scores{display:grid;grid-template-columns:repeat(5,1fr);gap:.5rem}
.scores button{background:#fff;color:#1b1b1b;border:2px solid #c4c7c5;display:flex;flex-direction:column;align-items:center;padding:.6rem .2rem;font-size:.8rem}
.scores button span{font-size:2rem;line-height:1}
.scores button[aria-pressed=true]{border-color:#0b57d0;background:#e8f0fe}
.reasons label{font-weight:400;display:flex;gap:.5rem;align-items:center}
.reasons input{width:auto;transform:scale(1.4)}
.thanks{font-size:1.3rem;text-align:center;padding:2rem 1rem}
`;

/** The citizen's rating page ("biết cảm ơn"): phone-first, also used on the tablet facing the citizen at the counter. */
export function ratingPage(token: string, view: RatingView | null): string {
  if (!view) {
    return page({ title: 'Đánh giá', heading: 'Đánh giá mức độ hài lòng', body: `<main><div class="card error">Không tìm thấy phiếu đánh giá; vui lòng kiểm tra lại đường dẫn hoặc mã QR.</div></main>`, css: CSS });
  }
  const subject = view.dossierCode
    ? `Hồ sơ <strong>${esc(view.dossierCode)}</strong>${view.procedureName ? ` — ${esc(view.procedureName)}` : ''}`
    : `Lượt giao dịch số <strong>${esc(view.ticket)}</strong>`;
    const body = `<main>
<div class="card thanks" id="thanks" ${view.rated ? '' : 'hidden'}><p class="ok">Xin chân thành cảm ơn ông/bà!</p><p>Ý kiến của ông/bà giúp chúng tôi phục vụ tốt hơn.</p></div>
<form class="card" id="form" ${view.rated ? 'hidden' : ''} novalidate>
  <p>Cảm ơn ông/bà đã đến giao dịch. ${subject}${view.officerName ? `<br>Cán bộ phục vụ: ${esc(view.officerName)}` : ''}</p>
  <p><strong>Ông/bà có hài lòng với việc giải quyết không?</strong></p>
  <div class="scores" role="group" aria-label="Mức độ hài lòng">
    ${[1, 2, 3, 4, 5].map((s) => `<button type="button" data-score="${s}" aria-pressed="false"><span aria-hidden="true">${s}</span>${esc(view.scores[s])}</button>`).join('')}
  </div>
  <fieldset class="reasons" id="reasons" hidden><legend><strong>Ông/bà chưa hài lòng về điều gì?</strong> (chọn ít nhất một)</legend>
    ${Object.entries(view.criteria).map(([k, label]) => `<label><input type="checkbox" name="reason" value="${esc(k)}"> ${esc(label)}</label>`).join('')}
  </fieldset>
  <label for="trips">Số lần ông/bà phải đến để hoàn thành hồ sơ</label>
  <select id="trips"><option value="">— không trả lời —</option><option value="1">1 lần</option><option value="2">2 lần</option><option value="3">3 lần trở lên</option></select>
  <label for="extra">Ông/bà có phải trả khoản chi phí nào ngoài quy định không?</label>
  <select id="extra"><option value="">— không trả lời —</option><option value="no">Không</option><option value="yes">Có</option></select>
  <label for="comment">Góp ý thêm (không bắt buộc)</label>
  <textarea id="comment" rows="3" maxlength="2000"></textarea>
  <p class="error" id="error" role="alert"></p>
  <button type="submit" id="send" disabled>Gửi đánh giá</button>
</form></main>`;
  return page({ title: 'Đánh giá mức độ hài lòng', heading: 'Biết cảm ơn — Đánh giá mức độ hài lòng', subtitle: 'Bộ phận Một cửa', body, script: RATING_JS, data: { token }, css: CSS });
}

/** Served as /js/rating.js (no inline scripts under the CSP). */
const RATING_JS = pageScript(
  'rating',
  `${READ_PAGE_DATA}
const token=PAGE_DATA.token;let score=0;
const form=document.getElementById('form'),reasons=document.getElementById('reasons'),err=document.getElementById('error');
document.querySelectorAll('[data-score]').forEach(b=>b.addEventListener('click',()=>{score=Number(b.dataset.score);
document.querySelectorAll('[data-score]').forEach(x=>x.setAttribute('aria-pressed',String(x===b)));
reasons.hidden=score>3;document.getElementById('send').disabled=false;}));
form.addEventListener('submit',async e=>{e.preventDefault();err.textContent='';
const body={score};if(score<=3)body.reasons=[...document.querySelectorAll('input[name=reason]:checked')].map(x=>x.value);
const t=document.getElementById('trips').value;if(t)body.trips=Number(t);
const x=document.getElementById('extra').value;if(x)body.extraCosts=x==='yes';
const c=document.getElementById('comment').value.trim();if(c)body.comment=c;
const r=await fetch('/api/public/ratings/'+encodeURIComponent(token),{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(body)});
if(r.status===201||r.status===409){form.hidden=true;document.getElementById('thanks').hidden=false;}else{const j=await r.json().catch(()=>({}));err.textContent=(j.error&&j.error.message)||'Không gửi được, xin thử lại.';}});`,
);
