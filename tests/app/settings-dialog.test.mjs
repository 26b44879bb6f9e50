// Settings in a dialog, not inline: the form does not move; the endpoint in
// use is on the main screen; a connection test asks the provider for its
// models; placeholders fit the endpoint; a new endpoint starts empty rather
// than at OpenAI's URL under a placeholder meant for this server.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { audit } from './audit.mjs';
import { open, screenshot } from './helpers.mjs';

const screens = [
  ['desktop', { viewport: { width: 1280, height: 800 } }],
  ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
];

describe('the settings dialog', () => {
  test('opens as a modal dialog over a form that stays put; shows the endpoint in use; tests the connection', async (t) => {
    const { page, server } = await open(t);
    const endpoint = page.locator('.active-endpoint');
    assert.equal(await endpoint.innerText(), 'Endpoint: This server');
    assert.equal(await endpoint.getAttribute('title'), `${server.base}/v1`);
    const formAt = () => page.locator('form.generate').boundingBox();
    const before = await formAt();
    const button = page.getByRole('button', { name: 'Settings' });
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    assert.equal(await dialog.evaluate((element) => element.tagName === 'DIALOG' && element.matches(':modal')), true);
    assert.deepEqual(await formAt(), before, 'the form did not move');
    assert.equal(await dialog.getByLabel('API key').getAttribute('placeholder'), 'none: the server adds it');

    await dialog.getByRole('button', { name: 'Test connection' }).click();
    const result = dialog.locator('.connection-result');
    await result.filter({ hasText: /^Connected: / }).waitFor();
    assert.match(await result.innerText(), /^Connected: \d+ models, among them gpt-image-\S+/);
    await screenshot(page, 'settings-dialog-connected');
    assert.deepEqual(await audit(page), [], 'axe: the dialog open');

    // Where nothing listens: the test says so, in the words of the errors table.
    await dialog.getByLabel('Base URL').fill('http://127.0.0.1:9/v1');
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await result.filter({ hasText: /^The provider could not be reached/ }).waitFor();
    assert.equal(await result.getAttribute('class'), 'connection-result error');
    await dialog.getByLabel('Base URL').fill(`${server.base}/v1`);

    await page.keyboard.press('Escape');
    assert.equal(await dialog.isVisible(), false);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Settings', 'the focus goes back to the button');
  });

  test('a new endpoint starts empty, with placeholders that fit it; the main screen names it', async (t) => {
    const { page } = await open(t);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();
    const baseUrl = dialog.getByLabel('Base URL');
    const key = dialog.getByLabel('API key');
    assert.equal(await baseUrl.inputValue(), '', 'not OpenAI by default');
    assert.equal(await baseUrl.getAttribute('placeholder'), 'https://provider.example/v1');
    assert.notEqual(await key.getAttribute('placeholder'), 'none: the server adds it');
    assert.match(await dialog.locator('#base-url-problem').innerText(), /The provider's API root, such as https:\/\/api\.openai\.com\/v1: nothing is sent until it is set\./);
    assert.equal(await dialog.getByRole('button', { name: 'Test connection' }).isDisabled(), true);
    await baseUrl.fill('api.openai.com');
    await dialog.locator('#base-url-problem .problem.error').waitFor();
    assert.deepEqual(await audit(page), [], 'axe: a base URL in error');
    await baseUrl.fill('https://api.openai.com/v1');
    assert.equal(await key.getAttribute('placeholder'), 'sk-…');
    await dialog.getByLabel('Name').fill('OpenAI');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.active-endpoint').innerText(), 'Endpoint: OpenAI');
    assert.equal(await page.locator('.active-endpoint').getAttribute('title'), 'https://api.openai.com/v1');
  });

  for (const [name, device] of screens) {
    for (const colorScheme of ['light', 'dark']) {
      test(`${name}, ${colorScheme}: the dialog fits the screen`, async (t) => {
        const { page } = await open(t, [], { ...device, colorScheme });
        await screenshot(page, `settings-main-${name}-${colorScheme}`);
        await page.getByRole('button', { name: 'Settings' }).click();
        const dialog = page.getByRole('dialog', { name: 'Settings' });
        await dialog.getByRole('button', { name: 'Test connection' }).click();
        await dialog.locator('.connection-result').filter({ hasText: /^Connected: / }).waitFor();
        const box = await dialog.boundingBox();
        const screen = device.viewport;
        assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= screen.width && box.y + box.height <= screen.height, JSON.stringify(box));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(overflow <= 0, `${overflow} px sideways`);
        await screenshot(page, `settings-dialog-${name}-${colorScheme}`);
        await dialog.getByLabel('Base URL').fill('api.openai.com');
        await dialog.locator('#base-url-problem .problem.error').waitFor();
        await screenshot(page, `base-url-error-${name}-${colorScheme}`);
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: 'Generate', exact: true }).click();
        await page.locator('.run .failure').waitFor();
        await screenshot(page, `base-url-not-sent-${name}-${colorScheme}`, { fullPage: true });
      });
    }
  }
});
