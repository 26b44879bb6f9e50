// The first paint is the form: web/index.html draws the page's frame and a
// prompt box that takes typing before the wasm has arrived; the app then
// takes its place keeping what was typed, the caret and the focus, and
// nothing on the page moves (no layout shift), with no blank frame between.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startServer } from '../server/helpers.mjs';
import { dist, hostHeaders } from './dist.mjs';
import { newContextPage, screenshot } from './helpers.mjs';

/**
 * In the page: every layout shift (PerformanceObserver 'layout-shift'), and
 * how many animation frames from the first contentful paint on had no
 * visible prompt box. (Frames before it paint nothing: the parser may yield
 * with the body begun and the prompt box not yet parsed, which once made
 * this test flaky without anything being shown.)
 */
function watchThePage() {
  window.firstPaint = { shifts: [], blankFrames: 0, frames: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const sources = (entry.sources ?? []).map((source) => source.node?.className || source.node?.nodeName || '?');
      window.firstPaint.shifts.push({ value: entry.value, sources });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  const frame = () => {
    const box = document.querySelector('label.prompt textarea');
    if (document.body && performance.getEntriesByName('first-contentful-paint').length > 0) {
      window.firstPaint.frames += 1;
      if (!box?.checkVisibility()) window.firstPaint.blankFrames += 1;
    }
    if (window.firstPaint.frames < 600) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Where the main pieces of the page are, to the tenth of a pixel (the results column grows as the gallery opens). */
const layout = (page) =>
  page.evaluate(() =>
    Object.fromEntries(
      ['.top h1', '.totals', 'form.generate', 'label.prompt textarea', '#model', '.controls', 'form.generate button', '.results'].map((selector) => {
        const { x, y, width, height } = document.querySelector(selector).getBoundingClientRect();
        const box = selector === '.results' ? [x, y, width] : [x, y, width, height];
        return [selector, box.map((value) => Math.round(value * 10) / 10)];
      }),
    ),
  );

const screens = [
  ['desktop', { viewport: { width: 1280, height: 800 } }],
  ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
];

describe('the first paint', () => {
  for (const [name, device] of screens) {
    for (const colorScheme of ['light', 'dark']) {
      test(`${name}, ${colorScheme}: the form paints before the wasm arrives, takes typing, and the app takes over in place`, async (t) => {
        const server = await startServer(['--static', dist, ...hostHeaders(), '--latency-ms', '0']);
        t.after(server.stop);
        const page = await newContextPage(t, { ...device, colorScheme });
        await page.addInitScript(watchThePage);
        // The wasm waits until the test lets it through.
        let release;
        const held = new Promise((resolve) => (release = resolve));
        await page.route(/_bg\.wasm$/, async (route) => {
          await held;
          await route.continue();
        });
        await page.goto(`${server.base}/`, { waitUntil: 'commit' });
        const box = page.getByLabel('Prompt', { exact: true });
        await box.waitFor();
        await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
        assert.equal(await page.locator('#shell').count(), 1, 'the page shows its first paint, not the app');
        assert.equal(await page.getByRole('button', { name: 'Generate' }).isDisabled(), true, 'Generate waits for the app');
        await box.click();
        await page.keyboard.type('a paper boat on a pond');
        for (let step = 0; step < 8; step += 1) await page.keyboard.press('ArrowLeft');
        await page.keyboard.press('Shift+ArrowLeft');
        const shell = await layout(page);
        await screenshot(page, `first-paint-${name}-${colorScheme}-before-the-app`);

        release();
        await page.waitForFunction(() => !document.getElementById('shell') && document.querySelector('button[type=submit]')?.disabled === false);
        const kept = await page.evaluate(() => {
          const box = document.querySelector('label.prompt textarea');
          return [box.value, box.selectionStart, box.selectionEnd, box.selectionDirection, document.activeElement === box];
        });
        assert.deepEqual(kept, ['a paper boat on a pond', 13, 14, 'backward', true], 'the text, the selection and the focus are kept');
        const app = await layout(page);
        assert.deepEqual(app, shell, `every piece is where it was: ${JSON.stringify({ shell, app })}`);
        await page.waitForTimeout(300);
        const { shifts, blankFrames, frames } = await page.evaluate(() => window.firstPaint);
        assert.deepEqual(shifts, [], 'no layout shift');
        assert.ok(frames > 0, 'frames were counted');
        assert.equal(blankFrames, 0, 'no frame without the prompt box');
        await screenshot(page, `first-paint-${name}-${colorScheme}-the-app`);

        // Typing goes on where it stopped, and Generate sends what was typed.
        await page.keyboard.type('x');
        assert.equal(await box.inputValue(), 'a paper boat xn a pond');
        const sent = page.waitForRequest((request) => request.url().endsWith('/images/generations'));
        await page.getByRole('button', { name: 'Generate', exact: true }).click();
        assert.equal(JSON.parse((await sent).postData()).prompt, 'a paper boat xn a pond');
      });
    }
  }

  test('the favicon is an icon, not the page', async (t) => {
    const server = await startServer(['--static', dist, ...hostHeaders(), '--latency-ms', '0']);
    t.after(server.stop);
    const response = await fetch(`${server.base}/favicon.ico`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^image\//);
    const bytes = new Uint8Array(await response.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 4)], [0, 0, 1, 0], 'an ICO file');
  });
});
