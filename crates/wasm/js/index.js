// gpt-image-wasm: the OpenAI Images API from any web page, and from Node,
// Deno, Bun and edge workers.
//
// The calls look like the official `openai` package's `client.images.*`;
// the work (validation, retries, timeouts, decoding) is done in WebAssembly
// by `./gpt_image_wasm.js`. This file gives it the official client's shape:
// error classes, an async iterable stream, and loading on first use. It is
// the entry of browsers and bundlers; `node.js` (Node, Deno, Bun) and
// `edge.js` (edge workers) are this module with another place to load the
// WebAssembly from when `init()` is given nothing.

import initWasm, { WasmClient } from './gpt_image_wasm.js';

/**
 * The key under which an entry for another runtime puts, on {@link init},
 * a function giving what `init()` loads when it is given nothing. Unset in
 * browsers: the glue fetches `new URL('gpt_image_wasm_bg.wasm', import.meta.url)`,
 * which bundlers rewrite to the asset they emit.
 */
const SOURCE = Symbol.for('gpt-image-wasm.source');

let loading;

/**
 * Loads the WebAssembly module. Every call does this by itself; call it
 * yourself to load early, or to say where the `.wasm` file is when your
 * bundler does not handle `new URL('…', import.meta.url)`. A failure
 * rejects with a {@link WasmLoadError} saying what to give it.
 */
export function init(moduleOrPath) {
  loading ??= load(moduleOrPath).catch((error) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(given) {
  try {
    const source = given ?? (await init[SOURCE]?.());
    await initWasm(source === undefined ? undefined : { module_or_path: source });
  } catch (cause) {
    throw new WasmLoadError(cause, given !== undefined);
  }
}

// @generated begin: `cargo xtask pkg` writes each error class's doc and line, the status table and the classes by name from gpt-image-wasm's `ErrorClass`; the bodies of the classes no status picks are written by hand, and kept.
/** The base class of every error this package throws. */
export class ImagesError extends Error {}

/**
 * The server answered with an error, a 2xx answer carried an `error`
 * instead of images, a stream carried an `error` event, or (for this class
 * itself) something else went wrong with the answer: a body that is not an
 * images response, a stream that ended before its `completed` event.
 * Each status has its subclass: {@link BadRequestError} (400),
 * {@link AuthenticationError} (401), {@link PermissionDeniedError} (403),
 * {@link NotFoundError} (404), {@link ConflictError} (409),
 * {@link UnprocessableEntityError} (422), {@link RateLimitError} (429),
 * {@link InternalServerError} (500 and above).
 */
export class APIError extends ImagesError {
  constructor(status, error, message, headers, requestID) {
    super(message ?? `${status ?? 'stream'} error`);
    /** The HTTP status; `undefined` for an error event inside a stream or no answer at all. */
    this.status = status;
    /** The answer's headers. */
    this.headers = headers;
    /** The parsed `error` object of the body. */
    this.error = error;
    this.code = error?.code ?? undefined;
    this.param = error?.param ?? undefined;
    this.type = error?.type ?? undefined;
    /** The `x-request-id` header. */
    this.requestID = requestID;
    /** Set when moderation refused the prompt or an input image. */
    this.moderation_details = error?.moderation_details;
  }

  /** The subclass for a status. */
  static generate(status, error, message, headers, requestID) {
    const Class = STATUS_CLASSES.find(([lowest, highest]) => status >= lowest && status <= highest)?.[2] ?? APIError;
    return new Class(status, error, message, headers, requestID);
  }
}

/** 400: the request was refused, by the provider's rules or by moderation (see {@link APIError.moderation_details}). */
export class BadRequestError extends APIError {}

/** 401: no key, or a wrong one. */
export class AuthenticationError extends APIError {}

/** 403: the key may not do this (a model it has no access to, an unsupported region). */
export class PermissionDeniedError extends APIError {}

/** 404: no such model, or a wrong `baseURL`. */
export class NotFoundError extends APIError {}

/** 409: a conflict at the provider (retried before it is thrown). */
export class ConflictError extends APIError {}

/** 422: the provider could not process the request. */
export class UnprocessableEntityError extends APIError {}

/** 429: too many requests (retried before it is thrown, after `retry-after`), or no quota left. */
export class RateLimitError extends APIError {}

/** 500 and above: the provider (or a proxy in front of it) failed (retried before it is thrown). */
export class InternalServerError extends APIError {}

/**
 * The WebAssembly file could not be loaded (not found where it was looked
 * for, something else served in its place, or a runtime that cannot fetch
 * it): the message says what to give {@link init}. `cause` is the runtime's error.
 */
export class WasmLoadError extends ImagesError {
  constructor(cause, given) {
    super(
      `gpt-image-wasm could not load its WebAssembly (gpt_image_wasm_bg.wasm${given ? ', from what init() was given' : ''}): ` +
        `${cause?.message ?? cause}${cause?.cause ? ` (${cause.cause.message ?? cause.cause})` : ''}. Before the first call, give init() the file: its URL as served ` +
        '(`await init(url)`; after a bundler, the URL its asset import gives), its bytes ' +
        "(`await init(await readFile('node_modules/gpt-image-wasm/gpt_image_wasm_bg.wasm'))` in Node, Deno and Bun), " +
        'a Response for it, or a compiled WebAssembly.Module.',
    );
    this.cause = cause;
  }
}

/** The caller's `AbortSignal` fired. */
export class APIUserAbortError extends APIError {
  constructor({ message } = {}) {
    super(undefined, undefined, message || 'Request was aborted.');
  }
}

/** No answer: the network failed, the connection was reset, or CORS refused the answer (after every retry). */
export class APIConnectionError extends APIError {
  constructor({ message, cause } = {}) {
    super(undefined, undefined, message || 'Connection error.');
    if (cause) this.cause = cause;
  }
}

/** An attempt took longer than the timeout (after every retry). */
export class APIConnectionTimeoutError extends APIConnectionError {
  constructor({ message } = {}) {
    super({ message: message ?? 'Request timed out.' });
  }
}

/** The request breaks the API's rules; nothing was sent. */
export class ValidationError extends ImagesError {
  constructor(issues, message) {
    super(message);
    /** Every problem found: `{ field, rule, severity, message }`. */
    this.issues = issues;
  }

  /** The issues that stop the request. */
  get errors() {
    return this.issues.filter((issue) => issue.severity === 'error');
  }
}

/**
 * The class of an error answer by its HTTP status: `[lowest, highest, class]`.
 * A status in no range is an {@link APIError}'s.
 */
const STATUS_CLASSES = [
  [400, 400, BadRequestError],
  [401, 401, AuthenticationError],
  [403, 403, PermissionDeniedError],
  [404, 404, NotFoundError],
  [409, 409, ConflictError],
  [422, 422, UnprocessableEntityError],
  [429, 429, RateLimitError],
  [500, Infinity, InternalServerError],
];

/** Every error class, by its name. */
const classes = {
  ImagesError,
  APIError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  WasmLoadError,
  APIUserAbortError,
  APIConnectionError,
  APIConnectionTimeoutError,
  ValidationError,
};
// @generated end

// Class names (`error.name`, `error.constructor.name`) survive minification this way.
for (const [name, Class] of Object.entries(classes)) {
  Object.defineProperty(Class, 'name', { value: name });
  Object.defineProperty(Class.prototype, 'name', { value: name, configurable: true, writable: true });
}

/**
 * Turns what the WebAssembly side throws (`{ class, message, … }`, `class`
 * being the name it gives the error) into an instance of that class.
 */
function toError(thrown) {
  if (thrown === null || typeof thrown !== 'object' || thrown instanceof Error || !('class' in thrown)) {
    return thrown;
  }
  const { class: name, status, error, message, headers, requestID, issues, body } = thrown;
  const Class = classes[name] ?? APIError;
  if (Class === ValidationError) return new ValidationError(issues, message);
  if (Class === APIConnectionError) return new APIConnectionError({ message });
  // These keep the official client's messages.
  if (Class === APIConnectionTimeoutError || Class === APIUserAbortError) return new Class();
  const made = new Class(status, error, message, headers, requestID);
  /** The body of the answer, as received (text). */
  if (body !== undefined) made.body = body;
  return made;
}

/**
 * The issue of a `baseURL` that is not an absolute http(s) URL with a host
 * (and no user name or password), else `undefined`: the Rust side's rule and
 * sentence (`ClientOptions::report`), for the constructor, which runs before
 * the WebAssembly is loaded. A test compares the two.
 */
function baseURLIssue(baseURL) {
  const [, authority] = /^https?:\/\/([^/?#]*)/i.exec(baseURL) ?? [];
  const [, host, port] = /^(\[[^\]]*\]|(?!\[)[^:]*)(?::(.*))?$/.exec(authority ?? '') ?? [];
  const usable =
    authority !== undefined &&
    !/[@\x00-\x20\x7f]/.test(authority) &&
    host !== undefined &&
    host !== '' &&
    host !== '[]' &&
    (port === undefined || /^[0-9]{1,5}$/.test(port));
  if (usable) return undefined;
  const message = `baseURL must be an absolute http:// or https:// URL with a host, such as https://api.openai.com/v1, not "${baseURL}"`;
  return { field: 'baseURL', rule: 'malformed', severity: 'error', message };
}

async function call(run) {
  await init();
  try {
    return await run();
  } catch (thrown) {
    throw toError(thrown);
  }
}

/** Gives a result its `warnings` and `_request_id`, left out of `JSON.stringify`. */
function withExtras({ body, warnings, requestID }) {
  Object.defineProperty(body, 'warnings', { value: warnings, configurable: true });
  Object.defineProperty(body, '_request_id', { value: requestID ?? null, configurable: true });
  return body;
}

/** The events of a streamed generation or edit: `for await (const event of stream)`. */
export class Stream {
  #inner;

  constructor(inner, warnings, requestID) {
    this.#inner = inner;
    /** Aborting it stops the stream and closes the connection. */
    this.controller = new AbortController();
    this.controller.signal.addEventListener('abort', () => inner.cancel(), { once: true });
    this.warnings = warnings;
    this._request_id = requestID ?? null;
  }

  async *[Symbol.asyncIterator]() {
    try {
      for (;;) {
        const event = await call(() => this.#inner.next());
        if (event === undefined) return;
        yield event;
      }
    } finally {
      this.#inner.cancel();
    }
  }
}

/** `client.images`: the calls of the Images API. */
export class Images {
  #client;

  constructor(client) {
    this.#client = client;
  }

  /**
   * `POST /images/generations`. Resolves to the API's JSON, or with
   * `stream: true` to a {@link Stream} of events.
   */
  generate(params, options) {
    return this.#run(params?.stream ? 'generateStream' : 'generate', params, options);
  }

  /** `POST /images/edits`, with files (`image`, `mask`) or image URLs (`images`). */
  edit(params, options) {
    return this.#run(params?.stream ? 'editStream' : 'edit', params, options);
  }

  /**
   * A generation whose images arrive as `Blob`s, decoded while the answer
   * streams in; `options.onImage` is called with each one as soon as it is complete.
   */
  generateBlobs(params, options) {
    return this.#run('generateBlobs', params, options);
  }

  /** An edit whose images arrive as `Blob`s; see {@link Images#generateBlobs}. */
  editBlobs(params, options) {
    return this.#run('editBlobs', params, options);
  }

  /** Every issue of a generation's parameters (errors and warnings), without sending anything. */
  async validateGenerate(params, options) {
    await init();
    return WasmClient.validateGenerate(params, options ?? {});
  }

  /** Every issue of an edit's parameters, files included, without sending anything. */
  async validateEdit(params, options) {
    await init();
    return WasmClient.validateEdit(params, options ?? {});
  }

  async #run(method, params, options) {
    const result = await call(() => this.#client._wasm()[method](params, options ?? {}));
    return method.endsWith('Stream') ? new Stream(result.body, result.warnings, result.requestID) : withExtras(result);
  }
}

/** A client of the Images API: `new ImagesClient({ baseURL, apiKey })`. */
export class ImagesClient {
  #wasm;

  /**
   * @param options.baseURL The API root (default `https://api.openai.com/v1`): an absolute http(s)
   *   URL, else this throws a {@link ValidationError} naming `baseURL` before any key is sent.
   * @param options.apiKey Sent as `Authorization: Bearer …`; leave it out (or `null`) for a relay that adds it.
   * @param options.defaultHeaders Headers for every request; `null` removes one.
   * @param options.defaultQuery Query parameters for every request (after the base URL's own); `null` removes one.
   * @param options.timeout Milliseconds per attempt (default 600000).
   * @param options.maxRetries Retries after the first attempt (default 2).
   * @param options.validation What validation may stop: `full` (default), `warn` or `off`.
   */
  constructor({ baseURL, apiKey, defaultHeaders, defaultQuery, timeout, maxRetries, validation } = {}) {
    this.baseURL = String(baseURL ?? 'https://api.openai.com/v1');
    const issue = baseURLIssue(this.baseURL);
    if (issue) throw new ValidationError([issue], issue.message);
    this.apiKey = apiKey ?? null;
    this.defaultHeaders = defaultHeaders ?? {};
    this.defaultQuery = defaultQuery ?? {};
    this.timeout = timeout ?? 600_000;
    this.maxRetries = maxRetries ?? 2;
    this.validation = validation ?? 'full';
    this.images = new Images(this);
  }

  /** `{ status, requestID, rateLimit }` of the last answer, once there is one. */
  get lastResponse() {
    return this.#wasm?.lastResponse;
  }

  /** @internal The WebAssembly engine, made on first use (after {@link init}). */
  _wasm() {
    this.#wasm ??= new WasmClient({
      baseURL: this.baseURL,
      apiKey: this.apiKey,
      defaultHeaders: this.defaultHeaders,
      defaultQuery: this.defaultQuery,
      timeout: this.timeout,
      maxRetries: this.maxRetries,
      validation: this.validation,
    });
    return this.#wasm;
  }
}

/**
 * A client of Azure OpenAI, shaped like openai-node's `AzureOpenAI`:
 * `new AzureOpenAI({ endpoint, deployment, apiVersion, apiKey })` calls
 * `ENDPOINT/openai/deployments/DEPLOYMENT/images/…?api-version=VERSION`
 * with the key in an `api-key` header.
 */
export class AzureOpenAI extends ImagesClient {
  constructor({ endpoint, deployment, apiVersion, apiKey, baseURL, defaultHeaders, defaultQuery, ...rest } = {}) {
    for (const [field, value] of [['endpoint', endpoint ?? baseURL], ['apiVersion', apiVersion]]) {
      if (value) continue;
      const message = `${field} is required: new AzureOpenAI({ endpoint, deployment, apiVersion, apiKey })`;
      throw new ValidationError([{ field, rule: 'required', severity: 'error', message }], message);
    }
    super({
      ...rest,
      baseURL: baseURL ?? `${endpoint.replace(/\/+$/, '')}/openai${deployment ? `/deployments/${encodeURIComponent(deployment)}` : ''}`,
      apiKey: null,
      defaultHeaders: { 'api-key': apiKey ?? null, ...defaultHeaders },
      defaultQuery: { 'api-version': apiVersion, ...defaultQuery },
    });
    this.deployment = deployment ?? null;
    this.apiVersion = apiVersion;
  }
}

for (const [name, Class] of Object.entries({ Stream, Images, ImagesClient, AzureOpenAI })) {
  Object.defineProperty(Class, 'name', { value: name });
}

export default ImagesClient;
