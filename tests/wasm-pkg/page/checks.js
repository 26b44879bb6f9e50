// The checks of the package against gpt-image-server, run in every page
// (bundled or not) and in Node, Deno and Bun (node.test.mjs). Each caller
// passes the package's exports in `lib` and, outside a page, an `env`
// (see `pageEnv`) for what differs: the server's origin, how test images
// are made, whether the runtime enforces CORS. Each check throws on failure;
// `runChecks` reports `{ ok, checks: [{ name, ok, ms, error? }] }`.

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function equal(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** Width and height of a PNG; throws when the bytes are not one. */
function pngSize(bytes, what) {
  assert(bytes.length > 24, `${what}: ${bytes.length} bytes is too short for a PNG`);
  PNG_SIGNATURE.forEach((byte, i) => assert(bytes[i] === byte, `${what}: no PNG signature`));
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return [view.getUint32(16), view.getUint32(20)];
}

function expectPng(bytes, width, height, what) {
  const [w, h] = pngSize(bytes, what);
  assert(w === width && h === height, `${what}: ${w}x${h}, expected ${width}x${height}`);
}

/** Runs `call`, expecting it to reject; returns the error. */
async function rejection(call, what) {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error(`${what}: resolved, expected a rejection`);
}

function describe(error) {
  if (!(error instanceof Error)) return JSON.stringify(error);
  return `${error.constructor?.name}/${error.name}(status ${error.status}): ${error.message}`;
}

/** In a page: an opaque PNG, and a mask of the same size whose left half is transparent. */
async function canvasImages(width, height) {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#2a6';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#fd2';
  context.fillRect(width / 4, height / 4, width / 2, height / 2);
  const image = await canvas.convertToBlob({ type: 'image/png' });
  context.clearRect(0, 0, width, height);
  context.fillStyle = '#000';
  context.fillRect(width / 2, 0, width / 2, height);
  const mask = await canvas.convertToBlob({ type: 'image/png' });
  return { image, mask };
}

/** A `data:` URL of a Blob (with `btoa`, which every runtime has). */
async function dataUrl(blob) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${blob.type};base64,${btoa(binary)}`;
}

/**
 * What the checks need of the place they run in, as a page has it:
 * - `origin`: the server's origin (it serves the page), `baseURL` is `${origin}/v1`;
 * - `testImages(width, height)`: resolves to `{ image, mask }`, an opaque PNG
 *   `Blob` and a mask of the same size whose left half is transparent;
 * - `corpus()`: the shared request corpus (tests/spec/validation-corpus.json);
 * - `cors`: whether the runtime refuses cross-origin answers without CORS
 *   headers (pages do; Node, Deno and Bun read every answer);
 * - `showLink(url)`: shows an image from its link; resolves to its width.
 */
export function pageEnv() {
  return {
    origin: location.origin,
    testImages: canvasImages,
    corpus: async () => (await fetch('/validation-corpus.json')).json(),
    cors: true,
    async showLink(url) {
      const img = new Image();
      img.src = url;
      await img.decode();
      return img.naturalWidth;
    },
  };
}

const REQUEST_ID = /^req_[0-9a-f]{32}$/;

/** Wraps the page's `fetch`, noting `METHOD URL AUTHORIZATION` of each request until `stop()`. */
function recordFetches() {
  const seen = [];
  const original = globalThis.fetch;
  globalThis.fetch = function (request, init) {
    const headers = request instanceof Request ? request.headers : new Headers(init?.headers);
    seen.push(`${request.method ?? init?.method ?? 'GET'} ${request.url ?? request} ${headers.get('authorization') ?? '-'}`);
    return original.call(this, request, init);
  };
  return { seen, stop: () => { globalThis.fetch = original; } };
}

/**
 * Wraps `fetch`, keeping a copy of each POST request; the function it
 * returns puts `fetch` back and resolves to their bodies as sent: JSON
 * parsed, a multipart form as `{ name: text }` with each file as
 * `{ file, type, size }`.
 */
function recordBodies() {
  const sent = [];
  const original = globalThis.fetch;
  globalThis.fetch = function (request, init) {
    if (request instanceof Request && request.method === 'POST') sent.push(request.clone());
    return original.call(this, request, init);
  };
  return async function stop() {
    globalThis.fetch = original;
    const bodies = [];
    for (const request of sent) {
      if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
        const fields = {};
        for (const [name, value] of await request.formData()) {
          fields[name] = typeof value === 'string' ? value : { file: value.name, type: value.type, size: value.size };
        }
        bodies.push(fields);
      } else {
        bodies.push(JSON.parse(await request.text()));
      }
    }
    return bodies;
  };
}

/** Runs `calls` while recording what they send (see `recordBodies`); resolves to the bodies. */
async function bodiesSentBy(calls) {
  const stop = recordBodies();
  const failure = await calls().then(() => undefined, (error) => error ?? new Error('rejected'));
  const bodies = await stop();
  if (failure) throw failure;
  return bodies;
}

/** The checks, by name. `lib` holds the package's exports, `env` what differs (see `pageEnv`). */
function checks(lib, env) {
  const { ImagesClient } = lib;
  const { origin, testImages } = env;
  const baseURL = `${origin}/v1`;
  const client = () => new ImagesClient({ baseURL, apiKey: null });
  // Small and quick: gpt-image-2's smallest custom size.
  const quick = { model: 'gpt-image-2', size: '1024x640', quality: 'low' };
  let unique = 0;
  const key = () => `${Date.now()}-${Math.random().toString(36).slice(2)}-${unique++}`;

  return {
    async 'every export is there, and error classes keep their names'() {
      const classes = [
        'ImagesError', 'APIError', 'BadRequestError', 'AuthenticationError', 'PermissionDeniedError', 'NotFoundError',
        'ConflictError', 'UnprocessableEntityError', 'RateLimitError', 'InternalServerError', 'APIUserAbortError',
        'APIConnectionError', 'APIConnectionTimeoutError', 'ValidationError',
      ];
      for (const name of [...classes, 'ImagesClient', 'AzureOpenAI', 'Images', 'Stream', 'init']) {
        equal(typeof lib[name], 'function', `typeof ${name}`);
      }
      equal(lib.default, ImagesClient, 'the default export');
      for (const name of classes.slice(1, -1)) {
        const error = name.startsWith('API') && name !== 'APIError' ? new lib[name]() : new lib[name](500, undefined, 'x');
        equal(error.name, name, `new ${name}().name`);
        assert(error instanceof lib.APIError && error instanceof lib.ImagesError && error instanceof Error, `${name} extends APIError`);
      }
      equal(new lib.ValidationError([], 'x').name, 'ValidationError', 'ValidationError name');
      equal(lib.APIError.generate(429, {}, 'm', new Headers()).constructor, lib.RateLimitError, 'APIError.generate(429)');
      equal(lib.APIError.generate(503, {}, 'm', new Headers()).constructor, lib.InternalServerError, 'APIError.generate(503)');
      equal(lib.APIError.generate(418, {}, 'm', new Headers()).constructor, lib.APIError, 'APIError.generate(418)');
      await lib.init();
    },

    async 'query: a base URL\'s own query stays at the end, after the path, with defaultQuery and a call\'s query'() {
      const { seen, stop } = recordFetches();
      try {
        const images = new ImagesClient({ baseURL: `${baseURL}?tenant=a`, apiKey: null, defaultQuery: { trace: 'on', drop: 'x' } });
        await images.images.generate({ ...quick, prompt: 'a query' }, { query: { trace: 'call', drop: null, 'a b': 'c&d' } });
      } finally {
        stop();
      }
      equal(seen[0], `POST ${baseURL}/images/generations?tenant=a&trace=call&a+b=c%26d -`, 'the URL sent');
    },

    async 'Azure: AzureOpenAI calls the deployment\'s path with api-version, the key in api-key'() {
      const sent = [];
      const original = globalThis.fetch;
      globalThis.fetch = function (request, init) {
        sent.push([request.url, request.headers.get('api-key'), request.headers.get('authorization')]);
        return original.call(this, request, init);
      };
      let res;
      try {
        const azure = new lib.AzureOpenAI({ endpoint: origin, deployment: 'gpt-image-2', apiVersion: '2025-04-01-preview', apiKey: 'azure-key' });
        assert(azure instanceof ImagesClient, 'an ImagesClient');
        res = await azure.images.generate({ ...quick, prompt: 'an Azure kite' });
      } finally {
        globalThis.fetch = original;
      }
      const url = `${origin}/openai/deployments/gpt-image-2/images/generations?api-version=2025-04-01-preview`;
      equal(JSON.stringify(sent[0]), JSON.stringify([url, 'azure-key', null]), 'URL, api-key, no Authorization');
      expectPng(fromBase64(res.data[0].b64_json), 1024, 640, 'the image');
      const missing = await rejection(async () => new lib.AzureOpenAI({ endpoint: origin, apiKey: 'k' }), 'no apiVersion');
      assert(missing instanceof lib.ValidationError && missing.issues[0].field === 'apiVersion', describe(missing));
    },

    async 'generate: JSON with base64 PNGs of the requested size, warnings, request id, lastResponse'() {
      const images = client();
      equal(images.lastResponse, undefined, 'lastResponse before any call');
      const res = await images.images.generate({ model: 'gpt-image-2', prompt: 'a red lighthouse', size: '1024x1536', quality: 'low' });
      equal(res.data.length, 1, 'data.length');
      expectPng(fromBase64(res.data[0].b64_json), 1024, 1536, 'data[0].b64_json');
      equal(res.size, '1024x1536', 'size');
      equal(res.output_format, 'png', 'output_format');
      assert(typeof res.created === 'number' && res.usage.total_tokens > 0, 'created and usage');
      assert(Array.isArray(res.warnings) && res.warnings.length === 0, `warnings: ${JSON.stringify(res.warnings)}`);
      assert(REQUEST_ID.test(res._request_id), `_request_id: ${res._request_id}`);
      assert(!Object.keys(res).includes('warnings') && !Object.keys(res).includes('_request_id'), 'extras are not enumerable');
      assert(!JSON.stringify(res).includes('_request_id'), 'extras are left out of JSON');
      const last = images.lastResponse;
      equal(last.status, 200, 'lastResponse.status');
      equal(last.requestID, res._request_id, 'lastResponse.requestID');
      for (const name of ['limitRequests', 'remainingRequests', 'resetRequests', 'limitTokens', 'remainingTokens', 'resetTokens']) {
        equal(typeof last.rateLimit[name], 'string', `lastResponse.rateLimit.${name}`);
      }
    },

    async 'generate: a warning is reported and the request still sent'() {
      const res = await client().images.generate({ model: 'acme-image-9', prompt: 'x', quality: 'ultra' }, { maxRetries: 0 }).catch((e) => e);
      // The server does not know the model (400), but the package sent it: the unknown quality was only a warning.
      assert(res instanceof lib.BadRequestError, `expected the server's 400, got ${describe(res)}`);
      equal(res.param, 'model', 'param');
      const issues = await client().images.validateGenerate({ model: 'acme-image-9', prompt: 'x', quality: 'ultra' });
      assert(issues.some((i) => i.field === 'quality' && i.severity === 'warning' && i.rule === 'unknown_value'), JSON.stringify(issues));
    },

    async 'generateBlobs: Blobs of PNGs, onImage once per image before the call resolves'() {
      const seen = [];
      const res = await client().images.generateBlobs({ ...quick, prompt: 'two blue circles', n: 2 }, { onImage: (image) => seen.push(image) });
      equal(seen.length, 2, 'onImage calls when the call resolved');
      equal(res.data.length, 2, 'data.length');
      assert(REQUEST_ID.test(res._request_id), `_request_id: ${res._request_id}`);
      assert(Array.isArray(res.warnings), 'warnings');
      equal(res.size, '1024x640', 'size');
      equal(res.output_format, 'png', 'output_format');
      assert(res.usage.output_tokens > 0, 'usage');
      for (const [i, image] of res.data.entries()) {
        equal(image.index, i, `data[${i}].index`);
        assert(image.blob instanceof Blob, `data[${i}].blob is a Blob`);
        equal(image.blob.type, 'image/png', `data[${i}].blob.type`);
        equal(image.mime_type, 'image/png', `data[${i}].mime_type`);
        assert(image.blob.size > 0, `data[${i}].blob.size`);
        equal(image.width, 1024, `data[${i}].width`);
        equal(image.height, 640, `data[${i}].height`);
        expectPng(new Uint8Array(await image.blob.arrayBuffer()), 1024, 640, `data[${i}].blob`);
        assert(!('b64_json' in image), 'no base64 in a Blob result');
      }
      assert(seen.every((image) => res.data.some((d) => d.blob === image.blob)), 'onImage got the same Blobs');
    },

    async 'generateBlobs: links (dall-e-2, response_format url) are fetched into Blobs'() {
      let calls = 0;
      const res = await client().images.generateBlobs(
        { model: 'dall-e-2', prompt: 'a small green tree', size: '256x256' },
        { onImage: () => calls++ },
      );
      equal(calls, 1, 'onImage calls');
      const [image] = res.data;
      assert(image.url?.startsWith(`${origin}/v1/images/files/`), `url: ${image.url}`);
      equal(image.mime_type, 'image/png', 'mime_type');
      expectPng(new Uint8Array(await image.blob.arrayBuffer()), 256, 256, 'the linked image');
    },

    async 'generate with stream: true: for await gives partial images, then completed'() {
      const stream = await client().images.generate({ ...quick, prompt: 'a fox', stream: true, partial_images: 2 });
      assert(stream instanceof lib.Stream, 'a Stream');
      assert(stream.controller instanceof AbortController, 'stream.controller');
      assert(Array.isArray(stream.warnings), 'stream.warnings');
      assert(REQUEST_ID.test(stream._request_id), `stream._request_id: ${stream._request_id}`);
      const types = [];
      let last;
      for await (const event of stream) {
        types.push(event.type);
        last = event;
        if (event.type === 'image_generation.partial_image') equal(event.partial_image_index, types.length - 1, 'partial_image_index');
      }
      equal(
        types.join(','),
        'image_generation.partial_image,image_generation.partial_image,image_generation.completed',
        'event types',
      );
      expectPng(fromBase64(last.b64_json), 1024, 640, 'the completed image');
      assert(last.usage.total_tokens > 0, 'completed usage');
    },

    async 'streams: break and controller.abort() end the iteration quietly'() {
      const first = await client().images.generate({ ...quick, prompt: 'x', stream: true, partial_images: 3 });
      let count = 0;
      for await (const event of first) {
        count++;
        equal(event.type, 'image_generation.partial_image', 'first event');
        break;
      }
      equal(count, 1, 'events before break');
      const second = await client().images.generate({ ...quick, prompt: 'x', stream: true, partial_images: 3 });
      count = 0;
      for await (const event of second) {
        count++;
        void event;
        second.controller.abort();
      }
      equal(count, 1, 'events after controller.abort()');
    },

    async 'streams: an error event throws an APIError without status'() {
      const stream = await client().images.generate(
        { ...quick, prompt: 'x', stream: true, partial_images: 1 },
        { headers: { 'x-fault': 'stream_error' }, maxRetries: 0 },
      );
      const types = [];
      const error = await rejection(async () => {
        for await (const event of stream) types.push(event.type);
      }, 'stream_error');
      assert(error instanceof lib.APIError, describe(error));
      equal(error.status, undefined, 'status');
      equal(error.constructor, lib.APIError, 'class');
      equal(types[0], 'image_generation.partial_image', 'events before the error');
    },

    async 'edit: a File and a mask (multipart) give an edited PNG'() {
      const { image, mask } = await testImages(512, 320);
      const file = new File([image], 'photo.png', { type: 'image/png' });
      const res = await client().images.edit({
        ...quick,
        image: file,
        mask: new File([mask], 'mask.png', { type: 'image/png' }),
        prompt: 'add a hat',
        input_fidelity: 'high',
      });
      equal(res.data.length, 1, 'data.length');
      expectPng(fromBase64(res.data[0].b64_json), 1024, 640, 'the edited image');
      assert(REQUEST_ID.test(res._request_id), '_request_id');
      assert(res.usage.input_tokens_details.image_tokens > 0, 'the input image was counted');
    },

    async 'edit: several inputs as Blob, Uint8Array and ArrayBuffer; editBlobs; a streamed edit'() {
      const { image } = await testImages(256, 256);
      const bytes = new Uint8Array(await image.arrayBuffer());
      const seen = [];
      const res = await client().images.editBlobs(
        { ...quick, image: [image, bytes, bytes.buffer], prompt: 'a collage', n: 1 },
        { onImage: (blob) => seen.push(blob) },
      );
      equal(seen.length, 1, 'onImage calls');
      equal(res.data[0].mime_type, 'image/png', 'mime_type');
      expectPng(new Uint8Array(await res.data[0].blob.arrayBuffer()), 1024, 640, 'editBlobs image');
      const stream = await client().images.edit({ ...quick, image: bytes, prompt: 'x', stream: true, partial_images: 1 });
      const types = [];
      for await (const event of stream) types.push(event.type);
      equal(types.join(','), 'image_edit.partial_image,image_edit.completed', 'edit event types');
    },

    async 'edit: JSON with images: [{ image_url }] (data: URL)'() {
      const { image } = await testImages(256, 256);
      const res = await client().images.edit({ ...quick, images: [{ image_url: await dataUrl(image) }], prompt: 'x' });
      expectPng(fromBase64(res.data[0].b64_json), 1024, 640, 'the edited image');
    },

    async 'wire: generate, generateBlobs and a stream send every field as written, known or not'() {
      const params = {
        ...quick,
        model: 'gpt-image-2.6-flare',
        prompt: 'a lighthouse, on the wire',
        complexity: 'low',
        frame_count: 4,
        frame_duration_ms: 100,
        svg: { model: 'gpt-5-mini', reasoning: { effort: 'low' } },
        x_provider_hint: { region: 'eu', tier: 2 },
      };
      let warnings;
      const bodies = await bodiesSentBy(async () => {
        const res = await client().images.generate(params);
        warnings = res.warnings;
        const blobs = await client().images.generateBlobs(params);
        equal(blobs.data[0].mime_type, 'image/png', 'generateBlobs mime_type');
        const stream = await client().images.generate({ ...params, stream: true });
        for await (const event of stream) void event;
      });
      equal(JSON.stringify(bodies), JSON.stringify([params, params, { ...params, stream: true }]), 'the bodies sent');
      const unknown = warnings.filter((issue) => issue.rule === 'unknown_parameter').map((issue) => issue.field);
      equal(JSON.stringify(unknown), '["x_provider_hint"]', 'the one field the package does not know, named in a warning');
    },

    async 'wire: multipart and JSON edits, editBlobs and a streamed edit send every field, and the markup'() {
      const { image, mask: marks } = await testImages(512, 320);
      const fields = {
        ...quick,
        model: 'gpt-image-2.6-flare',
        prompt: 'circle the door',
        complexity: 'medium',
        frame_count: 3,
        svg: { model: 'gpt-5-mini' },
        x_provider_hint: { region: 'eu', tier: 2 },
      };
      const multipart = { ...fields, image: new File([image], 'door.png', { type: 'image/png' }), markup: marks };
      const json = { ...fields, images: [{ image_url: await dataUrl(image) }], markup: { image_url: await dataUrl(marks) } };
      const bodies = await bodiesSentBy(async () => {
        const res = await client().images.edit(multipart);
        assert(res.warnings.some((issue) => issue.field === 'x_provider_hint' && issue.rule === 'unknown_parameter'), JSON.stringify(res.warnings));
        await client().images.editBlobs(multipart);
        const stream = await client().images.edit({ ...multipart, stream: true });
        for await (const event of stream) void event;
        await client().images.edit(json);
      });
      const asText = Object.fromEntries(
        Object.entries(fields).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]),
      );
      const files = {
        image: { file: 'door.png', type: 'image/png', size: image.size },
        markup: { file: 'markup.png', type: 'image/png', size: marks.size },
      };
      const sorted = (object) => JSON.stringify(Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : 1))));
      equal(sorted(bodies[0]), sorted({ ...asText, ...files }), 'the multipart edit');
      equal(sorted(bodies[1]), sorted({ ...asText, ...files }), 'editBlobs');
      equal(sorted(bodies[2]), sorted({ ...asText, stream: 'true', ...files }), 'the streamed edit');
      equal(JSON.stringify(bodies[3]), JSON.stringify(json), 'the JSON edit');
      equal(bodies.length, 4, 'requests sent');
    },

    async 'generateBlobs: a GIF and an SVG are Blobs typed by their bytes'() {
      const base = { ...quick, model: 'gpt-image-2.6-flare' };
      const gif = await client().images.generateBlobs({ ...base, prompt: 'a blinking lamp', output_format: 'gif', frame_count: 3 });
      const svg = await client().images.generateBlobs({ ...base, prompt: 'a lamp icon', output_format: 'svg', svg: { model: 'gpt-5-mini' } });
      for (const [res, type, start] of [[gif, 'image/gif', 'GIF8'], [svg, 'image/svg+xml', '<']]) {
        const [image] = res.data;
        equal(image.mime_type, type, `${type}: mime_type`);
        equal(image.blob.type, type, `${type}: blob.type`);
        const text = new TextDecoder().decode(new Uint8Array(await image.blob.arrayBuffer()).slice(0, 4));
        assert(text.startsWith(start), `${type}: the bytes start with ${JSON.stringify(text)}`);
      }
      equal(gif.data[0].width, 1024, 'the GIF is measured from its header');
    },

    async 'ValidationError: GPT Image 2.6 requests the API refuses, each issue naming its field and rule'() {
      const { image } = await testImages(256, 256);
      const base = { model: 'gpt-image-2.6-flare', prompt: 'x', size: '1024x640' };
      const cases = [
        [{ complexity: 'extreme' }, 'complexity', 'unknown_value'],
        [{ output_format: 'gif', stream: true }, 'stream', 'conflict'],
        [{ svg: 'gpt-5-mini' }, 'svg', 'malformed'],
        [{ frame_count: 'four' }, 'frame_count', 'malformed'],
        [{ n: 11 }, 'n', 'range'],
        [{ size: '1000x1000' }, 'size', 'size_multiple_of_16'],
      ];
      const images = client();
      for (const [params, field, rule] of cases) {
        const error = await rejection(() => images.images.generate({ ...base, ...params }), JSON.stringify(params));
        assert(error instanceof lib.ValidationError, describe(error));
        const errors = error.errors.map((issue) => `${issue.field}/${issue.rule}`);
        equal(JSON.stringify(errors), JSON.stringify([`${field}/${rule}`]), `the errors of ${JSON.stringify(params)}`);
      }
      const edits = [
        [{ image, markup: 'marks.png' }, 'markup', 'file_type'],
        [{ image, markup: image, mask: image }, 'markup', 'conflict'],
      ];
      for (const [params, field, rule] of edits) {
        const issues = await images.images.validateEdit({ ...base, ...params });
        assert(issues.some((issue) => issue.field === field && issue.rule === rule && issue.severity === 'error'), JSON.stringify(issues));
      }
      equal(images.lastResponse, undefined, 'nothing was sent');
    },

    async 'ValidationError: instanceof, issues naming the fields, nothing sent'() {
      const images = client();
      const params = { model: 'dall-e-3', prompt: '', n: 3, size: '1000x1000' };
      const error = await rejection(() => images.images.generate(params), 'invalid generate');
      assert(error instanceof lib.ValidationError && error instanceof lib.ImagesError && error instanceof Error, describe(error));
      assert(!(error instanceof lib.APIError), 'not an APIError');
      equal(error.name, 'ValidationError', 'name');
      const fields = error.errors.map((issue) => issue.field);
      for (const field of ['prompt', 'n', 'size']) assert(fields.includes(field), `an error for ${field}: ${JSON.stringify(error.issues)}`);
      for (const issue of error.issues) {
        assert(['field', 'rule', 'severity', 'message'].every((k) => typeof issue[k] === 'string'), JSON.stringify(issue));
      }
      assert(error.errors.every((issue) => issue.severity === 'error'), 'errors are errors');
      equal(images.lastResponse, undefined, 'nothing was sent');
      const issues = await images.images.validateGenerate(params);
      equal(JSON.stringify(issues), JSON.stringify(error.issues), 'validateGenerate gives the same issues');
      const wrongType = await rejection(() => images.images.generate({ prompt: 'x', n: 'two' }), 'n: "two"');
      assert(wrongType.errors.some((i) => i.field === 'n' && i.rule === 'malformed'), JSON.stringify(wrongType.issues));
      const blobsStream = await rejection(() => images.images.generateBlobs({ prompt: 'x', stream: true }), 'generateBlobs stream');
      assert(blobsStream.errors.some((i) => i.field === 'stream' && i.rule === 'conflict'), JSON.stringify(blobsStream.issues));
      const fileIssues = await images.images.validateEdit({ image: new Blob(['not an image']), prompt: 'x' });
      // The field is `image` or `image[0]`.
      assert(fileIssues.some((i) => i.field.startsWith('image') && i.rule === 'file_type'), JSON.stringify(fileIssues));
      const notAnImage = await rejection(() => images.images.edit({ image: 'photo.png', prompt: 'x' }), 'image: string');
      assert(notAnImage.errors.some((i) => i.field === 'image[0]'), JSON.stringify(notAnImage.issues));
      const noParams = await rejection(() => images.images.generate(undefined), 'no parameters');
      assert(noParams instanceof lib.ValidationError, describe(noParams));
      equal(images.lastResponse, undefined, 'still nothing sent');
    },

    async 'faults: each status gives its APIError subclass'() {
      const cases = [
        ['unauthorized', 'AuthenticationError', 401, 'invalid_api_key'],
        ['permission_denied', 'PermissionDeniedError', 403, 'unsupported_country_region_territory'],
        ['not_found', 'NotFoundError', 404, 'model_not_found'],
        ['conflict', 'ConflictError', 409, undefined],
        ['unprocessable', 'UnprocessableEntityError', 422, undefined],
        ['rate_limit', 'RateLimitError', 429, 'rate_limit_exceeded'],
        ['server_error', 'InternalServerError', 500, undefined],
        ['unavailable', 'InternalServerError', 503, undefined],
        ['request_timeout', 'APIError', 408, undefined],
      ];
      const images = client();
      const problems = [];
      for (const [fault, name, status, code] of cases) {
        const error = await rejection(
          () => images.images.generate({ model: 'dall-e-2', prompt: 'x', size: '256x256' }, { headers: { 'x-fault': fault }, maxRetries: 0 }),
          fault,
        );
        const Class = lib[name];
        const wrong = [];
        if (!(error instanceof Class) || (name === 'APIError' && error.constructor !== Class)) wrong.push(`not a ${name}`);
        if (!(error instanceof lib.APIError) || !(error instanceof lib.ImagesError)) wrong.push('not an APIError');
        if (error.name !== name) wrong.push(`name ${error.name}`);
        if (error.status !== status) wrong.push(`status ${error.status}`);
        if (code !== undefined && error.code !== code) wrong.push(`code ${error.code}`);
        if (!(error.headers instanceof Headers)) wrong.push('no headers');
        if (!REQUEST_ID.test(error.requestID ?? '')) wrong.push(`requestID ${error.requestID}`);
        if (error.headers?.get('x-request-id') !== error.requestID) wrong.push('requestID is not the header');
        if (typeof error.error?.message !== 'string') wrong.push('no error object');
        if (typeof error.type !== 'string') wrong.push(`type ${error.type}`);
        if (images.lastResponse?.status !== status) wrong.push(`lastResponse.status ${images.lastResponse?.status}`);
        if (images.lastResponse?.requestID !== error.requestID) wrong.push('lastResponse.requestID');
        if (fault === 'rate_limit' && error.headers.get('retry-after') !== '1') wrong.push('no retry-after');
        if (wrong.length) problems.push(`${fault}: ${wrong.join(', ')} (${describe(error)})`);
      }
      assert(!problems.length, problems.join('\n'));
    },

    async 'faults: moderation gives a BadRequestError with moderation_details'() {
      const error = await rejection(
        () => client().images.generate({ ...quick, prompt: 'x' }, { headers: { 'x-fault': 'moderation' } }),
        'moderation',
      );
      assert(error instanceof lib.BadRequestError, describe(error));
      equal(error.status, 400, 'status');
      equal(error.code, 'moderation_blocked', 'code');
      equal(error.type, 'image_generation_user_error', 'type');
      equal(error.moderation_details?.flagged, true, 'moderation_details.flagged');
      assert(error.moderation_details.categories.includes('violence'), JSON.stringify(error.moderation_details));
      equal(error.error.moderation_details, error.moderation_details, 'error.moderation_details');
    },

    async 'faults: a 502 HTML page gives an InternalServerError quoting it'() {
      const error = await rejection(
        () => client().images.generate({ ...quick, prompt: 'x' }, { headers: { 'x-fault': 'bad_gateway' }, maxRetries: 0 }),
        'bad_gateway',
      );
      assert(error instanceof lib.InternalServerError, describe(error));
      equal(error.status, 502, 'status');
      assert(error.message.includes('502') && error.message.includes('Bad Gateway'), `message: ${error.message}`);
      equal(error.error, undefined, 'no error object');
      assert(error.headers.get('content-type').startsWith('text/html'), 'headers');
    },

    async 'faults: insufficient_quota is a RateLimitError and is not retried'() {
      const started = performance.now();
      const error = await rejection(
        () => client().images.generate({ model: 'dall-e-2', prompt: 'x', size: '256x256' }, { headers: { 'x-fault': 'insufficient_quota' } }),
        'insufficient_quota',
      );
      assert(error instanceof lib.RateLimitError, describe(error));
      equal(error.code, 'insufficient_quota', 'code');
      const elapsed = performance.now() - started;
      assert(elapsed < 400, `took ${Math.round(elapsed)} ms: retried?`);
    },

    async 'faults: a 200 answer that is not an images response gives an APIError with its status'() {
      for (const fault of ['malformed', 'truncated']) {
        const error = await rejection(
          () =>
            client().images.generate(
              { model: 'dall-e-2', prompt: 'x', size: '256x256', response_format: 'b64_json' },
              { headers: { 'x-fault': fault }, maxRetries: 0 },
            ),
          fault,
        );
        assert(error instanceof lib.APIError && error.constructor === lib.APIError, `${fault}: ${describe(error)}`);
        equal(error.status, 200, `${fault}: status`);
        assert(error.message.length > 0, `${fault}: a message`);
      }
    },

    async 'retries: a 429 once, then success, with the default maxRetries'() {
      const images = client();
      const res = await images.images.generate(
        { model: 'dall-e-2', prompt: 'x', size: '256x256', response_format: 'b64_json' },
        { headers: { 'x-fault': `rate_limit; times=1; key=${key()}`, 'x-fault-retry-after-ms': '50' } },
      );
      expectPng(fromBase64(res.data[0].b64_json), 256, 256, 'after the retry');
      equal(images.lastResponse.status, 200, 'lastResponse.status');
      equal(images.lastResponse.requestID, res._request_id, 'lastResponse.requestID');
    },

    async 'APIUserAbortError: an AbortSignal ends the call'() {
      const controller = new AbortController();
      const started = performance.now();
      const call = client().images.generate(
        { model: 'dall-e-2', prompt: 'x', size: '256x256' },
        { signal: controller.signal, headers: { 'x-latency-ms': '5000' } },
      );
      setTimeout(() => controller.abort(), 100);
      const error = await rejection(() => call, 'aborted');
      assert(error instanceof lib.APIUserAbortError && error instanceof lib.APIError, describe(error));
      equal(error.status, undefined, 'status');
      const elapsed = performance.now() - started;
      assert(elapsed < 2000, `took ${Math.round(elapsed)} ms`);
      const early = await rejection(
        () => client().images.generate({ prompt: 'x' }, { signal: AbortSignal.abort() }),
        'aborted before the call',
      );
      assert(early instanceof lib.APIUserAbortError, describe(early));
    },

    async 'APIConnectionTimeoutError: stalled headers and timeout: 300'() {
      const started = performance.now();
      const error = await rejection(
        () =>
          client().images.generate(
            { model: 'dall-e-2', prompt: 'x', size: '256x256' },
            { headers: { 'x-fault': 'stall_headers', 'x-fault-stall-ms': '5000' }, timeout: 300, maxRetries: 0 },
          ),
        'stall_headers',
      );
      assert(error instanceof lib.APIConnectionTimeoutError, describe(error));
      assert(error instanceof lib.APIConnectionError && error instanceof lib.APIError, 'a connection error');
      const elapsed = performance.now() - started;
      assert(elapsed >= 250 && elapsed < 3000, `took ${Math.round(elapsed)} ms`);
    },

    async 'APIConnectionError: a reset connection'() {
      const error = await rejection(
        () =>
          client().images.generate({ model: 'dall-e-2', prompt: 'x', size: '256x256' }, { headers: { 'x-fault': 'reset' }, maxRetries: 0 }),
        'reset',
      );
      assert(error instanceof lib.APIConnectionError && !(error instanceof lib.APIConnectionTimeoutError), describe(error));
      equal(error.status, undefined, 'status');
    },

    async 'the shared corpus (tests/spec/validation-corpus.json): what the API accepts passes, what it refuses names its fields'() {
      const corpus = await env.corpus();
      const { images } = client();
      assert(corpus.requests.length >= 20, 'the corpus is there');
      for (const { why, endpoint, request, errors } of corpus.requests) {
        const issues = endpoint === 'generate' ? await images.validateGenerate(request) : await images.validateEdit(request);
        const fields = [...new Set(issues.filter((issue) => issue.severity === 'error').map((issue) => issue.field))];
        equal(JSON.stringify(fields), JSON.stringify(errors), `${why}: ${JSON.stringify(issues)}`);
      }
    },

    async 'validation: warn and off, per call and per client, send what full stops; a bad mode is named'() {
      const request = { model: 'gpt-image-2', prompt: 'max is for GPT Image 2.5', size: '1024x640', quality: 'max' };
      const stopped = await rejection(() => client().images.generate(request), 'full');
      assert(stopped instanceof lib.ValidationError && stopped.errors[0].field === 'quality', describe(stopped));
      // The local server refuses max for gpt-image-2 as OpenAI does: a 400 proves the request was sent.
      const warned = await rejection(() => client().images.generate(request, { validation: 'warn', maxRetries: 0 }), 'warn');
      assert(warned instanceof lib.BadRequestError && warned.param === 'quality', describe(warned));
      const off = new ImagesClient({ baseURL, apiKey: null, validation: 'off', maxRetries: 0 });
      assert((await rejection(() => off.images.generate(request), 'off')) instanceof lib.BadRequestError, 'off sends it');
      const issues = await client().images.validateGenerate(request, { validation: 'warn' });
      assert(issues.length === 1 && issues[0].severity === 'warning' && issues[0].field === 'quality', JSON.stringify(issues));
      const bad = new ImagesClient({ baseURL, apiKey: null, validation: 'lenient' });
      const error = await rejection(() => bad.images.generate(request), 'a bad mode');
      assert(error instanceof lib.ValidationError && error.issues[0].field === 'validation', describe(error));
      assert(error.message.includes('full, warn, off'), error.message);
    },

    async 'GPT Image 2.5: Sunburst at max quality makes 2048x1152; warnings name a retired or unknown model'() {
      const res = await client().images.generateBlobs({ model: 'gpt-image-2.5-sunburst', prompt: 'a lighthouse', size: '2048x1152', quality: 'max' });
      equal(`${res.data[0].width}x${res.data[0].height}`, '2048x1152', 'the image size');
      equal(res.warnings.length, 0, 'no warnings for a current model');
      const retired = await client().images.generateBlobs({ model: 'dall-e-2', prompt: 'x', size: '256x256' });
      assert(retired.warnings.some((issue) => issue.rule === 'retired' && issue.message.includes('2026-05-12')), JSON.stringify(retired.warnings));
      const future = await client().images.validateGenerate({ model: 'gpt-image-2.5-flare-2027-01-15', prompt: 'x', quality: 'max' });
      assert(future.length === 1 && future[0].rule === 'unknown_model' && future[0].severity === 'warning', JSON.stringify(future));
    },

    async 'baseURL: without its scheme or relative, the constructor throws naming baseURL, and nothing is sent'() {
      const recorder = recordFetches();
      try {
        for (const baseURL of ['api.openai.com', 'api.openai.com/v1', '/v1', 'localhost:8787/v1', 'https://']) {
          const error = await rejection(async () => new ImagesClient({ baseURL, apiKey: 'sk-secret' }), baseURL);
          assert(error instanceof lib.ValidationError, `${baseURL}: ${describe(error)}`);
          equal(error.issues[0].field, 'baseURL', `${baseURL}: field`);
          equal(error.issues[0].severity, 'error', `${baseURL}: severity`);
          assert(error.message.includes(`not "${baseURL}"`), error.message);
        }
      } finally {
        recorder.stop();
      }
      equal(recorder.seen.length, 0, `requests sent: ${recorder.seen.join(', ')}`);
      // The page's own server, spelled so that it is not recognised as this machine: a key over plain http is a warning.
      const port = new URL(origin).port || '80';
      const spelled = new ImagesClient({ baseURL: `http://2130706433:${port}/v1`, apiKey: 'sk-secret' });
      const res = await spelled.images.generate({ model: 'dall-e-2', prompt: 'x', size: '256x256', response_format: 'b64_json' });
      const warning = res.warnings.find((issue) => issue.field === 'baseURL');
      assert(warning?.severity === 'warning' && warning.message.includes('plain http'), JSON.stringify(res.warnings));
      const local = await client().images.generate({ model: 'dall-e-2', prompt: 'x', size: '256x256', response_format: 'b64_json' });
      assert(!local.warnings.some((issue) => issue.field === 'baseURL'), 'no warning without a key');
    },

    async 'links: the key goes to the API, never to an image link'() {
      const recorder = recordFetches();
      let res;
      try {
        res = await new ImagesClient({ baseURL, apiKey: 'sk-secret' }).images.generateBlobs({ model: 'dall-e-2', prompt: 'x', size: '256x256' });
      } finally {
        recorder.stop();
      }
      assert(res.data[0].blob instanceof Blob, 'the link was fetched');
      equal(recorder.seen.length, 2, `requests: ${recorder.seen.join(', ')}`);
      assert(recorder.seen[0].startsWith('POST ') && recorder.seen[0].endsWith(' Bearer sk-secret'), recorder.seen[0]);
      assert(recorder.seen[1].startsWith('GET ') && recorder.seen[1].endsWith(' -'), recorder.seen[1]);
    },

    async 'links without CORS: a page keeps each image as its link and the reason, with usage (elsewhere they are fetched)'() {
      const told = [];
      const options = { headers: { 'x-fault': 'links_without_cors' }, maxRetries: 0, onImage: (image) => told.push(image) };
      const res = await client().images.generateBlobs({ ...quick, prompt: 'two linked boats', n: 2 }, options);
      const { image } = await testImages(256, 256);
      const edited = await client().images.editBlobs({ ...quick, image, prompt: 'a linked edit' }, options);
      equal(told.length, 3, 'onImage is told of each');
      for (const [what, result, count] of [['generateBlobs', res, 2], ['editBlobs', edited, 1]]) {
        equal(result.data.length, count, `${what}: data.length`);
        assert(result.usage.total_tokens > 0, `${what}: usage`);
        assert(REQUEST_ID.test(result._request_id), `${what}: _request_id`);
        for (const [i, item] of result.data.entries()) {
          equal(item.index, i, `${what}: data[${i}].index`);
          assert(item.url.startsWith('http://127.0.0.1:') && !item.url.startsWith(origin), `${what}: url ${item.url}`);
          equal(typeof item.revised_prompt, 'string', `${what}: revised_prompt`);
          if (env.cors) {
            equal(item.blob, null, `${what}: data[${i}].blob`);
            assert(item.error.message.includes(`data[${i}].url`) && item.error.message.includes('CORS'), item.error.message);
            equal(item.mime_type, undefined, `${what}: mime_type`);
          } else {
            // Node, Deno and Bun read answers whatever their CORS headers.
            assert(item.blob instanceof Blob && item.blob.size > 0, `${what}: data[${i}].blob was fetched`);
            equal(item.error, undefined, `${what}: data[${i}].error`);
            equal(item.mime_type, 'image/png', `${what}: mime_type`);
          }
        }
      }
      // What a page does with such an image: show it from its link.
      if (env.showLink) equal(await env.showLink(res.data[0].url), 1024, 'an <img> shows the link');
    },

    async 'a 200 answer carrying an error rejects with its class on every path'() {
      const { image } = await testImages(256, 256);
      const options = { headers: { 'x-fault': 'ok_with_error' }, maxRetries: 0 };
      const calls = {
        generate: (images) => images.generate({ ...quick, prompt: 'x' }, options),
        generateBlobs: (images) => images.generateBlobs({ ...quick, prompt: 'x' }, options),
        edit: (images) => images.edit({ ...quick, image, prompt: 'x' }, options),
        editBlobs: (images) => images.editBlobs({ ...quick, image, prompt: 'x' }, options),
      };
      for (const [name, run] of Object.entries(calls)) {
        const error = await rejection(() => run(client().images), name);
        assert(error instanceof lib.RateLimitError, `${name}: ${describe(error)}`);
        equal(error.status, 429, `${name}: status`);
        equal(error.code, 'insufficient_quota', `${name}: code`);
        assert(error.message.includes('exceeded your current quota'), `${name}: ${error.message}`);
        assert(REQUEST_ID.test(error.requestID), `${name}: requestID`);
        assert(JSON.parse(error.body).error.type === 'insufficient_quota', `${name}: body ${error.body}`);
      }
    },

    async 'error bodies in other shapes give the provider\'s own words, with the body kept'() {
      const cases = [
        ['error_string', 'BadRequestError', 400, 'The prompt is too long for this provider (an error given as a plain string).'],
        ['message_only', 'AuthenticationError', 401, 'Invalid authentication credentials'],
        ['detail_string', 'PermissionDeniedError', 403, 'Not authenticated'],
        ['detail_list', 'UnprocessableEntityError', 422, 'prompt: Field required; n: Input should be less than or equal to 10'],
      ];
      const problems = [];
      for (const [fault, name, status, words] of cases) {
        for (const method of ['generate', 'generateBlobs']) {
          const error = await rejection(
            () => client().images[method]({ ...quick, prompt: 'x' }, { headers: { 'x-fault': fault }, maxRetries: 0 }),
            `${fault} ${method}`,
          );
          const wrong = [];
          if (!(error instanceof lib[name])) wrong.push(`not a ${name}`);
          if (error.status !== status) wrong.push(`status ${error.status}`);
          if (error.message !== `${status} ${words}`) wrong.push(`message ${JSON.stringify(error.message)}`);
          if (error.error?.message !== words) wrong.push(`error.message ${error.error?.message}`);
          if (typeof error.body !== 'string' || JSON.parse(error.body) === null) wrong.push(`body ${error.body}`);
          if (fault === 'detail_list' && error.param !== 'prompt') wrong.push(`param ${error.param}`);
          if (wrong.length) problems.push(`${fault} ${method}: ${wrong.join(', ')} (${describe(error)})`);
        }
      }
      assert(!problems.length, problems.join('\n'));
    },

    async 'streams that end without completed, or with no event, throw after the partial images'() {
      const { image } = await testImages(256, 256);
      const cases = [
        ['generate', 'stream_no_completed', 2, 'image_generation.completed'],
        ['edit', 'stream_no_completed', 2, 'image_edit.completed'],
        ['generate', 'stream_empty', 0, 'without any event'],
      ];
      for (const [method, fault, partials, words] of cases) {
        const params = { ...quick, prompt: 'cut', stream: true, partial_images: 2, ...(method === 'edit' ? { image } : {}) };
        const stream = await client().images[method](params, { headers: { 'x-fault': fault }, maxRetries: 0 });
        const types = [];
        const error = await rejection(async () => {
          for await (const event of stream) types.push(event.type);
        }, `${method} ${fault}`);
        assert(error instanceof lib.APIError && error.constructor === lib.APIError, describe(error));
        equal(error.status, 200, `${method} ${fault}: status`);
        equal(types.length, partials, `${method} ${fault}: the partial images came first`);
        assert(error.message.includes(words), `${method} ${fault}: ${error.message}`);
        if (partials) assert(error.message.includes('already handed over'), error.message);
      }
    },

    async 'a byte order mark before the answer is skipped on every path'() {
      const options = { headers: { 'x-fault': 'bom' }, maxRetries: 0 };
      const json = await client().images.generate({ ...quick, prompt: 'marked' }, options);
      const blobs = await client().images.generateBlobs({ ...quick, prompt: 'marked' }, options);
      const fromJson = fromBase64(json.data[0].b64_json);
      const fromBlob = new Uint8Array(await blobs.data[0].blob.arrayBuffer());
      equal(fromBlob.length, fromJson.length, 'the same image both ways');
      assert(fromBlob.every((byte, i) => byte === fromJson[i]), 'the same bytes both ways');
      const stream = await client().images.generate({ ...quick, prompt: 'marked', stream: true, partial_images: 1 }, options);
      const types = [];
      for await (const event of stream) types.push(event.type);
      equal(types.join(','), 'image_generation.partial_image,image_generation.completed', 'a stream after a BOM');
    },

    async 'client options: defaultHeaders reach the server, null removes one per call'() {
      const images = new ImagesClient({ baseURL, apiKey: null, defaultHeaders: { 'x-fault': 'not_found' }, maxRetries: 0 });
      const error = await rejection(() => images.images.generate({ model: 'dall-e-2', prompt: 'x', size: '256x256' }), 'default header');
      assert(error instanceof lib.NotFoundError, describe(error));
      const res = await images.images.generate(
        { model: 'dall-e-2', prompt: 'x', size: '256x256', response_format: 'b64_json' },
        { headers: { 'x-fault': null } },
      );
      equal(res.data.length, 1, 'the call without the header succeeded');
    },
  };
}

/**
 * Runs every check (in order, one at a time) and reports the results; `env`
 * is what differs from a page (see `pageEnv`, the default); outside a page
 * it may add checks of its own (`more(lib)`: more checks by name).
 */
export async function runChecks(lib, env = pageEnv()) {
  const results = [];
  const all = { ...checks(lib, env), ...env.more?.(lib) };
  for (const [name, check] of Object.entries(all)) {
    const started = performance.now();
    try {
      await check();
      results.push({ name, ok: true, ms: Math.round(performance.now() - started) });
    } catch (error) {
      results.push({ name, ok: false, ms: Math.round(performance.now() - started), error: `${describe(error)}\n${error?.stack ?? ''}` });
    }
  }
  return { ok: results.every((result) => result.ok), checks: results };
}
