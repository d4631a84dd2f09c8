import { esc, page, pageScript, READ_PAGE_DATA } from '../../page-html.ts';

interface KioskArea {
  code: string;
  name: string;
  waitingAhead: number;
  estimatedWaitMinutes: number;
}

const CSS = `
body.kiosk{background:#fdf6ec}
.areas{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
.areas button{min-height:8rem;font-size:1.5rem;font-weight:700;border-radius:1rem;display:flex;flex-direction:column;justify-content:center;align-items:flex-start;padding:1.2rem;text-align:left}
.areas button small{font-size:1rem;font-weight:400;opacity:.9;margin-top:.5rem}
.areas .letter{font-size:2.4rem}
.ticket{background:#fff;border:2px dashed #b3261e;border-radius:1rem;padding:1.5rem;text-align:center;max-width:26rem;margin:0 auto}
.ticket .number{font-size:5rem;font-weight:800;color:#b3261e;letter-spacing:.1em;line-height:1.1}
.ticket .greet{font-size:1.4rem;font-weight:700}
.slogan{text-align:center;color:#5f6368;font-size:.95rem;margin-top:1.5rem}
.actions{display:flex;gap:1rem;justify-content:center;margin-top:1rem}
@media print{
  @page{size:80mm auto;margin:3mm}
  body{background:#fff;width:74mm}
  header.bar,.actions,.areas,#choose,.noprint{display:none!important}
  main{padding:0;max-width:none}
  .ticket{border:0;padding:0;max-width:none;font-size:11pt}
  .ticket .number{font-size:34pt}
}
`;

/** The kiosk ("biết xin chào"): big touch targets, one tap gives a ticket that greets the citizen. */
export function kioskPage(p: { wardName: string; areas: KioskArea[]; slogans: string[] }): string {
  const body = `<main>
<section id="choose">
  <p style="font-size:1.4rem;text-align:center"><strong>${esc(p.wardName)} xin chào ông/bà!</strong><br>Xin mời chọn lĩnh vực cần giải quyết để lấy số thứ tự.</p>
  <div class="areas" id="areas">
  ${p.areas
    .map(
      (a) => `<button data-area="${esc(a.code)}"><span class="letter">${esc(a.code)}</span>${esc(a.name)}<small data-wait="${esc(a.code)}">Đang chờ: ${a.waitingAhead} người · khoảng ${a.estimatedWaitMinutes} phút</small></button>`,
    )
    .join('')}
  </div>
  <p class="error" id="error" role="alert"></p>
</section>
<section id="result" hidden>
  <div class="ticket" id="ticket" aria-live="polite"></div>
  <div class="actions"><button id="print">In phiếu</button><button class="secondary" id="back">Xong</button></div>
</section>
<p class="slogan" id="slogan">${esc(p.slogans[0] ?? '')}</p>
</main>`;
  return page({ title: 'Lấy số thứ tự', heading: `${p.wardName} — Bộ phận Một cửa`, subtitle: 'Lấy số thứ tự', body, script: KIOSK_JS, data: { slogans: p.slogans }, css: CSS, bodyClass: 'kiosk' });
}

/** Served as /js/kiosk.js (no inline scripts under the CSP). */
const KIOSK_JS = pageScript(
  'kiosk',
  `${READ_PAGE_DATA}
const slogans=PAGE_DATA.slogans;let si=0;setInterval(()=>{si=(si+1)%slogans.length;document.getElementById('slogan').textContent=slogans[si]||'';},8000);
const fmt=iso=>new Date(iso).toLocaleString('vi-VN',{timeZone:'Asia/Ho_Chi_Minh',hour:'2-digit',minute:'2-digit',day:'2-digit',month:'2-digit',year:'numeric'});
const esc=s=>String(s).replace(/[&<>"']/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
let timer;
function reset(){document.getElementById('result').hidden=true;document.getElementById('choose').hidden=false;refresh();}
async function refresh(){try{const r=await fetch('/api/public/queue/areas');const j=await r.json();for(const a of j.items){const el=document.querySelector('[data-wait="'+a.code+'"]');if(el)el.textContent='Đang chờ: '+a.waitingAhead+' người · khoảng '+a.estimatedWaitMinutes+' phút';}}catch(e){}}
document.querySelectorAll('[data-area]').forEach(b=>b.addEventListener('click',async()=>{
  document.getElementById('error').textContent='';b.disabled=true;
  try{const r=await fetch('/api/public/queue/tickets',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({areaCode:b.dataset.area})});
    const t=await r.json();if(r.status!==201)throw new Error((t.error&&t.error.message)||'Không lấy được số');
    document.getElementById('ticket').innerHTML='<p class="greet">'+esc(t.greeting)+'</p><p>Số thứ tự của ông/bà</p><p class="number" id="number">'+esc(t.display)+'</p><p><strong>'+esc(t.areaName)+'</strong></p><p>Có <strong>'+t.waitingAhead+'</strong> người đang chờ trước ông/bà.<br>Thời gian chờ dự kiến: khoảng <strong>'+t.estimatedWaitMinutes+' phút</strong>.</p><p class="muted">Lấy số lúc '+esc(fmt(t.issuedAt))+'</p><p>Xin vui lòng chú ý màn hình và loa gọi số. Xin cảm ơn!</p>';
    document.getElementById('choose').hidden=true;document.getElementById('result').hidden=false;clearTimeout(timer);timer=setTimeout(reset,30000);
  }catch(e){document.getElementById('error').textContent=e.message;}finally{b.disabled=false;}
}));
document.getElementById('print').addEventListener('click',()=>window.print());
document.getElementById('back').addEventListener('click',reset);
try{const es=new EventSource('/api/public/queue/stream');es.addEventListener('queue',()=>refresh());}catch(e){setInterval(refresh,15000);}`,
);
