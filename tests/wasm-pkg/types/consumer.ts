// A TypeScript user of gpt-image-wasm, type-checked (never run) with
// `tsc --strict` against the built package: every export used the way
// users would, and wrong usage that the declarations must reject, each
// marked `@ts-expect-error` (tsc fails if such a line is accepted).

import ImagesClientDefault, {
  AzureOpenAI,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  Images,
  ImagesClient,
  ImagesError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  Stream,
  UnprocessableEntityError,
  ValidationError,
  WasmLoadError,
  init,
} from 'gpt-image-wasm';
import type {
  APIErrorObject,
  BlobRequestOptions,
  BlobsImage,
  BlobsResult,
  ClientOptions,
  HeaderValues,
  QueryValues,
  Image,
  ImageBackground,
  ImageBlob,
  ImageComplexity,
  ImageEditCompletedEvent,
  ImageEditFiles,
  ImageEditParams,
  ImageEditParamsBase,
  ImageEditParamsCommon,
  ImageEditParamsNonStreaming,
  ImageEditParamsStreaming,
  ImageEditPartialImageEvent,
  ImageEditQuality,
  ImageEditReferences,
  ImageEditStreamEvent,
  ImageGenCompletedEvent,
  ImageGenerateParams,
  ImageGenerateParamsBase,
  ImageGenerateParamsNonStreaming,
  ImageGenerateParamsStreaming,
  ImageGenerateQuality,
  ImageLink,
  ImageGenPartialImageEvent,
  ImageGenStreamEvent,
  ImageInputFidelity,
  ImageModel,
  ImageMimeType,
  ImageModeration,
  ImageOutputFormat,
  ImageReference,
  ImageResponseFormat,
  ImageSize,
  ImagesResponse,
  ImagesResult,
  ImageStyle,
  ImageSvgOptions,
  ImagesUsage,
  InitInput,
  Issue,
  IssueRule,
  LastResponse,
  LinkError,
  ModerationDetails,
  RateLimitInfo,
  ReportedSize,
  RequestOptions,
  ResultExtras,
  Uploadable,
} from 'gpt-image-wasm';

/** Compile-time equality of two types. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T>(_value: T): void {}
function assertTrue<T extends true>(): void {}

export async function loading(): Promise<void> {
  await init();
  await init(new URL('/assets/gpt_image_wasm_bg.wasm', location.href));
  await init('/assets/gpt_image_wasm_bg.wasm');
  await init(fetch('/assets/gpt_image_wasm_bg.wasm'));
  await init(new Uint8Array([0, 97, 115, 109]).buffer);
  await init(new Uint8Array([0, 97, 115, 109]));
  await init(await WebAssembly.compile(new Uint8Array([0, 97, 115, 109])));
  try {
    await init();
  } catch (error) {
    if (error instanceof WasmLoadError) {
      expectType<ImagesError>(error);
      expectType<string>(error.message);
      expectType<unknown>(error.cause);
    }
  }
}

export function clients(): ImagesClient {
  const options: ClientOptions = {
    baseURL: `${location.origin}/v1`,
    apiKey: null,
    defaultHeaders: { 'x-app': 'demo', 'x-stainless-os': null, 'x-build': 42 },
    timeout: 60_000,
    maxRetries: 0,
  };
  const client = new ImagesClient(options);
  const defaults = new ImagesClientDefault();
  expectType<ImagesClient>(defaults);
  expectType<string>(client.baseURL);
  expectType<string | null>(client.apiKey);
  expectType<number>(client.timeout + client.maxRetries);
  expectType<Images>(client.images);
  // @ts-expect-error the options are read once; they cannot be changed
  client.baseURL = 'https://example.com/v1';
  // @ts-expect-error apiKey is a string
  new ImagesClient({ apiKey: 123 });
  // @ts-expect-error a Headers object is not read: pass a plain object
  new ImagesClient({ defaultHeaders: new Headers() });
  // @ts-expect-error Images is made by the client
  new Images(client);
  return client;
}

export async function generate(client: ImagesClient): Promise<void> {
  const res = await client.images.generate({
    model: 'gpt-image-2',
    prompt: 'a lighthouse at dawn',
    size: '1536x864',
    quality: 'high',
    background: 'opaque',
    moderation: 'low',
    output_format: 'webp',
    output_compression: 80,
    n: 2,
    user: 'user-1234',
  });
  expectType<ImagesResult>(res);
  assertTrue<Equal<typeof res, ImagesResponse & { readonly warnings: Issue[]; readonly _request_id: string | null }>>();
  const first = res.data?.[0];
  if (first?.b64_json) {
    const bytes = Uint8Array.from(atob(first.b64_json), (c) => c.charCodeAt(0));
    expectType<Uint8Array>(bytes);
  }
  expectType<number>(res.created);
  expectType<number | undefined>(res.usage?.input_tokens_details.image_tokens);
  assertTrue<Equal<typeof res.output_format, 'png' | 'jpeg' | 'webp' | 'gif' | 'svg' | undefined>>();
  expectType<string | undefined>(res.size);
  expectType<Issue[]>(res.warnings);
  expectType<string | null>(res._request_id);
  for (const warning of res.warnings) console.warn(`${warning.field}: ${warning.message}`);

  // dall-e with every other field, and nulls for "leave it out".
  const dalle = await client.images.generate(
    { model: 'dall-e-3', prompt: 'x', size: '1792x1024', quality: 'hd', style: 'natural', response_format: 'url', stream: null },
    { timeout: 5_000, maxRetries: 1, headers: { 'x-fault': 'rate_limit; times=1', authorization: null } },
  );
  expectType<string | undefined>(dalle.data?.[0]?.url);
  expectType<string | undefined>(dalle.data?.[0]?.revised_prompt);

  // A provider's own model, and its own parameter through a wider object.
  const model: ImageModel = 'acme-image-9';
  const size: ImageSize = 'auto';
  interface AcmeParams extends ImageGenerateParamsNonStreaming {
    seed: number;
  }
  const acme: AcmeParams = { model, size, prompt: 'x', seed: 7 };
  await client.images.generate(acme);

  // @ts-expect-error prompt is required
  await client.images.generate({ model: 'gpt-image-1' });
  // A size or quality this package does not know yet type-checks: the API may
  // have added it; validation sends it with a warning.
  await client.images.generate({ prompt: 'x', model: 'gpt-image-3', size: '4k', quality: 'ultra' });
  await client.images.generate({ prompt: 'x', model: 'gpt-image-2.5-sunburst', size: '2048x1152', quality: 'max' });
  await client.images.generate({ prompt: 'x' }, { validation: 'warn' });
  new ImagesClient({ validation: 'off' });
  // @ts-expect-error not a validation mode
  new ImagesClient({ validation: 'lenient' });
  // @ts-expect-error not a background
  await client.images.generate({ prompt: 'x', background: 'clear' });
  // @ts-expect-error not a format
  await client.images.generate({ prompt: 'x', output_format: 'bmp' });
  // GPT Image 2.6: complexity, an animated GIF, an SVG written by a text model.
  const complexity: ImageComplexity = 'low';
  await client.images.generate({ prompt: 'x', model: 'gpt-image-2.6-flare', complexity, output_format: 'gif', frame_count: 4, frame_duration_ms: 120 });
  const svg: ImageSvgOptions = { model: 'gpt-5-mini', reasoning: { effort: 'low' } };
  await client.images.generate({ prompt: 'x', model: 'gpt-image-2.6-sunburst', output_format: 'svg', svg });
  // @ts-expect-error not a complexity
  await client.images.generate({ prompt: 'x', complexity: 'extreme' });
  // @ts-expect-error svg.model names a text model
  await client.images.generate({ prompt: 'x', output_format: 'svg', svg: { model: 5 } });
  // @ts-expect-error n is a number
  await client.images.generate({ prompt: 'x', n: '2' });
  // @ts-expect-error a typo is caught
  await client.images.generate({ prompt: 'x', qualty: 'high' });
  // @ts-expect-error onImage belongs to the Blob calls
  await client.images.generate({ prompt: 'x' }, { onImage: () => {} });
  // @ts-expect-error a JSON answer is not a stream
  const notStream: Stream<ImageGenStreamEvent> = await client.images.generate({ prompt: 'x' });
  void notStream;
}

export async function streams(client: ImagesClient, signal: AbortSignal): Promise<string[]> {
  const stream = await client.images.generate(
    { model: 'gpt-image-1.5', prompt: 'a fox', stream: true, partial_images: 2 },
    { signal },
  );
  expectType<Stream<ImageGenStreamEvent>>(stream);
  expectType<AbortController>(stream.controller);
  expectType<Issue[]>(stream.warnings);
  expectType<string | null>(stream._request_id);
  const seen: string[] = [];
  for await (const event of stream) {
    switch (event.type) {
      case 'image_generation.partial_image':
        expectType<number>(event.partial_image_index);
        break;
      case 'image_generation.completed':
        expectType<number>(event.usage.total_tokens);
        stream.controller.abort();
        break;
      default: {
        const never: never = event;
        void never;
      }
    }
    seen.push(`${event.type}:${event.b64_json.length}:${event.size}:${event.quality}:${event.created_at}`);
    // @ts-expect-error a generation never sends edit events
    if (event.type === 'image_edit.completed') break;
  }

  // A boolean that is not a literal gives either.
  const wanted: ImageGenerateParams = { prompt: 'x', stream: Math.random() > 0.5 };
  const either = await client.images.generate(wanted);
  if (either instanceof Stream) {
    for await (const event of either) expectType<ImageGenStreamEvent>(event);
  } else {
    expectType<ImagesResult>(either);
  }

  const iterator = stream[Symbol.asyncIterator]();
  const next = await iterator.next();
  if (!next.done) expectType<ImageGenStreamEvent>(next.value);
  await iterator.return(undefined);
  return seen;
}

export async function edits(client: ImagesClient, file: File, mask: Blob, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const upload: Uploadable[] = [file, new Blob([bytes], { type: 'image/png' }), bytes, bytes.buffer];
  const res = await client.images.edit({
    image: upload,
    mask,
    prompt: 'add a hat',
    model: 'gpt-image-1',
    input_fidelity: 'high',
    quality: 'medium',
    size: '1024x1536',
  });
  expectType<ImagesResult>(res);

  const single = await client.images.edit({ image: file, prompt: 'x', model: 'dall-e-2', response_format: 'b64_json' });
  expectType<ImagesResult>(single);

  const refs: ImageReference[] = [{ image_url: 'https://example.com/a.png' }, { file_id: 'file-abc123' }];
  const json = await client.images.edit({ images: refs, mask: { file_id: 'file-mask' }, prompt: 'x' });
  expectType<ImagesResult>(json);

  const stream = await client.images.edit({ image: file, prompt: 'x', stream: true, partial_images: 1 });
  expectType<Stream<ImageEditStreamEvent>>(stream);
  for await (const event of stream) {
    if (event.type === 'image_edit.partial_image') expectType<number>(event.partial_image_index);
    else expectType<'image_edit.completed'>(event.type);
    // @ts-expect-error an edit never sends generation events
    if (event.type === 'image_generation.completed') break;
  }

  const params: ImageEditParams = { image: file, prompt: 'x' };
  await client.images.edit(params);

  // @ts-expect-error an edit needs images
  await client.images.edit({ prompt: 'x' });
  // @ts-expect-error files and references do not mix
  await client.images.edit({ image: file, images: refs, prompt: 'x' });
  // @ts-expect-error a multipart edit's mask is a file
  await client.images.edit({ image: file, mask: { image_url: 'https://example.com/m.png' }, prompt: 'x' });
  // Markup (GPT Image 2.6): a file on a multipart edit, a reference on a JSON one.
  await client.images.edit({ image: file, markup: file, prompt: 'circle the door', model: 'gpt-image-2.6-flare', complexity: 'high' });
  await client.images.edit({ images: refs, markup: { file_id: 'file-marks' }, prompt: 'x' });
  // @ts-expect-error a multipart edit's markup is a file
  await client.images.edit({ image: file, markup: { image_url: 'https://example.com/m.png' }, prompt: 'x' });
  // @ts-expect-error a reference has exactly one of image_url and file_id
  await client.images.edit({ images: [{ image_url: 'https://example.com/a.png', file_id: 'file-1' }], prompt: 'x' });
  // @ts-expect-error a path is not a file
  await client.images.edit({ image: './photo.png', prompt: 'x' });
  // @ts-expect-error style is for generations
  await client.images.edit({ image: file, prompt: 'x', style: 'vivid' });
}

export async function blobs(client: ImagesClient, file: File): Promise<Blob[]> {
  const arrived: BlobsImage[] = [];
  const options: BlobRequestOptions = {
    onImage: (image) => {
      arrived.push(image);
      const img = document.createElement('img');
      // An image whose link the page could not read is shown from its link.
      img.src = image.blob ? URL.createObjectURL(image.blob) : image.url;
      img.width = image.width ?? 0;
      if (image.error) console.warn(`${image.error.message} (${image.error.status ?? 'no answer'})`);
    },
    signal: AbortSignal.timeout(60_000),
  };
  const res = await client.images.generateBlobs({ model: 'gpt-image-1-mini', prompt: 'x', n: 3 }, options);
  expectType<BlobsResult>(res);
  expectType<BlobsImage[]>(res.data);
  expectType<number>(res.created);
  expectType<Issue[]>(res.warnings);
  expectType<string | null>(res._request_id);
  for (const image of res.data) {
    expectType<number>(image.index);
    expectType<string | undefined>(image.revised_prompt);
    if (image.blob === null) {
      expectType<ImageLink>(image);
      expectType<string>(image.url);
      expectType<LinkError>(image.error);
      expectType<number | undefined>(image.error.status);
      continue;
    }
    expectType<ImageBlob>(image);
    expectType<Blob>(image.blob);
    expectType<string>(image.mime_type);
    assertTrue<Equal<typeof image.mime_type, ImageMimeType | 'application/octet-stream'>>();
    // An SVG can hold scripts: show it as an image, never inline it into the page.
    if (image.mime_type === 'image/svg+xml') document.createElement('img').src = URL.createObjectURL(image.blob);
    expectType<number | undefined>(image.height);
    expectType<string | undefined>(image.url);
    expectType<undefined>(image.error);
  }
  const first = res.data[0];
  if (first) {
    // @ts-expect-error the bytes may have stayed behind a link: narrow first
    URL.createObjectURL(first.blob);
  }
  const edited = await client.images.editBlobs({ image: [file, file], prompt: 'x' }, { onImage: (image) => arrived.push(image) });
  // @ts-expect-error the Blob calls read whole images, not events
  await client.images.generateBlobs({ prompt: 'x', stream: true });
  // @ts-expect-error b64_json is not there: the bytes are in blob
  void res.data[0]?.b64_json;
  return [...res.data, ...edited.data].flatMap((image) => (image.blob ? [image.blob] : []));
}

export async function validation(client: ImagesClient, file: File): Promise<void> {
  const issues = await client.images.validateGenerate({ model: 'dall-e-3', prompt: '', n: 4, size: '1000x1000' });
  expectType<Issue[]>(issues);
  const editIssues = await client.images.validateEdit({ image: file, prompt: 'x', stream: true });
  for (const issue of [...issues, ...editIssues]) {
    expectType<string>(issue.field);
    expectType<'error' | 'warning'>(issue.severity);
    describeRule(issue.rule);
  }
  // @ts-expect-error not a rule
  const rule: IssueRule = 'too_big';
  void rule;

  try {
    await client.images.generate({ prompt: '' });
  } catch (error) {
    if (error instanceof ValidationError) {
      expectType<Issue[]>(error.issues);
      expectType<Issue[]>(error.errors);
      const fields = error.errors.map((issue) => issue.field);
      console.log(fields.join(', '), error.message);
    }
  }
}

/** Every rule has a case: adding one to IssueRule without a case here is a compile error. */
function describeRule(rule: IssueRule): string {
  switch (rule) {
    case 'required':
    case 'max_length':
    case 'range':
    case 'unknown_value':
    case 'unknown_parameter':
    case 'unsupported_by_model':
    case 'requires':
    case 'conflict':
      return 'request';
    case 'size_format':
    case 'size_multiple_of_16':
    case 'aspect_ratio':
    case 'max_edge':
    case 'pixel_count':
      return 'size';
    case 'experimental':
    case 'provider_specific':
      return 'provider';
    case 'file_type':
    case 'file_size':
    case 'dimensions':
      return 'file';
    case 'malformed':
      return 'type';
    case 'unknown_model':
    case 'retired':
      return 'model';
    default: {
      const never: never = rule;
      return never;
    }
  }
}

/** What a page shows for each failure, narrowing by class as the official client's users do. */
export function explain(error: unknown): string {
  if (error instanceof ValidationError) return error.errors.map((issue) => issue.message).join('; ');
  if (error instanceof APIUserAbortError) {
    expectType<undefined>(error.status);
    return 'cancelled';
  }
  if (error instanceof APIConnectionTimeoutError) return 'timed out';
  if (error instanceof APIConnectionError) {
    expectType<undefined>(error.status);
    return `offline: ${error.message}`;
  }
  if (error instanceof RateLimitError) {
    assertTrue<Equal<typeof error.status, 429>>();
    return `slow down, retry after ${error.headers.get('retry-after') ?? '?'} s (${error.requestID ?? 'no id'})`;
  }
  if (error instanceof BadRequestError) {
    assertTrue<Equal<typeof error.status, 400>>();
    if (error.code === 'moderation_blocked') return `refused: ${JSON.stringify(error.moderation_details)}`;
    return `bad request: ${error.param ?? '?'} ${error.type ?? ''}`;
  }
  if (error instanceof AuthenticationError) return `key: ${error.status}`;
  if (error instanceof PermissionDeniedError) return `denied: ${error.status}`;
  if (error instanceof NotFoundError) return `not found: ${error.status}`;
  if (error instanceof ConflictError) return `conflict: ${error.status}`;
  if (error instanceof UnprocessableEntityError) return `unprocessable: ${error.status}`;
  if (error instanceof InternalServerError) {
    expectType<number>(error.status);
    expectType<Headers>(error.headers);
    return `provider down: ${error.status}`;
  }
  if (error instanceof APIError) {
    expectType<number | undefined>(error.status);
    expectType<Headers | undefined>(error.headers);
    expectType<string | undefined>(error.code);
    expectType<unknown>(error.error?.message);
    expectType<string | undefined>(error.requestID);
    expectType<string | undefined>(error.body);
    return `API error ${error.status ?? 'in the stream'}: ${error.message}`;
  }
  if (error instanceof ImagesError) return error.name;
  // @ts-expect-error status exists only once narrowed to APIError
  return String(error.status);
}

export function lastResponse(client: ImagesClient): string | undefined {
  const last: LastResponse | undefined = client.lastResponse;
  if (!last) return undefined;
  const limits: RateLimitInfo = last.rateLimit;
  expectType<number>(last.status);
  // @ts-expect-error lastResponse is read-only
  client.lastResponse = last;
  return `${last.status} ${last.requestID ?? '-'} ${limits.remainingRequests ?? '?'}/${limits.limitRequests ?? '?'} ${limits.resetTokens ?? ''}`;
}

export function errorsAreMadeLikeTheOfficialClients(headers: Headers): APIError[] {
  const made = APIError.generate(429, { message: 'slow down', code: 'rate_limit_exceeded' }, 'slow down', headers, 'req_1');
  const abort = new APIUserAbortError();
  const offline = new APIConnectionError({ message: 'offline', cause: new TypeError('fetch failed') });
  const timeout = new APIConnectionTimeoutError({ message: 'too slow' });
  const invalid = new ValidationError([{ field: 'prompt', rule: 'required', severity: 'error', message: 'prompt is required' }]);
  expectType<ImagesError>(invalid);
  return [made, abort, offline, timeout];
}

export function requestOptions(controller: AbortController): RequestOptions {
  // @ts-expect-error header values are text or numbers
  const bad: RequestOptions = { headers: { 'x-flag': true } };
  void bad;
  return { signal: controller.signal, timeout: 300, maxRetries: 0, headers: { 'x-fault': 'stall_headers' } };
}

/** The named types, as a settings form or a wrapper library would use them. */
export interface Settings {
  model: ImageModel;
  size: ImageSize;
  quality: ImageGenerateQuality;
  editQuality: ImageEditQuality;
  background: ImageBackground;
  moderation: ImageModeration;
  format: ImageOutputFormat;
  responseFormat: ImageResponseFormat;
  style: ImageStyle;
  fidelity: ImageInputFidelity;
  headers: HeaderValues;
  wasm: InitInput;
}

export const settings: Settings = {
  model: 'gpt-image-2',
  size: '2048x1152',
  quality: 'hd',
  editQuality: 'standard',
  background: 'transparent',
  moderation: 'low',
  format: 'png',
  responseFormat: 'b64_json',
  style: 'vivid',
  fidelity: 'low',
  headers: { 'x-app': 'demo' },
  wasm: '/gpt_image_wasm_bg.wasm',
};

/** Generic helpers over both calls' params, events and results. */
export function toParams(s: Settings, prompt: string): [ImageGenerateParamsBase, ImageEditParamsCommon] {
  const generate: ImageGenerateParamsNonStreaming = { prompt, model: s.model, size: s.size, quality: s.quality, style: s.style };
  const streaming: ImageGenerateParamsStreaming = { ...generate, stream: true };
  const edit: ImageEditParamsCommon = { prompt, model: s.model, quality: s.editQuality, input_fidelity: s.fidelity };
  const files: ImageEditFiles = { image: new Blob() };
  const references: ImageEditReferences = { images: [{ file_id: 'file-1' }] };
  const base: ImageEditParamsBase = { ...edit, ...files };
  const once: ImageEditParamsNonStreaming = { prompt, ...references, stream: false };
  const streamed: ImageEditParamsStreaming = { ...edit, ...files, stream: true };
  void [streaming, base, once, streamed];
  return [generate, edit];
}

export function finalImage(event: ImageGenStreamEvent | ImageEditStreamEvent): string | undefined {
  const completed: ImageGenCompletedEvent | ImageEditCompletedEvent | undefined =
    event.type === 'image_generation.completed' || event.type === 'image_edit.completed' ? event : undefined;
  const partial: ImageGenPartialImageEvent | ImageEditPartialImageEvent | undefined =
    event.type === 'image_generation.partial_image' || event.type === 'image_edit.partial_image' ? event : undefined;
  const usage: ImagesUsage | undefined = completed?.usage;
  const size: ReportedSize | 'auto' = event.size;
  void [partial, usage, size];
  return completed?.b64_json;
}

export function summary(result: ResultExtras & { data?: Image[] }, error?: APIErrorObject): string {
  const details: ModerationDetails | undefined = error?.moderation_details;
  return `${result.data?.length ?? 0} images, ${result.warnings.length} warnings, ${result._request_id ?? '-'} ${JSON.stringify(details)}`;
}

export async function azure(key: string): Promise<string | undefined> {
  const client = new AzureOpenAI({ endpoint: 'https://demo.openai.azure.com', deployment: 'gpt-image-2', apiVersion: '2025-04-01-preview', apiKey: key });
  const images: ImagesClient = client;
  const version: string = client.apiVersion;
  const query: QueryValues = { 'api-version': version, tenant: null, page: 2 };
  const res = await images.images.generate({ prompt: 'a kite' }, { query });
  // @ts-expect-error apiVersion is required
  new AzureOpenAI({ endpoint: 'https://demo.openai.azure.com' });
  new ImagesClient({ defaultQuery: { tenant: 'a' } });
  return res.data?.[0]?.b64_json;
}
