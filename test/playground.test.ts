// The playground in a real browser: Debian's headless Chromium (never a
// downloaded one) driven by puppeteer-core opens the built page (web/dist/)
// from a local static server and from disk. A screenshot is saved to
// test-output/playground.png for a person to look at.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript build script
import { buildPlayground } from '../web/build.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const root = join(import.meta.dirname, '..');
const outDir = join(root, 'test-output');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

let dist = '';
let server: Server;
let base = '';
let browser: Browser;
let profile = '';

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
  dist = (await buildPlayground()) as string;
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(dist, path === '/' ? 'index.html' : path.slice(1));
    if (!file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  profile = mkdtempSync(join(tmpdir(), 'leibniz-chromium-'));
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
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
      `--user-data-dir=${profile}`,
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** A page that fails the test on any script error or any request off this machine. */
async function open(url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 1400 });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e instanceof Error ? e.message : String(e)}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!/^(http:\/\/127\.0\.0\.1|file:|blob:|data:)/.test(u)) problems.push(`network: ${u}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems };
}

const derivativeLatex = (page: Page): Promise<string> =>
  page.$eval('[data-testid="derivative"]', (el) => el.textContent ?? '');

async function waitForDerivative(page: Page, want: string): Promise<void> {
  await page.waitForFunction((w) => document.querySelector('[data-testid="derivative"]')?.textContent === w, { timeout: 40_000 }, want);
}

/** Pixels of the plot whose colour is near `rgb` (the curves' colours, see web/src/plot.ts). */
function countColour(page: Page, rgb: [number, number, number]): Promise<number> {
  return page.$eval(
    '#plot',
    (c, [r, g, b]) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) < 60) n++;
      return n;
    },
    rgb,
  );
}
const BLUE: [number, number, number] = [0x1f, 0x5f, 0xbf];
const ORANGE: [number, number, number] = [0xc2, 0x41, 0x0c];

describe('the playground', () => {
  it("differentiates the notebook's 5.1 as it is typed, and renders it with KaTeX", async () => {
    const { page, problems } = await open(`${base}#f=x`);
    await waitForDerivative(page, '1');
    await page.click('#f', { clickCount: 3 });
    await page.keyboard.press('Backspace');
    await page.type('#f', 'log(x^4)*sin(x^3)');
    // d/dx log(x^4) sin(x^3) = 4 sin(x^3)/x + 3 x^2 cos(x^3) log(x^4)
    await waitForDerivative(page, '3 x^{2} \\cos\\left(x^{3}\\right) \\ln\\left(x^{4}\\right) + \\frac{4 \\sin\\left(x^{3}\\right)}{x}');
    expect(await page.$eval('.result[data-key="derivative"] .math', (el) => el.querySelectorAll('.katex').length)).toBeGreaterThan(0);
    expect(await page.$eval('#f-math', (el) => el.querySelector('.katex-mathml') !== null)).toBe(true); // MathML for screen readers
    expect(new URL(page.url()).hash).toBe(`#f=${encodeURIComponent('log(x^4)*sin(x^3)')}&wrt=x`);
    // the check table: every line passes
    await page.waitForFunction(() => document.querySelectorAll('#check tbody tr').length > 0);
    expect(await page.$eval('#check-summary', (el) => el.textContent)).toMatch(/^PASS/);
    mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: join(outDir, 'playground.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens a #f= link and draws f and its derivative on the plot', async () => {
    const { page, problems } = await open(`${base}#f=${encodeURIComponent('x^3/10 - x')}&wrt=x`);
    await waitForDerivative(page, '\\frac{3 x^{2}}{10} - 1');
    expect(await page.$eval('#f', (el) => (el as HTMLInputElement).value)).toBe('x^3/10 - x');
    await page.waitForFunction(() => {
      const c = document.getElementById('plot') as HTMLCanvasElement;
      return c.width > 0;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await countColour(page, BLUE)).toBeGreaterThan(300);
    expect(await countColour(page, ORANGE)).toBeGreaterThan(300);
    // every control has a name a screen reader reads (a label, its text, or aria-label)
    const unnamed = await page.$$eval('input, select, button, canvas', (els) =>
      els
        .filter((el) => {
          const labels = (el as HTMLInputElement).labels;
          return !(labels && labels.length > 0) && !el.getAttribute('aria-label') && (el.textContent ?? '').trim() === '';
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the parse error with its caret, and marks the input invalid', async () => {
    const { page, problems } = await open(`${base}#f=${encodeURIComponent('x^2 +* 3')}`);
    await page.waitForSelector('#f-error:not([hidden])');
    const msg = await page.$eval('#f-error', (el) => el.textContent ?? '');
    expect(msg).toContain('x^2 +* 3');
    expect(msg).toMatch(/\n\s*\^/); // the caret line under the input
    expect(await page.$eval('#f', (el) => el.getAttribute('aria-invalid'))).toBe('true');
    expect(problems).toEqual([]);
    await page.close();
  });

  it("judges a claimed derivative and marks where it disagrees on the plot", async () => {
    const { page } = await open(`${base}#f=${encodeURIComponent('sin(x)^2')}&claimed=${encodeURIComponent('2*cos(x)')}`);
    await page.waitForFunction(() => /wrong/.test(document.getElementById('claimed-verdict')?.textContent ?? ''), { timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(await countColour(page, [0xdc, 0x26, 0x26])).toBeGreaterThan(50);
    await page.close();
  });

  it('keeps the page responsive while leibniz works on a heavy input, then shows the answer', async () => {
    const { page, problems } = await open(`${base}#f=x`);
    await waitForDerivative(page, '1');
    // the third derivative of a power tower (and its Hessian, Taylor polynomial, check) takes leibniz seconds;
    // asked through the link, so it is one question (typing would ask one per pause)
    // The page's own thread answers while the worker is busy: a click changes the view at once. Busy, click and
    // range are read in one task of the page, so "busy" is what the click saw; a machine fast enough to finish
    // before that task runs gets a higher order (no assumption about how long leibniz takes).
    let seen = { busy: '', before: '', after: '' };
    for (const order of [3, 4, 5, 6]) {
      await page.evaluate((h) => (location.hash = h), `#f=${encodeURIComponent('x^x^x^x')}&order=${order}`);
      await page.waitForFunction(() => document.getElementById('busy')?.textContent === 'working…');
      seen = await page.evaluate(() => {
        const busy = document.getElementById('busy')?.textContent ?? '';
        const before = document.getElementById('plot-range')?.textContent ?? '';
        document.getElementById('zoom-in')?.click();
        return { busy, before, after: document.getElementById('plot-range')?.textContent ?? '' };
      });
      if (seen.busy === 'working…') break;
      await page.waitForFunction(() => document.getElementById('busy')?.textContent === '', { timeout: 30_000 });
    }
    expect(seen.busy).toBe('working…');
    expect(seen.after).not.toBe(seen.before);
    await page.waitForFunction(() => document.getElementById('busy')?.textContent === '', { timeout: 30_000 });
    expect(await derivativeLatex(page)).toMatch(/\\ln/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('works opened from disk (file://)', async () => {
    const { page, problems } = await open(`${pathToFileURL(join(dist, 'index.html')).href}#f=${encodeURIComponent('exp(2*x)')}`);
    await waitForDerivative(page, '2 e^{2 x}');
    expect(problems).toEqual([]);
    await page.close();
  });
});
