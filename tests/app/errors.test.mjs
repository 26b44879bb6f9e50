// Every failure the library can report, shown next to its request as a
// sentence a person can act on (the server's faults, one per request, with
// retries off), and the form and the gallery left as they were.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open, prompt, screenshot, stored } from './helpers.mjs';

/** Each fault and what the page must say about it. */
const FAULTS = [
  ['rate_limit', /^Too many requests: try again in 250 ms\. \(.+; request req_\w+\)$/],
  ['insufficient_quota', /^The account is out of credit: check its plan and billing\./],
  ['unauthorized', /^The API key was refused: check it in Settings\./],
  ['permission_denied', /^This key may not use this model or region\./],
  ['not_found', /^The base URL or the model is wrong: check both in Settings\./],
  ['unprocessable', /^The provider refused the request\./],
  ['moderation', /^The prompt or an input image was refused by moderation: reword it\./],
  ['server_error', /^The provider failed: retry in a moment\./],
  ['bad_gateway', /^The provider failed: retry in a moment\. \(.*502.*\)/],
  ['malformed', /^The provider's answer \(HTTP 200\) could not be read: .+\. Retry\.$/],
  ['truncated', /^The provider's answer \(HTTP 200\) could not be read: .+\. Retry\.$/],
  ['stall_headers', /^The provider took longer than the timeout: retry, or raise it in Settings\.$/],
];

describe('errors', () => {
  test('each error class is explained next to its request; the form and gallery stay', async (t) => {
    const faults = FAULTS.flatMap(([name]) => ['--fault', `${name}:1`]);
    const { page } = await open(t, faults);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Retries').fill('0');
    await page.getByLabel('Timeout (seconds)').fill('2');
    await page.getByLabel('Timeout (seconds)').press('Tab');
    await page.keyboard.press('Escape');
    await prompt(page).fill('a quiet harbour');
    for (const [index, [fault, message]] of FAULTS.entries()) {
      await page.getByRole('button', { name: 'Generate', exact: true }).click();
      const alerts = page.locator('.run .failure[role=alert] p');
      await page.waitForFunction((n) => document.querySelectorAll('.run .failure').length === n, index + 1, { timeout: 10_000 });
      assert.match(await alerts.first().innerText(), message, fault);
    }
    // A base URL where nothing listens: the connection fails.
    await page.getByRole('button', { name: 'Settings' }).click();
    const baseUrl = page.getByLabel('Base URL');
    const ours = await baseUrl.inputValue();
    await baseUrl.fill('http://127.0.0.1:9/v1');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.waitForFunction((n) => document.querySelectorAll('.run .failure').length === n, FAULTS.length + 1);
    assert.match(
      await page.locator('.run .failure p').first().innerText(),
      /^The provider could not be reached \(.+\): check the base URL and the network, then retry\.$/,
    );
    await page.getByRole('button', { name: 'Settings' }).click();
    await baseUrl.fill(ours);
    await page.keyboard.press('Escape');
    await screenshot(page, 'errors');
    assert.equal(await prompt(page).inputValue(), 'a quiet harbour', 'the form is kept');
    // The faults are used up: Retry on the oldest failure now succeeds.
    await page.locator('.run').last().getByRole('button', { name: 'Retry' }).click();
    await stored(page, 1);
  });
});
