// Type declarations of gpt-image-wasm: the OpenAI Images API from any web page.
//
// Written by hand to match `index.js`, except the parts between
// `@generated` lines: the unions and the parameter interfaces, which
// `cargo xtask pkg` writes from gpt-image-core's catalogue and its one list
// of parameters, and the error classes, from gpt-image-wasm's `ErrorClass`. The request and response shapes follow the official OpenAPI
// specification of the Images API (`CreateImageRequest`,
// `CreateImageEditRequest`, `EditImageBodyJsonParam`, `ImagesResponse`,
// `ImageGenStreamEvent`, `ImageEditStreamEvent`). They need the DOM library
// (`"lib": ["DOM", …]`) or `@types/node` (Node 20 and later) for `Blob`,
// `File`, `Headers` and `AbortSignal`.

// ---------------------------------------------------------------------------
// Loading

/**
 * What {@link init} accepts: the URL of `gpt_image_wasm_bg.wasm`, a `Response`
 * for it, its bytes, or a compiled `WebAssembly.Module`.
 */
export type InitInput = string | URL | Request | Response | ArrayBuffer | ArrayBufferView | WebAssembly.Module;

declare global {
  // `WebAssembly.Module` for projects on `@types/node` alone, which do not
  // declare it (the DOM library does; the two merge).
  namespace WebAssembly {
    interface Module {}
  }
}

/**
 * Loads the WebAssembly module. Every call does this by itself; call it
 * yourself to load early, or to say where the `.wasm` file is when your
 * bundler does not handle `new URL('…', import.meta.url)`.
 *
 * Given nothing, it loads the file the way the runtime can: browsers and
 * bundlers fetch it from beside the package's `gpt_image_wasm.js` (or the
 * asset the bundler emitted), Node, Deno and Bun read it from the package's
 * folder (the `node`, `deno` and `bun` export conditions), and edge workers
 * import it as a module (`workerd`, `edge-light`, `worker`).
 *
 * Only the first call that succeeds loads anything: later calls (and their
 * argument) are ignored. A failed load rejects with a {@link WasmLoadError}
 * that says what to give instead, and is retried by the next call.
 *
 * @param moduleOrPath Where `gpt_image_wasm_bg.wasm` is (a URL), its bytes
 *   (`Uint8Array`, Node's `Buffer`, `ArrayBuffer`), a `Response` for it, or
 *   the compiled module itself.
 */
export function init(moduleOrPath?: InitInput | Promise<InitInput>): Promise<void>;

// ---------------------------------------------------------------------------
// Parameters

// @generated begin: `cargo xtask pkg` writes what follows from gpt-image-core's catalogue.

/**
 * The model. Any string is sent as it is; the names this package knows:
 *
 * - `gpt-image-2.6-flare`: GPT Image 2.6, fast: drafts, posters, batches; GIF and SVG output.
 * - `gpt-image-2.6-sunburst`: GPT Image 2.6, for detail, small type and subjects that stay steady across edits.
 * - `gpt-image-2.5-flare` (also `gpt-image-2.5-flare-2026-09-08`): GPT Image 2.5, the fast everyday model.
 * - `gpt-image-2.5-sunburst` (also `gpt-image-2.5-sunburst-2026-09-08`): GPT Image 2.5, the premium model for detail and precise edits.
 * - `gpt-image-2` (also `gpt-image-2-2026-04-21`): GPT Image 2: custom sizes up to 3840x2160.
 * - `gpt-image-1.5`: GPT Image 1.5, the API's default for edits. Retired at OpenAI on 2026-12-01.
 * - `chatgpt-image-latest`: The image model ChatGPT uses now. Retired at OpenAI on 2026-12-01.
 * - `gpt-image-1-mini`: GPT Image 1 mini: the cheapest, no input_fidelity. Retired at OpenAI on 2026-12-01.
 * - `gpt-image-1`: The first GPT image model. Retired at OpenAI on 2026-10-23.
 * - `dall-e-3`: DALL·E 3: one image per request, vivid or natural. Retired at OpenAI on 2026-05-12.
 * - `dall-e-2`: DALL·E 2: small square images, one-image edits. Retired at OpenAI on 2026-05-12.
 *
 * A `provider/` prefix (`openai/gpt-image-2.6-flare`) and dated snapshots this package
 * does not list yet follow their model's rules. Any other name is sent with a
 * warning, and only what the API itself or every model of its family refuses
 * stops it.
 */
export type ImageModel =
  | 'gpt-image-2.6-flare'
  | 'gpt-image-2.6-sunburst'
  | 'gpt-image-2.5-flare'
  | 'gpt-image-2.5-flare-2026-09-08'
  | 'gpt-image-2.5-sunburst'
  | 'gpt-image-2.5-sunburst-2026-09-08'
  | 'gpt-image-2'
  | 'gpt-image-2-2026-04-21'
  | 'gpt-image-1.5'
  | 'chatgpt-image-latest'
  | 'gpt-image-1-mini'
  | 'gpt-image-1'
  | 'dall-e-3'
  | 'dall-e-2'
  | (string & {});

/**
 * The size of the images. By model:
 *
 * - `gpt-image-2.6-flare`: `auto` or any `WIDTHxHEIGHT` with sides multiples of 16, 1:3 to 3:1, at most 3840 on the longest edge, 655360 to 8294400 pixels.
 * - `gpt-image-2.6-sunburst`: `auto` or any `WIDTHxHEIGHT` with sides multiples of 16, 1:3 to 3:1, at most 3840 on the longest edge, 655360 to 8294400 pixels.
 * - `gpt-image-2.5-flare`: `auto` or any `WIDTHxHEIGHT` with sides multiples of 16, 1:3 to 3:1, at most 3840 on the longest edge, 655360 to 8294400 pixels.
 * - `gpt-image-2.5-sunburst`: `auto` or any `WIDTHxHEIGHT` with sides multiples of 16, 1:3 to 3:1, at most 3840 on the longest edge, 655360 to 8294400 pixels.
 * - `gpt-image-2`: `auto` or any `WIDTHxHEIGHT` with sides multiples of 16, 1:3 to 3:1, at most 3840 on the longest edge, 655360 to 8294400 pixels.
 * - `gpt-image-1.5`: `auto`, `1024x1024`, `1536x1024`, `1024x1536`.
 * - `chatgpt-image-latest`: `auto`, `1024x1024`, `1536x1024`, `1024x1536`.
 * - `gpt-image-1-mini`: `auto`, `1024x1024`, `1536x1024`, `1024x1536`.
 * - `gpt-image-1`: `auto`, `1024x1024`, `1536x1024`, `1024x1536`.
 * - `dall-e-3`: `1024x1024`, `1792x1024`, `1024x1792`.
 * - `dall-e-2`: `256x256`, `512x512`, `1024x1024`.
 */
export type ImageSize =
  | 'auto'
  | '1024x1024'
  | '1536x1024'
  | '1024x1536'
  | '2048x1152'
  | '1152x2048'
  | '3840x2160'
  | '1792x1024'
  | '1024x1792'
  | '256x256'
  | '512x512'
  | `${number}x${number}`
  | (string & {});

/**
 * The quality of a generation; `auto` (the default) lets the model pick. By model:
 *
 * - `gpt-image-2.6-flare`: `low`, `medium`, `high`, `xhigh`, `max`, `auto`.
 * - `gpt-image-2.6-sunburst`: `low`, `medium`, `high`, `xhigh`, `max`, `auto`.
 * - `gpt-image-2.5-flare`: `low`, `medium`, `high`, `xhigh`, `max`, `auto`.
 * - `gpt-image-2.5-sunburst`: `low`, `medium`, `high`, `xhigh`, `max`, `auto`.
 * - `gpt-image-2`: `low`, `medium`, `high`, `auto`.
 * - `gpt-image-1.5`: `low`, `medium`, `high`, `auto`.
 * - `chatgpt-image-latest`: `low`, `medium`, `high`, `auto`.
 * - `gpt-image-1-mini`: `low`, `medium`, `high`, `auto`.
 * - `gpt-image-1`: `low`, `medium`, `high`, `auto`.
 * - `dall-e-3`: `standard`, `hd`, `auto`.
 * - `dall-e-2`: `standard`, `auto`.
 *
 * A quality this package does not know yet is sent with a warning.
 */
export type ImageGenerateQuality =
  | 'low'
  | 'medium'
  | 'high'
  | 'xhigh'
  | 'max'
  | 'auto'
  | 'standard'
  | 'hd'
  | (string & {});

/** The quality of an edit, for the models that edit (`gpt-image-2.6-flare`, `gpt-image-2.6-sunburst`, `gpt-image-2.5-flare`, `gpt-image-2.5-sunburst`, `gpt-image-2`, `gpt-image-1.5`, `chatgpt-image-latest`, `gpt-image-1-mini`, `gpt-image-1`, `dall-e-2`). */
export type ImageEditQuality =
  | 'low'
  | 'medium'
  | 'high'
  | 'xhigh'
  | 'max'
  | 'auto'
  | 'standard'
  | (string & {});

/**
 * The background (`gpt-image-2.6-flare`, `gpt-image-2.6-sunburst`, `gpt-image-2.5-flare`, `gpt-image-2.5-sunburst`, `gpt-image-2`, `gpt-image-1.5`, `chatgpt-image-latest`, `gpt-image-1-mini`, `gpt-image-1`): `transparent` needs `output_format` `png` or
 * `webp`; supported by `gpt-image-2.6-flare`, `gpt-image-2.6-sunburst`, `gpt-image-2.5-flare`, `gpt-image-2.5-sunburst`, `gpt-image-1.5`, `chatgpt-image-latest`, `gpt-image-1-mini`, `gpt-image-1`, a preview for `gpt-image-2`.
 */
export type ImageBackground = 'auto' | 'transparent' | 'opaque';

/** Content moderation (`gpt-image-2.6-flare`, `gpt-image-2.6-sunburst`, `gpt-image-2.5-flare`, `gpt-image-2.5-sunburst`, `gpt-image-2`, `gpt-image-1.5`, `chatgpt-image-latest`, `gpt-image-1-mini`, `gpt-image-1`): `auto` (the default) or the less strict `low`. */
export type ImageModeration = 'auto' | 'low';

/**
 * The file format of the images (`gpt-image-2.6-flare`, `gpt-image-2.6-sunburst`, `gpt-image-2.5-flare`, `gpt-image-2.5-sunburst`, `gpt-image-2`, `gpt-image-1.5`, `chatgpt-image-latest`, `gpt-image-1-mini`, `gpt-image-1`; `png` by default): `gif` (an
 * animation) for `gpt-image-2.6-flare`, `gpt-image-2.6-sunburst`, `svg` (written by a text model) for `gpt-image-2.6-flare`, `gpt-image-2.6-sunburst`.
 */
export type ImageOutputFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'svg';

/** The type of an image file, read from its bytes: one per output format. */
export type ImageMimeType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif' | 'image/svg+xml';

/**
 * How much the model plans the picture before drawing it, for `gpt-image-2.6-flare`, `gpt-image-2.6-sunburst`:
 * `high` by default; independent of `quality`.
 */
export type ImageComplexity = 'low' | 'medium' | 'high';

/**
 * With `output_format: svg`: the text model that writes the SVG
 * (`model`) and its reasoning effort (`reasoning.effort`).
 */
export interface ImageSvgOptions {
  /** The text model that writes the SVG from the image model's picture. */
  model?: string | null;
  /** The text model's reasoning. */
  reasoning?: {
    /** Its reasoning effort. */
    effort?: string | null;
    [key: string]: unknown;
  } | null;
  /** Members this package does not name are sent as written. */
  [key: string]: unknown;
}

/**
 * How images come back: `url` or `b64_json`. OpenAI's GPT image models
 * always answer with `b64_json`; some providers send links.
 */
export type ImageResponseFormat = 'url' | 'b64_json';

/** The look of the images, for `dall-e-3`: `vivid` (the default) or `natural`. */
export type ImageStyle = 'vivid' | 'natural';

/**
 * How closely an edit keeps the style and features (faces above all) of its
 * inputs: `low` (the default) or `high`. Not for `gpt-image-1-mini`.
 */
export type ImageInputFidelity = 'high' | 'low';

/**
 * The rules validation checks:
 *
 * - `required`: a required field is missing or empty.
 * - `max_length`: text longer than the model accepts.
 * - `range`: a number outside its range, or too few or too many items.
 * - `unknown_value`: a value this package does not know: sent as it is, with a warning.
 * - `unsupported_by_model`: a parameter or value this model does not accept.
 * - `requires`: a parameter that only works together with another one.
 * - `conflict`: two settings that contradict each other.
 * - `size_format`: a size that is not `auto` or `WIDTHxHEIGHT`.
 * - `size_multiple_of_16`: a custom size whose sides are not multiples of 16.
 * - `aspect_ratio`: a custom size longer than 3:1 on either side.
 * - `max_edge`: a custom size whose longest edge is over the limit.
 * - `pixel_count`: a custom size with too few or too many pixels.
 * - `experimental`: accepted, but marked experimental or preview by the provider.
 * - `provider_specific`: accepted by some providers, rejected by others (OpenAI among them).
 * - `file_type`: an input file of a type the API does not take.
 * - `file_size`: an input file larger than the API takes.
 * - `dimensions`: an input whose width and height do not fit (a mask, a square-only model).
 * - `malformed`: a value that could not be read at all (a string where a number belongs).
 * - `unknown_model`: a model this package does not list: what it refuses is only inferred.
 * - `retired`: a model OpenAI has retired, or will retire on a known day.
 * - `unknown_parameter`: a field this package does not know as a parameter: sent as written, with a warning.
 */
export type IssueRule =
  | 'required'
  | 'max_length'
  | 'range'
  | 'unknown_value'
  | 'unsupported_by_model'
  | 'requires'
  | 'conflict'
  | 'size_format'
  | 'size_multiple_of_16'
  | 'aspect_ratio'
  | 'max_edge'
  | 'pixel_count'
  | 'experimental'
  | 'provider_specific'
  | 'file_type'
  | 'file_size'
  | 'dimensions'
  | 'malformed'
  | 'unknown_model'
  | 'retired'
  | 'unknown_parameter';

/**
 * What validation may stop, per client and per call: `full` (the default:
 * errors stop the request), `warn` (every problem is a warning; for providers
 * with rules of their own) or `off` (no checks).
 */
export type ValidationMode = 'full' | 'warn' | 'off';
// @generated end

// @generated begin: `cargo xtask pkg` writes the parameters from gpt-image-core's list of parameters.

/**
 * The parameters of `images.generate` (`POST /images/generations`), as in
 * the API's `CreateImageRequest`.
 * `null` is the same as leaving a field out.
 *
 * Every field is checked before anything is sent; a request that breaks the
 * rules is rejected with a {@link ValidationError}. Fields the package does
 * not know are sent as they are, with a warning that names each (a
 * provider's extensions, a parameter newer than this package): pass them in an
 * object typed with your own interface extending this one.
 */
export interface ImageGenerateParamsBase {
  /**
   * What to draw. Required; at most 32000 characters for GPT Image 2.6, GPT Image 2.5, GPT Image 2, GPT Image 1; 4000 characters for DALL·E 3; 1000 characters for DALL·E 2.
   */
  prompt: string;
  /**
   * The model: any name is sent as it is; the names this package
   * knows are checked by their rules. Without one the API picks.
   * The API's default: `dall-e-2`, or `gpt-image-1.5` when a parameter only the GPT image models take is set (`background`, `moderation`, `output_format`, `output_compression`, `stream`, `partial_images`, `complexity`, `frame_count`, `frame_duration_ms`, `svg`). See {@link ImageModel}.
   */
  model?: ImageModel | null;
  /**
   * How many images: 1 to the most the model makes (one for an SVG).
   */
  n?: number | null;
  /**
   * The size: `auto`, the model's standard sizes, or for models with
   * custom sizes any `WIDTHxHEIGHT` within their limits (for a GIF,
   * one frame's size).
   * See {@link ImageSize}.
   */
  size?: ImageSize | null;
  /**
   * How much effort goes into the image; the values each model takes
   * are checked before sending.
   * See {@link ImageGenerateQuality}.
   */
  quality?: ImageGenerateQuality | null;
  /**
   * How much the model plans the picture before drawing it (GPT Image
   * 2.6): `low`, `medium` or `high` (the default); independent of
   * `quality`.
   * See {@link ImageComplexity}.
   */
  complexity?: ImageComplexity | null;
  /**
   * The background (GPT image models); `transparent` needs `png`,
   * `webp` or `gif`.
   * See {@link ImageBackground}.
   */
  background?: ImageBackground | null;
  /**
   * Content moderation level (GPT image models).
   * See {@link ImageModeration}.
   */
  moderation?: ImageModeration | null;
  /**
   * The file format (GPT image models; `png` by default): `gif` (an
   * animation) and `svg` (written by a text model) with GPT Image 2.6.
   * See {@link ImageOutputFormat}.
   */
  output_format?: ImageOutputFormat | null;
  /**
   * Compression, 0 to 100, for `jpeg` or `webp` output.
   */
  output_compression?: number | null;
  /**
   * With `output_format: gif`: how many frames, 2 to 16 (9 by default).
   */
  frame_count?: number | null;
  /**
   * With `output_format: gif`: how long each frame shows, in
   * milliseconds, at least 20 (200 by default), rounded to 10.
   */
  frame_duration_ms?: number | null;
  /**
   * With `output_format: svg`: the text model that writes the SVG
   * (`model`) and its reasoning effort (`reasoning.effort`).
   * See {@link ImageSvgOptions}.
   */
  svg?: ImageSvgOptions | null;
  /**
   * `url` or `b64_json`. OpenAI's GPT image models always answer with
   * `b64_json`; some providers send links.
   * See {@link ImageResponseFormat}.
   */
  response_format?: ImageResponseFormat | null;
  /**
   * Answer with server-sent events (GPT image models; not GIF or SVG).
   */
  stream?: boolean | null;
  /**
   * Partial images to stream before the final one, with `stream`: 0 up
   * to the most the model sends.
   */
  partial_images?: number | null;
  /**
   * An identifier of the end user, for abuse monitoring.
   */
  user?: string | null;
  /**
   * `vivid` or `natural`, for the models that take a style (DALL·E 3).
   * See {@link ImageStyle}.
   */
  style?: ImageStyle | null;
}

/**
 * The fields of an edit (`POST /images/edits`) other than its images.
 * `null` is the same as leaving a field out.
 *
 * Every field is checked before anything is sent; a request that breaks the
 * rules is rejected with a {@link ValidationError}. Fields the package does
 * not know are sent as they are, with a warning that names each (a
 * provider's extensions, a parameter newer than this package): pass them in an
 * object typed with your own interface extending this one.
 */
export interface ImageEditParamsCommon {
  /**
   * What to change. Required; at most 32000 characters for GPT Image 2.6, GPT Image 2.5, GPT Image 2, GPT Image 1; 1000 characters for DALL·E 2.
   */
  prompt: string;
  /**
   * The model: any name is sent as it is; the names this package
   * knows are checked by their rules. Without one the API picks.
   * The API's default: `gpt-image-1.5`. See {@link ImageModel}.
   */
  model?: ImageModel | null;
  /**
   * How many images: 1 to the most the model makes (one for an SVG).
   */
  n?: number | null;
  /**
   * The size: `auto`, the model's standard sizes, or for models with
   * custom sizes any `WIDTHxHEIGHT` within their limits (for a GIF,
   * one frame's size).
   * See {@link ImageSize}.
   */
  size?: ImageSize | null;
  /**
   * How much effort goes into the image; the values each model takes
   * are checked before sending.
   * See {@link ImageEditQuality}.
   */
  quality?: ImageEditQuality | null;
  /**
   * How much the model plans the picture before drawing it (GPT Image
   * 2.6): `low`, `medium` or `high` (the default); independent of
   * `quality`.
   * See {@link ImageComplexity}.
   */
  complexity?: ImageComplexity | null;
  /**
   * The background (GPT image models); `transparent` needs `png`,
   * `webp` or `gif`.
   * See {@link ImageBackground}.
   */
  background?: ImageBackground | null;
  /**
   * Content moderation level (GPT image models).
   * See {@link ImageModeration}.
   */
  moderation?: ImageModeration | null;
  /**
   * The file format (GPT image models; `png` by default): `gif` (an
   * animation) and `svg` (written by a text model) with GPT Image 2.6.
   * See {@link ImageOutputFormat}.
   */
  output_format?: ImageOutputFormat | null;
  /**
   * Compression, 0 to 100, for `jpeg` or `webp` output.
   */
  output_compression?: number | null;
  /**
   * With `output_format: gif`: how many frames, 2 to 16 (9 by default).
   */
  frame_count?: number | null;
  /**
   * With `output_format: gif`: how long each frame shows, in
   * milliseconds, at least 20 (200 by default), rounded to 10.
   */
  frame_duration_ms?: number | null;
  /**
   * With `output_format: svg`: the text model that writes the SVG
   * (`model`) and its reasoning effort (`reasoning.effort`).
   * See {@link ImageSvgOptions}.
   */
  svg?: ImageSvgOptions | null;
  /**
   * `url` or `b64_json`. OpenAI's GPT image models always answer with
   * `b64_json`; some providers send links.
   * See {@link ImageResponseFormat}.
   */
  response_format?: ImageResponseFormat | null;
  /**
   * Answer with server-sent events (GPT image models; not GIF or SVG).
   */
  stream?: boolean | null;
  /**
   * Partial images to stream before the final one, with `stream`: 0 up
   * to the most the model sends.
   */
  partial_images?: number | null;
  /**
   * An identifier of the end user, for abuse monitoring.
   */
  user?: string | null;
  /**
   * How closely an edit keeps the style and features of its inputs,
   * for the models that support it.
   * See {@link ImageInputFidelity}.
   */
  input_fidelity?: ImageInputFidelity | null;
}

/** An edit of uploaded files, sent as `multipart/form-data` (the API's `CreateImageEditRequest`). */
export interface ImageEditFiles {
  /** The image to edit, or up to 16 of them (GPT image models; `dall-e-2` takes one). */
  image: Uploadable | Uploadable[];
  /**
   * A PNG of the first image's size whose fully transparent pixels mark
   * where to edit; under 4 MB.
   */
  mask?: Uploadable | null;
  /**
   * For `gpt-image-2.6-flare`, `gpt-image-2.6-sunburst`: a transparent PNG holding only marks (arrows, circles,
   * scribbles) that the prompt explains, the size of the first image; not
   * with `mask`.
   */
  markup?: Uploadable | null;
  images?: never;
}

/** An edit of images given by reference, sent as JSON (the API's `EditImageBodyJsonParam`; GPT image models only). */
export interface ImageEditReferences {
  /** The images to edit, 1 to 16. */
  images: ImageReference[];
  /** The mask, by reference; see {@link ImageEditFiles.mask}. */
  mask?: ImageReference | null;
  /** The markup, by reference; see {@link ImageEditFiles.markup}. */
  markup?: ImageReference | null;
  image?: never;
}
// @generated end

/** The parameters of a generation that answers once, with every image. */
export interface ImageGenerateParamsNonStreaming extends ImageGenerateParamsBase {
  /** Leave it out (or `false`) for one answer with every image. */
  stream?: false | null;
}

/** The parameters of a generation that streams its events. */
export interface ImageGenerateParamsStreaming extends ImageGenerateParamsBase {
  /** Streams the generation as {@link ImageGenStreamEvent}s. */
  stream: true;
}

/** The parameters of `images.generate`, streaming or not. */
export type ImageGenerateParams = ImageGenerateParamsNonStreaming | ImageGenerateParamsStreaming;

/**
 * An image file to edit: a `File` (its name is kept), a `Blob`, or the
 * bytes themselves. The format is read from the bytes, whatever the file's
 * name or type says: `png`, `webp` or `jpeg` (under 50 MB) for the GPT image
 * models, a square `png` under 4 MB for `dall-e-2`.
 */
export type Uploadable = File | Blob | ArrayBuffer | ArrayBufferView;

/**
 * An image the provider fetches itself, for JSON edits: exactly one of
 * `image_url` (an `http(s):` or `data:` URL) and `file_id` (a Files API id).
 */
export type ImageReference =
  | {
      /** A fully qualified URL, or a base64 `data:` URL. */
      image_url: string;
      file_id?: never;
    }
  | {
      /** The id of an image uploaded with the Files API. */
      file_id: string;
      image_url?: never;
    };

/**
 * The parameters of `images.edit` (`POST /images/edits`): files in `image`
 * (and `mask` or `markup`) make a multipart edit, references in `images` a JSON one.
 * Like {@link ImageGenerateParamsBase}, checked before anything is sent.
 */
export type ImageEditParamsBase = ImageEditParamsCommon & (ImageEditFiles | ImageEditReferences);

/** The parameters of an edit that answers once, with every image. */
export type ImageEditParamsNonStreaming = ImageEditParamsBase & {
  /** Leave it out (or `false`) for one answer with every image. */
  stream?: false | null;
};

/** The parameters of an edit that streams its events. */
export type ImageEditParamsStreaming = ImageEditParamsBase & {
  /** Streams the edit as {@link ImageEditStreamEvent}s. */
  stream: true;
};

/** The parameters of `images.edit`, streaming or not. */
export type ImageEditParams = ImageEditParamsNonStreaming | ImageEditParamsStreaming;

/** The options of the client, for every call it makes: `new ImagesClient(options)`. */
export interface ClientOptions {
  /**
   * The API root, default `https://api.openai.com/v1`; any OpenAI-compatible
   * provider's works. It must be an absolute `http://` or `https://` URL with
   * a host: anything else (`api.openai.com` without its scheme, a relative
   * path) makes the constructor throw a {@link ValidationError} naming
   * `baseURL`, before any key is sent. A key sent over plain `http` to a host
   * other than this machine (`localhost`, `127.0.0.1`, `[::1]`) gives a
   * warning on every result ({@link ResultExtras.warnings}, field `baseURL`).
   */
  baseURL?: string | null;
  /**
   * Sent as `Authorization: Bearer …`. Leave it out (or `null`) when a relay
   * adds it: a key in a web page is visible to everyone who opens it.
   */
  apiKey?: string | null;
  /** Headers for every request; a header set to `null` is not sent. */
  defaultHeaders?: HeaderValues | null;
  /**
   * Query parameters for every request, after the base URL's own query
   * (which stays at the end of every URL); a parameter set to `null` is not sent.
   */
  defaultQuery?: QueryValues | null;
  /** Milliseconds each attempt may take, default 600000 (10 minutes). */
  timeout?: number | null;
  /** How many times a failure worth it (connection, 408, 409, 429, 5xx) is retried, default 2. */
  maxRetries?: number | null;
  /**
   * What validation may stop, default `full`; `warn` for a provider with rules
   * of its own (every problem is still reported, as warnings). Anything else
   * rejects the first call with a {@link ValidationError} naming `validation`.
   */
  validation?: ValidationMode | null;
}

/**
 * Header names and values. A number is sent as text; `null` (or
 * `undefined`) removes a header the client would otherwise send.
 * Only a plain object: a `Headers` instance is not read.
 */
export type HeaderValues = Record<string, string | number | null | undefined>;

/** Query parameter names and values; `null` (or `undefined`) removes one the client would otherwise send. */
export type QueryValues = Record<string, string | number | boolean | null | undefined>;

/** The options of one call, the second argument of every call; each overrides the client's. */
export interface RequestOptions {
  /** Aborting it ends the call at once with an {@link APIUserAbortError}. */
  signal?: AbortSignal | null;
  /** Milliseconds each attempt may take. */
  timeout?: number | null;
  /** How many times a failure worth it is retried. */
  maxRetries?: number | null;
  /** Headers for this call, over the client's `defaultHeaders`; `null` removes one. */
  headers?: HeaderValues | null;
  /** Query parameters for this call, over the client's `defaultQuery`; `null` removes one. */
  query?: QueryValues | null;
  /** What validation may stop for this call, over the client's `validation`. */
  validation?: ValidationMode | null;
}

/** The options of `generateBlobs` and `editBlobs`. */
export interface BlobRequestOptions extends RequestOptions {
  /**
   * Called with each image as soon as its last byte has arrived and it has
   * been decoded, before the call resolves (images with links: once fetched,
   * or once the fetch failed: then an {@link ImageLink}, with `blob: null`).
   */
  onImage?: ((image: BlobsImage) => void) | null;
}

// ---------------------------------------------------------------------------
// Results

/** A problem found in a request: by validation, or in what was sent back. */
export interface Issue {
  /** The field at fault, as written in the parameters: `prompt`, `size`, `image[1]`, `images[0]`, `mask`, `params`, … */
  field: string;
  /** The rule broken; see {@link IssueRule}. */
  rule: IssueRule;
  /** `error` stops the request; a `warning` is only reported. */
  severity: 'error' | 'warning';
  /** What is wrong, in words. */
  message: string;
}

/**
 * What every result carries besides the API's answer. Both are left out of
 * `JSON.stringify` and object spreads (they are not enumerable).
 */
export interface ResultExtras {
  /**
   * The warnings validation found (requests with errors are not sent), after
   * the client's own (field `baseURL`: a key sent over plain `http`).
   */
  readonly warnings: Issue[];
  /** The answer's `x-request-id` header, to quote when asking the provider for help; `null` without one. */
  readonly _request_id: string | null;
}

/** One image of {@link ImagesResponse}: base64 bytes, or a link. */
export interface Image {
  /** The image file, base64-encoded: what the GPT image models send, and `dall-e-*` with `response_format: 'b64_json'`. */
  b64_json?: string;
  /** A link to the image (`dall-e-*` with `response_format: 'url'`); OpenAI's last 60 minutes. */
  url?: string;
  /** The prompt as the model rewrote it (`dall-e-3`). */
  revised_prompt?: string;
}

/** The tokens a request used (GPT image models). */
export interface ImagesUsage {
  /** Every token, input and output, text and images. */
  total_tokens: number;
  /** The tokens of the prompt and the input images. */
  input_tokens: number;
  /** The tokens of the images made. */
  output_tokens: number;
  /** The input tokens, by kind. */
  input_tokens_details: {
    /** The tokens of the prompt. */
    text_tokens: number;
    /** The tokens of the input images. */
    image_tokens: number;
  };
  /** The output tokens, by kind (when the provider says). */
  output_tokens_details?: {
    /** The tokens of the images made. */
    image_tokens: number;
    /** The tokens of text made. */
    text_tokens: number;
  };
}

/**
 * A size the API reports: one of the standard sizes, or `WIDTHxHEIGHT` for
 * the custom sizes of `gpt-image-2`.
 */
export type ReportedSize = '1024x1024' | '1024x1536' | '1536x1024' | (string & {});

/** The API's answer to a generation or an edit (its `ImagesResponse`). */
export interface ImagesResponse {
  /** When the images were made, in Unix seconds. */
  created: number;
  /** The images, in order. */
  data?: Image[];
  /** The background used (GPT image models). */
  background?: 'transparent' | 'opaque';
  /** The file format of the images. */
  output_format?: ImageOutputFormat;
  /** The size of the images (GPT image models). */
  size?: ReportedSize;
  /** The quality used (GPT image models). */
  quality?: 'low' | 'medium' | 'high';
  /** The tokens used (GPT image models). */
  usage?: ImagesUsage;
}

/** What `generate` and `edit` resolve to without `stream: true`: the API's JSON and {@link ResultExtras}. */
export type ImagesResult = ImagesResponse & ResultExtras;

/** One image of a Blob call, decoded from the answer without a base64 string. */
export interface ImageBlob {
  /** Its position in the answer's `data`. */
  index: number;
  /** The image file, typed with {@link ImageBlob.mime_type}. */
  blob: Blob;
  /**
   * The type read from the bytes themselves, whatever the answer's
   * `output_format` said: one of {@link ImageMimeType} (`image/gif` for an
   * animation, `image/svg+xml` for an SVG), or `application/octet-stream`
   * when the bytes are not a known image. An SVG can hold scripts: show it
   * with `<img src={URL.createObjectURL(blob)}>`, never inline it into the page.
   */
  mime_type: ImageMimeType | 'application/octet-stream';
  /** Width in pixels, read from the file (when its format is known). */
  width?: number;
  /** Height in pixels, read from the file (when its format is known). */
  height?: number;
  /** The prompt as the model rewrote it (`dall-e-3`). */
  revised_prompt?: string;
  /** The link the image was fetched from, when the provider answered with links. */
  url?: string;
  /** Only set on an {@link ImageLink}. */
  error?: undefined;
}

/**
 * An image the provider answered with a link that could not be fetched: a
 * host that sends no CORS headers (many storage buckets and CDNs), a link
 * that expired or was refused. The image was made (and paid for) and may
 * still be shown from its link (`<img src>`) or opened; nothing else of
 * the answer is lost.
 */
export interface ImageLink {
  /** Its position in the answer's `data`. */
  index: number;
  /** No bytes: the page could not read them. */
  blob: null;
  /** The link, as the provider sent it. */
  url: string;
  /** Why it could not be fetched. */
  error: LinkError;
  /** The prompt as the model rewrote it (`dall-e-3`). */
  revised_prompt?: string;
  mime_type?: undefined;
  width?: undefined;
  height?: undefined;
}

/** Why the image behind a link could not be fetched. */
export interface LinkError {
  /** What went wrong, in words. */
  message: string;
  /** The link's HTTP status, when its host answered (403, 404 for an expired link, …). */
  status?: number;
}

/** One image of a Blob call: its bytes ({@link ImageBlob}), or its link and why the bytes could not be read ({@link ImageLink}). */
export type BlobsImage = ImageBlob | ImageLink;

/**
 * What `generateBlobs` and `editBlobs` resolve to: the API's answer with a
 * {@link ImageBlob} in place of each image (an {@link ImageLink} for a link
 * that could not be fetched), and {@link ResultExtras}.
 */
export type BlobsResult = Omit<ImagesResponse, 'data'> & {
  /** The images, in answer order; narrow with `image.blob !== null` (or `!image.error`). */
  data: BlobsImage[];
} & ResultExtras;

/** What the stream events share (the spec's `Image*PartialImageEvent` and `Image*CompletedEvent`). */
interface StreamEventBase {
  /** The image (partial or final), base64-encoded. */
  b64_json: string;
  /** When the event was made, in Unix seconds. */
  created_at: number;
  /** The size of the image. */
  size: ReportedSize | 'auto';
  /** The quality of the image. */
  quality: 'low' | 'medium' | 'high' | 'auto';
  /** The background of the image. */
  background: ImageBackground;
  /** The file format of the image. */
  output_format: ImageOutputFormat;
}

/** A partial image of a streamed generation: a rough version of the final image. */
export interface ImageGenPartialImageEvent extends StreamEventBase {
  type: 'image_generation.partial_image';
  /** Which partial image this is, from 0. */
  partial_image_index: number;
}

/** The final image of a streamed generation (one per image with `n` > 1). */
export interface ImageGenCompletedEvent extends StreamEventBase {
  type: 'image_generation.completed';
  /** The tokens the request used. */
  usage: ImagesUsage;
}

/** An event of a streamed generation; `type` tells which. */
export type ImageGenStreamEvent = ImageGenPartialImageEvent | ImageGenCompletedEvent;

/** A partial image of a streamed edit. */
export interface ImageEditPartialImageEvent extends StreamEventBase {
  type: 'image_edit.partial_image';
  /** Which partial image this is, from 0. */
  partial_image_index: number;
}

/** The final image of a streamed edit (one per image with `n` > 1). */
export interface ImageEditCompletedEvent extends StreamEventBase {
  type: 'image_edit.completed';
  /** The tokens the request used. */
  usage: ImagesUsage;
}

/** An event of a streamed edit; `type` tells which. */
export type ImageEditStreamEvent = ImageEditPartialImageEvent | ImageEditCompletedEvent;

/**
 * The events of a streamed generation or edit, as the API sends them:
 * `for await (const event of stream) { … }`.
 *
 * The iteration ends after the last event. An `error` event, a broken
 * connection or a timeout make it throw (an {@link APIError} or one of its
 * subclasses), and so does a stream that ends before its `completed` event
 * or sends no event at all (an {@link APIError} with status 200 whose
 * message says what was missing; the partial images were already yielded).
 * Leaving the loop early (`break`, `return`, a throw) closes the connection.
 * A stream can be iterated once.
 */
export class Stream<Event> implements AsyncIterable<Event> {
  private constructor();
  /** Aborting it stops the stream and closes the connection; the iteration then ends. */
  readonly controller: AbortController;
  /** The warnings validation found in the request. */
  readonly warnings: Issue[];
  /** The answer's `x-request-id` header; `null` without one. */
  readonly _request_id: string | null;
  [Symbol.asyncIterator](): AsyncGenerator<Event, void, undefined>;
}

/** The status and headers of the last answer the client got (see {@link ImagesClient.lastResponse}). */
export interface LastResponse {
  /** The HTTP status. */
  status: number;
  /** The `x-request-id` header. */
  requestID: string | undefined;
  /** The `x-ratelimit-*` headers, as sent (numbers, and durations like `6m0s`). */
  rateLimit: RateLimitInfo;
}

/** The `x-ratelimit-*` headers of an answer; `undefined` when absent (or hidden by CORS). */
export interface RateLimitInfo {
  /** `x-ratelimit-limit-requests`. */
  limitRequests: string | undefined;
  /** `x-ratelimit-remaining-requests`. */
  remainingRequests: string | undefined;
  /** `x-ratelimit-reset-requests`. */
  resetRequests: string | undefined;
  /** `x-ratelimit-limit-tokens`. */
  limitTokens: string | undefined;
  /** `x-ratelimit-remaining-tokens`. */
  remainingTokens: string | undefined;
  /** `x-ratelimit-reset-tokens`. */
  resetTokens: string | undefined;
}

// ---------------------------------------------------------------------------
// The client

/** `client.images`: the calls of the Images API. */
export class Images {
  private constructor();

  /**
   * `POST /images/generations`. Resolves to the API's JSON
   * ({@link ImagesResult}), or with `stream: true` to a {@link Stream} of
   * {@link ImageGenStreamEvent}s once the answer starts.
   *
   * @throws {ValidationError} The parameters break the API's rules; nothing was sent.
   * @throws {APIError} The server answered with an error (a subclass per status), or no answer came.
   */
  generate(params: ImageGenerateParamsNonStreaming, options?: RequestOptions): Promise<ImagesResult>;
  generate(params: ImageGenerateParamsStreaming, options?: RequestOptions): Promise<Stream<ImageGenStreamEvent>>;
  generate(
    params: ImageGenerateParamsBase,
    options?: RequestOptions,
  ): Promise<Stream<ImageGenStreamEvent> | ImagesResult>;

  /**
   * `POST /images/edits`, with files (`image`, `mask`, `markup`) or references
   * (`images`). Resolves like {@link Images.generate}, with
   * {@link ImageEditStreamEvent}s when streaming.
   */
  edit(params: ImageEditParamsNonStreaming, options?: RequestOptions): Promise<ImagesResult>;
  edit(params: ImageEditParamsStreaming, options?: RequestOptions): Promise<Stream<ImageEditStreamEvent>>;
  edit(params: ImageEditParamsBase, options?: RequestOptions): Promise<Stream<ImageEditStreamEvent> | ImagesResult>;

  /**
   * A generation whose images arrive as `Blob`s, decoded while the answer
   * streams in; `options.onImage` is called with each one as soon as it is
   * complete. Links are fetched without the key; a link that cannot be
   * fetched stays in the result as an {@link ImageLink} (with the reason),
   * it does not fail the call. Not with `stream: true` (a {@link ValidationError}).
   */
  generateBlobs(params: ImageGenerateParamsNonStreaming, options?: BlobRequestOptions): Promise<BlobsResult>;

  /** An edit whose images arrive as `Blob`s; see {@link Images.generateBlobs}. */
  editBlobs(params: ImageEditParamsNonStreaming, options?: BlobRequestOptions): Promise<BlobsResult>;

  /**
   * Every issue of a generation's parameters, errors and warnings, without
   * sending anything. Never rejects for a bad request: unreadable parameters
   * are issues too. An empty array means the request would be sent.
   */
  validateGenerate(params: ImageGenerateParamsBase, options?: { validation?: ValidationMode | null }): Promise<Issue[]>;

  /** Every issue of an edit's parameters, the files' formats, sizes and dimensions included, without sending anything. */
  validateEdit(params: ImageEditParamsBase, options?: { validation?: ValidationMode | null }): Promise<Issue[]>;
}

/**
 * A client of the Images API: `new ImagesClient({ baseURL, apiKey })`.
 *
 * The options are read when the first call is made; make a new client to
 * change them.
 */
export class ImagesClient {
  /** @throws {ValidationError} `options.baseURL` is not an absolute `http(s)` URL (the issue names `baseURL`). */
  constructor(options?: ClientOptions);

  /** The API root. */
  readonly baseURL: string;
  /** The key sent as `Authorization: Bearer …`, or `null` for none. */
  readonly apiKey: string | null;
  /** The headers of every request. */
  readonly defaultHeaders: HeaderValues;
  /** The query parameters of every request. */
  readonly defaultQuery: QueryValues;
  /** Milliseconds each attempt may take. */
  readonly timeout: number;
  /** How many times a failure worth it is retried. */
  readonly maxRetries: number;
  /** What validation may stop. */
  readonly validation: ValidationMode;
  /** The calls of the Images API. */
  readonly images: Images;

  /** The status, request id and rate limits of the last answer (errors included); `undefined` before the first one. */
  get lastResponse(): LastResponse | undefined;
}

/** The options of {@link AzureOpenAI}: openai-node's, and every other option of {@link ClientOptions}. */
export interface AzureClientOptions extends Omit<ClientOptions, 'apiKey'> {
  /** The resource's endpoint: `https://NAME.openai.azure.com`. Required (or a whole `baseURL`). */
  endpoint?: string | null;
  /** The deployment of the image model; its name goes into the path (`/openai/deployments/NAME`). */
  deployment?: string | null;
  /** Sent as `?api-version=…` with every request. Required. */
  apiVersion: string;
  /** Sent in the `api-key` header (never as `Authorization`). */
  apiKey?: string | null;
}

/**
 * A client of Azure OpenAI, shaped like openai-node's `AzureOpenAI`:
 * `ENDPOINT/openai/deployments/DEPLOYMENT/images/generations?api-version=VERSION`,
 * the key in an `api-key` header.
 */
export class AzureOpenAI extends ImagesClient {
  /** @throws {ValidationError} `endpoint` (or `baseURL`) or `apiVersion` is missing, or the base URL is not an absolute `http(s)` URL. */
  constructor(options: AzureClientOptions);
  /** The deployment, or `null`. */
  readonly deployment: string | null;
  /** The `api-version` sent. */
  readonly apiVersion: string;
}

export default ImagesClient;

// ---------------------------------------------------------------------------
// Errors

/** The `error` object of an error answer, as sent. */
export interface APIErrorObject {
  /** What went wrong. */
  message?: string;
  /** The kind of error: `invalid_request_error`, `server_error`, `requests`, … */
  type?: string;
  /** The parameter at fault. */
  param?: string | null;
  /** A machine-readable code: `invalid_api_key`, `rate_limit_exceeded`, `moderation_blocked`, … */
  code?: string | null;
  /** Set when moderation refused the prompt or an input image. */
  moderation_details?: ModerationDetails;
  /** Whatever else the provider sends. */
  [key: string]: unknown;
}

/** Why moderation refused a request, as the provider says (for example `{ flagged, categories, source }`). */
export interface ModerationDetails {
  [key: string]: unknown;
}

// @generated begin: `cargo xtask pkg` writes each error class's doc and line from gpt-image-wasm's `ErrorClass`, and the members of the classes a status picks; the members of the others are written by hand, and kept.
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
  constructor(
    status: number | undefined,
    error: APIErrorObject | undefined,
    message: string | undefined,
    headers: Headers | undefined,
    requestID?: string,
  );
  /**
   * The HTTP status; `undefined` for an error event inside a stream or when
   * no answer came (the connection errors). For an error carried by a 2xx
   * answer, the status the error implies (429 for `insufficient_quota`,
   * 401 for `invalid_api_key`, …), else the status sent.
   */
  readonly status: number | undefined;
  /** The answer's headers (`retry-after`, `x-ratelimit-*`, …), as far as CORS lets the page see them. */
  readonly headers: Headers | undefined;
  /**
   * The body's `error` object, as sent; for an error body in another shape
   * (`{"error": "text"}`, `{"message": …}`, FastAPI's `{"detail": …}`),
   * `{ message, type, param, code }` read from it; `undefined` when the body
   * was not a JSON error (an HTML page from a proxy).
   */
  readonly error: APIErrorObject | undefined;
  /**
   * The body of the answer as received, for errors the server sent (the
   * event's data for a stream's `error` event); `undefined` otherwise.
   */
  readonly body?: string;
  /** `error.code`. */
  readonly code: string | undefined;
  /** `error.param`. */
  readonly param: string | undefined;
  /** `error.type`. */
  readonly type: string | undefined;
  /** The `x-request-id` header, to quote when asking the provider for help. */
  readonly requestID: string | undefined;
  /** `error.moderation_details`: set when moderation refused the prompt or an input image. */
  readonly moderation_details: ModerationDetails | undefined;

  /**
   * The subclass for a status, made with these arguments: the same table the
   * calls use to class their errors.
   */
  static generate(
    status: number | undefined,
    error: APIErrorObject | undefined,
    message: string | undefined,
    headers: Headers | undefined,
    requestID?: string,
  ): APIError;
}

/** 400: the request was refused, by the provider's rules or by moderation (see {@link APIError.moderation_details}). */
export class BadRequestError extends APIError {
  readonly status: 400;
  readonly headers: Headers;
}

/** 401: no key, or a wrong one. */
export class AuthenticationError extends APIError {
  readonly status: 401;
  readonly headers: Headers;
}

/** 403: the key may not do this (a model it has no access to, an unsupported region). */
export class PermissionDeniedError extends APIError {
  readonly status: 403;
  readonly headers: Headers;
}

/** 404: no such model, or a wrong `baseURL`. */
export class NotFoundError extends APIError {
  readonly status: 404;
  readonly headers: Headers;
}

/** 409: a conflict at the provider (retried before it is thrown). */
export class ConflictError extends APIError {
  readonly status: 409;
  readonly headers: Headers;
}

/** 422: the provider could not process the request. */
export class UnprocessableEntityError extends APIError {
  readonly status: 422;
  readonly headers: Headers;
}

/** 429: too many requests (retried before it is thrown, after `retry-after`), or no quota left. */
export class RateLimitError extends APIError {
  readonly status: 429;
  readonly headers: Headers;
}

/** 500 and above: the provider (or a proxy in front of it) failed (retried before it is thrown). */
export class InternalServerError extends APIError {
  readonly status: number;
  readonly headers: Headers;
}

/**
 * The WebAssembly file could not be loaded (not found where it was looked
 * for, something else served in its place, or a runtime that cannot fetch
 * it): the message says what to give {@link init}. `cause` is the runtime's error.
 */
export class WasmLoadError extends ImagesError {
  constructor(cause: unknown, given?: boolean);
  readonly cause: unknown;
}

/** The caller's `AbortSignal` fired. */
export class APIUserAbortError extends APIError {
  constructor(options?: { message?: string });
  readonly status: undefined;
  readonly headers: undefined;
  readonly error: undefined;
}

/** No answer: the network failed, the connection was reset, or CORS refused the answer (after every retry). */
export class APIConnectionError extends APIError {
  constructor(options?: { message?: string; cause?: unknown });
  readonly status: undefined;
  readonly headers: undefined;
  readonly error: undefined;
}

/** An attempt took longer than the timeout (after every retry). */
export class APIConnectionTimeoutError extends APIConnectionError {
  constructor(options?: { message?: string });
}

/** The request breaks the API's rules; nothing was sent. */
export class ValidationError extends ImagesError {
  constructor(issues: Issue[], message?: string);
  /** Every problem found, errors and warnings: `{ field, rule, severity, message }`. */
  readonly issues: Issue[];
  /** The issues that stop the request (severity `error`). */
  get errors(): Issue[];
}
// @generated end
