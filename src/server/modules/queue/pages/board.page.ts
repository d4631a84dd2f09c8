import { esc, page, pageScript, READ_PAGE_DATA } from '../../page-html.ts';

const CSS = `
body.board{background:#0f1b2d;color:#fff}
header.bar{background:#b3261e}
.wrap{display:grid;grid-template-columns:1.3fr 1fr;gap:1.5rem;padding:1.5rem;min-height:calc(100vh - 8rem)}
.now{background:#182a45;border-radius:1rem;padding:2rem;display:flex;flex-direction:column;align-items:center;justify-content:center;text-align:center}
.now .label{font-size:1.6rem;opacity:.85}
.now .number{font-size:8rem;font-weight:800;color:#ffd54f;line-height:1.1}
.now .counter{font-size:2.6rem;font-weight:700}
.officer{display:flex;align-items:center;gap:1rem;margin-top:1.2rem;font-size:1.4rem}
.photo{width:5rem;height:5rem;border-radius:50%;background:#3b5b8c;display:flex;align-items:center;justify-content:center;font-size:1.8rem;font-weight:700;border:3px solid #ffd54f}
table{width:100%;border-collapse:collapse;font-size:1.5rem}
th,td{padding:.7rem;border-bottom:1px solid #2c4266;text-align:left}
td:first-child{white-space:nowrap}
td.num{font-weight:800;color:#ffd54f;font-size:2rem}
.ticker{background:#b3261e;padding:.7rem 1.5rem;font-size:1.3rem;position:fixed;bottom:0;left:0;right:0}
.flash{animation:flash 1s 3}
@keyframes flash{50%{background:#ffd54f;color:#0f1b2d}}
#sound{position:fixed;top:.8rem;right:1rem;min-height:2.2rem;padding:.3rem .8rem}
#voice{font-size:.95rem;opacity:.8;margin-top:.6rem}
`;

/** The display board: who is called to which counter, by whom; a chime and a Vietnamese voice where available. */
export function boardPage(p: { wardName: string; slogans: string[] }): string {
  const body = `<button id="sound" class="secondary">Bật âm thanh</button>
<div class="wrap">
  <section class="now" id="now" aria-live="assertive">
    <div class="label">Xin mời công dân có số</div>
    <div class="number" id="now-number">—</div>
    <div class="counter" id="now-counter">Chưa có số được gọi</div>
    <div class="officer" id="now-officer" hidden><div class="photo" id="now-photo" aria-hidden="true"></div><div><div class="muted" style="color:#c9d3e3;font-size:1rem">Cán bộ phục vụ</div><div id="now-officer-name"></div></div></div>
    <div id="voice"></div>
  </section>
  <section>
    <table><thead><tr><th>Quầy</th><th>Số</th><th>Cán bộ</th></tr></thead><tbody id="counters"></tbody></table>
    <p style="font-size:1.3rem">Đang chờ: <strong id="waiting">0</strong> người</p>
  </section>
</div>
<div class="ticker" id="ticker">${esc(p.slogans[0] ?? '')}</div>`;
  return page({ title: 'Màn hình gọi số', heading: `${p.wardName} — Bộ phận Một cửa`, subtitle: 'Biết xin chào · Biết xin lỗi · Biết cảm ơn', body, script: BOARD_JS, data: { slogans: p.slogans }, css: CSS, bodyClass: 'board' });
}

/** Served as /js/board.js (no inline scripts under the CSP). */
const BOARD_JS = pageScript(
  'board',
  `${READ_PAGE_DATA}
const slogans=PAGE_DATA.slogans;let si=0;setInterval(()=>{si=(si+1)%slogans.length;document.getElementById('ticker').textContent=slogans[si]||'';},10000);
const initials=n=>String(n||'').trim().split(/\\s+/).slice(-2).map(w=>w[0]).join('').toUpperCase();
const $=id=>document.getElementById(id);const esc=s=>String(s).replace(/[&<>"']/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));let sound=false,lastKey='';
function viVoice(){return (window.speechSynthesis&&speechSynthesis.getVoices().find(v=>/^vi(-|_|$)/i.test(v.lang)))||null;}
function chime(){try{const C=window.AudioContext||window.webkitAudioContext;const ctx=new C();[880,660].forEach((f,i)=>{const o=ctx.createOscillator(),g=ctx.createGain();o.frequency.value=f;o.connect(g);g.connect(ctx.destination);g.gain.setValueAtTime(.25,ctx.currentTime+i*.45);g.gain.exponentialRampToValueAtTime(.001,ctx.currentTime+i*.45+.4);o.start(ctx.currentTime+i*.45);o.stop(ctx.currentTime+i*.45+.42);});}catch(e){}}
function spell(d){return String(d).split('').map(c=>/[0-9]/.test(c)?['không','một','hai','ba','bốn','năm','sáu','bảy','tám','chín'][Number(c)]:c).join(' ');}
function announce(display,counterName){const text='Xin mời công dân có số '+spell(display)+' đến '+counterName;
  $('voice').textContent=text;if(!sound)return;chime();const v=viVoice();
  if(v){setTimeout(()=>{const u=new SpeechSynthesisUtterance(text);u.voice=v;u.lang=v.lang;u.rate=.9;speechSynthesis.speak(u);},900);}
  else{$('voice').textContent=text+' (trình duyệt không có giọng đọc tiếng Việt — chỉ hiển thị chữ)';}}
async function render(e){const r=await fetch('/api/public/queue/board');const b=await r.json();
  const top=b.calls[0];
  if(top){$('now-number').textContent=top.display;$('now-counter').textContent='Mời đến '+(top.counter?top.counter.name:'');
    if(top.counter&&top.counter.officerName){$('now-officer').hidden=false;$('now-officer-name').textContent=top.counter.officerName;$('now-photo').textContent=initials(top.counter.officerName);}
    const key=top.display+'|'+top.calledAt+'|'+top.recalls;
    if(key!==lastKey){lastKey=key;$('now').classList.remove('flash');void $('now').offsetWidth;$('now').classList.add('flash');if(e)announce(top.display,top.counter?top.counter.name:'quầy');}}
  $('counters').innerHTML=b.counters.map(c=>'<tr><td>'+esc(c.name)+'</td><td class="num">'+esc(c.current||'—')+'</td><td>'+(c.isOpen?esc(c.officerName||''):'<span style="opacity:.6">Tạm nghỉ</span>')+'</td></tr>').join('');
  $('waiting').textContent=b.waiting;}
$('sound').addEventListener('click',()=>{sound=!sound;$('sound').textContent=sound?'🔊 Đang bật âm thanh':'Bật âm thanh';if(sound){chime();if(window.speechSynthesis)speechSynthesis.getVoices();}});
if(window.speechSynthesis)speechSynthesis.onvoiceschanged=()=>{};
render(null);
const es=new EventSource('/api/public/queue/stream');es.addEventListener('queue',ev=>{const e=JSON.parse(ev.data);render(e.type==='called'||e.type==='recalled'?e:null);});`,
);
