/**
 * Citizen pages in headless Chromium (Debian's /usr/bin/chromium through playwright-core): JavaScript bytes
 * (gzip) and first render (first-contentful-paint), each page in a fresh context (cold cache), best of 3.
 * The pages are server-rendered without script by design (src/server/modules/citizen/), so the JS figure
 * is expected to be 0 and is reported as measured, from what the browser actually loaded.
 */
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

export interface PageFigure {
  path: string;
  status: number;
  jsGzipBytes: number;
  /** HTML + CSS + images + fonts the page loaded, gzip. */
  totalGzipBytes: number;
  requests: number;
  firstContentfulPaintMs: number;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Resolves with first-contentful-paint (ms since navigation start), or -1 if none within 3 s. */
const FIRST_PAINT = `new Promise((resolve) => {
  const get = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
  if (get() !== undefined) return resolve(get());
  new PerformanceObserver(() => { if (get() !== undefined) resolve(get()); }).observe({ type: 'paint', buffered: true });
  setTimeout(() => resolve(get() ?? -1), 3000);
})`;

export async function measurePages(baseUrl: string, paths: string[]): Promise<PageFigure[] | null> {
  if (!existsSync(CHROMIUM)) return null;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const out: PageFigure[] = [];
    for (const path of paths) {
      let best: PageFigure | undefined;
      for (let round = 0; round < 3; round++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const bodies: Promise<{ type: string; bytes: number }>[] = [];
        page.on('response', (r) => {
          const type = r.request().resourceType();
          bodies.push(
            r
              .body()
              .then((b) => ({ type, bytes: gzipSync(b).length }))
              .catch(() => ({ type, bytes: 0 })),
          );
        });
        const response = await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
        // A string, not a function: tsx would wrap a function's inner helpers in __name(), unknown in the page.
        const fcp = await page.evaluate<number>(FIRST_PAINT);
        const loaded = await Promise.all(bodies);
        const figure: PageFigure = {
          path,
          status: response?.status() ?? 0,
          jsGzipBytes: loaded.filter((x) => x.type === 'script').reduce((s, x) => s + x.bytes, 0),
          totalGzipBytes: loaded.reduce((s, x) => s + x.bytes, 0),
          requests: loaded.length,
          firstContentfulPaintMs: fcp,
        };
        await context.close();
        if (!best || (figure.firstContentfulPaintMs >= 0 && figure.firstContentfulPaintMs < best.firstContentfulPaintMs)) best = figure;
      }
      out.push(best!);
    }
    return out;
  } finally {
    await browser.close();
  }
}
