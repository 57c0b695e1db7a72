import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml, renderJunit } from '../../src/report/index.js';
import { loadPolicy, loadReport, manyFindings, reportInput } from '../fixtures/reports/load.js';

const dir = mkdtempSync(join(tmpdir(), 'harbor-gate-html-'));
let browser: BrowserContext;
const errors: string[] = [];

beforeAll(async () => {
  // A fresh profile directory per run (Playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
    // Debian's chromium; CHROMIUM_PATH points elsewhere (e.g. Chrome on a GitHub runner, where
    // Ubuntu's chromium package is a snap stub).
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(name: string, html: string): Promise<Page> {
  const file = join(dir, name);
  writeFileSync(file, html);
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(file).href);
  expect(requests).toEqual([]);
  return page;
}

async function visibleRows(page: Page): Promise<number> {
  return page.locator('#findings tbody tr:not([hidden])').count();
}

describe('HTML report in headless Chromium', () => {
  it('shows the counts and verdict, and the filters change the rows', async () => {
    const input = reportInput(loadReport('debian-bookworm.json'), loadPolicy());
    const page = await open('debian.html', renderHtml(input));
    expect(await page.locator('#count-critical').textContent()).toBe('2');
    expect(await page.locator('#count-high').textContent()).toBe('4');
    expect(await page.locator('#after-high').textContent()).toBe('3');
    expect(await page.locator('#verdict').getAttribute('data-verdict')).toBe('fail');
    expect(await page.locator('svg[role=img] rect').count()).toBe(5);
    expect(await visibleRows(page)).toBe(11);
    expect(await page.locator('#shown').textContent()).toBe('11');

    await page.locator('#filter').fill('openssl');
    expect(await visibleRows(page)).toBe(4);
    expect(await page.locator('#shown').textContent()).toBe('4');

    await page.locator('#severity').selectOption('medium');
    expect(await visibleRows(page)).toBe(2);

    await page.locator('#filter').fill('');
    await page.locator('#severity').selectOption('');
    await page.locator('#status').selectOption('waived');
    expect(await visibleRows(page)).toBe(1);
    await page.locator('#filter').pressSequentially('no-such-package');
    expect(await visibleRows(page)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs the script under its own Content-Security-Policy and renders hostile text as text', async () => {
    const input = reportInput(loadReport('hostile.json'), loadPolicy());
    const page = await open('hostile.html', renderHtml(input));
    expect(await page.title()).toContain('harbor-gate report');
    expect(await page.title()).not.toBe('pwned');
    expect(await page.locator('#findings tbody tr').count()).toBe(2);
    expect(await page.locator('#findings tbody tr').first().locator('td').nth(1).textContent()).toBe(
      'pkg|pipe<script>alert(1)</script>',
    );
    expect(await page.locator('img').count()).toBe(0);
    // the filter works, so the inline script was allowed by the CSP hash
    await page.locator('#filter').fill('left-pad');
    expect(await visibleRows(page)).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits 1280 px: a long image reference wraps, ids and versions stay whole', async () => {
    const image = `harbor.platform.internal.example.com:8443/${'very-long-project-name/'.repeat(4)}service-with-a-long-name:1.2.3-rc.4-build.20240615120000`;
    const input = reportInput(loadReport('multiarch.json'), loadPolicy(), { image });
    const page = await open('wide.html', renderHtml(input));
    await page.setViewportSize({ width: 1280, height: 900 });
    const title = await page
      .locator('#title')
      .evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    expect(title.scroll).toBeLessThanOrEqual(title.client);
    const doc = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(doc.scroll).toBeLessThanOrEqual(doc.client);
    // The findings table fits without its horizontal scroll bar.
    const table = await page
      .locator('#findings')
      .evaluate((e) => ({ scroll: e.parentElement!.scrollWidth, client: e.parentElement!.clientWidth }));
    expect(table.scroll).toBeLessThanOrEqual(table.client);
    // A CVE id and a version are each on one line (all their boxes share one top).
    const first = page.locator('#findings tbody tr').first();
    for (const cell of [first.locator('td').nth(0), first.locator('td').nth(2)]) {
      const lines = await cell.evaluate((e) => {
        const r = document.createRange();
        r.selectNodeContents(e);
        return new Set(Array.from(r.getClientRects(), (x) => Math.round(x.top))).size;
      });
      expect(lines).toBe(1);
    }
    expect(await page.locator('#findings thead th').allTextContents()).toContain('platforms');
    await page.screenshot({
      path: join(process.env.HTML_SCREENSHOT_DIR ?? dir, 'report-1280.png'),
      fullPage: true,
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  // Issue 23, item 7: a phone (390 px) and a laptop (1280 px).
  for (const width of [390, 1280]) {
    it(`reads at ${String(width)} px: no page or steps-table overflow, counts whole, no one-word-per-line column`, async () => {
      const input = reportInput(loadReport('debian-bookworm.json'), loadPolicy());
      const page = await open(`width-${String(width)}.html`, renderHtml(input));
      await page.setViewportSize({ width, height: 900 });
      const m = await page.evaluate(`(() => {
        const box = (e) => ({ scroll: e.scrollWidth, client: e.clientWidth });
        const lines = (e) => {
          const r = document.createRange();
          r.selectNodeContents(e);
          return new Set(Array.from(r.getClientRects(), (x) => Math.round(x.top))).size;
        };
        const words = (e) => (e.textContent || '').split(/\\s+/).filter(Boolean).length;
        const steps = document.querySelector('#steps');
        const counts = document.querySelector('#counts');
        return {
          doc: box(document.documentElement),
          steps: box(steps.parentElement),
          stepsTable: box(steps),
          counts: box(counts.parentElement),
          countCells: Array.from(counts.querySelectorAll('td')).map((c) => ({ id: c.id, scroll: c.scrollWidth, client: c.clientWidth, text: c.textContent })),
          cells: Array.from(steps.querySelectorAll('tbody td')).map((c) => ({ words: words(c), lines: lines(c), width: c.getBoundingClientRect().width, text: (c.textContent || '').slice(0, 40) })),
        };
      })()`);
      const r = m as {
        doc: { scroll: number; client: number };
        steps: { scroll: number; client: number };
        stepsTable: { scroll: number; client: number };
        counts: { scroll: number; client: number };
        countCells: { id: string; scroll: number; client: number; text: string }[];
        cells: { words: number; lines: number; width: number; text: string }[];
      };
      expect(r.doc.scroll).toBeLessThanOrEqual(r.doc.client);
      expect(r.steps.scroll).toBeLessThanOrEqual(r.steps.client);
      expect(r.stepsTable.scroll).toBeLessThanOrEqual(r.stepsTable.client);
      // The counts table fits its box (no scroll bar needed) and every count shows whole.
      expect(r.counts.scroll).toBeLessThanOrEqual(r.counts.client);
      expect(r.countCells).toHaveLength(10);
      for (const c of r.countCells) {
        expect(c.scroll, c.id).toBeLessThanOrEqual(c.client);
        expect(c.text).toMatch(/^\d+$/);
      }
      // No column squeezed to a word a line: a cell that wraps is at least 150 px wide (at 390 px
      // the details column was 71 px, a word a line).
      expect(r.cells.length).toBeGreaterThan(0);
      for (const c of r.cells) {
        const what = `${c.text} (${String(Math.round(c.width))} px, ${String(c.lines)} lines)`;
        if (c.lines > 1) expect(c.width, what).toBeGreaterThanOrEqual(150);
      }
      await page.screenshot({
        path: join(process.env.HTML_SCREENSHOT_DIR ?? dir, `report-${String(width)}-steps.png`),
        fullPage: true,
      });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('filters 5000 findings', async () => {
    const page = await open('many.html', renderHtml(reportInput(manyFindings(5000), loadPolicy())));
    expect(await visibleRows(page)).toBe(5000);
    await page.locator('#severity').selectOption('critical');
    expect(await page.locator('#shown').textContent()).toBe('1000');
    await page.locator('#filter').fill('pkg-7 ');
    expect(Number(await page.locator('#shown').textContent())).toBeLessThan(1000);
    await page.close();
  });

  it('JUnit XML parses as XML in the browser', async () => {
    const page = await browser.newPage();
    for (const input of [
      reportInput(loadReport('hostile.json'), loadPolicy()),
      reportInput(loadReport('debian-bookworm.json'), loadPolicy()),
    ]) {
      const xml = renderJunit(input);
      const result = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        return {
          error: doc.getElementsByTagName('parsererror').length,
          failures: doc.getElementsByTagName('failure').length,
        };
      }, xml);
      expect(result).toEqual({ error: 0, failures: input.violations.length });
    }
    await page.close();
  });
});
