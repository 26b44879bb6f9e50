// Shared by the conversation mode's page tests: watching what the page
// sends, opening the mode, sending a turn and waiting for its answer.

/** The POST bodies the page sends to `path` (`/v1/responses`, `/v1/images/edits` …), as they go. */
export function watch(page, path) {
  const sent = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === path) sent.push(request);
  });
  return sent;
}

/**
 * Records the fields of every multipart request the page sends (the
 * browser's request events do not carry a FormData's files): returns a
 * function that reads them, `[{ url, fields: [[name, value or "file NAME TYPE"]] }]`.
 */
export async function recordForms(page) {
  await page.evaluate(() => {
    window.sentForms = [];
    const original = window.fetch;
    window.fetch = async function (input, init) {
      if (input instanceof Request && (input.headers.get('content-type') || '').startsWith('multipart/form-data')) {
        const form = await input.clone().formData();
        const fields = [...form.entries()].map(([name, value]) => [name, typeof value === 'string' ? value : `file ${value.name} ${value.type}`]);
        window.sentForms.push({ url: input.url, fields });
      }
      return original.call(this, input, init);
    };
  });
  return () => page.evaluate(() => window.sentForms);
}

/** Opens the conversation mode. */
export async function converse(page) {
  await page.getByRole('radio', { name: 'Conversation' }).check();
  await page.getByLabel('Message', { exact: true }).waitFor();
}

/** Sends `text` as the next turn and waits until `count` turns are answered with an image. */
export async function say(page, text, count) {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await answered(page, count);
}

/** Waits until the branch in view shows `count` turns, each done with its image. */
export const answered = (page, count) =>
  page.waitForFunction(
    (n) => {
      const turns = [...document.querySelectorAll('.turns > .turn')];
      return turns.length === n && turns.every((turn) => turn.getAttribute('aria-busy') === 'false' && [...turn.querySelectorAll('.picture img')].some((img) => img.complete && img.naturalWidth > 0));
    },
    count,
    { timeout: 20_000 },
  );

/** The data URL of turn `index`'s image (0 is the first), read through a canvas. */
export const turnImage = (page, index) =>
  page.locator('.turns > .turn').nth(index).locator('.picture img').first().evaluate((img) => {
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
    canvas.getContext('2d').drawImage(img, 0, 0);
    return canvas.toDataURL();
  });
