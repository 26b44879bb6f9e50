// The form survives a reload (never the key, unless it is remembered), and
// the prompt box starts empty with an example as its placeholder; an
// embedded generator keeps nothing in its host's storage.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_PROMPT, newContextPage, open, prompt, screenshot } from './helpers.mjs';

const KEY = 'sk-test-0123456789';

describe('the form across reloads', () => {
  test('starts with a placeholder prompt, and keeps every control but the key', async (t) => {
    const { page } = await open(t, [], {}, { prompt: null });
    assert.equal(await prompt(page).inputValue(), '', 'no text to delete first');
    assert.equal(await prompt(page).getAttribute('placeholder'), DEFAULT_PROMPT);
    await screenshot(page, 'form-placeholder');

    await prompt(page).fill('a red kite over the dunes');
    await page.getByLabel('Size', { exact: true }).selectOption('1536x1024');
    await page.getByLabel('Quality').selectOption('high');
    await page.getByLabel('Format', { exact: true }).selectOption('jpeg');
    await page.getByLabel('Compression').fill('70');
    await page.getByLabel('Images', { exact: true }).fill('2');
    await page.getByLabel('Stream', { exact: true }).check();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('API key').fill(KEY);
    await page.keyboard.press('Escape');

    await page.reload();
    await page.waitForFunction(() => !document.getElementById('shell') && document.querySelector('form.generate button[type=submit]'));
    assert.equal(await prompt(page).inputValue(), 'a red kite over the dunes');
    assert.equal(await page.getByLabel('Size', { exact: true }).inputValue(), '1536x1024');
    assert.equal(await page.getByLabel('Quality').inputValue(), 'high');
    assert.equal(await page.getByLabel('Format', { exact: true }).inputValue(), 'jpeg');
    assert.equal(await page.getByLabel('Compression').inputValue(), '70');
    assert.equal(await page.getByLabel('Images', { exact: true }).inputValue(), '2');
    assert.equal(await page.getByLabel('Stream', { exact: true }).isChecked(), true);
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    assert.doesNotMatch(storage, new RegExp(KEY), 'the key is not stored');
    await page.getByRole('button', { name: 'Settings' }).click();
    assert.equal(await page.getByLabel('API key').inputValue(), '', 'nor put back');
  });

  test('an embedded generator keeps nothing', async (t) => {
    const { server } = await open(t, [], {}, { prompt: null });
    const page = await newContextPage(t);
    await page.goto(`${server.base}/?embed`);
    await page.locator('form.generate button[type=submit]').waitFor();
    await prompt(page).fill('a blue whale');
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => localStorage.getItem('gpt-image-playground.form')), null);
    assert.equal(await prompt(page).inputValue(), 'a blue whale');
  });
});
