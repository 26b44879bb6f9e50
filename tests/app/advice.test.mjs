// What the page says about each error class, from gpt-image-wasm's one table
// (`is_retryable`, `was_retried`, `retry_after_ms`, `class_name`): the wait
// in the provider's units, Retry only where sending again can help, and
// whether the client already retried. Faults come from the local server.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open, screenshot } from './helpers.mjs';

/** The failure shown by the newest run, once there is one more than `before`. */
async function nextFailure(page, before) {
  await page.waitForFunction((n) => document.querySelectorAll('.run .failure').length > n, before, { timeout: 20_000 });
  const failure = page.locator('.run').first().locator('.failure');
  return {
    text: await failure.locator('p').innerText(),
    retry: await failure.getByRole('button', { name: 'Retry' }).count(),
  };
}

/** Opens the playground with `faults` queued and the retries set to `retries`. */
async function withFaults(t, faults, retries) {
  const { page } = await open(t, faults.flatMap((fault) => ['--fault', fault]));
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Retries').fill(String(retries));
  await page.getByLabel('Retries').press('Tab');
  await page.keyboard.press('Escape');
  return page;
}

const generate = (page) => page.getByRole('button', { name: 'Generate', exact: true }).click();

describe('advice per error class', () => {
  test('a rate limit gives the wait in the provider\'s units, never "1 second" for 250 ms', async (t) => {
    const page = await withFaults(t, ['rate_limit:1'], 0);
    await generate(page);
    const { text } = await nextFailure(page, 0);
    assert.match(text, /^Too many requests: try again in 250 ms\. \(.+; request req_\w+\)$/);
    assert.doesNotMatch(text, /second/);
    await screenshot(page, 'advice-rate-limit');
  });

  test('the refusals a retry cannot help say what to do instead', async (t) => {
    const faults = ['insufficient_quota:1', 'moderation:1', 'unauthorized:1', 'ok_with_error:1'];
    const page = await withFaults(t, faults, 2);
    const said = [];
    for (const [index] of faults.entries()) {
      await generate(page);
      said.push((await nextFailure(page, index)).text);
    }
    assert.match(said[0], /^The account is out of credit: check its plan and billing\./);
    assert.match(said[1], /^The prompt or an input image was refused by moderation: reword it\./);
    assert.match(said[2], /^The API key was refused: check it in Settings\./);
    assert.match(said[3], /^The account is out of credit: check its plan and billing\./, 'an error inside a 200 answer');
    for (const text of said) assert.doesNotMatch(text, /retried/, text);
  });

  test('Retry only where it can help', async (t) => {
    const faults = ['insufficient_quota:1', 'moderation:1', 'unauthorized:1', 'server_error:1', 'rate_limit:1'];
    const page = await withFaults(t, faults, 0);
    const offered = [];
    for (const [index] of faults.entries()) {
      await generate(page);
      offered.push((await nextFailure(page, index)).retry);
    }
    assert.deepEqual(offered, [0, 0, 0, 1, 1], 'no Retry for quota, moderation, 401; Retry for 500 and 429');
  });

  test('says when the client already retried by itself', async (t) => {
    const page = await withFaults(t, ['server_error:3'], 2);
    await generate(page);
    const { text, retry } = await nextFailure(page, 0);
    assert.match(text, /^The provider failed: retry in a moment\. .* It was already retried 2 times\.$/);
    assert.equal(retry, 1);
    await page.locator('.run').first().getByRole('button', { name: 'Retry' }).click();
    await page.locator('.run .picture img').first().waitFor({ timeout: 20_000 });
  });

  test('a cancelled run offers Retry', async (t) => {
    const { page } = await open(t, ['--latency-ms', '5000']);
    await generate(page);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Cancelled.').waitFor({ timeout: 2_000 });
    assert.equal(await page.locator('.run').first().getByRole('button', { name: 'Retry' }).count(), 1);
  });
});
