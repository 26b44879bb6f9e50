// Every `completed` event of a stream carries the usage of the whole
// request: a streamed request of n images counts its tokens and its cost
// once, as the same request unstreamed does, in the run, the session and
// the gallery.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { open, prompt, stored } from './helpers.mjs';

const tokens = (text) => Number(/([\d,]+) tokens/.exec(text)?.[1].replaceAll(',', ''));
const dollars = (text) => Number(/≈ \$(\d+\.\d+)/.exec(text)?.[1]);

/** Sends two images, streamed or not, and waits until the run and the gallery are done with them. */
async function twoImages(page, stream, already) {
  await page.getByLabel('Stream', { exact: true }).setChecked(stream);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.run').length === n, already + 1);
  await page.waitForFunction(() => document.querySelector('.run')?.getAttribute('aria-busy') === 'false', null, { timeout: 20_000 });
  await stored(page, already * 2 + 2);
  const run = page.locator('.run').first();
  await page.waitForFunction(() => [...document.querySelectorAll('.run:first-child .facts')].every((facts) => / tokens/.test(facts.textContent)));
  return { facts: await run.locator('.run-facts').innerText(), images: (await run.locator('.facts').allInnerTexts()).map(tokens) };
}

test('a streamed request of two images counts its usage once, as unstreamed', async (t) => {
  const { page } = await open(t);
  await prompt(page).fill('two herons in the reeds, ink wash');
  await page.getByLabel('Images', { exact: true }).fill('2');
  const plain = await twoImages(page, false, 0);
  const streamed = await twoImages(page, true, 1);
  assert.ok(tokens(plain.facts) > 0);
  assert.equal(tokens(streamed.facts), tokens(plain.facts), `streamed: ${streamed.facts}; unstreamed: ${plain.facts}`);
  assert.equal(dollars(streamed.facts), dollars(plain.facts), 'the same estimated cost');
  assert.deepEqual(streamed.images, plain.images, "each image's share");
  const both = 2 * tokens(plain.facts);
  assert.equal(tokens(await page.locator('.totals').innerText()), both, 'the session');
  await page.waitForFunction((both) => new RegExp(` ${both.toLocaleString('en-US')} tokens`).test(document.querySelector('.gallery-totals').textContent), both);
});
