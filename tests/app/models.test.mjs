// The model picker: every model of the catalogue, grouped by where it stands
// at OpenAI, with "Other model…" for any name; the size and quality controls
// follow the picked model, and a value the new model does not take falls
// back with a note.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { firstImageSize, menuAction, open, prompt, screenshot, send } from './helpers.mjs';

const model = (page) => page.getByLabel('Model', { exact: true });
const typedName = (page) => page.getByLabel('Model name, sent as typed');
const quality = (page) => page.getByLabel('Quality', { exact: true });
const size = (page) => page.getByLabel('Size', { exact: true });

describe('the model picker', () => {
  test('groups the models by where they stand at OpenAI, each with what it is for', async (t) => {
    const { page } = await open(t);
    const groups = await model(page).locator('optgroup').evaluateAll((groups) =>
      groups.map((group) => [group.label, [...group.querySelectorAll('option')].map((option) => option.value)]),
    );
    assert.deepEqual(
      groups.map(([label]) => label).filter((label) => label !== 'Retiring at OpenAI'),
      ['Current', 'Retired at OpenAI'],
      'a group with no models is left out',
    );
    const group = (id) => groups.find(([, ids]) => ids.includes(id))?.[0];
    assert.equal(group('gpt-image-2.5-sunburst'), 'Current');
    assert.equal(group('dall-e-3'), 'Retired at OpenAI');
    assert.equal(await model(page).inputValue(), 'gpt-image-2', 'the form starts with gpt-image-2');
    const flare = await model(page).locator('option[value="gpt-image-2.5-flare"]').innerText();
    assert.match(flare, /^gpt-image-2\.5-flare — GPT Image 2\.5, \S/);
    assert.equal(await model(page).locator('option').last().innerText(), 'Other model…');
    assert.equal(await typedName(page).count(), 0, 'no text box until "Other model…" is picked');
  });

  test('GPT Image 2.5 at max quality and 2048x1152 makes that image at a cost; gpt-image-2 resets the quality to auto', async (t) => {
    const { page } = await open(t);
    await model(page).selectOption('gpt-image-2.5-sunburst');
    const qualities = await quality(page).locator('option').evaluateAll((options) => options.map((option) => option.value));
    assert.ok(qualities.includes('xhigh') && qualities.includes('max'), qualities.join(' '));
    await quality(page).selectOption('max');
    await size(page).selectOption('2048x1152');
    await send(page);
    assert.deepEqual(await firstImageSize(page), [2048, 1152]);
    await page.waitForFunction(() => document.querySelector('.run').getAttribute('aria-busy') === 'false');
    assert.match(await page.locator('.run-facts').first().innerText(), /^gpt-image-2\.5-sunburst generation · .* tokens · ≈ \$\d+\.\d{3}$/);

    await model(page).selectOption('gpt-image-2');
    assert.equal(await quality(page).inputValue(), 'auto');
    const note = page.getByRole('status').filter({ hasText: 'Quality reset' });
    assert.equal(await note.innerText(), 'Quality reset to auto: gpt-image-2 does not take max.');
    assert.equal(await size(page).inputValue(), '2048x1152', 'gpt-image-2 makes that size too');
    assert.deepEqual(
      await quality(page).locator('option').evaluateAll((options) => options.map((option) => option.value)),
      ['', 'low', 'medium', 'high', 'auto'],
    );
    await screenshot(page, 'models-quality-reset');
    await quality(page).selectOption('high');
    await note.waitFor({ state: 'detached' });
    assert.equal(await page.getByText('Quality reset').count(), 0, 'the note goes once another quality is picked');

    // DALL·E 3 makes neither that size nor takes GPT parameters.
    await model(page).selectOption('dall-e-3');
    assert.equal(await size(page).inputValue(), '1024x1024');
    assert.equal(await page.getByRole('status').filter({ hasText: 'Size reset' }).innerText(), 'Size reset to 1024x1024: dall-e-3 does not take 2048x1152.');
    assert.equal(await page.getByLabel('Background').count(), 0, 'no GPT-only controls');
  });

  test('"Other model…" takes any name, sends it as typed, and Reuse settings brings it back', async (t) => {
    const { page } = await open(t);
    await model(page).selectOption({ label: 'Other model…' });
    assert.equal(await typedName(page).inputValue(), 'gpt-image-2', 'the name in use, to edit');
    await typedName(page).fill('openai/gpt-image-2.5-flare');
    await typedName(page).press('Tab');
    await prompt(page).fill('a paper crane');
    await send(page);
    assert.deepEqual(await firstImageSize(page), [1024, 1024]);
    await page.waitForFunction(() => document.querySelector('.run').getAttribute('aria-busy') === 'false');
    assert.match(await page.locator('.run-facts').first().innerText(), /^openai\/gpt-image-2\.5-flare generation · .* ≈ \$\d/);

    await model(page).selectOption('dall-e-2');
    assert.equal(await typedName(page).count(), 0);
    await menuAction(page.locator('.run'), 'Reuse settings');
    assert.equal(await model(page).locator('option:checked').innerText(), 'Other model…');
    assert.equal(await typedName(page).inputValue(), 'openai/gpt-image-2.5-flare');
    assert.equal(await prompt(page).inputValue(), 'a paper crane');
  });

  test('a name no catalogue knows is sent with a warning', async (t) => {
    const { page } = await open(t);
    await model(page).selectOption({ label: 'Other model…' });
    await typedName(page).fill('flux-pro');
    await page.locator('.problem.warning[data-rule]').first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Generate', exact: true }).isDisabled(), false, 'a warning does not block');
  });
});

describe('the model picker on screens', () => {
  for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
    for (const colorScheme of ['light', 'dark']) {
      test(`${name}, ${colorScheme}`, async (t) => {
        const { page } = await open(t, [], { viewport, colorScheme });
        await model(page).selectOption('gpt-image-2.5-flare');
        await quality(page).selectOption('xhigh');
        await model(page).selectOption('gpt-image-1.5');
        await page.getByText('Quality reset').waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
        await screenshot(page, `models-${name}-${colorScheme}`);
        await model(page).selectOption({ label: 'Other model…' });
        await typedName(page).fill('openai/gpt-image-2.5-flare');
        await screenshot(page, `models-other-${name}-${colorScheme}`);
      });
    }
  }
});
