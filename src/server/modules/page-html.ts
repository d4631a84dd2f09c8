/** Small helpers for the server-rendered citizen pages (kiosk, counter, display board, rating, online submission). */

export function esc(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** JSON safe to embed inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

export const BASE_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans","Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;background:#f6f7f9;line-height:1.45}
header.bar{background:#b3261e;color:#fff;padding:.8rem 1rem}
header.bar h1{margin:0;font-size:1.25rem}
header.bar p{margin:.2rem 0 0;font-size:.9rem;opacity:.95}
main{max-width:48rem;margin:0 auto;padding:1rem}
button,.btn{font:inherit;border:0;border-radius:.6rem;padding:.8rem 1.1rem;background:#0b57d0;color:#fff;cursor:pointer;min-height:3rem}
button.secondary{background:#e3e6ea;color:#1b1b1b}
button.danger{background:#b3261e}
button:disabled{opacity:.5;cursor:default}
label{display:block;margin:.6rem 0 .2rem;font-weight:600}
input,select,textarea{font:inherit;width:100%;padding:.6rem;border:1px solid #9aa0a6;border-radius:.5rem;background:#fff}
.card{background:#fff;border-radius:.8rem;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.error{color:#b3261e;font-weight:600}
.ok{color:#146c2e;font-weight:600}
.muted{color:#5f6368}
`;

/**
 * The scripts of these pages, served as files by `/js/<name>.js` (citizen-services.routes.ts): the pages'
 * Content-Security-Policy allows scripts from this origin only, never inline (http/security.ts).
 */
export const PAGE_SCRIPTS = new Map<string, string>();

/** Registers a page script under its name and returns the name, for `page({ script })`. */
export function pageScript(name: string, code: string): string {
  PAGE_SCRIPTS.set(name, code);
  return name;
}

/** A page script reads what the server gives it from this JSON data block (not executed, so CSP allows it). */
export const READ_PAGE_DATA = `const PAGE_DATA=JSON.parse(document.getElementById('page-data').textContent||'{}');`;

export function page(p: { title: string; heading: string; subtitle?: string; body: string; script?: string; data?: unknown; css?: string; bodyClass?: string }): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)}</title><style>${BASE_CSS}${p.css ?? ''}</style></head>
<body class="${esc(p.bodyClass ?? '')}"><header class="bar"><h1>${esc(p.heading)}</h1>${p.subtitle ? `<p>${esc(p.subtitle)}</p>` : ''}</header>
${p.body}
${p.data !== undefined ? `<script type="application/json" id="page-data">${scriptJson(p.data)}</script>` : ''}
${p.script ? `<script src="/js/${esc(p.script)}.js"></script>` : ''}
</body></html>`;
}
