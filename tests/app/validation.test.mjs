// A size that breaks a rule: its message shows once, by the
// controls; the field at fault is marked invalid; one click uses the nearest
// size that keeps every rule (from gpt-image-core's nearest_valid_size).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open, screenshot } from './helpers.mjs';

const invalid = (locator) => locator.getAttribute('aria-invalid');

/** How many elements of the page show `text` themselves (not through a child). */
const shown = (page, text) =>
  page.evaluate(
    (text) =>
      [...document.querySelectorAll('body *')].filter(
        (element) => element.checkVisibility() && [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.includes(text)),
      ).length,
    text,
  );

describe('a custom size that breaks a rule', () => {
  test('is said once, marks the field at fault, and "Use WxH" fixes it', async (t) => {
    const { page } = await open(t);
    await page.getByLabel('Size', { exact: true }).selectOption('custom');
    await page.getByLabel('Width').fill('1000');
    const use = page.getByRole('button', { name: 'Use 1008x1152' });
    await use.waitFor();
    assert.equal(await shown(page, 'multiples of 16'), 1, 'the message is in one place');
    assert.equal(await page.locator('#blocked').innerText(), 'Fix what is marked above first.');
    assert.equal(await invalid(page.getByLabel('Width')), 'true');
    assert.equal(await invalid(page.getByLabel('Height')), 'false', '1152 is fine');
    assert.equal(await invalid(page.getByLabel('Size', { exact: true })), 'false', '"custom" is fine');
    assert.equal(await page.getByRole('button', { name: 'Generate', exact: true }).isDisabled(), true);
    await screenshot(page, 'validation-use-size');
    await use.click();
    assert.deepEqual([await page.getByLabel('Width').inputValue(), await page.getByLabel('Height').inputValue()], ['1008', '1152']);
    await use.waitFor({ state: 'detached' });
    assert.equal(await page.locator('.problem.error').count(), 0);
    assert.equal(await invalid(page.getByLabel('Width')), 'false');
    assert.equal(await page.getByRole('button', { name: 'Generate', exact: true }).isDisabled(), false);
  });

  test('4000x1000: the nearest valid size keeps the longest edge and the shape rules', async (t) => {
    const { page } = await open(t);
    await page.getByLabel('Size', { exact: true }).selectOption('custom');
    await page.getByLabel('Width').fill('4000');
    await page.getByLabel('Height').fill('1000');
    await page.getByRole('button', { name: 'Use 3840x1280' }).waitFor();
    const messages = await page.locator('.problem.error').allInnerTexts();
    assert.ok(messages.some((message) => message.includes('(the nearest valid size is 3840x1280)')), messages.join('\n'));
    assert.ok(messages.every((message) => !message.includes('4000x1008')), 'not a size that breaks the 3840 limit');
    assert.equal(await invalid(page.getByLabel('Width')), 'true');
    assert.equal(await invalid(page.getByLabel('Height')), 'true');
    await page.getByRole('button', { name: 'Use 3840x1280' }).click();
    await page.waitForFunction(() => !document.querySelector('.problem.error'));
  });

  test('an empty prompt marks the prompt box', async (t) => {
    const { page } = await open(t);
    const box = page.getByLabel('Prompt', { exact: true });
    await box.fill('');
    await page.waitForFunction(() => document.querySelector('label.prompt textarea').getAttribute('aria-invalid') === 'true');
    await box.fill('a fox');
    await page.waitForFunction(() => document.querySelector('label.prompt textarea').getAttribute('aria-invalid') === 'false');
  });
});
