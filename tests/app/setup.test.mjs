// Set up from one link (crates/app/src/settings/setup.rs): a site's
// config.json of endpoints (locked or not), an endpoint shared as a link
// (its key only when ticked), and ?base_url=…&model=… in the address. Bad
// input in any of them is named, and the person's own settings stay.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { startServer } from '../server/helpers.mjs';
import { dist, hostHeaders } from './dist.mjs';
import { appReady, newContextPage, prompt, screenshot } from './helpers.mjs';

/** dist/ copied to a site of its own (so config.json can be written beside index.html), and its server. */
async function site(t) {
  const folder = mkdtempSync(path.join(tmpdir(), 'setup-site-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  cpSync(dist, folder, { recursive: true });
  const server = await startServer(['--static', folder, ...hostHeaders(), '--latency-ms', '0']);
  t.after(server.stop);
  let written = Date.now() / 1000;
  const config = (value) => {
    const file = path.join(folder, 'config.json');
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    // A new second each time: a revalidation by Last-Modified must see each rewrite.
    written += 10;
    utimesSync(file, written, written);
  };
  return { base: server.base, api: `${server.base}/v1`, config };
}

/** Opens `url` in a page of `context`'s (or a new context's) and waits for the app. */
async function openAt(t, url, context = {}) {
  const page = await newContextPage(t, context);
  await page.goto(url);
  await prompt(page).waitFor();
  await appReady(page);
  return page;
}

const settingsDialog = (page) => page.getByRole('dialog', { name: 'Settings' });

async function openSettings(page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  await settingsDialog(page).waitFor();
  return settingsDialog(page);
}

const endpointNames = (dialog) => dialog.locator('#endpoint option').allInnerTexts();
const model = (page) => page.getByLabel('Model', { exact: true }).inputValue();

describe('set up from one link', () => {
  test("a site's config.json: endpoints added, a locked one only takes a key, the person's changes kept across a redeploy", async (t) => {
    const { base, api, config } = await site(t);
    config({
      endpoints: [
        { name: 'Acme', base_url: api, model: 'gpt-image-1.5', description: 'Acme images, billed to your team.' },
        { name: 'Acme EU', base_url: `${api}?region=eu`, model: 'gpt-image-2', description: 'Kept in the EU.', locked: true },
      ],
    });
    const page = await openAt(t, `${base}/`);
    let dialog = await openSettings(page);
    await page.waitForFunction(() => document.querySelectorAll('#endpoint option').length === 3);
    assert.deepEqual(await endpointNames(dialog), ['This server', 'Acme', 'Acme EU']);

    await dialog.getByLabel('Endpoint', { exact: true }).selectOption({ label: 'Acme' });
    assert.equal(await model(page), 'gpt-image-1.5', 'the form takes the endpoint model');
    await dialog.getByLabel('Image model').fill('gpt-image-2');
    await dialog.getByLabel('Endpoint', { exact: true }).selectOption({ label: 'Acme EU' });
    assert.equal(await dialog.getByLabel('Base URL').isDisabled(), true, 'locked');
    assert.equal(await dialog.getByLabel('Name').isDisabled(), true);
    assert.equal(await dialog.getByRole('button', { name: 'Remove endpoint' }).isDisabled(), true);
    assert.equal(await dialog.getByLabel('API key', { exact: true }).isDisabled(), false, 'the key is the person’s');
    assert.match(await dialog.locator('.site-endpoint').innerText(), /Kept in the EU\. Set up by this site/);
    await screenshot(page, 'setup-site-locked-desktop');

    // The site changes its config: Acme moves, EU takes another model.
    config({
      endpoints: [
        { name: 'Acme', base_url: `${api}?v=2`, model: 'gpt-image-1' },
        { name: 'Acme EU', base_url: `${api}?region=eu2`, model: 'gpt-image-2.5', locked: true },
      ],
    });
    await page.reload();
    await appReady(page);
    dialog = await openSettings(page);
    await page.waitForFunction(() => document.querySelector('#endpoint option:checked')?.textContent === 'Acme EU');
    await page.waitForFunction(() => document.querySelector('dialog.settings input[type=url]')?.value.endsWith('region=eu2'));
    assert.equal(await dialog.getByLabel('Image model').inputValue(), 'gpt-image-2.5', 'locked: the site’s');
    await dialog.getByLabel('Endpoint', { exact: true }).selectOption({ label: 'Acme' });
    assert.equal(await dialog.getByLabel('Base URL').inputValue(), `${api}?v=2`, 'not changed by the person: follows the site');
    assert.equal(await dialog.getByLabel('Image model').inputValue(), 'gpt-image-2', 'changed by the person: kept');
  });

  test('a config.json that cannot be used is named, and nothing of the person’s is lost', async (t) => {
    const { base, config } = await site(t);
    config({ endpoints: [{ name: 'Broken', base_url: 'api.broken.example/v1' }] });
    const page = await openAt(t, `${base}/`);
    const notice = page.locator('.setup-notice');
    await notice.waitFor();
    assert.match(await notice.innerText(), /config\.json was not used: `endpoints\[0\]\.base_url` of config\.json: baseURL must be an absolute/);
    const dialog = await openSettings(page);
    assert.deepEqual(await endpointNames(dialog), ['This server']);
    await dialog.getByRole('button', { name: 'Close' }).click();
    config('{ "endpoints": [ ');
    await page.reload();
    await appReady(page);
    await page.locator('.setup-notice').waitFor();
    assert.match(await page.locator('.setup-notice').innerText(), /config\.json was not used: it is not JSON/);
  });

  for (const [name, device] of [
    ['desktop', { viewport: { width: 1280, height: 800 } }],
    ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
  ]) {
    test(`an endpoint shared as a link, without its key unless ticked, ${name}`, async (t) => {
      const { base, api } = await site(t);
      const page = await openAt(t, `${base}/`, device);
      let dialog = await openSettings(page);
      await dialog.getByRole('button', { name: 'Add endpoint' }).click();
      await dialog.getByLabel('Name').fill('Team relay');
      await dialog.getByLabel('Base URL').fill(api);
      await dialog.getByLabel('Image model').fill('gpt-image-2');
      await dialog.getByLabel('API key', { exact: true }).fill('sk-shared-secret');
      const link = dialog.getByLabel('Shareable link');
      const without = await link.inputValue();
      assert.ok(without.startsWith(`${base}/#endpoint=`), without);
      assert.ok(!without.includes('sk-shared-secret'), 'no key unless ticked');
      await dialog.getByLabel('Put the key in the link too').check();
      const withKey = await link.inputValue();
      assert.ok(decodeURIComponent(withKey).includes('"api_key":"sk-shared-secret"'), withKey);
      assert.match(await dialog.locator('fieldset.share .hint').innerText(), /Anyone who has this link can use the key/);
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await dialog.locator('fieldset.share').scrollIntoViewIfNeeded();
        await screenshot(page, `setup-share-${name}-${scheme}`);
      }

      // Someone else opens each link, in a browser of their own.
      for (const [shared, key] of [[without, ''], [withKey, 'sk-shared-secret']]) {
        const other = await openAt(t, shared, device);
        const notice = other.locator('.setup-notice');
        await notice.waitFor();
        assert.match(await notice.innerText(), /The shared link set up the endpoint “Team relay”: it is in use now/);
        assert.equal(new URL(other.url()).hash, '', 'the link is cleared from the address');
        assert.match(await other.locator('.active-endpoint').innerText(), /Team relay/);
        assert.equal(await model(other), 'gpt-image-2', 'the form takes its model');
        const theirs = await openSettings(other);
        assert.equal(await theirs.getByLabel('API key', { exact: true }).inputValue(), key);
        if (key === '') {
          for (const scheme of ['light', 'dark']) {
            await theirs.getByRole('button', { name: 'Close' }).click();
            await other.emulateMedia({ colorScheme: scheme });
            await screenshot(other, `setup-link-opened-${name}-${scheme}`);
            await openSettings(other);
          }
        }
      }
      dialog = settingsDialog(page);
      assert.equal(await dialog.isVisible(), true);
    });
  }

  test('?base_url=…&model=… picks the endpoint; a bad one is named and changes nothing', async (t) => {
    const { base, api } = await site(t);
    const page = await openAt(t, `${base}/?base_url=${encodeURIComponent(api)}&model=gpt-image-1.5`);
    assert.match(await page.locator('.setup-notice').innerText(), /The page's address set up the endpoint “127\.0\.0\.1:\d+”/);
    assert.equal(await model(page), 'gpt-image-1.5');
    const bad = await openAt(t, `${base}/?base_url=api.example.com/v1`);
    assert.match(
      await bad.locator('.setup-notice').innerText(),
      /The page's address was not used: `base_url` of the page's address: baseURL must be an absolute .* Your settings are as they were\./,
    );
    assert.match(await bad.locator('.active-endpoint').innerText(), /This server/);
    await bad.getByRole('button', { name: 'Dismiss' }).click();
    assert.equal(await bad.locator('.setup-notice').count(), 0);
  });
});
