// The demo's report in a real browser: headless Chromium (Debian's `chromium`, or CHROMIUM_PATH)
// driven by playwright-core opens a report made from a slice of the corpus at 1400 and 500 px and
// checks what a reader would see: no horizontal overflow, tables that fit, no overlapping text in
// the charts, charts that are not empty, paired charts side by side on a wide screen, and no
// console errors. Screenshots go to out/. Where no Chromium is installed the suite says so and skips.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { QUICK, runDemo } from '../src/demo/run.js';
import { NN_QUICK, runNnDemo } from '../src/demo/nn/run.js';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const executable = CANDIDATES.find((p): p is string => !!p && existsSync(p));
if (!executable) console.warn('demo.browser.test: no Chromium found (install Debian\'s chromium or set CHROMIUM_PATH): skipping the browser checks');

/** What the page measures about itself (runs inside the browser). */
interface Layout {
  scrollWidth: number;
  innerWidth: number;
  tooWideTables: string[];
  overlaps: string[];
  emptyCharts: string[];
  charts: { title: string; top: number; left: number; width: number }[];
  markersOnFrame: string[];
}

function measure(): Layout {
  const boxes = (els: Element[]) => els.map((e) => ({ e, r: e.getBoundingClientRect() })).filter((b) => b.r.width > 0 && b.r.height > 0);
  const hit = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const svgs = Array.from(document.querySelectorAll('svg'));
  const title = (s: Element) => s.querySelector('title')?.textContent ?? '(untitled)';
  const overlaps: string[] = [];
  for (const s of svgs) {
    const texts = boxes(Array.from(s.querySelectorAll('text')));
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++)
        if (hit(texts[i]!.r, texts[j]!.r)) overlaps.push(`${title(s)}: "${texts[i]!.e.textContent}" / "${texts[j]!.e.textContent}"`);
  }
  const cells = boxes(Array.from(document.querySelectorAll('td, th, li, h1, h2, h3, p')));
  for (let i = 0; i < cells.length; i++)
    for (let j = i + 1; j < cells.length; j++)
      if (!cells[i]!.e.contains(cells[j]!.e) && !cells[j]!.e.contains(cells[i]!.e) && hit(cells[i]!.r, cells[j]!.r))
        overlaps.push(`"${cells[i]!.e.textContent?.slice(0, 30)}" / "${cells[j]!.e.textContent?.slice(0, 30)}"`);
  const markersOnFrame: string[] = [];
  for (const s of svgs) {
    const frame = s.querySelector('rect[fill="none"]')?.getBoundingClientRect();
    for (const line of Array.from(s.querySelectorAll('line[stroke-dasharray]'))) {
      const r = line.getBoundingClientRect();
      if (frame && r.height > frame.height / 2 && (Math.abs(r.left - frame.left) < 1 || Math.abs(r.right - frame.right) < 1))
        markersOnFrame.push(`${title(s)}: ${line.querySelector('title')?.textContent}`);
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    tooWideTables: Array.from(document.querySelectorAll('table')).filter((t) => t.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((t) => t.querySelector('th')?.textContent ?? '?'),
    overlaps,
    emptyCharts: svgs.filter((s) => s.querySelectorAll('path[d*="L"], circle').length === 0 || s.getBoundingClientRect().width < 200).map(title),
    charts: svgs.map((s) => ({ title: title(s), top: s.getBoundingClientRect().top, left: s.getBoundingClientRect().left, width: s.getBoundingClientRect().width })),
    markersOnFrame,
  };
}

describe.skipIf(!executable)('the report in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shrinkage-browser-'));
  let browser: Browser, url: string, nnUrl: string;
  beforeAll(async () => {
    const quiet = { out: () => {}, err: () => {} };
    const r = await runDemo({ ...QUICK, limit: 600, nLambda: 8, minDocs: 3, compareJs: false, synthetic: { n: 40, d: 60, k: 4, noise: 1, nLambda: 8 }, outDir: dir }, quiet);
    url = pathToFileURL(r.reportPath).href;
    const nn = await runNnDemo({ ...NN_QUICK, train: 300, test: 100, nn: { ...NN_QUICK.nn, epochs: 1, hidden: 8 }, outDir: dir, quiet: true }, quiet);
    nnUrl = pathToFileURL(nn.reportPath).href;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: executable, args: ['--no-sandbox'] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Opens `page` at `width`, saves a screenshot as out/NAME-WIDTH.png and checks what every report
   * must satisfy: no console errors, no horizontal overflow, tables that fit, no overlapping text,
   * no empty charts. Returns the layout for the report's own checks.
   */
  async function openAndCheck(pageUrl: string, width: number, name: string): Promise<Layout> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => void errors.push(e.message));
    await page.goto(pageUrl);
    const layout = await page.evaluate(measure);
    mkdirSync(resolve('out'), { recursive: true });
    await page.screenshot({ path: resolve('out', `${name}-${width}.png`), fullPage: true });
    await page.close();
    expect(errors).toEqual([]);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
    expect(layout.tooWideTables).toEqual([]);
    expect(layout.overlaps).toEqual([]);
    expect(layout.emptyCharts).toEqual([]);
    return layout;
  }

  for (const width of [1400, 500]) {
    it(`the network report reads well at ${width} px`, async () => {
      const layout = await openAndCheck(nnUrl, width, 'nn-report');
      expect(layout.charts).toHaveLength(4);
    });

    it(`reads well at ${width} px`, async () => {
      const layout = await openAndCheck(url, width, 'report');
      expect(layout.markersOnFrame).toEqual([]);
      expect(layout.charts.length).toBeGreaterThanOrEqual(9);
      const l1 = layout.charts.find((c) => c.title.startsWith('L1 (lasso) coefficient'))!;
      const l2 = layout.charts.find((c) => c.title.startsWith('L2 (ridge) coefficient'))!;
      if (width === 1400) {
        // Paired charts share a row on a wide screen and use its width.
        expect(Math.abs(l1.top - l2.top)).toBeLessThan(2);
        expect(l2.left).toBeGreaterThan(l1.left + l1.width - 1);
      } else {
        expect(l2.top).toBeGreaterThan(l1.top);
        for (const c of layout.charts) expect(c.width).toBeLessThanOrEqual(width);
      }
    });
  }
});
