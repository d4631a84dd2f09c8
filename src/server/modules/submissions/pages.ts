import { page, pageScript } from '../page-html.ts';

const CSS = `
.step{display:none}.step.active{display:block}
.proc{display:block;width:100%;text-align:left;background:#fff;color:#1b1b1b;border:1px solid #c4c7c5;margin:.3rem 0}
.comp{border:1px solid #dadce0;border-radius:.5rem;padding:.6rem;margin:.5rem 0;background:#fafafa}
.comp .req{color:#b3261e;font-weight:700}
.inline{display:flex;gap:.5rem;align-items:center;font-weight:400}
.inline input{width:auto;transform:scale(1.3)}
.code{font-size:1.4rem;font-weight:800;color:#0b57d0;word-break:break-all}
`;

const COMMON = `
const $=id=>document.getElementById(id);
const esc=s=>String(s??'').replace(/[&<>"']/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
async function jfetch(url,opt){const r=await fetch(url,opt);const j=await r.json().catch(()=>({}));if(!r.ok){const e=new Error((j.error&&j.error.message)||('Lỗi '+r.status));e.field=j.error&&j.error.field;throw e;}return j;}
const fmt=iso=>iso?new Date(iso).toLocaleString('vi-VN',{timeZone:'Asia/Ho_Chi_Minh',hour:'2-digit',minute:'2-digit',day:'2-digit',month:'2-digit',year:'numeric'}):'—';
`;

/** Online submission: choose a procedure, fill the form, attach the components, confirm by a one-time code. */
export function submitPage(p: { wardName: string }): string {
  const body = `<main>
<section class="step active card" id="s1"><h2>1. Chọn thủ tục</h2>
  <label for="q">Tìm thủ tục</label><input id="q" placeholder="Ví dụ: khai sinh, kết hôn, chứng thực" autocomplete="off">
  <div id="procs" role="list"></div></section>
<section class="step card" id="s2"><h2>2. Điền thông tin và đính kèm giấy tờ</h2>
  <p id="proc-name"><strong></strong></p>
  <form id="form" novalidate>
    <label for="fullName">Họ và tên người nộp</label><input id="fullName" name="fullName" autocomplete="name" required>
    <label for="idNumber">Số định danh cá nhân (12 số)</label><input id="idNumber" name="idNumber" inputmode="numeric" maxlength="12" required>
    <label for="phone">Số điện thoại di động</label><input id="phone" name="phone" inputmode="tel" autocomplete="tel" required>
    <label for="email">Thư điện tử (không bắt buộc)</label><input id="email" name="email" type="email" autocomplete="email">
    <label for="address">Địa chỉ liên hệ</label><input id="address" name="address" autocomplete="street-address" required>
    <label for="request">Nội dung đề nghị (tờ khai)</label><textarea id="request" name="request" rows="3" placeholder="Nội dung yêu cầu giải quyết"></textarea>
    <h3>Thành phần hồ sơ (PDF, JPG hoặc PNG)</h3><div id="comps"></div>
    <label>Nhận mã xác nhận qua</label>
    <label class="inline"><input type="radio" name="contactChannel" value="sms" checked> Tin nhắn SMS tới số điện thoại</label>
    <label class="inline"><input type="radio" name="contactChannel" value="email"> Thư điện tử</label>
    <label class="inline"><input type="checkbox" name="consent" value="true" id="consent"> Tôi đồng ý nhận thông báo về hồ sơ này qua kênh đã chọn (có thể từ chối bất cứ lúc nào).</label>
    <p class="error" id="error2" role="alert"></p>
    <button type="submit" id="submit">Gửi hồ sơ</button> <button type="button" class="secondary" id="back">Chọn thủ tục khác</button>
  </form></section>
<section class="step card" id="s3"><h2>3. Xác nhận</h2>
  <p id="sent"></p><label for="otp">Mã xác nhận (6 số)</label><input id="otp" inputmode="numeric" maxlength="6" autocomplete="one-time-code">
  <p class="error" id="error3" role="alert"></p><button id="confirm">Xác nhận</button></section>
<section class="step card" id="s4"><h2>Đã nộp hồ sơ</h2>
  <p>Mã hồ sơ để tra cứu:</p><p class="code" id="tracking"></p><p id="done-msg"></p>
  <p><a class="btn" id="lookup" href="/tra-cuu">Tra cứu hồ sơ</a></p></section>
</main>`;
  return page({ title: 'Nộp hồ sơ trực tuyến', heading: `${p.wardName} — Nộp hồ sơ trực tuyến`, subtitle: 'Không trễ hẹn · Không gây phiền hà · Không bổ sung hồ sơ quá 1 lần', body, script: SUBMIT_JS, css: CSS });
}

/**
 * The online supplement (`/nop-ho-so/bo-sung`): the applicant, holding the code and the phone's last 4 digits,
 * sees issue 4's request (form 02) and uploads the listed components once. The server-rendered /tra-cuu links here.
 */
export function supplementPage(p: { wardName: string }): string {
  const body = `<main>
<form class="card" id="find"><label for="code">Mã hồ sơ</label><input id="code" required autocomplete="off" spellcheck="false">
  <label for="last4">4 số cuối điện thoại đã đăng ký</label><input id="last4" inputmode="numeric" maxlength="4" required autocomplete="off">
  <p class="error" id="error" role="alert"></p><button type="submit">Xem yêu cầu bổ sung</button></form>
<section class="card" id="result" hidden></section>
<section class="card" id="supp" hidden><h2>Nộp bổ sung trực tuyến</h2><form id="supp-form"><div id="supp-items"></div>
  <p class="error" id="supp-error" role="alert"></p><button type="submit" id="supp-send">Gửi giấy tờ bổ sung</button></form><p class="ok" id="supp-ok" role="status"></p></section>
</main>`;
  return page({ title: 'Nộp bổ sung hồ sơ', heading: `${p.wardName} — Nộp bổ sung hồ sơ`, subtitle: 'Không bổ sung hồ sơ quá 1 lần', body, script: SUPPLEMENT_JS, css: CSS });
}

/** Served as /js/submit.js (no inline scripts under the CSP). */
const SUBMIT_JS = pageScript(
  'submit',
  `${COMMON}
let proc=null,sub=null;
function show(n){document.querySelectorAll('.step').forEach(s=>s.classList.toggle('active',s.id==='s'+n));window.scrollTo(0,0);}
let t;$('q').addEventListener('input',()=>{clearTimeout(t);t=setTimeout(search,250);});
async function search(){const j=await jfetch('/api/procedures?limit=30&q='+encodeURIComponent($('q').value));
  $('procs').innerHTML=j.items.map(x=>'<button type="button" class="proc" role="listitem" data-code="'+esc(x.code)+'">'+esc(x.name)+'<br><small class="muted">'+esc(x.field||'')+'</small></button>').join('')||'<p class="muted">Không tìm thấy thủ tục.</p>';
  document.querySelectorAll('.proc').forEach(b=>b.onclick=()=>choose(b.dataset.code));}
function requiredOnline(c){if(!c.isMandatory)return false;const f=(c.condition||'').normalize('NFD').replace(/[\\u0300-\\u036f]/g,'').replace(/đ/g,'d').toLowerCase();
  const on=f.includes('truc tuyen'),di=f.includes('truc tiep'),po=f.includes('buu chinh');if(!on&&!di&&!po)return true;return on;}
async function choose(code){proc=await jfetch('/api/procedures/'+encodeURIComponent(code));
  if(!proc.channels.includes('online')){alert('Thủ tục này chưa tiếp nhận trực tuyến; xin mời nộp tại Bộ phận Một cửa.');return;}
  $('proc-name').innerHTML='<strong>'+esc(proc.name)+'</strong><br><span class="muted">Thời hạn giải quyết: '+esc(proc.timeLimit.value??'')+' ngày làm việc kể từ khi tiếp nhận</span>';
  $('comps').innerHTML=proc.components.map(c=>'<div class="comp"><label for="component_'+c.id+'">'+esc(c.name)+(requiredOnline(c)?' <span class="req">(bắt buộc)</span>':'')+'</label>'+(c.condition?'<small class="muted">'+esc(c.condition)+'</small>':'')+'<input type="file" id="component_'+c.id+'" name="component_'+c.id+'" accept="application/pdf,image/jpeg,image/png"></div>').join('');
  show(2);}
$('back').onclick=()=>show(1);
$('form').addEventListener('submit',async e=>{e.preventDefault();$('error2').textContent='';$('submit').disabled=true;
  const fd=new FormData();fd.append('procedureCode',proc.code);
  for(const k of ['fullName','idNumber','phone','email','address','request'])fd.append(k,$(k).value);
  fd.append('contactChannel',document.querySelector('input[name=contactChannel]:checked').value);if($('consent').checked)fd.append('consent','true');
  document.querySelectorAll('#comps input[type=file]').forEach(i=>{if(i.files[0])fd.append(i.name,i.files[0]);});
  try{sub=await jfetch('/api/public/submissions',{method:'POST',body:fd});$('sent').textContent='Mã xác nhận đã được gửi tới '+sub.sentTo+'. Mã có hiệu lực 10 phút.';show(3);$('otp').focus();}
  catch(err){$('error2').textContent=err.message;if(err.field&&$(err.field))$(err.field).focus();}finally{$('submit').disabled=false;}});
$('confirm').onclick=async()=>{$('error3').textContent='';try{const r=await jfetch('/api/public/submissions/'+encodeURIComponent(sub.submissionId)+'/confirm',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({code:$('otp').value.trim()})});
  $('tracking').textContent=r.code;$('done-msg').textContent=r.message;$('lookup').href='/tra-cuu?ma='+encodeURIComponent(r.code)+'&sdt='+encodeURIComponent($('phone').value.replace(/\\D/g,'').slice(-4));show(4);}catch(err){$('error3').textContent=err.message;}};
search();`,
);

/** Served as /js/supplement.js. */
const SUPPLEMENT_JS = pageScript(
  'supplement',
  `${COMMON}
const params=new URLSearchParams(location.search);if(params.get('ma'))$('code').value=params.get('ma');
let current=null;
async function find(){$('error').textContent='';try{current=await jfetch('/api/public/dossiers/'+encodeURIComponent($('code').value.trim())+'?phone='+encodeURIComponent($('last4').value.trim()));}catch(e){$('error').textContent=e.message;$('result').hidden=true;$('supp').hidden=true;return;}
  const d=current;const s=d.supplement;
  $('result').innerHTML='<h2>'+esc(d.procedureName)+'</h2><p>Mã hồ sơ: <strong>'+esc(d.code)+'</strong><br>Người nộp: '+esc(d.applicantName)+'</p><p>Trạng thái: <strong id="status">'+esc(d.statusLabel)+'</strong></p>'+
    (s?'<div class="comp"><p><strong>Yêu cầu bổ sung</strong> ('+fmt(s.requestedAt)+')'+(s.note?': '+esc(s.note):'')+'</p><ul>'+s.items.map(i=>'<li>'+esc(i.name)+(i.note?' ('+esc(i.note)+')':'')+(i.componentId===null?' — nộp tại Bộ phận Một cửa':'')+'</li>').join('')+'</ul>'+(s.uploadedAt?'<p class="ok">Đã nộp bổ sung lúc '+fmt(s.uploadedAt)+'</p>':'')+'</div>':'<p>Hồ sơ không có yêu cầu bổ sung đang chờ.</p>');
  $('result').hidden=false;
  const online=s?s.items.filter(i=>i.componentId!==null):[];
  const canUpload=s&&!s.uploadedAt&&online.length>0;$('supp').hidden=!canUpload;
  if(canUpload)$('supp-items').innerHTML=online.map(i=>'<div class="comp"><label for="component_'+i.componentId+'">'+esc(i.name)+'</label><input type="file" id="component_'+i.componentId+'" name="component_'+i.componentId+'" accept="application/pdf,image/jpeg,image/png"></div>').join('');}
$('find').addEventListener('submit',e=>{e.preventDefault();find();});
$('supp-form').addEventListener('submit',async e=>{e.preventDefault();$('supp-error').textContent='';$('supp-send').disabled=true;const fd=new FormData();fd.append('phone',$('last4').value.trim());
  document.querySelectorAll('#supp-items input[type=file]').forEach(i=>{if(i.files[0])fd.append(i.name,i.files[0]);});
  try{const r=await jfetch('/api/public/dossiers/'+encodeURIComponent(current.code)+'/supplement',{method:'POST',body:fd});await find();$('supp').hidden=false;$('supp-form').hidden=true;$('supp-ok').textContent=r.message;}catch(err){$('supp-error').textContent=err.message;}finally{$('supp-send').disabled=false;}});`,
);
