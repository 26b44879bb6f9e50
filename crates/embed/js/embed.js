// <gpt-image-generator>: one module script registers the element.
//
//   <script type="module" src="https://generator.example/embed/embed.js"></script>
//   <gpt-image-generator base-url="https://relay.example/v1" model="gpt-image-2"></gpt-image-generator>
//
// The generator renders in a shadow root, styled by its own sheet (adopted,
// so no inline <style> is needed under a strict Content-Security-Policy);
// the page's CSS does not reach in and its CSS does not leak out.
//
// Attributes: base-url (default: /v1 on the origin this file came from),
// model, size, quality (all live), controls (which controls besides the
// prompt: "model size quality background format compression moderation n
// stream fidelity"), theme (light, dark, auto), gallery and edit (present:
// on). The API key is a property, `element.apiKey`, never an attribute.
//
// Events (bubbling, composed), each with `detail`:
//   generate-start {settings}, image {blob, mimeType, settings, revisedPrompt},
//   error {error: {name, status, message, retried}}, cancel {}.
// Methods: element.generate(prompt?).
//
// `STYLE` (the sheet's text) is prepended by `cargo xtask dist`.
import init, { EmbeddedGenerator } from './gpt_image_embed.js';

const ready = init();
const sheet = new CSSStyleSheet();
sheet.replaceSync(STYLE);

/** Attributes read once, when the element connects. */
const FIXED = ['controls', 'theme', 'gallery', 'edit'];
/** Attributes that change the generator whenever they change, by option name. */
const LIVE = { 'base-url': 'baseURL', model: 'model', size: 'size', quality: 'quality' };

class GptImageGenerator extends HTMLElement {
  static observedAttributes = Object.keys(LIVE);
  #generator = null;
  #apiKey = '';

  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).adoptedStyleSheets = [sheet];
  }

  /** The key sent as `Authorization`; empty sends none (a relay adds it). */
  get apiKey() {
    return this.#apiKey;
  }

  set apiKey(key) {
    this.#apiKey = key ?? '';
    this.#generator?.configure({ apiKey: this.#apiKey });
  }

  async connectedCallback() {
    await ready;
    if (!this.isConnected || this.#generator) return;
    const config = { baseURL: new URL('/v1', import.meta.url).href, apiKey: this.#apiKey };
    for (const name of FIXED) if (this.hasAttribute(name)) config[name] = this.getAttribute(name) || 'true';
    for (const [name, option] of Object.entries(LIVE)) if (this.hasAttribute(name)) config[option] = this.getAttribute(name);
    const root = document.createElement('div');
    this.shadowRoot.replaceChildren(root);
    this.#generator = new EmbeddedGenerator(root, config, ({ type, ...detail }) =>
      this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true })),
    );
  }

  disconnectedCallback() {
    this.#generator?.free();
    this.#generator = null;
  }

  attributeChangedCallback(name, _old, value) {
    this.#generator?.configure({ [LIVE[name]]: value ?? '' });
  }

  /** Generates with the form's settings (and `prompt`, when given). */
  generate(prompt) {
    this.#generator?.generate(prompt === undefined ? {} : { prompt });
  }
}

customElements.define('gpt-image-generator', GptImageGenerator);
