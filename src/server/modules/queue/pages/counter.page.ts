import { page, pageScript } from '../../page-html.ts';

const CSS = `
.grid{display:grid;grid-template-columns:2fr 1fr;gap:1rem}
@media (max-width:50rem){.grid{grid-template-columns:1fr}}
.current{font-size:4rem;font-weight:800;color:#b3261e;text-align:center}
.ops{display:flex;flex-wrap:wrap;gap:.6rem}
.ops button{flex:1 1 10rem}
.row{display:flex;gap:.5rem;align-items:end}
.row>*{flex:1}
.thanks{text-align:center;position:fixed;inset:0;margin:0;border-radius:0;z-index:10;display:flex;flex-direction:column;align-items:center;justify-content:center;background:#fff}
.thanks[hidden]{display:none}
.thanks h2{max-width:40rem;color:#b3261e}
.thanks svg{width:14rem;height:14rem}
ul.waiting{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}
ul.waiting li{background:#e8f0fe;border-radius:.4rem;padding:.2rem .5rem;font-weight:700}
`;

/** The counter officer's screen: call, recall, skip, serve, transfer, link the dossier, finish with thanks and a rating QR. */
export function counterPage(p: { wardName: string }): string {
  const body = `<main style="max-width:64rem">
<section class="card" id="login" hidden>
  <h2>Đăng nhập cán bộ tiếp nhận</h2>
  <form id="login-form"><label for="u">Tên đăng nhập</label><input id="u" autocomplete="username" required>
  <label for="p">Mật khẩu</label><input id="p" type="password" autocomplete="current-password" required>
  <p class="error" id="login-error" role="alert"></p><button type="submit">Đăng nhập</button></form>
</section>
<section id="desk" hidden>
  <div class="card row"><div><label for="counter">Quầy</label><select id="counter"></select></div><button id="open">Mở quầy</button><button class="secondary" id="close">Đóng quầy</button></div>
  <p class="muted" id="who"></p>
  <div class="grid">
    <div class="card">
      <p class="muted" style="text-align:center;margin:0">Số đang phục vụ</p>
      <div class="current" id="current">—</div>
      <p style="text-align:center" id="status"></p>
      <div class="ops">
        <button id="call">Gọi số tiếp theo</button>
        <button class="secondary" id="recall">Gọi lại</button>
        <button class="secondary" id="skip">Bỏ qua (vắng mặt)</button>
        <button id="serve">Bắt đầu phục vụ</button>
        <button id="finish">Hoàn thành</button>
      </div>
      <div class="row" style="margin-top:1rem"><div><label for="to">Chuyển sang quầy</label><select id="to"></select></div><button class="secondary" id="transfer">Chuyển</button></div>
      <div class="row" style="margin-top:.6rem"><div><label for="dossier">Mã hồ sơ tiếp nhận / trả kết quả</label><input id="dossier" placeholder="000.00.34.H40-261201-0001"></div><button class="secondary" id="link">Gắn hồ sơ</button></div>
      <p class="error" id="error" role="alert"></p><p class="ok" id="info"></p>
    </div>
    <div class="card"><h3 style="margin-top:0">Đang chờ quầy này</h3><ul class="waiting" id="waiting"></ul></div>
  </div>
  <section class="card thanks" id="thanks" hidden>
    <h2 id="thanks-text"></h2>
    <div id="qr"></div>
    <p>Mời ông/bà quét mã để đánh giá, hoặc đánh giá ngay trên màn hình này.</p>
    <p><a class="btn" id="rate-here" href="#">Đánh giá tại quầy</a> <button class="secondary" id="thanks-close">Đóng</button></p>
  </section>
</main>`;
  return page({ title: 'Quầy tiếp nhận', heading: `${p.wardName} — Quầy tiếp nhận và trả kết quả`, subtitle: 'Biết xin chào · Biết xin lỗi · Biết cảm ơn', body, script: COUNTER_JS, css: CSS });
}

/** Served as /js/counter.js (no inline scripts under the CSP). */
const COUNTER_JS = pageScript(
  'counter',
  `const $=id=>document.getElementById(id);let state=null;const esc=s=>String(s).replace(/[&<>"']/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
const csrf=()=>{const m=/(?:^|;\\s*)(?:__Host-)?motcua_csrf=([^;]+)/.exec(document.cookie);return m?decodeURIComponent(m[1]):'';};
async function api(method,url,body){const h=body?{'content-type':'application/json'}:{};if(method!=='GET')h['x-csrf-token']=csrf();const r=await fetch(url,{method,headers:h,body:body?JSON.stringify(body):undefined,credentials:'same-origin'});
  const j=await r.json().catch(()=>({}));if(!r.ok){const e=new Error((j.error&&j.error.message)||('Lỗi '+r.status));e.status=r.status;throw e;}return j;}
function msg(t,ok){$('error').textContent=ok?'':t;$('info').textContent=ok?t:'';}
const LABEL={called:'Đã mời — chờ công dân đến quầy',serving:'Đang phục vụ'};
async function load(){try{state=await api('GET','/api/queue/counters');}catch(e){if(e.status===401){$('login').hidden=false;$('desk').hidden=true;return;}msg(e.message);return;}
  $('login').hidden=true;$('desk').hidden=false;
  $('who').textContent='Cán bộ: '+state.me.fullName+(state.mine?' · đang phụ trách '+state.mine.name:' · chưa mở quầy');
  const sel=$('counter');const keep=sel.value;sel.innerHTML=state.counters.map(c=>'<option value="'+esc(c.code)+'">'+esc(c.name)+' ('+esc(c.areas.join(', '))+')'+(c.officerName&&!c.isMine?' — '+esc(c.officerName):'')+'</option>').join('');
  sel.value=state.mine?state.mine.code:(keep||state.counters[0].code);
  $('to').innerHTML=state.counters.filter(c=>!c.isMine).map(c=>'<option value="'+esc(c.code)+'">'+esc(c.name)+'</option>').join('');
  $('current').textContent=state.current?state.current.display:'—';$('status').textContent=state.current?(LABEL[state.current.status]||''):'';
  $('waiting').innerHTML=state.waitingForMe.map(d=>'<li>'+esc(d)+'</li>').join('')||'<li style="background:none;font-weight:400">Không có ai đang chờ</li>';
  const cur=state.current;$('recall').disabled=$('skip').disabled=$('serve').disabled=!(cur&&cur.status==='called');
  $('finish').disabled=!(cur&&cur.status==='serving');$('transfer').disabled=$('link').disabled=!cur;$('call').disabled=!state.mine||!!cur;}
async function op(fn){msg('');try{await fn();}catch(e){msg(e.message);}await load();}
$('login-form').addEventListener('submit',async e=>{e.preventDefault();$('login-error').textContent='';
  try{await api('POST','/api/auth/login',{username:$('u').value,password:$('p').value});await load();}catch(err){$('login-error').textContent=err.message;}});
$('open').onclick=()=>op(()=>api('POST','/api/queue/counters/'+encodeURIComponent($('counter').value)+'/open'));
$('close').onclick=()=>op(()=>api('POST','/api/queue/counters/'+encodeURIComponent($('counter').value)+'/close'));
$('call').onclick=()=>op(async()=>{const r=await api('POST','/api/queue/counters/'+encodeURIComponent(state.mine.code)+'/call-next');msg('Đã mời số '+r.ticket.display,true);});
const t=v=>'/api/queue/tickets/'+state.current.id+'/'+v;
$('recall').onclick=()=>op(()=>api('POST',t('recall')));
$('skip').onclick=()=>op(()=>api('POST',t('skip')));
$('serve').onclick=()=>op(()=>api('POST',t('serve')));
$('transfer').onclick=()=>op(async()=>{await api('POST',t('transfer'),{counterCode:$('to').value});msg('Đã chuyển quầy',true);});
$('link').onclick=()=>op(async()=>{await api('POST',t('link'),{dossierCode:$('dossier').value.trim()});msg('Đã gắn hồ sơ '+$('dossier').value.trim(),true);});
$('finish').onclick=()=>op(async()=>{const r=await api('POST',t('finish'));$('thanks-text').textContent=r.thanks.message;$('qr').innerHTML=r.thanks.qrSvg;$('rate-here').href=r.thanks.ratingPath;$('thanks').hidden=false;$('dossier').value='';});
$('thanks-close').onclick=()=>{$('thanks').hidden=true;};
load();try{const es=new EventSource('/api/public/queue/stream');es.addEventListener('queue',()=>{if(state)load();});}catch(e){}`,
);
