// A base URL must be an absolute http(s) URL, checked where it is entered:
// the playground's settings, the custom element's `base-url` and the
// iframe's `configure` message. A key is never sent where it was not meant
// (`api.openai.com` without its scheme would go to the page's own server),
// and a key about to cross the network over plain http is warned about.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { startServer } from '../server/helpers.mjs';
import { dist, hostHeaders } from './dist.mjs';
import { newContextPage, open, screenshot } from './helpers.mjs';

const KEY = 'sk-test-0123456789';
const MUST =
  'Base URL must be an absolute http:// or https:// URL with a host, such as https://api.openai.com/v1, not "api.openai.com".';

/** Every http(s) request the page (and its frames) makes from now on. */
function watchRequests(page) {
  const seen = [];
  page.on('request', (request) => {
    if (/^https?:/.test(request.url())) seen.push(`${request.method()} ${request.url()}`);
  });
  return seen;
}

/** A site on its own origin serving `files` ({name: text}); stopped after the test. */
async function site(t, files) {
  const dir = mkdtempSync(path.join(tmpdir(), 'base-url-host-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const server = await startServer(['--static', dir]);
  t.after(() => {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return server;
}

describe('the base URL', () => {
  test('the playground names a base URL without its scheme at its field, and sends nothing', async (t) => {
    const { page } = await open(t);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel('API key').fill(KEY);
    const baseUrl = dialog.getByLabel('Base URL');
    await baseUrl.fill('api.openai.com');
    const problem = dialog.locator('#base-url-problem .problem');
    assert.equal(await problem.innerText(), MUST);
    assert.equal(await problem.getAttribute('class'), 'problem error');
    assert.equal(await problem.getAttribute('data-rule'), 'malformed');
    assert.equal(await baseUrl.getAttribute('aria-invalid'), 'true');
    assert.equal(await dialog.getByRole('button', { name: 'Test connection' }).isDisabled(), true, 'no test of a URL in error');
    await screenshot(page, 'base-url-error');
    await page.keyboard.press('Escape');
    assert.match(await page.locator('.active-endpoint').innerText(), /base URL not valid: nothing is sent/);

    const requests = watchRequests(page);
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const failure = page.locator('.run .failure p');
    await failure.waitFor();
    assert.match(await failure.innerText(), /^The request was not sent: baseURL must be an absolute http:\/\/ or https:\/\/ URL/);
    await page.waitForTimeout(300);
    assert.deepEqual(requests, [], 'no request left the page: the key went nowhere');

    // One click puts the scheme in front.
    await page.getByRole('button', { name: 'Settings' }).click();
    await dialog.getByRole('button', { name: 'Use https://api.openai.com' }).click();
    assert.equal(await baseUrl.inputValue(), 'https://api.openai.com');
    assert.equal(await problem.count(), 0);
    assert.equal(await baseUrl.getAttribute('aria-invalid'), 'false');
  });

  test('a key over plain http to another machine is warned about at the field; this machine is not', async (t) => {
    const { page, server } = await open(t);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const baseUrl = dialog.getByLabel('Base URL');
    const problem = dialog.locator('#base-url-problem .problem');
    await baseUrl.fill('http://192.168.1.20:8787/v1');
    assert.equal(await problem.count(), 0, 'no key, nothing to leak');
    await dialog.getByLabel('API key').fill(KEY);
    assert.equal(
      await problem.innerText(),
      'Base URL: the API key is sent over plain http to 192.168.1.20, where anyone on the network can read it: use https.',
    );
    assert.equal(await problem.getAttribute('class'), 'problem warning');
    assert.equal(await baseUrl.getAttribute('aria-invalid'), 'false', 'a warning does not stop anything');
    await screenshot(page, 'base-url-warning');
    await baseUrl.fill(`${server.base}/v1`);
    assert.equal(await problem.count(), 0, '127.0.0.1 is this machine');
  });

  test('the custom element names a bad base-url, tells the host, and sends nothing', async (t) => {
    const generator = await startServer(['--static', dist, ...hostHeaders(), '--latency-ms', '0']);
    t.after(generator.stop);
    const host = await site(t, {
      'index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' ${generator.base} 'wasm-unsafe-eval'; connect-src ${generator.base}; img-src 'self' blob:">
<script type="module" src="${generator.base}/embed/embed.js"></script>
<script type="module" src="host.js"></script></head>
<body><gpt-image-generator base-url="api.openai.com"></gpt-image-generator></body></html>`,
      'host.js': `const element = document.querySelector('gpt-image-generator');
element.apiKey = '${KEY}';
window.errors = [];
element.addEventListener('error', (event) => window.errors.push(event.detail.error));`,
    });
    const page = await newContextPage(t);
    const said = [];
    page.on('console', (message) => said.push(message.text()));
    await page.goto(`${host.base}/`);
    const element = page.locator('gpt-image-generator');
    await element.getByRole('button', { name: 'Generate', exact: true }).waitFor();
    assert.ok(
      said.some((text) => /base-url \(baseURL\): baseURL must be an absolute http:\/\/ or https:\/\/ URL .*not "api\.openai\.com": nothing is sent/.test(text)),
      said.join('\n'),
    );
    const requests = watchRequests(page);
    await element.getByLabel('Prompt', { exact: true }).fill('a red kite');
    await element.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.waitForFunction(() => window.errors.length === 1);
    const [error] = await page.evaluate(() => window.errors);
    assert.equal(error.name, 'ValidationError');
    assert.match(error.message, /^The request was not sent: baseURL must be an absolute http:\/\/ or https:\/\/ URL/);
    assert.deepEqual(requests, [], 'nothing was sent anywhere');
  });

  test("the iframe's configure message with a bad baseURL is answered with a ValidationError, and nothing is sent", async (t) => {
    const generator = await startServer(['--static', dist, ...hostHeaders(), '--latency-ms', '0']);
    t.after(generator.stop);
    const host = await site(t, {
      'index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
<script type="module" src="host.js"></script></head>
<body><iframe id="generator" title="Image generator" width="520" height="700"></iframe></body></html>`,
      'host.js': `const frame = document.querySelector('#generator');
window.heard = [];
window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow) return;
  const { blob, ...message } = event.data;
  window.heard.push(message);
  if (message.type === 'ready') frame.contentWindow.postMessage({ type: 'configure', baseURL: 'api.openai.com', apiKey: '${KEY}' }, '${generator.base}');
});
frame.src = '${generator.base}/?embed&origins=' + encodeURIComponent(location.origin);`,
    });
    const page = await newContextPage(t);
    const requests = watchRequests(page);
    await page.goto(`${host.base}/`);
    await page.waitForFunction(() => window.heard.some((message) => message.type === 'error'));
    const error = await page.evaluate(() => window.heard.find((message) => message.type === 'error').error);
    assert.equal(error.name, 'ValidationError');
    assert.equal(error.status, null);
    assert.match(error.message, /^baseURL must be an absolute http:\/\/ or https:\/\/ URL .*not "api\.openai\.com": nothing is sent until it is fixed$/);
    requests.length = 0;
    await page.evaluate((origin) => document.querySelector('#generator').contentWindow.postMessage({ type: 'generate', prompt: 'a red kite' }, origin), generator.base);
    await page.waitForFunction(() => window.heard.filter((message) => message.type === 'error').length === 2);
    assert.deepEqual(requests, [], 'nothing was sent anywhere');
  });
});
