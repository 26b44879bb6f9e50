// Embedding the generator in other web apps (dist/, as `cargo xtask dist`
// builds it), in headless Chromium, with everything under a strict
// Content-Security-Policy: the generator's origin serves dist/ with the
// headers of dist/_headers; host pages carry their own policy.
//
// - origin A: the local server, serving dist/ (embed.js, the playground) and the API;
// - origin B: a host page server, with the example pages of dist/examples
//   (the embedding guide's examples) pointed at A, and pages made here;
// - origin C: another host, which the iframe does not allow.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchChromium } from '../chromium.mjs';
import { startServer } from '../server/helpers.mjs';
import { copyPng } from '../clipboard.mjs';
import { hostHeaders, root } from '../app/dist.mjs';

const examples = path.join(root, 'dist/examples');
/** The example pages themselves, without the compressed copies `cargo xtask dist` writes beside them. */
const exampleFiles = () => readdirSync(examples).filter((file) => !/\.(br|gz)$/.test(file));
const shots = path.join(root, 'tests/output/embed');
mkdirSync(shots, { recursive: true });

let browser;
let generator;
let host;
let other;
before(async () => {
  browser = await launchChromium();
  generator = await startServer(['--static', path.join(root, 'dist'), ...hostHeaders(), '--latency-ms', '0']);
  host = await site('host-');
  other = await site('other-');
});
after(async () => {
  await browser?.close();
  for (const server of [generator, host, other]) server?.stop();
});

/** A host site on its own origin, with the examples pointed at the generator's origin and its own. */
async function site(prefix) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const server = await startServer(['--static', dir]);
  const stop = server.stop;
  server.stop = () => {
    stop();
    rmSync(dir, { recursive: true, force: true });
  };
  server.dir = dir;
  for (const file of exampleFiles()) {
    const text = readFileSync(path.join(examples, file), 'utf8')
      .replaceAll('https://generator.example', generator.base)
      .replaceAll('https://host.example', host?.base ?? server.base);
    writeFileSync(path.join(dir, file), text);
  }
  return server;
}

/**
 * A page of `base`; uncaught errors and CSP violations (in any frame) fail
 * the test. `options` go to the browser context (permissions).
 */
async function open(t, url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, ...options });
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  t.after(() => assert.deepEqual(problems, [], 'no uncaught errors and no CSP violations'));
  await page.goto(url);
  return page;
}

/** The next `type` event of element `index` on the page, as plain facts. */
const nextEvent = (page, type, index = 0) =>
  page.evaluate(
    ([type, index]) =>
      new Promise((resolve) => {
        const element = document.querySelectorAll('gpt-image-generator')[index];
        element.addEventListener(
          type,
          async (event) => {
            const { blob, ...rest } = event.detail;
            const bytes = blob ? new Uint8Array(await blob.slice(0, 8).arrayBuffer()) : null;
            resolve({ ...rest, blob: blob && { isBlob: blob instanceof Blob, size: blob.size, type: blob.type, head: [...bytes] } });
          },
          { once: true },
        );
      }),
    [type, index],
  );

/**
 * A page on the host with `body` and the generator's script, under the
 * host's CSP (which lets the page connect to the generator and to `apis`).
 */
function hostPage(name, body, { css = [], apis = [] } = {}) {
  const links = ['host.css', ...css].map((file) => `<link rel="stylesheet" href="${file}">`).join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${name}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' ${generator.base} 'wasm-unsafe-eval'; connect-src ${[generator.base, ...apis].join(' ')}; img-src 'self' blob:; frame-src ${generator.base}">
${links}
<script type="module" src="${generator.base}/embed/embed.js"></script>
</head><body>${body}</body></html>`;
  writeFileSync(path.join(host.dir, `${name}.html`), html);
  return `${host.base}/${name}.html`;
}

describe('<gpt-image-generator>', () => {
  before(() => {
    writeFileSync(path.join(host.dir, 'host.css'), 'body { margin: 16px; } gpt-image-generator { width: 640px; }\n');
    // Everything a careless host stylesheet does; none of it may reach the generator.
    writeFileSync(
      path.join(host.dir, 'loud.css'),
      `* { font: italic bold 30px serif !important; color: #f0f !important; letter-spacing: 3px !important; text-transform: uppercase !important; line-height: 3 !important; }
div, form, label, span, p, button, input, select, textarea, img, ul, li, article, section, header, main, figure {
  padding: 30px !important; margin: 20px !important; border: 5px dashed red !important; background: yellow !important; display: inline !important; }
`,
    );
  });

  test('the example of the embedding guide: a host on another origin generates and gets a real Blob', async (t) => {
    const page = await open(t, `${host.base}/element.html`);
    const element = page.locator('gpt-image-generator');
    await element.getByLabel('Prompt', { exact: true }).waitFor();
    const started = nextEvent(page, 'generate-start');
    const image = nextEvent(page, 'image');
    await element.getByRole('button', { name: 'Generate', exact: true }).click();
    assert.equal((await started).settings.model, 'gpt-image-2');
    const { blob, mimeType, settings } = await image;
    assert.deepEqual(blob.head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
    assert.equal(blob.isBlob, true);
    assert.equal(blob.type, 'image/png');
    assert.equal(mimeType, 'image/png');
    assert.equal(settings.size, '1024x1024');
    await page.locator('#received img').waitFor();
    assert.equal(await element.getByLabel('Model').isVisible(), false, 'controls="size quality n" hides the model');
    assert.equal(await element.getByLabel('Size', { exact: true }).isVisible(), true);
    await page.screenshot({ path: path.join(shots, 'element.png') });
  });

  test("the host's CSS does not change the element, and the element's CSS does not leak out", async (t) => {
    const body = '<button id="own" type="button">Host button</button><gpt-image-generator theme="light"></gpt-image-generator>';
    const plain = await open(t, hostPage('plain', body));
    const loud = await open(t, hostPage('loud', body, { css: ['loud.css'] }));
    const shot = async (page) => {
      const element = page.locator('gpt-image-generator');
      await element.getByLabel('Prompt', { exact: true }).waitFor();
      return element.screenshot({ animations: 'disabled' });
    };
    const [calm, noisy] = [await shot(plain), await shot(loud)];
    writeFileSync(path.join(shots, 'element-plain.png'), calm);
    writeFileSync(path.join(shots, 'element-loud-host.png'), noisy);
    assert.ok(calm.equals(noisy), 'the element looks the same under a loud host stylesheet (see tests/output/embed/)');
    const buttonStyle = (page) =>
      page.locator('#own').evaluate((button) => {
        const style = getComputedStyle(button);
        return [style.backgroundColor, style.borderRadius, style.color, style.fontFamily];
      });
    const bare = await open(t, hostPage('bare', '<button id="own" type="button">Host button</button>'));
    assert.deepEqual(await buttonStyle(plain), await buttonStyle(bare), "the host's own button keeps the browser's look");
  });

  test('in a Chinese browser the element speaks Chinese and leaves the host page\'s language and title alone', async (t) => {
    const url = hostPage('chinese', '<gpt-image-generator></gpt-image-generator>');
    const page = await open(t, url, { locale: 'zh-CN' });
    const element = page.locator('gpt-image-generator');
    await element.getByLabel('提示词', { exact: true }).fill('黎明时分的灯塔，水彩');
    await element.getByRole('button', { name: '生成', exact: true }).click();
    await element.locator('.run .picture img').first().waitFor({ timeout: 20_000 });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en', "the host's <html lang> is the host's");
    assert.equal(await page.title(), 'chinese', "the host's title is the host's");
    await page.screenshot({ path: path.join(shots, 'element-chinese.png') });
  });

  test('two elements on one page run independently', async (t) => {
    const page = await open(
      t,
      hostPage('two', '<gpt-image-generator id="one" quality="low"></gpt-image-generator><gpt-image-generator id="two" quality="medium"></gpt-image-generator>'),
    );
    const [one, two] = [page.locator('#one'), page.locator('#two')];
    await one.getByLabel('Prompt', { exact: true }).fill('a red kite');
    await two.getByLabel('Prompt', { exact: true }).fill('a green frog');
    assert.equal(await two.getByLabel('Quality').inputValue(), 'medium');
    const first = nextEvent(page, 'image', 0);
    await one.getByRole('button', { name: 'Generate', exact: true }).click();
    assert.equal((await first).settings.prompt, 'a red kite');
    await one.locator('.run .picture img').waitFor();
    assert.equal(await two.locator('.run').count(), 0, 'the other element did nothing');
    const second = nextEvent(page, 'image', 1);
    await two.getByRole('button', { name: 'Generate', exact: true }).click();
    assert.deepEqual([(await second).settings.prompt, (await second).settings.quality], ['a green frog', 'medium']);
    await two.locator('.run .picture img').waitFor();
    assert.equal(await one.locator('.run').count(), 1);
    assert.equal(await two.locator('.run').count(), 1);
    // Attributes stay live, and a key goes by property: it is sent, never shown in the DOM.
    await page.evaluate(() => {
      const element = document.querySelector('#one');
      element.setAttribute('quality', 'high');
      element.apiKey = 'sk-embedded-key';
    });
    assert.equal(await one.getByLabel('Quality').inputValue(), 'high');
    const [request] = await Promise.all([
      page.waitForRequest((request) => request.url().endsWith('/v1/images/generations')),
      page.evaluate(() => document.querySelector('#one').generate('a blue whale')),
    ]);
    assert.equal(request.headers().authorization, 'Bearer sk-embedded-key');
    assert.equal(JSON.parse(request.postData()).prompt, 'a blue whale');
    assert.doesNotMatch(await page.content(), /sk-embedded-key/);
  });

  test('a model attribute the picker does not list is kept as typed under "Other model…"', async (t) => {
    const page = await open(t, hostPage('other-model', '<gpt-image-generator model="openai/gpt-image-2.5-flare" quality="max"></gpt-image-generator>'));
    const element = page.locator('gpt-image-generator');
    const model = element.getByLabel('Model', { exact: true });
    await model.waitFor();
    assert.equal(await model.locator('option:checked').innerText(), 'Other model…');
    assert.equal(await element.getByLabel('Model name, sent as typed').inputValue(), 'openai/gpt-image-2.5-flare');
    assert.equal(await element.getByLabel('Quality', { exact: true }).inputValue(), 'max', 'GPT Image 2.5 takes max');
    const started = nextEvent(page, 'generate-start');
    await element.getByRole('button', { name: 'Generate', exact: true }).click();
    assert.equal((await started).settings.model, 'openai/gpt-image-2.5-flare');
    await element.locator('.run .picture img').waitFor();
    // A listed model set later is picked in the list; a quality it does not take falls back.
    await page.evaluate(() => document.querySelector('gpt-image-generator').setAttribute('model', 'gpt-image-2'));
    await element.getByText('Quality reset to auto: gpt-image-2 does not take max.').waitFor();
    assert.equal(await model.inputValue(), 'gpt-image-2');
    assert.equal(await element.getByLabel('Model name, sent as typed').count(), 0);
  });

  test('a pasted image goes to the element that has the focus, not to every element', async (t) => {
    const body = '<gpt-image-generator id="one" edit></gpt-image-generator><gpt-image-generator id="two" edit></gpt-image-generator>';
    const page = await open(t, hostPage('paste', body), { permissions: ['clipboard-read', 'clipboard-write'] });
    const [one, two] = [page.locator('#one'), page.locator('#two')];
    await two.getByLabel('Edit', { exact: true }).check();
    await one.getByLabel('Edit', { exact: true }).check();
    await copyPng(page, 40, 30);
    await two.getByLabel('Prompt', { exact: true }).focus();
    await page.keyboard.press('ControlOrMeta+V');
    await two.getByRole('img', { name: /^Input image 1:/ }).waitFor();
    assert.equal(await one.locator('.inputs li').count(), 0, 'the other element got nothing');
    // With the focus nowhere, two editors on the page: neither guesses.
    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press('ControlOrMeta+V');
    await one.getByLabel('Prompt', { exact: true }).focus();
    await page.keyboard.press('ControlOrMeta+V');
    await one.getByRole('img', { name: /^Input image 1:/ }).waitFor();
    assert.deepEqual([await one.locator('.inputs li').count(), await two.locator('.inputs li').count()], [1, 1]);
  });

  test('a failure reaches the host as an error event with the error class', async (t) => {
    const limited = await startServer(['--fault', 'rate_limit', '--latency-ms', '0']);
    t.after(limited.stop);
    const page = await open(t, hostPage('failing', '<gpt-image-generator></gpt-image-generator>', { apis: [limited.base] }));
    const element = page.locator('gpt-image-generator');
    await element.getByLabel('Prompt', { exact: true }).waitFor();
    await page.evaluate((base) => document.querySelector('gpt-image-generator').setAttribute('base-url', `${base}/v1`), limited.base);
    const failed = nextEvent(page, 'error');
    await element.getByRole('button', { name: 'Generate', exact: true }).click();
    const { error } = await failed;
    assert.equal(error.name, 'RateLimitError');
    assert.equal(error.status, 429);
    assert.equal(error.retried, true, 'a rate limit is tried again before the host hears of it');
    assert.match(error.message, /^Too many requests: try again in 250 ms\. /);
    await element.getByRole('alert').waitFor();
  });
  test('theme, gallery and cancel: a dark element keeps its images; Cancel reaches the host', async (t) => {
    const slow = await startServer(['--latency-ms', '4000']);
    t.after(slow.stop);
    const page = await open(
      t,
      hostPage('kept', '<gpt-image-generator id="kept" theme="dark" gallery></gpt-image-generator><gpt-image-generator id="slow"></gpt-image-generator>', {
        apis: [slow.base],
      }),
    );
    const kept = page.locator('#kept');
    await kept.getByLabel('Prompt', { exact: true }).waitFor();
    const background = await kept.locator('.gpt-image').evaluate((root) => getComputedStyle(root).backgroundColor);
    assert.equal(background, 'rgb(19, 19, 20)', 'theme="dark"');
    await kept.getByRole('button', { name: 'Generate', exact: true }).click();
    // The image is shown by its request; the gallery counts it (and shows it as a card once the request is gone).
    await kept.locator('.run .picture img').waitFor();
    await kept.locator('.gallery-totals').filter({ hasText: /^1 image · / }).waitFor();

    const slowElement = page.locator('#slow');
    await page.evaluate((base) => document.querySelector('#slow').setAttribute('base-url', `${base}/v1`), slow.base);
    assert.equal(await slowElement.locator('.gallery').count(), 0, 'no gallery unless asked');
    const cancelled = nextEvent(page, 'cancel', 1);
    await slowElement.getByRole('button', { name: 'Generate', exact: true }).click();
    await slowElement.getByRole('button', { name: 'Cancel' }).click();
    assert.deepEqual(await cancelled, { blob: undefined });
    await slowElement.getByText('Cancelled.').waitFor();
  });
});

describe('the iframe mode', () => {
  test('answers generate from an allowed origin and posts the image back', async (t) => {
    const page = await open(t, `${host.base}/iframe.html`);
    const button = page.getByRole('button', { name: 'Generate from the host' });
    await page.waitForFunction(() => !document.querySelector('#make').disabled, null, { timeout: 20_000 });
    await button.click();
    const image = page.locator('#received img');
    await image.waitFor({ timeout: 20_000 });
    assert.match(await image.getAttribute('alt'), /^a lighthouse at dawn, watercolour \(image\/png\)$/);
    const frame = page.frameLocator('#generator');
    assert.equal(await frame.locator('.run').count(), 1);
    assert.equal(await frame.getByLabel('Model').isVisible(), false, 'controls=size,quality');
    await page.screenshot({ path: path.join(shots, 'iframe.png') });
    // `configure` points it at a provider that refuses the key: the host hears `error`.
    const refusing = await startServer(['--fault', 'unauthorized', '--latency-ms', '0']);
    t.after(refusing.stop);
    const warned = page.waitForEvent('console', (message) => message.type() === 'warning');
    await page.evaluate(
      ([generatorOrigin, baseURL]) =>
        document.querySelector('#generator').contentWindow.postMessage({ type: 'configure', baseURL }, generatorOrigin),
      [generator.base, `${refusing.base}/v1`],
    );
    await button.click();
    assert.match((await warned).text(), /^AuthenticationError The API key was refused/);
  });

  test('ignores a page on an origin it does not allow', async (t) => {
    const page = await open(t, `${other.base}/iframe.html`);
    const frame = page.frameLocator('#generator');
    await frame.getByLabel('Prompt', { exact: true }).waitFor();
    await page.waitForTimeout(500);
    assert.equal(await page.locator('#make').isDisabled(), true, 'no ready message reached the other origin');
    await page.evaluate((origin) => {
      document.querySelector('#generator').contentWindow.postMessage({ type: 'generate', prompt: 'not allowed' }, origin);
    }, generator.base);
    await page.waitForTimeout(1000);
    assert.equal(await frame.locator('.run').count(), 0, 'the message was ignored');
  });

  test('paints compact from the first response, before the wasm, and the app takes over in place', async (t) => {
    const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
    t.after(() => context.close());
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await context.route(/_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (message) => /Content.Security.Policy|Refused to/i.test(message.text()) && problems.push(message.text()));
    const src = `${generator.base}/?embed&edit=1&theme=dark&origins=${encodeURIComponent(host.base)}`;
    await page.goto(hostPage('first-paint', `<iframe id="generator" src="${src}" width="480" height="620"></iframe>`));
    const frame = page.frameLocator('#generator');
    const box = frame.getByLabel('Prompt', { exact: true });
    await box.waitFor();
    const shown = () =>
      frame.locator('body').evaluate(() => ({
        shell: Boolean(document.getElementById('shell')),
        header: document.querySelector('.top').checkVisibility(),
        modes: document.querySelector('.modes').checkVisibility(),
        box: Object.values(document.querySelector('textarea').getBoundingClientRect().toJSON()).map(Math.round),
        dark: getComputedStyle(document.querySelector('.gpt-image')).colorScheme,
      }));
    const before = await shown();
    assert.equal(before.shell, true, 'the first paint, not yet the app');
    assert.equal(before.header, false, 'no title, totals or Settings: the iframe mode has none');
    assert.equal(before.modes, true, 'edit=1 shows Generate and Edit');
    assert.equal(before.dark, 'dark');
    await page.screenshot({ path: path.join(shots, 'iframe-first-paint.png') });
    release();
    await frame.locator('button[type=submit]:not([disabled])').waitFor({ timeout: 20_000 });
    const after = await shown();
    assert.equal(after.shell, false, 'the app took over');
    await page.screenshot({ path: path.join(shots, 'iframe-first-paint-then-the-app.png') });
    assert.deepEqual({ ...after, shell: true }, before, 'nothing appeared, vanished or moved');
    assert.deepEqual(problems, [], 'the inline script is allowed by its hash');
  });

  test('the full playground does not run inside another page, only the iframe mode does', async (t) => {
    const page = await open(t, hostPage('framed', `<iframe id="full" src="${generator.base}/" width="640" height="300"></iframe>`));
    const frame = page.frameLocator('#full');
    await frame.getByText('The playground runs in its own tab, not inside another page.').waitFor();
    const link = frame.getByRole('link', { name: 'Open the playground' });
    assert.equal(await link.getAttribute('href'), `${generator.base}/`);
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.equal(await frame.getByLabel('Prompt', { exact: true }).count(), 0, 'no form, no settings, no gallery');
    assert.equal(await frame.getByText('Settings').count(), 0);
  });
});

describe('the embedding guide', () => {
  test('shows the example pages the tests use, as they are', () => {
    const guide = readFileSync(path.join(root, 'docs/embedding.md'), 'utf8');
    for (const file of exampleFiles()) {
      const text = readFileSync(path.join(root, 'web/examples', file), 'utf8').trim();
      assert.ok(guide.includes(text), `docs/embedding.md has web/examples/${file} verbatim`);
    }
  });
});
