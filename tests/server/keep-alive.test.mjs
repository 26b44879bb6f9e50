// A relay that keeps answers alive (`--keep-alive-secs`, `--json-keep-alive`)
// sends its 200 and headers before the provider answers; a provider error
// that comes later arrives as a JSON error body under 200, or as a stream's
// `error` event. What clients make of it: the official `openai` package and
// this project's npm package (crates/wasm/pkg, built by `cargo xtask pkg`).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import OpenAI from 'openai';
import { startServer } from './helpers.mjs';
import { pkgDir } from '../wasm-pkg/helpers.mjs';

const QUOTA = 'You exceeded your current quota, please check your plan and billing details.';
// The provider works for a second, then finds the quota exhausted: by then
// the relay (keep-alive every 0.3 s) has sent its 200.
const LATE_QUOTA = { 'x-fault': 'insufficient_quota', 'x-fault-delay-ms': '1000' };
const REQUEST = { model: 'gpt-image-1', prompt: 'a slow lighthouse', quality: 'low' };

let provider;
let relay;
before(async () => {
  provider = await startServer();
  relay = await startServer(
    ['--upstream', `${provider.base}/v1`, '--upstream-key-env', 'RELAY_TEST_KEY', '--keep-alive-secs', '0.3', '--json-keep-alive', '--request-log', 'off'],
    { RELAY_TEST_KEY: 'sk-provider-test' },
  );
});
after(() => {
  relay?.stop();
  provider?.stop();
});

test('the answer is a 200 that begins with keep-alives and ends with the provider error', async () => {
  const json = await fetch(`${relay.base}/v1/images/generations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...LATE_QUOTA },
    body: JSON.stringify(REQUEST),
  });
  assert.equal(json.status, 200);
  const text = await json.text();
  assert.match(text, /^\n+\{/);
  assert.equal(JSON.parse(text).error.code, 'insufficient_quota');

  const stream = await fetch(`${relay.base}/v1/images/generations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...LATE_QUOTA },
    body: JSON.stringify({ ...REQUEST, stream: true }),
  });
  assert.equal(stream.status, 200);
  assert.equal(stream.headers.get('content-type'), 'text/event-stream');
  const events = await stream.text();
  assert.match(events, /^(: keep-alive\n\n)+event: error\ndata: \{/);
});

test('the official openai client: a streamed error throws with the provider words; a JSON error body under 200 is returned, not thrown', async () => {
  const client = new OpenAI({ baseURL: `${relay.base}/v1`, apiKey: 'sk-client', maxRetries: 0 });
  const stream = await client.images.generate({ ...REQUEST, stream: true }, { headers: LATE_QUOTA });
  await assert.rejects(
    (async () => {
      for await (const event of stream) assert.fail(`an event came: ${event.type}`);
    })(),
    (error) => error instanceof OpenAI.APIError && error.message === QUOTA && error.error.code === 'insufficient_quota',
  );
  // openai-node parses a 2xx body as the result: the error comes back as `result.error`, with no `data`.
  const result = await client.images.generate(REQUEST, { headers: LATE_QUOTA });
  assert.equal(result.data, undefined);
  assert.equal(result.error.code, 'insufficient_quota');
  assert.equal(result.error.message, QUOTA);
});

const built = existsSync(path.join(pkgDir, 'node.js')) && existsSync(path.join(pkgDir, 'gpt_image_wasm_bg.wasm'));

test(
  'the npm package: a JSON error under 200 is the RateLimitError the error implies, a streamed one an APIError, both with the provider words',
  { skip: !built && `${pkgDir} is not built (cargo xtask pkg)` },
  async () => {
    const pkg = await import(pathToFileURL(path.join(pkgDir, 'node.js')).href);
    await pkg.init(readFileSync(path.join(pkgDir, 'gpt_image_wasm_bg.wasm')));
    const client = new pkg.ImagesClient({ baseURL: `${relay.base}/v1`, apiKey: 'sk-client', maxRetries: 0, defaultHeaders: LATE_QUOTA });
    await assert.rejects(client.images.generate(REQUEST), (error) => {
      assert.ok(error instanceof pkg.RateLimitError, `${error.constructor.name}: ${error.message}`);
      assert.equal(error.status, 429);
      assert.equal(error.code, 'insufficient_quota');
      assert.ok(error.message.includes(QUOTA), error.message);
      return true;
    });
    await assert.rejects(
      (async () => {
        const stream = await client.images.generate({ ...REQUEST, stream: true });
        for await (const event of stream) assert.fail(`an event came: ${event.type}`);
      })(),
      (error) => {
        assert.ok(error instanceof pkg.APIError, `${error.constructor.name}: ${error.message}`);
        assert.equal(error.status, undefined);
        assert.equal(error.code, 'insufficient_quota');
        assert.equal(error.message, QUOTA);
        return true;
      },
    );
  },
);
