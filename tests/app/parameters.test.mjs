// The form's parameters come from core's one list: GPT Image 2.6's new
// ones are sent and kept across a reload; a typed model name reads as
// text; a name the catalogue cannot place is offered only what every
// model takes; extra fields go out as written, and bad ones are named.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open, send } from './helpers.mjs';

const options = (select) => select.locator('option').evaluateAll((all) => all.map((option) => option.value));

describe('parameters', () => {
  test('complexity, GIF frames and extra fields are sent and kept across a reload', async (t) => {
    const { page } = await open(t);
    await page.getByLabel('Model', { exact: true }).selectOption('gpt-image-2.6-flare');
    await page.getByLabel('Complexity', { exact: true }).selectOption('low');
    await page.getByLabel('Format', { exact: true }).selectOption('gif');
    await page.getByLabel('Frames', { exact: true }).fill('2');
    await page.getByText('More parameters').click();
    await page.getByLabel('user', { exact: true }).fill('tester-7');
    const extra = page.getByLabel('Extra fields (JSON)');
    await extra.fill('{"seed": ');
    await page.getByText('Extra fields must be a JSON object such as {"seed": 7}: this is not JSON').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Generate', exact: true }).isDisabled(), true);
    await extra.fill('{"x_provider_hint": {"region": "eu"}}');
    const asked = page.waitForRequest('**/v1/images/generations');
    await send(page);
    const body = JSON.parse((await asked).postData());
    assert.deepEqual(
      { model: body.model, complexity: body.complexity, output_format: body.output_format, frame_count: body.frame_count, user: body.user, x_provider_hint: body.x_provider_hint },
      { model: 'gpt-image-2.6-flare', complexity: 'low', output_format: 'gif', frame_count: 2, user: 'tester-7', x_provider_hint: { region: 'eu' } },
    );
    await page.reload();
    await page.getByLabel('Frames', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('Complexity', { exact: true }).inputValue(), 'low');
    assert.equal(await page.getByLabel('Frames', { exact: true }).inputValue(), '2');
    assert.equal(await page.getByLabel('user', { exact: true }).inputValue(), 'tester-7');
    assert.deepEqual(JSON.parse(await page.getByLabel('Extra fields (JSON)').inputValue()), { x_provider_hint: { region: 'eu' } });
  });

  test('a typed model name is drawn in the text colour, and an unknown one is offered what every model takes', async (t) => {
    const { page } = await open(t);
    await page.getByLabel('Model', { exact: true }).selectOption('other model');
    const typed = page.getByLabel('Model name, sent as typed');
    await typed.fill('flux-pro');
    await typed.press('Tab');
    const [text, placeholder, prompt] = await typed.evaluate((input) => [
      getComputedStyle(input).color,
      getComputedStyle(input, '::placeholder').color,
      getComputedStyle(document.querySelector('label.prompt textarea')).color,
    ]);
    assert.equal(text, prompt, 'typed text is the colour of other typed text');
    assert.notEqual(text, placeholder, 'not the placeholder grey');
    const sizes = await options(page.getByLabel('Size', { exact: true }));
    const qualities = await options(page.getByLabel('Quality', { exact: true }));
    for (const never of ['256x256', '512x512', '1792x1024']) assert.ok(!sizes.includes(never), `${never} is not every model's`);
    for (const never of ['standard', 'hd', 'low', 'xhigh']) assert.ok(!qualities.includes(never), `${never} is not every model's`);
    assert.ok(sizes.includes('1024x1024') && sizes.includes('custom'));
    assert.equal(await page.getByLabel('Format', { exact: true }).locator('option[value="gif"]').count(), 0);
    // A name of the 2.6 family is offered the family's options.
    await typed.fill('openai/gpt-image-2.6-blaze');
    await typed.press('Tab');
    assert.ok((await options(page.getByLabel('Quality', { exact: true }))).includes('max'));
    assert.ok((await options(page.getByLabel('Format', { exact: true }))).includes('gif'));
  });
});
