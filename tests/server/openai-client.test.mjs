// The official `openai` package (v7) against the server: proof that a real client accepts it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import OpenAI, { toFile } from 'openai';
import { descendants, formatOf, gifFrames, parseXml, pngSize, startServer } from './helpers.mjs';

let server;
let client;
before(async () => {
  server = await startServer(['--api-key-env', 'GPT_IMAGE_TEST_KEY'], { GPT_IMAGE_TEST_KEY: 'sk-local-test' });
  client = new OpenAI({ baseURL: `${server.base}/v1`, apiKey: 'sk-local-test' });
});
after(() => server?.stop());

test('generates b64_json images', async () => {
  const result = await client.images.generate({ model: 'gpt-image-1', prompt: 'a red fox', quality: 'low', size: '1536x1024' });
  const bytes = Buffer.from(result.data[0].b64_json, 'base64');
  assert.equal(formatOf(bytes), 'png');
  assert.deepEqual(pngSize(bytes), [1536, 1024]);
  assert.equal(result.size, '1536x1024');
  assert.ok(result.usage.total_tokens > 0);
});

test('generates with GPT Image 2.5 at max quality and a custom size', async () => {
  const result = await client.images.generate({ model: 'gpt-image-2.5-sunburst', prompt: 'a wide valley', quality: 'max', size: '2048x1152' });
  const bytes = Buffer.from(result.data[0].b64_json, 'base64');
  assert.equal(formatOf(bytes), 'png');
  assert.deepEqual(pngSize(bytes), [2048, 1152]);
  assert.equal(result.size, '2048x1152');
  assert.equal(result.quality, 'max');
  assert.ok(result.usage.output_tokens > 0);
  await assert.rejects(
    client.images.generate({ model: 'gpt-image-2', prompt: 'x', quality: 'max' }),
    (error) => error instanceof OpenAI.BadRequestError && error.param === 'quality',
  );
});

test('generates url images that can be fetched', async () => {
  const result = await client.images.generate({ model: 'gpt-image-1', prompt: 'a red fox', quality: 'low', response_format: 'url' });
  const response = await fetch(result.data[0].url);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'image/png');
  assert.equal(formatOf(Buffer.from(await response.arrayBuffer())), 'png');
});

test('streams partial images then the completed image', async () => {
  const stream = await client.images.generate({ model: 'gpt-image-1', prompt: 'a kite', quality: 'low', stream: true, partial_images: 2 });
  const types = [];
  for await (const event of stream) {
    types.push(event.type);
    assert.equal(formatOf(Buffer.from(event.b64_json, 'base64')), 'png');
  }
  assert.deepEqual(types, ['image_generation.partial_image', 'image_generation.partial_image', 'image_generation.completed']);
});

test('edits uploaded files, streamed and not', async () => {
  const source = await client.images.generate({ model: 'gpt-image-1', prompt: 'a hat', quality: 'low' });
  const png = Buffer.from(source.data[0].b64_json, 'base64');
  const result = await client.images.edit({
    model: 'gpt-image-1',
    image: await toFile(png, 'hat.png', { type: 'image/png' }),
    prompt: 'make it green',
    quality: 'low',
  });
  assert.deepEqual(pngSize(Buffer.from(result.data[0].b64_json, 'base64')), [1024, 1024]);
  const several = await client.images.edit({
    model: 'gpt-image-1',
    image: [await toFile(png, 'a.png', { type: 'image/png' }), await toFile(png, 'b.png', { type: 'image/png' })],
    prompt: 'combine them',
    quality: 'low',
  });
  assert.equal(several.data.length, 1);
  const stream = await client.images.edit({
    model: 'gpt-image-1',
    image: await toFile(png, 'hat.png', { type: 'image/png' }),
    prompt: 'make it green',
    quality: 'low',
    stream: true,
    partial_images: 1,
  });
  const types = [];
  for await (const event of stream) types.push(event.type);
  assert.deepEqual(types, ['image_edit.partial_image', 'image_edit.completed']);
});

test('GPT Image 2.6: complexity, animated GIFs of the frames asked, SVG documents that parse, markup edits', async () => {
  const low = await client.images.generate({ model: 'gpt-image-2.6-flare', prompt: 'a kite', quality: 'low', size: '1024x640', complexity: 'low' });
  const high = await client.images.generate({ model: 'gpt-image-2.6-flare', prompt: 'a kite', quality: 'low', size: '1024x640', complexity: 'high' });
  assert.ok(low.usage.output_tokens < high.usage.output_tokens);
  assert.equal(low.usage.output_tokens_details.image_tokens, high.usage.output_tokens_details.image_tokens);

  const gif = await client.images.generate({
    model: 'gpt-image-2.6-flare',
    prompt: 'a kite in the wind',
    quality: 'low',
    size: '256x256',
    output_format: 'gif',
    frame_count: 5,
    frame_duration_ms: 150,
    background: 'transparent',
  });
  assert.equal(gif.output_format, 'gif');
  const bytes = Buffer.from(gif.data[0].b64_json, 'base64');
  assert.equal(formatOf(bytes), 'gif');
  const animation = gifFrames(bytes);
  assert.deepEqual([animation.width, animation.height], [256, 256]);
  assert.equal(animation.frames.length, 5);
  for (const frame of animation.frames) assert.deepEqual(frame, { width: 256, height: 256, delayMs: 150, transparent: true });
  await assert.rejects(
    client.images.generate({ model: 'gpt-image-2.6-flare', prompt: 'x', output_format: 'gif', stream: true }),
    (error) => error instanceof OpenAI.BadRequestError && error.param === 'stream',
  );

  const svg = await client.images.generate({
    model: 'gpt-image-2.6-sunburst',
    prompt: 'a lighthouse <at> dusk & "fog"',
    size: '1024x640',
    output_format: 'svg',
    svg: { model: 'gpt-5-mini', reasoning: { effort: 'low' } },
  });
  const text = Buffer.from(svg.data[0].b64_json, 'base64').toString('utf8');
  assert.equal(formatOf(Buffer.from(text)), 'svg');
  const root = parseXml(text);
  assert.equal(root.name, 'svg');
  assert.deepEqual([root.attributes.width, root.attributes.height], ['1024', '640']);
  const elements = descendants(root);
  assert.equal(elements.find((element) => element.name === 'title').text, 'a lighthouse <at> dusk & "fog"');
  assert.ok(elements.some((element) => element.name === 'circle' || element.name === 'rect'));
  assert.equal(svg.svg_usage.model, 'gpt-5-mini');

  // Markup: a transparent PNG of marks, the size of the image.
  const photo = await client.images.generate({ model: 'gpt-image-2.6-flare', prompt: 'a harbour', quality: 'low', size: '1024x640' });
  const marks = await client.images.generate({ model: 'gpt-image-2.6-flare', prompt: 'arrows', quality: 'low', size: '1024x640', background: 'transparent' });
  const file = async (result, name) => toFile(Buffer.from(result.data[0].b64_json, 'base64'), name, { type: 'image/png' });
  const edited = await client.images.edit({
    model: 'gpt-image-2.6-sunburst',
    image: await file(photo, 'harbour.png'),
    markup: await file(marks, 'markup.png'),
    prompt: 'move the boat where the arrow points',
    quality: 'low',
  });
  assert.deepEqual(pngSize(Buffer.from(edited.data[0].b64_json, 'base64')), [1536, 1024]);
  await assert.rejects(
    client.images.edit({
      model: 'gpt-image-2.6-sunburst',
      image: await file(photo, 'harbour.png'),
      markup: await file(marks, 'markup.png'),
      mask: await file(marks, 'mask.png'),
      prompt: 'x',
    }),
    (error) => error instanceof OpenAI.BadRequestError && error.param === 'markup',
  );
});

test('errors reach the client as its error classes, and retries see a script succeed', async () => {
  const wrongKey = new OpenAI({ baseURL: `${server.base}/v1`, apiKey: 'sk-wrong', maxRetries: 0 });
  await assert.rejects(wrongKey.images.generate({ model: 'gpt-image-1', prompt: 'x' }), (error) => error instanceof OpenAI.AuthenticationError && error.code === 'invalid_api_key');
  await assert.rejects(client.images.generate({ model: 'gpt-image-1', prompt: 'x', size: '999x999' }), (error) => error instanceof OpenAI.BadRequestError && error.param === 'size');
  const flaky = new OpenAI({
    baseURL: `${server.base}/v1`,
    apiKey: 'sk-local-test',
    maxRetries: 2,
    defaultHeaders: { 'x-fault': `rate_limit; times=2; key=${Date.now()}` },
  });
  const result = await flaky.images.generate({ model: 'gpt-image-1', prompt: 'x', quality: 'low' });
  assert.equal(result.data.length, 1);
  const quota = new OpenAI({ baseURL: `${server.base}/v1`, apiKey: 'sk-local-test', maxRetries: 2, defaultHeaders: { 'x-fault': 'insufficient_quota' } });
  await assert.rejects(quota.images.generate({ model: 'gpt-image-1', prompt: 'x' }), (error) => error instanceof OpenAI.RateLimitError && error.code === 'insufficient_quota');
});

test('a conversation on the Responses API with the image_generation tool, whole and streamed', async () => {
  const tool = { type: 'image_generation', model: 'gpt-image-2', quality: 'low', size: '1024x640' };
  const imageOf = (response) => Buffer.from(response.output.find((item) => item.type === 'image_generation_call').result, 'base64');
  const first = await client.responses.create({ model: 'gpt-5.1', input: 'a red kite over a harbour', tools: [tool] });
  assert.equal(first.object, 'response');
  assert.equal(first.status, 'completed');
  assert.match(first.id, /^resp_/);
  assert.match(first.output_text, /a red kite over a harbour/, 'the package gathers the assistant text');
  assert.equal(formatOf(imageOf(first)), 'png');
  assert.deepEqual(pngSize(imageOf(first)), [1024, 640]);
  assert.ok(first.usage.total_tokens > 0 && first.tool_usage.image_gen.output_tokens > 0);

  const second = await client.responses.create({
    model: 'gpt-5.1',
    previous_response_id: first.id,
    input: [{ role: 'user', content: [{ type: 'input_text', text: 'now make the kite blue' }] }],
    tools: [tool],
  });
  assert.equal(second.previous_response_id, first.id);
  assert.equal(second.output[0].action, 'edit');
  assert.notDeepEqual(imageOf(second), imageOf(first));
  assert.ok(second.usage.input_tokens > first.usage.total_tokens, 'the follow-up reads the whole thread');

  const stream = await client.responses.create({
    model: 'gpt-5.1',
    previous_response_id: second.id,
    input: 'add a yellow sun',
    tools: [{ ...tool, partial_images: 2 }],
    stream: true,
  });
  const types = [];
  let completed;
  for await (const event of stream) {
    assert.equal(event.sequence_number, types.length);
    types.push(event.type);
    if (event.type === 'response.image_generation_call.partial_image') {
      assert.equal(event.partial_image_index, types.filter((type) => type === event.type).length - 1);
      assert.equal(formatOf(Buffer.from(event.partial_image_b64, 'base64')), 'png');
    }
    if (event.type === 'response.completed') completed = event.response;
  }
  assert.deepEqual(types.slice(0, 5), [
    'response.created',
    'response.in_progress',
    'response.output_item.added',
    'response.image_generation_call.in_progress',
    'response.image_generation_call.generating',
  ]);
  assert.equal(types.filter((type) => type === 'response.image_generation_call.partial_image').length, 2);
  assert.ok(types.includes('response.output_text.delta') && types.includes('response.output_text.done'));
  assert.equal(types.at(-1), 'response.completed');
  assert.equal(completed.previous_response_id, second.id);
  assert.deepEqual(pngSize(imageOf(completed)), [1024, 640]);

  await assert.rejects(
    client.responses.create({ model: 'gpt-5.1', previous_response_id: 'resp_gone', input: 'x', tools: [tool] }),
    (error) => error instanceof OpenAI.BadRequestError && error.param === 'previous_response_id' && error.code === 'previous_response_not_found',
  );
  await assert.rejects(
    client.responses.create({ model: 'gpt-5.1', input: 'x', tools: [{ ...tool, size: '1000x1000' }] }),
    (error) => error instanceof OpenAI.BadRequestError && error.param === 'tools[0].size',
  );
  const failing = new OpenAI({ baseURL: `${server.base}/v1`, apiKey: 'sk-local-test', maxRetries: 0, defaultHeaders: { 'x-fault': 'stream_error' } });
  const broken = await failing.responses.create({ model: 'gpt-5.1', input: 'a kite', tools: [{ ...tool, partial_images: 1 }], stream: true });
  await assert.rejects(async () => {
    for await (const event of broken) void event;
  }, (error) => error instanceof OpenAI.APIError && /stream_error fault/.test(error.message));
});
