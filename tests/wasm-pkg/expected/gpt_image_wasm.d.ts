/* tslint:disable */
/* eslint-disable */

/**
 * The engine of `ImagesClient`: one per client, shared by its calls.
 */
export class WasmClient {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * `images.editBlobs`.
     */
    editBlobs(params: any, options: any): Promise<any>;
    /**
     * `images.edit({ stream: true })`.
     */
    editStream(params: any, options: any): Promise<any>;
    /**
     * `images.edit`: resolves to `{ body, warnings, requestID }`.
     */
    edit(params: any, options: any): Promise<any>;
    /**
     * `images.generateBlobs`: `body` holds `Blob`s; `options.onImage` gets each as it is ready.
     */
    generateBlobs(params: any, options: any): Promise<any>;
    /**
     * `images.generate({ stream: true })`: resolves to a `WasmStream` once the answer starts.
     */
    generateStream(params: any, options: any): Promise<any>;
    /**
     * `images.generate`: resolves to `{ body, warnings, requestID }`.
     */
    generate(params: any, options: any): Promise<any>;
    /**
     * A client from `{ baseURL, apiKey, defaultHeaders, timeout, maxRetries, validation }`;
     * throws a validation error naming `baseURL` when it is not an absolute `http(s)` URL.
     */
    constructor(options: any);
    /**
     * Every issue of an edit's parameters (reads the files' first bytes).
     */
    static validateEdit(params: any, options: any): Promise<any>;
    /**
     * Every issue of a generation's parameters, errors and warnings, without
     * sending; `options.validation` as for a call.
     */
    static validateGenerate(params: any, options: any): any;
    /**
     * `{ status, requestID, rateLimit }` of the last answer, or `undefined`.
     */
    readonly lastResponse: any;
}

/**
 * The events of one streamed generation or edit. `index.js` makes it an
 * async iterable.
 */
export class WasmStream {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Stops the stream and closes the connection; a pending `next()` resolves to `undefined`.
     */
    cancel(): void;
    /**
     * The next event object as the server sent it, or `undefined` at the
     * end. An `error` event rejects with an API error.
     */
    next(): Promise<any>;
}

/**
 * The error class of an answer with this HTTP status (`RateLimitError` for
 * 429): the table `index.js`'s `APIError.generate` follows, exported so
 * that a test can hold the two together.
 */
export function statusClass(status: number): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly __wbg_wasmclient_free: (a: number, b: number) => void;
    readonly __wbg_wasmstream_free: (a: number, b: number) => void;
    readonly statusClass: (a: number) => [number, number];
    readonly wasmclient_edit: (a: number, b: any, c: any) => any;
    readonly wasmclient_editBlobs: (a: number, b: any, c: any) => any;
    readonly wasmclient_editStream: (a: number, b: any, c: any) => any;
    readonly wasmclient_generate: (a: number, b: any, c: any) => any;
    readonly wasmclient_generateBlobs: (a: number, b: any, c: any) => any;
    readonly wasmclient_generateStream: (a: number, b: any, c: any) => any;
    readonly wasmclient_lastResponse: (a: number) => any;
    readonly wasmclient_new: (a: any) => [number, number, number];
    readonly wasmclient_validateEdit: (a: any, b: any) => any;
    readonly wasmclient_validateGenerate: (a: any, b: any) => any;
    readonly wasmstream_cancel: (a: number) => void;
    readonly wasmstream_next: (a: number) => any;
    readonly __wasm_bindgen_func_elem_611: (a: number, b: number, c: any) => [number, number];
    readonly __wasm_bindgen_func_elem_617: (a: number, b: number, c: any, d: any) => void;
    readonly __wasm_bindgen_func_elem_168: (a: number, b: number) => void;
    readonly __wbindgen_export: (a: number, b: number) => number;
    readonly __wbindgen_export2: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_export3: (a: number, b: number, c: number) => void;
    readonly __wbindgen_export4: (a: number) => void;
    readonly __wbindgen_export5: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __wbindgen_export6: (a: number, b: number) => void;
    readonly __wbindgen_export7: (a: number, b: number) => void;
    readonly __wbindgen_export8: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
