/**
 * Server-rendered citizen pages: plain HTML and one small inline style sheet, no JavaScript at all, so they
 * work on a cheap phone, with JavaScript off, and with screen readers (DESIGN.md 7).
 */
import type { Slogan } from '../../seed/demo-ward.ts';

/** A string already escaped (or markup we wrote). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/** Tagged template that escapes every interpolated value unless it is Html. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

const VN_OFFSET_MS = 7 * 3600 * 1000;
const WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "thứ Ba, 17/02/2026" in Vietnam time. */
export function viDate(iso: string): string {
  const d = new Date(Date.parse(iso) + VN_OFFSET_MS);
  return `${WEEKDAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** "16:30 thứ Ba, 17/02/2026" in Vietnam time. */
export function viDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + VN_OFFSET_MS);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} ${viDate(iso)}`;
}

export function vnd(amount: number): string {
  return `${amount.toLocaleString('vi-VN')} đồng`;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:1.0625rem;line-height:1.55;color:#1a1a1a;background:#f5f6f8}
a{color:#0b4ea2}a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #d4380d;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.5rem;z-index:2}
header.site{background:#a8071a;color:#fff;padding:.75rem 1rem}
header.site a{color:#fff;text-decoration:none;font-weight:700}
header.site nav{margin-top:.25rem;display:flex;gap:1rem;flex-wrap:wrap}
header.site nav a{font-weight:400;text-decoration:underline}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.3;margin:.5rem 0 1rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.card{background:#fff;border:1px solid #d9d9d9;border-radius:8px;padding:1rem;margin:0 0 1rem}
.due{border-left:6px solid #389e0d;background:#f6ffed}
.error{border-left:6px solid #cf1322;background:#fff1f0}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
.hint{font-weight:400;color:#555;font-size:.95rem}
input{width:100%;font-size:1.1rem;padding:.6rem;border:1px solid #767676;border-radius:6px}
button{margin-top:1rem;font-size:1.1rem;padding:.7rem 1.4rem;border:0;border-radius:6px;background:#0b4ea2;color:#fff;cursor:pointer}
ol.steps{padding-left:1.25rem}ol.steps li{margin:.5rem 0}
.done{color:#135200}.late{color:#a8071a}.now{font-weight:700}
dl{margin:0}dt{font-weight:600;margin-top:.5rem}dd{margin:0}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e5e5;padding:.4rem;text-align:left;vertical-align:top}
ul.list{list-style:none;padding:0}ul.list li{padding:.6rem 0;border-bottom:1px solid #e5e5e5}
footer.slogans{max-width:46rem;margin:1rem auto 2rem;padding:0 1rem;color:#333;font-size:.95rem}
footer.slogans p{margin:.25rem 0}
@media print{header.site nav,footer.slogans,form{display:none}}
`;

export interface WardInfo {
  name: string;
  centreName: string;
  address: string;
  phone: string;
}

export function page(opts: { title: string; ward: WardInfo; slogans: readonly Slogan[]; body: Html }): string {
  const { title, ward, slogans, body } = opts;
  return `<!doctype html>${html`<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — ${ward.centreName}</title>
<style>${new Html(STYLE)}</style></head>
<body><a class="skip" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
<header class="site"><a href="/">${ward.centreName}</a>
<nav aria-label="Trang công dân"><a href="/thu-tuc">Thủ tục hành chính</a><a href="/tra-cuu">Tra cứu hồ sơ</a></nav></header>
<main id="noi-dung">${body}</main>
<footer class="slogans" aria-label="Phương châm phục vụ">
${slogans.map((s) => html`<p><strong>${s.label}:</strong> ${s.items.join(s.key === 'phuong-cham' ? ' - ' : ', ')}</p>`)}
<p>${ward.address} · Điện thoại: ${ward.phone}</p></footer>
</body></html>`}`;
}
