// 简体中文 and English: the playground follows the browser's language,
// shows no English word a Chinese reader should not see (the first paint,
// labels, hints, validation, a run, an error's advice, the gallery, the
// viewer, the settings dialog, every mode, accessible names, the title),
// switches in one click from the header, and remembers it. Screenshots in
// Chinese at desktop and phone size, light and dark (English: screens.test.mjs).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startServer } from '../server/helpers.mjs';
import { dist, hostHeaders } from './dist.mjs';
import { appReady, newContextPage, screenshot } from './helpers.mjs';

/**
 * Latin words a Chinese page may show: names of models, products, formats
 * and protocols, units, keys, and the parameters' wire names where the page
 * shows them as code. Anything else in Latin letters is an untranslated word.
 */
const NAMES = new Set([
  'gpt', 'image', 'mini', 'dall', 'GPT', 'Image', 'DALL', 'OpenAI', 'Azure', 'API', 'URL', 'Base', 'PNG', 'JPEG', 'WebP',
  'GIF', 'SVG', 'ZIP', 'JSON', 'Images', 'Responses', 'HTTP', 'HTTPS', 'http', 'https', 'token', 'tokens', 'US', 'KB', 'MB', 'GB', 'kB',
  'png', 'jpeg', 'webp', 'gif', 'svg', 'auto', 'v1', 'px', 'English', 'gpt-image', 'Sunburst',
  // keys, as keyboards label them
  'Ctrl', 'Enter', 'Shift', 'Esc',
  // wire names of parameters, shown as code
  'prompt', 'model', 'size', 'quality', 'background', 'output_format', 'output_compression', 'moderation', 'stream',
  'partial_images', 'input_fidelity', 'complexity', 'frame_count', 'frame_duration_ms', 'markup', 'mask', 'n',
  'response_format', 'user', 'style', 'url', 'b64_json', 'vivid', 'natural', 'seed', 'images',
]);

/** The Latin words visible on the page, in text and in accessible names, titles and placeholders. */
const latinWords = (page) =>
  page.evaluate(() => {
    const words = new Map();
    const take = (text, where) => {
      // Addresses and paths are written as they are in every language.
      const plain = text.replace(/[a-z][a-z0-9+.-]*:\/\/\S*|\/[\w./{}-]+/gi, ' ');
      for (const word of plain.match(/[A-Za-z][A-Za-z0-9_-]*[A-Za-z]/g) ?? []) if (!words.has(word)) words.set(word, where.slice(0, 80));
    };
    const shown = (element) => element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const element = walker.currentNode.parentElement;
      // What the person typed, shown back, is theirs.
      if (!element || element.closest('script, style, textarea, code, .run-prompt, .card-prompt, .revised-prompt') || !shown(element)) continue;
      take(walker.currentNode.textContent, walker.currentNode.textContent);
    }
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (!shown(element)) continue;
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = element.getAttribute(name);
        if (value) take(value, `${name}=${value}`);
      }
    }
    return [...words];
  });

async function assertChinese(page, where) {
  const english = (await latinWords(page)).filter(([word]) => !NAMES.has(word) && !/^gpt-image-/.test(word));
  assert.deepEqual(english, [], `English words on the Chinese page (${where})`);
}

const PROMPT = '黎明时分的灯塔，水彩';

async function openIn(t, locale, context = {}, args = []) {
  const server = await startServer(['--static', dist, ...hostHeaders(), '--latency-ms', '0', ...args]);
  t.after(server.stop);
  const page = await newContextPage(t, { locale, ...context });
  await page.goto(`${server.base}/`);
  await appReady(page);
  return { page, server };
}

describe('languages', () => {
  test('a Chinese browser gets the whole playground in Chinese, validation and runs included', async (t) => {
    const { page } = await openIn(t, 'zh-CN');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.equal(await page.title(), 'gpt-image 演练场');
    await page.getByRole('button', { name: 'English' }).waitFor();
    await assertChinese(page, 'the first screen');

    // Validation, written from core's rule and values.
    const box = page.locator('label.prompt textarea');
    await box.fill('灯'.repeat(32_001));
    const problem = page.locator('.problem[data-rule="max_length"]');
    await problem.waitFor();
    assert.match(await problem.innerText(), /^prompt 太长：32001 个字符，gpt-image-\S+ 最多接受 32000 个/);
    await assertChinese(page, 'a validation error');

    // A run and its image in the gallery.
    await box.fill(PROMPT);
    await page.getByRole('button', { name: '生成', exact: true }).click();
    await page.locator('.run .picture img').first().waitFor({ timeout: 20_000 });
    await page.locator('article.run[aria-busy="false"]').waitFor();
    await assertChinese(page, 'a finished run');
    await screenshot(page, 'languages-zh-desktop');

    await page.getByRole('button', { name: '设置', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await assertChinese(page, 'the settings dialog');
    await dialog.getByRole('button', { name: '关闭' }).first().click();

    // After a reload: the gallery's card, the viewer, every parameter, the edit and conversation modes.
    await page.reload();
    await appReady(page);
    await page.locator('.card .thumb').first().click();
    await page.locator('dialog.viewer[open]').waitFor();
    await assertChinese(page, 'the viewer');
    await page.keyboard.press('Escape');
    await page.locator('details.more summary').click();
    await assertChinese(page, 'every parameter');
    await page.getByRole('radio', { name: '编辑' }).check();
    await assertChinese(page, 'the edit mode');
    await page.getByRole('radio', { name: '对话' }).check();
    await page.locator('.conversation').first().waitFor();
    await assertChinese(page, 'the conversation mode');
    await screenshot(page, 'languages-zh-conversation');
  });

  test('a Chinese reader\'s first paint, before the app, is Chinese too', async (t) => {
    const server = await startServer(['--static', dist, ...hostHeaders(), '--latency-ms', '0']);
    t.after(server.stop);
    const page = await newContextPage(t, { locale: 'zh-CN' });
    await page.route(/_bg\.wasm$/, () => {}); // never answered: the first paint stays
    await page.goto(`${server.base}/`);
    await page.locator('#shell').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.equal(await page.title(), 'gpt-image 演练场');
    assert.equal(await page.locator('#shell label.prompt span').innerText(), '提示词');
    await assertChinese(page, 'the first paint');
  });

  test("an error's advice is Chinese around the provider's own words; desktop dark and phone light", async (t) => {
    const dark = await openIn(t, 'zh-CN', { colorScheme: 'dark' }, ['--fault', 'unauthorized:1']);
    await dark.page.locator('label.prompt textarea').fill(PROMPT);
    await dark.page.getByRole('button', { name: '生成', exact: true }).click();
    const failure = dark.page.locator('.run .failure p').first();
    await failure.waitFor({ timeout: 20_000 });
    assert.match(await failure.innerText(), /^API 密钥被拒绝：请在设置中检查。（.+；请求 req_[0-9a-f]{32}）$/);
    await screenshot(dark.page, 'languages-zh-desktop-dark');

    const light = await openIn(t, 'zh-CN', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await light.page.locator('label.prompt textarea').fill(PROMPT);
    await light.page.getByRole('button', { name: '生成', exact: true }).click();
    await light.page.locator('.run .picture img').first().waitFor({ timeout: 20_000 });
    await screenshot(light.page, 'languages-zh-phone-light', { fullPage: true });
  });

  test('the switch in the header changes the language at once, and the choice outlives a reload', async (t) => {
    const { page } = await openIn(t, 'zh-CN');
    await page.getByRole('button', { name: 'English' }).click();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.title(), 'gpt-image playground');
    await page.getByRole('button', { name: 'Generate', exact: true }).waitFor();
    assert.equal(await page.locator('label.prompt span').first().innerText(), 'Prompt');
    await page.reload();
    await appReady(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en', 'the choice is remembered');
    await page.getByRole('button', { name: '中文' }).click();
    assert.equal(await page.locator('label.prompt span').first().innerText(), '提示词');
  });

  test('an English browser gets English; a phone in dark mode gets Chinese laid out as well', async (t) => {
    const { page } = await openIn(t, 'en-US');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.getByRole('button', { name: '中文' }).waitFor();

    const phone = await openIn(t, 'zh-CN', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme: 'dark' });
    await phone.page.locator('label.prompt textarea').fill(PROMPT);
    await phone.page.getByRole('button', { name: '生成', exact: true }).click();
    await phone.page.locator('.run .picture img').first().waitFor({ timeout: 20_000 });
    await assertChinese(phone.page, 'a phone');
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'nothing is wider than the phone');
    await screenshot(phone.page, 'languages-zh-phone-dark', { fullPage: true });
  });
});
