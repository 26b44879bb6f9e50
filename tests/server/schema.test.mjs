// Every response body and stream event of the server, validated against the
// component schemas of tests/spec/images.openapi.yaml.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertSchema, formatOf, parseSse, pngSize, postJson, startServer } from './helpers.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(() => server?.stop());

const generations = '/v1/images/generations';

test('generation responses match ImagesResponse', async () => {
  const bodies = [
    { model: 'gpt-image-1', prompt: 'a lighthouse', quality: 'low' },
    { model: 'gpt-image-1.5', prompt: 'a lighthouse', quality: 'high', size: '1536x1024', output_format: 'jpeg', output_compression: 50 },
    { model: 'gpt-image-1', prompt: 'a logo', quality: 'low', background: 'transparent', output_format: 'webp', n: 2 },
    { model: 'gpt-image-1', prompt: 'a lighthouse', quality: 'low', response_format: 'url' },
    { model: 'dall-e-2', prompt: 'a lighthouse', size: '256x256' },
    { model: 'dall-e-3', prompt: 'a lighthouse', response_format: 'b64_json' },
  ];
  for (const body of bodies) {
    const response = await postJson(server.base, generations, body);
    assert.equal(response.status, 200, JSON.stringify(body));
    const json = await response.json();
    assertSchema('ImagesResponse', json);
    assert.equal(json.data.length, body.n ?? 1);
    const first = json.data[0];
    const bytes = first.b64_json ? Buffer.from(first.b64_json, 'base64') : Buffer.from(await (await fetch(first.url)).arrayBuffer());
    assert.equal(formatOf(bytes), body.output_format ?? 'png');
  }
});

test('gpt-image-2 custom sizes match ImagesResponse with the size enum relaxed', async () => {
  const response = await postJson(server.base, generations, { model: 'gpt-image-2', prompt: 'a wide valley', size: '2048x1152', quality: 'low' });
  const json = await response.json();
  assert.equal(json.size, '2048x1152');
  assertSchema('ImagesResponse', json, { relaxSize: true });
  assert.deepEqual(pngSize(Buffer.from(json.data[0].b64_json, 'base64')), [2048, 1152]);
  assert.throws(() => assertSchema('ImagesResponse', json), /size/);
});

test('GPT Image 2.5 answers match ImagesResponse with the size and quality enums relaxed', async () => {
  for (const model of ['gpt-image-2.5-flare', 'gpt-image-2.5-sunburst-2026-09-08']) {
    const response = await postJson(server.base, generations, { model, prompt: 'a harbour', size: '2048x1152', quality: 'max' });
    assert.equal(response.status, 200, model);
    const json = await response.json();
    assert.equal(json.quality, 'max');
    assertSchema('ImagesResponse', json, { relaxSize: true, relaxQuality: true });
    assert.throws(() => assertSchema('ImagesResponse', json, { relaxSize: true }), /quality/, 'the 2026-08-21 spec has no max');
  }
});

test('stream events match the partial and completed event schemas', async () => {
  const response = await postJson(server.base, generations, { model: 'gpt-image-1', prompt: 'a kite', stream: true, partial_images: 2, quality: 'low' });
  assert.match(response.headers.get('content-type'), /^text\/event-stream/);
  const events = parseSse(await response.text());
  assert.deepEqual(events.map((e) => e.event), ['image_generation.partial_image', 'image_generation.partial_image', 'image_generation.completed']);
  assertSchema('ImageGenPartialImageEvent', events[0].data);
  assertSchema('ImageGenPartialImageEvent', events[1].data);
  assertSchema('ImageGenCompletedEvent', events[2].data);
  assertSchema('ImageGenUsage', events[2].data.usage);

  const png = Buffer.from(events[2].data.b64_json, 'base64');
  const form = new FormData();
  form.append('model', 'gpt-image-1');
  form.append('prompt', 'add a moon');
  form.append('quality', 'low');
  form.append('stream', 'true');
  form.append('partial_images', '1');
  form.append('image', new Blob([png], { type: 'image/png' }), 'kite.png');
  const edit = await fetch(`${server.base}/v1/images/edits`, { method: 'POST', body: form });
  const editEvents = parseSse(await edit.text());
  assert.deepEqual(editEvents.map((e) => e.event), ['image_edit.partial_image', 'image_edit.completed']);
  assertSchema('ImageEditPartialImageEvent', editEvents[0].data);
  assertSchema('ImageEditCompletedEvent', editEvents[1].data);
});

test('edit responses match ImagesResponse', async () => {
  const generated = await (await postJson(server.base, generations, { model: 'gpt-image-1', prompt: 'a hat', quality: 'low' })).json();
  const png = Buffer.from(generated.data[0].b64_json, 'base64');
  const form = new FormData();
  form.append('model', 'gpt-image-1');
  form.append('prompt', 'make it red');
  form.append('quality', 'low');
  form.append('image[]', new Blob([png], { type: 'image/png' }), 'a.png');
  form.append('image[]', new Blob([png], { type: 'image/png' }), 'b.png');
  const response = await fetch(`${server.base}/v1/images/edits`, { method: 'POST', body: form });
  assert.equal(response.status, 200);
  assertSchema('ImagesResponse', await response.json());
  const dataUrl = `data:image/png;base64,${generated.data[0].b64_json}`;
  const json = await postJson(server.base, '/v1/images/edits', { model: 'gpt-image-1', prompt: 'make it red', quality: 'low', images: [{ image_url: dataUrl }] });
  assert.equal(json.status, 200);
  assertSchema('ImagesResponse', await json.json());
});

test('error bodies and error events match ErrorResponse and Error', async () => {
  const invalid = await postJson(server.base, generations, { model: 'gpt-image-1', prompt: 'x', size: '999x999' });
  assert.equal(invalid.status, 400);
  const body = await invalid.json();
  assertSchema('ErrorResponse', body);
  assert.equal(body.error.param, 'size');
  for (const [fault, status] of [['rate_limit', 429], ['server_error', 500], ['unavailable', 503], ['unauthorized', 401], ['insufficient_quota', 429], ['moderation', 400]]) {
    const response = await postJson(server.base, generations, { model: 'dall-e-2', prompt: 'x', size: '256x256' }, { 'x-fault': fault });
    assert.equal(response.status, status, fault);
    assertSchema('ErrorResponse', await response.json());
  }
  const stream = await postJson(server.base, generations, { model: 'gpt-image-1', prompt: 'x', stream: true, partial_images: 1, quality: 'low' }, { 'x-fault': 'stream_error' });
  const events = parseSse(await stream.text());
  assertSchema('ImageGenPartialImageEvent', events[0].data);
  assert.equal(events.at(-1).event, 'error');
  assert.equal(events.at(-1).data.type, 'error');
  assertSchema('Error', events.at(-1).data.error);
});
