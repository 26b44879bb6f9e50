// One viewer for every image, and the ZIP people expect (issue 25, item 4):
// a run's image opens in the gallery's viewer, not as a raw blob: tab (and,
// deleted there, leaves its run until Undo); the viewer says what was asked
// (prompt, model, size, quality and the rest), what came back (the model's
// rewrite of the prompt, labelled as such) and when it was made; Export all
// on an empty gallery says there is nothing to export; importing a ZIP again
// skips the images the gallery holds already.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { startServer } from '../server/helpers.mjs';
import { dist, hostHeaders } from './dist.mjs';
import { appReady, menuAction, newContextPage, newPage, open, prompt, screenshot, send, stored } from './helpers.mjs';

const screens = [
  ['desktop', { viewport: { width: 1280, height: 800 } }],
  ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
];

/** A page of the playground in a Chinese browser, on a fresh server. */
async function openChinese(t) {
  const server = await startServer(['--static', dist, ...hostHeaders(), '--latency-ms', '0']);
  t.after(server.stop);
  const page = await newContextPage(t, { locale: 'zh-CN' });
  await page.goto(`${server.base}/`);
  await appReady(page);
  return page;
}

const REWRITE = 'a tall white lighthouse on a rocky shore at dawn, soft watercolour washes';

/** Has the provider's answer say that the model rewrote the prompt (as the real API does). */
async function rewritten(page) {
  await page.route('**/v1/images/generations', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    for (const image of body.data) image.revised_prompt = REWRITE;
    await route.fulfill({ response, json: body });
  });
}

/** Waits until the runs on the page are over. */
const settled = (page) => page.waitForFunction(() => !document.querySelector('.run[aria-busy=true]'));

/** Every page the browser context opens from now on (a raw image tab would be one). */
function tabs(page) {
  const opened = [];
  page.context().on('page', (other) => opened.push(other.url()));
  return opened;
}

/** Where the viewer and its parts are, against the screen. */
const placement = (page) =>
  page.evaluate(() => {
    const box = (element) => {
      const { top, bottom, left, right } = element.getBoundingClientRect();
      return { top, bottom, left, right };
    };
    const dialog = document.querySelector('dialog.viewer');
    return {
      screen: { width: innerWidth, height: innerHeight },
      scrolls: dialog.scrollHeight > dialog.clientHeight + 1,
      parts: Object.fromEntries(
        ['.viewer-image img', '.facts', '.image-actions', '.viewer-prompt', '.viewer-revised', '.viewer-asked', '.viewer-made'].map((part) => [
          part,
          box(dialog.querySelector(part)),
        ]),
      ),
    };
  });

const inside = (part, screen) => part.top >= 0 && part.left >= 0 && part.bottom <= screen.height && part.right <= screen.width;

/** The date the page's Intl writes for the viewer's `<time>`, in `locale`. */
const intlDate = (page, locale) =>
  page.locator('.viewer-made time').evaluate((time, locale) => {
    const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    return format.format(new Date(time.getAttribute('datetime')));
  }, locale);

describe('one viewer for every image', () => {
  test("a run's image opens in the viewer, which pages through the run's images", async (t) => {
    const { page } = await open(t);
    await page.getByLabel('Images', { exact: true }).fill('2');
    await send(page, { count: 2 });
    await stored(page, 2);
    await settled(page);
    const opened = tabs(page);
    const frames = page.locator('.run .picture .frame');
    assert.equal(await frames.first().getAttribute('aria-label'), 'Open in the viewer');
    await frames.first().click();
    const viewer = page.getByRole('dialog', { name: 'Stored image' });
    await viewer.waitFor();
    await page.waitForFunction(() => document.querySelector('.viewer-image img')?.complete);
    assert.equal(await viewer.locator('.viewer-count').innerText(), '1 of 2', "the run's two images");
    await viewer.getByRole('button', { name: 'Next image' }).click();
    assert.equal(await viewer.locator('.viewer-count').innerText(), '2 of 2');
    assert.equal(await viewer.locator('.viewer-prompt').innerText(), 'a lighthouse at dawn, watercolour');
    // Deleted in the viewer: gone from the run too, until Undo brings it back.
    await menuAction(viewer, 'Delete');
    await viewer.locator('.undo.active').waitFor();
    assert.equal(await viewer.locator('.viewer-count').innerText(), '1 of 1');
    await page.waitForFunction(() => document.querySelectorAll('.run .picture').length === 1);
    await viewer.getByRole('button', { name: 'Undo' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.run .picture').length === 2);
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    assert.deepEqual(opened, [], 'no tab was opened');
    assert.equal(await page.locator('.gallery .card').count(), 0, 'the images are still shown by their run, once');
  });

  test('a gallery card and a run image open the same viewer', async (t) => {
    const { page } = await open(t);
    await send(page);
    await stored(page, 1);
    await settled(page);
    await page.reload();
    await page.locator('.gallery .card img').waitFor({ timeout: 20_000 });
    await prompt(page).fill('a red bicycle in the snow');
    await send(page);
    await stored(page, 2);
    await settled(page);
    await page.locator('.gallery .card').first().getByRole('button', { name: /^Open:/ }).click();
    const viewer = page.getByRole('dialog', { name: 'Stored image' });
    assert.equal(await viewer.locator('.viewer-prompt').innerText(), 'a lighthouse at dawn, watercolour');
    assert.equal(await viewer.locator('.viewer-count').innerText(), '1 of 1', 'the cards');
    await viewer.getByRole('button', { name: 'Close' }).click();
    await viewer.waitFor({ state: 'detached' });
    await page.locator('.run .picture .frame').first().click();
    assert.equal(await viewer.locator('.viewer-prompt').innerText(), 'a red bicycle in the snow');
    assert.equal(await page.locator('dialog.viewer').count(), 1, 'one viewer');
  });
});

describe('the viewer says what was asked, what came back and when', () => {
  for (const [name, device] of screens) {
    for (const colorScheme of ['light', 'dark']) {
      test(`${name}, ${colorScheme}: prompt, model, size, quality, the model's rewrite, tokens, cost and date`, async (t) => {
        const { page } = await open(t, [], { ...device, colorScheme });
        await rewritten(page);
        await page.getByLabel('Quality', { exact: true }).selectOption('high');
        await page.getByLabel('Background', { exact: true }).selectOption('opaque');
        await send(page);
        await stored(page, 1);
        await settled(page);
        await page.locator('.run .picture .frame').first().click();
        const viewer = page.getByRole('dialog', { name: 'Stored image' });
        await page.waitForFunction(() => document.querySelector('.viewer-image img')?.complete);
        await viewer.locator('.viewer-revised').waitFor();
        const facts = viewer.getByRole('definition');
        assert.equal(await viewer.locator('.viewer-prompt').innerText(), 'a lighthouse at dawn, watercolour');
        assert.deepEqual(await viewer.locator('.viewer-facts dt').allInnerTexts(), ['Prompt', "The model's rewrite of the prompt", 'Asked for', 'Made']);
        assert.equal(await viewer.locator('.viewer-revised').innerText(), REWRITE);
        assert.ok((await facts.count()) >= 4);
        const asked = await viewer.locator('.viewer-asked .parameter').allInnerTexts();
        assert.match(asked[0], /^Model gpt-image-[\w.-]+$/, asked.join(' | '));
        assert.ok(asked.includes('Size 1024x1024'), asked.join(' | '));
        assert.ok(asked.includes('Quality high'), asked.join(' | '));
        assert.ok(asked.includes('Background opaque'), asked.join(' | '));
        assert.match(await viewer.locator('.facts').innerText(), /^1024x1024 · PNG · \d+\.\d KB · [\d,]+ tokens · ≈ \$\d+\.\d{3}$/, 'what came back');
        assert.equal(await viewer.locator('.revised').count(), 0, 'the rewrite once, labelled');
        const made = await viewer.locator('.viewer-made time').innerText();
        assert.equal(made, await intlDate(page, 'en'));
        assert.match(made, /\d{4}/, 'a date with its year');
        const where = await placement(page);
        assert.equal(where.scrolls, false, 'nothing to scroll to');
        for (const [part, box] of Object.entries(where.parts)) {
          assert.ok(inside(box, where.screen), `${part} ${JSON.stringify(box)} is on the ${JSON.stringify(where.screen)} screen`);
        }
        await screenshot(page, `viewer-facts-${name}-${colorScheme}`);
      });
    }
  }

  test('in Chinese: the labels, and the date as Intl writes it in Chinese', async (t) => {
    const page = await openChinese(t);
    await page.getByLabel('提示词', { exact: true }).fill('黎明时分的灯塔，水彩');
    await rewritten(page);
    await send(page, { button: '生成' });
    await page.locator('.gallery-totals').filter({ hasText: /^1 张图片/ }).waitFor({ timeout: 20_000 });
    await settled(page);
    await page.locator('.run .picture .frame').first().click();
    const viewer = page.getByRole('dialog', { name: '已保存的图片' });
    await viewer.locator('.viewer-revised').waitFor();
    assert.deepEqual(await viewer.locator('.viewer-facts dt').allInnerTexts(), ['提示词', '模型改写后的提示词', '请求参数', '生成时间']);
    const asked = await viewer.locator('.viewer-asked .parameter').allInnerTexts();
    assert.ok(asked.includes('尺寸 1024x1024'), asked.join(' | '));
    const made = await viewer.locator('.viewer-made time').innerText();
    assert.equal(made, await intlDate(page, 'zh-CN'));
    assert.match(made, /\d{4}年\d{1,2}月\d{1,2}日/);
    await screenshot(page, 'viewer-facts-zh');
  });
});

describe('the ZIP', () => {
  test('Export all on an empty gallery says there is nothing to export, and downloads nothing', async (t) => {
    const { page } = await open(t);
    await page.locator('.gallery .hint').waitFor();
    const downloads = [];
    page.on('download', (download) => downloads.push(download.suggestedFilename()));
    await page.getByRole('button', { name: 'Export all as ZIP' }).click();
    await page.locator('.gallery-status').filter({ hasText: 'The gallery is empty: there is nothing to export.' }).waitFor();
    await page.waitForTimeout(500);
    assert.deepEqual(downloads, []);
    await screenshot(page, 'export-empty', { clip: await page.locator('.gallery').boundingBox() });
  });

  test('Export all on an empty gallery, in Chinese', async (t) => {
    const page = await openChinese(t);
    await page.locator('.gallery .hint').waitFor();
    await page.getByRole('button', { name: '全部导出为 ZIP' }).click();
    await page.locator('.gallery-status').filter({ hasText: '图库是空的：没有可导出的图片。' }).waitFor();
  });

  test('importing a ZIP again skips the images the gallery holds, and says how many were new', async (t) => {
    const { page, server } = await open(t);
    const exportAll = async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all as ZIP' }).click()]);
      return readFileSync(await download.path());
    };
    const zip = (buffer) => ({ name: 'gallery.zip', mimeType: 'application/zip', buffer });
    await page.getByLabel('Images', { exact: true }).fill('2');
    await send(page, { count: 2 });
    await stored(page, 2);
    await settled(page);
    const two = await exportAll();
    await prompt(page).fill('a red bicycle in the snow');
    await page.getByLabel('Images', { exact: true }).fill('1');
    await send(page);
    await stored(page, 3);
    await settled(page);
    const three = await exportAll();

    // Its own export, back into the browser that made it: the same bytes and prompts.
    await page.getByLabel('Import ZIP').setInputFiles(zip(three));
    await page.locator('.gallery-status').filter({ hasText: "Nothing new: the ZIP's 3 images are all in the gallery already." }).waitFor({ timeout: 20_000 });
    await stored(page, 3);

    const fresh = await newPage(t, server.base);
    const status = fresh.locator('.gallery-status');
    await fresh.getByLabel('Import ZIP').setInputFiles(zip(two));
    await status.filter({ hasText: /^Imported 2 images\.$/ }).waitFor({ timeout: 20_000 });
    await fresh.getByLabel('Import ZIP').setInputFiles(zip(three));
    await status.filter({ hasText: 'Imported 1 new image; 2 were in the gallery already.' }).waitFor({ timeout: 20_000 });
    await stored(fresh, 3);
    await fresh.getByLabel('Import ZIP').setInputFiles(zip(three));
    await status.filter({ hasText: "Nothing new: the ZIP's 3 images are all in the gallery already." }).waitFor({ timeout: 20_000 });
    await stored(fresh, 3);
    await fresh.waitForFunction(() => document.querySelectorAll('.gallery .card').length === 3);
    await screenshot(fresh, 'import-again', { clip: await fresh.locator('.gallery').boundingBox() });
  });
});
