// A long generation cut on its way by a provider's proxy or gateway: the
// page says what happened in plain words (a reset after a long wait, a 504,
// Cloudflare's 524), offers to turn streaming on for the endpoint in use,
// and the click turns it on there and in the form, so the next request
// streams. A stream that fails keeps the partial image it received.
// Faults come from the local server (`reset` after `x-fault-delay-ms`,
// `stream_error`); the 504 and 524 pages are answered by `page.route`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open, screenshot } from './helpers.mjs';

const GENERATIONS = '**/v1/images/generations';

/** Cloudflare's page for a 524, as it comes back through a proxied API. */
const CLOUDFLARE_524 = `<!DOCTYPE html>
<html lang="en-US"><head><title>relay.example | 524: A timeout occurred</title>
<meta charset="UTF-8" /></head>
<body><div id="cf-wrapper"><h1><span>A timeout occurred</span> <span>Error code 524</span></h1>
<p>The origin web server timed out responding to this request.</p>
<p>Cloudflare Ray ID: <strong>8f1d2c3b4a5e6f70</strong></p></div></body></html>`;

/** Sets the retries in Settings (a long wait is long enough once). */
async function setRetries(page, retries) {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Retries').fill(String(retries));
  await page.getByLabel('Retries').press('Tab');
  await page.keyboard.press('Escape');
}

/** The bodies of the generation requests the page sends, in order. */
function bodies(page) {
  const sent = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/v1/images/generations') && request.method() === 'POST') sent.push(request.postDataJSON());
  });
  return sent;
}

const generate = (page) => page.getByRole('button', { name: 'Generate', exact: true }).click();

/** The failure of the newest run, once shown. */
async function failure(page, timeout = 20_000) {
  const shown = page.locator('.run').first().locator('.failure');
  await shown.waitFor({ timeout });
  return shown;
}

/** The form's stream control, and the endpoint's in Settings. */
const formStream = (page) => page.getByLabel('Stream', { exact: true });
const endpointStream = (page) => page.getByLabel('Stream images', { exact: true });

const OFFER = 'Turn on streaming for “This server”';

describe('a long generation cut on its way', () => {
  test('a reset after a long wait says so, and one click streams the next request from that endpoint', async (t) => {
    const { page } = await open(t);
    await setRetries(page, 0);
    // The provider works 11 s, then the connection is reset. The headers go
    // with every request of the page until the failure is shown (so that
    // Chromium's own resend of a request reset on a reused connection is
    // reset too), then no more.
    await page.context().setExtraHTTPHeaders({ 'x-fault': 'reset', 'x-fault-delay-ms': '11000' });
    const sent = bodies(page);
    assert.equal(await formStream(page).isChecked(), false);
    await generate(page);
    const shown = await failure(page, 60_000);
    await page.context().setExtraHTTPHeaders({});
    const text = await shown.locator('p').first().innerText();
    assert.match(
      text,
      /^The connection was cut after \d\d(\.\d)? seconds \(.+\): a proxy or gateway on the way probably closes connections that stay quiet that long\. The provider may still finish the image, and bill it\. Streaming keeps the connection busy while it works: turn it on for this endpoint\.$/,
    );
    assert.equal(await shown.getAttribute('data-class'), 'APIConnectionError');

    await shown.getByRole('button', { name: OFFER }).click();
    await shown.getByRole('status').filter({ hasText: 'Streaming is on for “This server”: the next request streams.' }).waitFor();
    assert.equal(await shown.getByRole('button', { name: OFFER }).count(), 0, 'the offer is taken');
    assert.equal(await formStream(page).isChecked(), true, "the form's stream control follows");
    assert.equal(await endpointStream(page).isChecked(), true, 'the endpoint remembers it');

    await generate(page);
    await page.locator('.run').first().locator('.picture img').first().waitFor({ timeout: 20_000 });
    assert.deepEqual(
      sent.map((body) => body.stream ?? false),
      [false, true],
      'the next request has stream: true',
    );

    // The form follows the endpoint chosen: a new endpoint does not stream, this server does.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    assert.equal(await endpointStream(page).isChecked(), false);
    assert.equal(await formStream(page).isChecked(), false, 'another endpoint, without streaming');
    await page.locator('#endpoint').selectOption({ label: 'This server' });
    assert.equal(await endpointStream(page).isChecked(), true);
    assert.equal(await formStream(page).isChecked(), true, 'back to the endpoint that streams');
    await page.keyboard.press('Escape');

    // Kept across a reload.
    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    assert.equal(await endpointStream(page).isChecked(), true, 'kept in this browser');
  });

  test("a gateway's 504 says that a gateway gave up waiting", async (t) => {
    const { page } = await open(t);
    await setRetries(page, 0);
    await page.route(GENERATIONS, (route) => route.fulfill({ status: 504, contentType: 'text/html', body: '<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center><hr><center>nginx</center></body></html>' }));
    await generate(page);
    const shown = await failure(page);
    assert.match(
      await shown.locator('p').first().innerText(),
      /^A gateway between here and the provider gave up waiting \(HTTP 504 Gateway Timeout\) after [\d.]+ (ms|seconds?)\. The provider may still finish the image, and bill it\. Streaming keeps the connection busy while it works: turn it on for this endpoint\. \(HTTP 504 Gateway Timeout: 504 Gateway Time-out\)$/,
    );
    assert.equal(await shown.getByRole('button', { name: OFFER }).count(), 1);
    assert.equal(await shown.getByRole('button', { name: 'Retry' }).count(), 1);
  });

  for (const [name, device] of [
    ['desktop', { viewport: { width: 1280, height: 800 } }],
    ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
  ]) {
    for (const colorScheme of ['light', 'dark']) {
      test(`Cloudflare's 524, ${name}, ${colorScheme}`, async (t) => {
        const { page } = await open(t, [], { ...device, colorScheme });
        await setRetries(page, 1);
        await page.route(GENERATIONS, async (route) => {
          await new Promise((resolve) => setTimeout(resolve, 1500));
          await route.fulfill({ status: 524, contentType: 'text/html; charset=UTF-8', body: CLOUDFLARE_524 });
        });
        await generate(page);
        const shown = await failure(page);
        assert.match(
          await shown.locator('p').first().innerText(),
          /^A gateway between here and the provider gave up waiting \(HTTP 524, Cloudflare's “A timeout occurred”\) after about [\d.]+ seconds? each time\. The provider may still finish the image, and bill it\. Streaming keeps the connection busy while it works: turn it on for this endpoint\. \(HTTP 524 error: relay\.example \| 524: A timeout occurred\) It was already retried once\.$/,
        );
        assert.equal(await shown.getAttribute('data-class'), 'InternalServerError');
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= device.viewport.width, `no sideways scrolling (${width} px)`);
        await shown.scrollIntoViewIfNeeded();
        await screenshot(page, `gateway-timeout-${name}-${colorScheme}`);
        await shown.getByRole('button', { name: OFFER }).click();
        await shown.getByRole('status').waitFor();
        await screenshot(page, `gateway-timeout-streaming-on-${name}-${colorScheme}`);
      });
    }
  }

  test('a stream that fails keeps the partial image it received, and offers no streaming', async (t) => {
    const { page } = await open(t, ['--fault', 'stream_error:1', '--latency-ms', '300']);
    await setRetries(page, 0);
    await formStream(page).check();
    await page.getByLabel('Partial images').fill('2');
    await generate(page);
    const shown = await failure(page);
    assert.match(await shown.locator('p').first().innerText(), /^The image stream reported an error/);
    assert.equal(await shown.getByRole('button', { name: /Turn on streaming/ }).count(), 0, 'it was streamed already');
    const kept = page.locator('.run').first().locator('.placeholder');
    assert.equal(await kept.count(), 1);
    assert.equal(await kept.getAttribute('aria-label'), 'The last partial image received: 2 of 2');
    await page.waitForFunction(() => {
      const img = document.querySelector('.run .placeholder img');
      return img?.complete && img.naturalWidth > 0;
    });
    await screenshot(page, 'gateway-timeout-stream-kept');
  });
});
