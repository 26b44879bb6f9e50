// Settings and keys: the key is sent as `Authorization`, kept in memory
// only unless the user chooses to remember it (with a warning), never put
// in the URL or storage otherwise; named endpoints switch providers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open, screenshot, send } from './helpers.mjs';

const KEY = 'sk-test-0123456789';

/** The `Authorization` header of the next images request. */
async function authorizationOf(page, action) {
  const [request] = await Promise.all([page.waitForRequest((request) => request.url().endsWith('/images/generations')), action()]);
  return request.headers().authorization ?? null;
}

const stored = (page) => page.evaluate(() => JSON.stringify({ ...localStorage }));

describe('settings', () => {
  test('a key lives in memory unless remembered, and is never in the URL', async (t) => {
    const { page } = await open(t);
    await page.getByRole('button', { name: 'Settings' }).click();
    const key = page.getByLabel('API key');
    await key.fill(KEY);
    await page.keyboard.press('Escape');
    assert.equal(await authorizationOf(page, () => send(page)), `Bearer ${KEY}`);
    assert.doesNotMatch(await stored(page), new RegExp(KEY), 'not in localStorage');
    assert.doesNotMatch(page.url(), new RegExp(KEY), 'not in the URL');

    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    assert.equal(await key.inputValue(), '', 'gone after a reload');
    await key.fill(KEY);
    await page.getByLabel('Remember the key in this browser').check();
    await page.getByText(/stored unencrypted in this browser/).waitFor();
    await screenshot(page, 'settings-remember');
    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    assert.equal(await key.inputValue(), KEY, 'remembered across a reload');
    assert.match(await stored(page), new RegExp(KEY));
    await page.getByLabel('Remember the key in this browser').uncheck();
    assert.doesNotMatch(await stored(page), new RegExp(KEY), 'forgotten at once when unchecked');
  });

  test('named endpoints switch base URL and key; no key sends no Authorization', async (t) => {
    const { page, server } = await open(t);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('API key').fill(KEY);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByLabel('Name').fill('Relay');
    await page.getByLabel('Base URL').fill(`${server.base}/v1`);
    assert.equal(await page.getByLabel('API key').inputValue(), '');
    await page.keyboard.press('Escape');
    assert.equal(await authorizationOf(page, () => send(page)), null, 'no key: no Authorization header');
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Endpoint').selectOption({ label: 'This server' });
    assert.equal(await page.getByLabel('API key').inputValue(), KEY);
    await page.keyboard.press('Escape');
    assert.equal(await authorizationOf(page, () => send(page)), `Bearer ${KEY}`);
    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    const names = await page.getByLabel('Endpoint').locator('option').allInnerTexts();
    assert.deepEqual(names, ['This server', 'Relay'], 'endpoints are kept');
  });

  test('a timeout or retry count out of range is named, and the last good value stays in use', async (t) => {
    const { page } = await open(t);
    await page.getByRole('button', { name: 'Settings' }).click();
    const saved = async () => JSON.parse(await page.evaluate(() => localStorage.getItem('gpt-image-playground.settings')));
    const timeout = page.getByLabel('Timeout (seconds)');
    await timeout.fill('0');
    await timeout.press('Tab');
    const problem = page.locator('#timeout-problem');
    assert.equal(await problem.innerText(), 'Timeout (seconds): must be a whole number from 1 to 3600. Still using 600.');
    assert.equal(await timeout.getAttribute('aria-invalid'), 'true');
    assert.equal((await saved()).timeout_seconds, 600, 'the bad value is not kept');
    await timeout.fill('5');
    await timeout.press('Tab');
    assert.equal(await problem.count(), 0, 'the problem goes once fixed');
    assert.equal((await saved()).timeout_seconds, 5);

    const retries = page.getByLabel('Retries');
    await retries.fill('11');
    await retries.press('Tab');
    assert.equal(await page.locator('#retries-problem').innerText(), 'Retries: must be a whole number from 0 to 10. Still using 2.');
    await retries.fill('');
    await retries.press('Tab');
    assert.equal(await page.locator('#retries-problem').innerText(), 'Retries: must be a whole number from 0 to 10. Still using 2.', 'empty is not zero');
    assert.equal((await saved()).max_retries, 2);
    await screenshot(page, 'settings-problem');

    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    assert.equal(await timeout.inputValue(), '5', 'the good value survives a reload');
  });
});
