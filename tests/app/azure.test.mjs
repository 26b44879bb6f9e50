// An Azure OpenAI endpoint in the playground's settings: the deployment's
// base URL, the Azure kind (the key in api-key, ?api-version=…), headers
// and query for every request; the connection test and Generate work
// against the local server mounted under Azure's paths.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open, screenshot, send } from './helpers.mjs';

describe('Azure OpenAI', () => {
  test('an Azure endpoint: its key in api-key, its version and query in every URL, the connection test and Generate', async (t) => {
    const { page, server } = await open(t, [], { viewport: { width: 1280, height: 900 } });
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();
    await dialog.getByLabel('Name').fill('Azure images');
    await dialog.getByLabel('Base URL').fill(`${server.base}/openai/deployments/gpt-image-2`);
    await dialog.getByLabel('Kind').selectOption({ label: 'Azure OpenAI' });
    assert.equal(await dialog.getByLabel('API version').inputValue(), '2025-04-01-preview');
    await dialog.getByLabel('API key', { exact: true }).fill('azure-key');
    await dialog.getByText('Headers and query parameters').click();
    await dialog.getByLabel('Headers, one a line').fill('x-team: images');
    await dialog.getByLabel('Query parameters, one a line').fill('tenant=acme');
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await page.waitForFunction(() => /Connected: \d+ models, among them gpt-image/.test(document.querySelector('.connection-result')?.textContent ?? ''));
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await dialog.getByLabel('Kind').scrollIntoViewIfNeeded();
      await screenshot(page, `azure-settings-desktop-${scheme}`);
    }
    await dialog.getByRole('button', { name: 'Close' }).click();

    const sent = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') sent.push([request.url(), request.headers()['api-key'], request.headers().authorization, request.headers()['x-team']]);
    });
    await send(page);
    const url = `${server.base}/openai/deployments/gpt-image-2/images/generations?api-version=2025-04-01-preview&tenant=acme`;
    assert.deepEqual(sent, [[url, 'azure-key', undefined, 'images']]);
  });
});
