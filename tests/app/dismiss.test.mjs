// A failed or cancelled request can be taken off the screen, so that
// failures do not pile up above the results; the others stay.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { open, prompt, screenshot, stored } from './helpers.mjs';

test('a failed run is dismissed, and the runs that worked stay', async (t) => {
  const { page } = await open(t, ['--fault', 'insufficient_quota:1']);
  await prompt(page).fill('a quiet harbour');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const failure = page.locator('.run .failure');
  await failure.waitFor({ timeout: 20_000 });
  assert.equal(await failure.getByRole('button', { name: 'Retry' }).count(), 0, 'no Retry where it cannot help');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await stored(page, 1);
  assert.equal(await page.locator('.run').count(), 2);
  await screenshot(page, 'dismiss-before');
  await failure.getByRole('button', { name: 'Dismiss' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.run').length === 1);
  assert.equal(await page.locator('.run .failure').count(), 0, 'the failure is gone');
  assert.equal(await page.locator('.run .picture img').count(), 1, 'the image that worked stays');
});
