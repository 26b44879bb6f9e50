// The conversation mode: a thread of turns on the Responses API (each
// following the one before by previous_response_id, the follow-up's image a
// change of the first) and on the Images API (forced in Settings, or found
// by the fallback when /responses answers 404); a branch made by editing the
// first turn, and switching branches; images attached by `@`, by the picker
// and by dropping a file; a streamed turn's partial image; a fault with its
// advice and Retry; the thread kept across a reload, every image in the
// gallery linked to its conversation; deleting with Undo; the ZIP export
// and import.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { answered, converse, recordForms, say, turnImage, watch } from './conversation-helpers.mjs';
import { newPage, open, screenshot, stored } from './helpers.mjs';

describe('conversations', () => {
  test('three turns on the Responses API, each following the one before', async (t) => {
    const { page } = await open(t, [], {}, { prompt: null });
    const sent = watch(page, '/v1/responses');
    await converse(page);
    await say(page, 'a red kite over the sea', 1);
    await say(page, 'now make the kite blue', 2);
    await say(page, 'add a small boat', 3);
    const bodies = sent.map((request) => request.postDataJSON());
    assert.equal(bodies.length, 3);
    assert.equal(bodies[0].previous_response_id, undefined, 'the first turn follows nothing');
    assert.equal(bodies[0].tools[0].type, 'image_generation');
    assert.equal(bodies[0].tools[0].model, 'gpt-image-2', "the form's model draws");
    assert.equal(bodies[0].tools[0].quality, 'low');
    const ids = [];
    for (const request of sent) ids.push((await (await request.response()).json()).id);
    assert.equal(bodies[1].previous_response_id, ids[0], 'the second follows the first');
    assert.equal(bodies[2].previous_response_id, ids[1], 'the third follows the second');
    assert.equal(bodies[1].input, 'now make the kite blue');
    const [first, second] = [await turnImage(page, 0), await turnImage(page, 1)];
    assert.notEqual(second, first, "the follow-up's image differs from the first");
    const turns = page.locator('.turns > .turn');
    assert.match(await turns.nth(1).locator('.reply').innerText(), /blue/);
    assert.match(await turns.nth(1).locator('.turn-facts').innerText(), /^This turn: [\d,]+ tokens · image ≈ \$\d+\.\d{3} · Responses API$/);
    assert.match(await page.locator('.conversation-totals').innerText(), /^3 turns · [\d,]+ tokens · images ≈ \$\d+\.\d{3}$/);
    await stored(page, 3);
    await screenshot(page, 'conversation-responses');

    // Every image is in the gallery, linked to its conversation, which opens from there.
    await page.getByLabel('Generate', { exact: true }).check();
    await page.locator('.gallery .card .thumb').first().click();
    const viewer = page.getByRole('dialog', { name: 'Stored image' });
    await viewer.getByText(/^From conversation “a red kite over the sea”, turn 3\.$/).waitFor();
    await viewer.getByRole('button', { name: 'Open conversation' }).click();
    await answered(page, 3);
    assert.equal(await page.getByRole('radio', { name: 'Conversation' }).isChecked(), true);

    // The thread is kept: a reload opens it again.
    await page.reload();
    await answered(page, 3);
    assert.equal(await page.getByLabel('Open', { exact: true }).inputValue() !== '', true);
    assert.equal(await turnImage(page, 1), second, 'the same images, read back from the gallery');
  });

  test('on the Images API: each turn an edit of the one before, the earlier turns in its prompt', async (t) => {
    const { page } = await open(t, [], {}, { prompt: null });
    const responses = watch(page, '/v1/responses');
    const generations = watch(page, '/v1/images/generations');
    const forms = await recordForms(page);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Conversations go through').selectOption('images');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await converse(page);
    await say(page, 'a red kite over the sea', 1);
    await say(page, 'now make the kite blue', 2);
    await stored(page, 2);
    // The third turn attaches the first turn's image too: a second input of the edit.
    const message = page.getByLabel('Message', { exact: true });
    await message.pressSequentially('add a small boat from @1');
    await message.press('Enter');
    await page.locator('.composer').getByRole('img', { name: 'Attached image 1' }).waitFor();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await answered(page, 3);
    assert.equal(responses.length, 0, 'nothing goes to /responses');
    assert.equal(generations.length, 1, 'the first turn is a generation');
    assert.equal(generations[0].postDataJSON().prompt, 'a red kite over the sea');
    const edits = (await forms()).filter((form) => form.url.endsWith('/v1/images/edits'));
    assert.equal(edits.length, 2, 'each follow-up is an edit of the image before');
    const field = (form, name) => form.fields.find(([each]) => each === name)?.[1];
    assert.equal(field(edits[0], 'prompt'), 'Earlier in this conversation: a red kite over the sea. Now: now make the kite blue');
    assert.equal(field(edits[1], 'prompt'), 'Earlier in this conversation: a red kite over the sea; then now make the kite blue. Now: add a small boat from @1');
    const files = (form) => form.fields.filter(([, value]) => value.startsWith('file ')).map(([name]) => name);
    assert.deepEqual(files(edits[0]), ['image'], 'the image before goes as the input');
    assert.deepEqual(files(edits[1]), ['image[]', 'image[]'], 'the image before, then the attached one');
    assert.equal(field(edits[1], 'model'), 'gpt-image-2');
    assert.notEqual(await turnImage(page, 1), await turnImage(page, 0), "the follow-up's image differs from the first");
    assert.match(await page.locator('.turns > .turn').nth(2).locator('.turn-facts').innerText(), /· Images API$/);
    await stored(page, 3);
  });

  test('a provider without /responses falls back to the Images API, says so and remembers it', async (t) => {
    const { page } = await open(t, [], {}, { prompt: null });
    const responses = watch(page, '/v1/responses');
    const edits = watch(page, '/v1/images/edits');
    await page.route('**/v1/responses', (route) =>
      route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { message: 'Unknown path /v1/responses', type: 'invalid_request_error', code: 'not_found' } }) }),
    );
    await converse(page);
    await say(page, 'a red kite over the sea', 1);
    await page.locator('.conversation-note').getByText(/“This server” has no Responses API \(\/responses answered HTTP 404\)/).waitFor();
    await say(page, 'now make the kite blue', 2);
    assert.equal(responses.length, 1, 'the Responses API was tried once, then remembered as missing');
    assert.equal(edits.length, 1);
    await page.getByRole('button', { name: 'Settings' }).click();
    assert.equal(await page.getByLabel('Conversations go through').inputValue(), 'images', 'kept in the provider\'s settings');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await screenshot(page, 'conversation-fallback');
  });

  test('editing the first turn starts a branch; branches switch', async (t) => {
    const { page } = await open(t, [], {}, { prompt: null });
    const sent = watch(page, '/v1/responses');
    await converse(page);
    await say(page, 'a red kite over the sea', 1);
    await say(page, 'now make the kite blue', 2);
    const first = page.locator('.turns > .turn').first();
    await first.getByRole('button', { name: 'Edit', exact: true }).click();
    await first.getByLabel('Edit this turn').fill('a green kite in the mountains');
    await first.getByRole('button', { name: 'Send as a new branch' }).click();
    await answered(page, 1);
    assert.equal(sent[2].postDataJSON().previous_response_id, undefined, 'a new first turn follows nothing');
    assert.equal(await page.locator('.turns .said-text').first().innerText(), 'a green kite in the mountains');
    assert.equal(await page.locator('.branch-count').innerText(), '2/2');
    await say(page, 'add a hot air balloon', 2);
    const branchFirst = (await (await sent[2].response()).json()).id;
    assert.equal(sent[3].postDataJSON().previous_response_id, branchFirst, 'the branch goes on from its own first turn');

    await page.getByRole('button', { name: 'Previous branch' }).click();
    await answered(page, 2);
    assert.deepEqual(await page.locator('.turns .said-text').allInnerTexts(), ['a red kite over the sea', 'now make the kite blue']);
    assert.equal(await page.locator('.branch-count').innerText(), '1/2');
    // Regenerating the second turn forks there, after the first turn of this branch.
    const firstId = (await (await sent[0].response()).json()).id;
    await page.locator('.turns > .turn').nth(1).getByRole('button', { name: 'Regenerate' }).click();
    await answered(page, 2);
    assert.equal(sent[4].postDataJSON().previous_response_id, firstId);
    assert.equal(sent[4].postDataJSON().input, 'now make the kite blue');
    assert.equal(await page.locator('.turns > .turn').nth(1).locator('.branch-count').innerText(), '2/2');
    await screenshot(page, 'conversation-branches');
    await page.getByRole('button', { name: 'Next branch' }).first().click();
    await answered(page, 2);
    assert.deepEqual(await page.locator('.turns .said-text').allInnerTexts(), ['a green kite in the mountains', 'add a hot air balloon']);
  });

  test('images are attached by @, by the picker from the gallery, and by dropping a file', async (t) => {
    const { page } = await open(t, [], {}, { prompt: null });
    // A gallery image, made in the Generate mode.
    await page.getByLabel('Prompt', { exact: true }).fill('a company logo, flat');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await stored(page, 1);
    const sent = watch(page, '/v1/responses');
    await converse(page);
    await say(page, 'a red kite over the sea', 1);
    await say(page, 'now make the kite blue', 2);
    await stored(page, 3);

    const message = page.getByLabel('Message', { exact: true });
    await message.fill('');
    await message.pressSequentially('make it like @');
    const options = page.getByRole('listbox', { name: 'Images of this conversation' }).getByRole('option');
    assert.deepEqual(await options.allInnerTexts(), ['@1 · turn 1', '@2 · turn 2']);
    await message.press('ArrowDown');
    assert.equal(await options.nth(1).getAttribute('aria-selected'), 'true');
    await message.press('Enter');
    assert.equal(await message.inputValue(), 'make it like @2 ');
    await page.getByRole('img', { name: 'Attached image 1' }).waitFor();

    await page.getByRole('button', { name: 'Attach image' }).click();
    const picker = page.getByRole('dialog', { name: 'Attach an image' });
    await picker.getByRole('button', { name: 'Gallery image: a company logo, flat' }).click();
    await picker.waitFor({ state: 'hidden' });
    await page.getByRole('img', { name: 'Attached image 2' }).waitFor();
    await screenshot(page, 'conversation-attached');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await answered(page, 3);
    const parts = sent[2].postDataJSON().input[0].content;
    assert.deepEqual(parts.map((part) => part.type), ['input_text', 'input_image', 'input_image']);
    assert.equal(parts[0].text, 'make it like @2');
    assert.match(parts[1].image_url, /^data:image\/png;base64,/);
    const turn = page.locator('.turns > .turn').nth(2);
    await turn.locator('.turn-references img').nth(1).waitFor();
    assert.equal(await turn.locator('.turn-references img').count(), 2, 'the turn shows what was attached');

    // A dropped file.
    const png = await turnImage(page, 0);
    await page.locator('.composer').evaluate((composer, url) => {
      const bytes = Uint8Array.from(atob(url.split(',')[1]), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
      composer.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, png);
    await page.locator('.composer').getByRole('img', { name: 'Attached image 1' }).waitFor();
    await say(page, 'use the dropped one', 4);
    const dropped = sent[3].postDataJSON().input[0].content;
    assert.deepEqual(dropped.map((part) => part.type), ['input_text', 'input_image']);
    // Kept with the conversation: still there after a reload.
    await stored(page, 5);
    await page.reload();
    await answered(page, 4);
    await page.locator('.turns > .turn').nth(3).locator('.turn-references img').waitFor();
  });

  test('a streamed turn shows a partial image before the final one', async (t) => {
    const { page } = await open(t, ['--latency-ms', '2000'], {}, { prompt: null });
    await page.getByLabel('Stream', { exact: true }).check();
    await page.getByLabel('Partial images').fill('2');
    const sent = watch(page, '/v1/responses');
    await converse(page);
    await page.getByLabel('Message', { exact: true }).fill('a red kite over the sea');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const partial = page.locator('.turn .placeholder img');
    await partial.waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.turn .picture img').count(), 0, 'the partial comes before the final image');
    assert.match(await page.locator('.turn .placeholder').getAttribute('aria-label'), /^Image being made: partial image \d$/);
    await screenshot(page, 'conversation-partial');
    await answered(page, 1);
    assert.equal(sent[0].postDataJSON().stream, true);
    assert.equal(sent[0].postDataJSON().tools[0].partial_images, 2);
    assert.equal(await page.locator('.turn .placeholder').count(), 0);
  });

  test('a failed turn says what to do, keeps the thread, and Retry sends it again', async (t) => {
    const { page } = await open(t, [], {}, { prompt: null });
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Retries').fill('0');
    await page.getByLabel('Retries').dispatchEvent('change');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await converse(page);
    await say(page, 'a red kite over the sea', 1);
    const sent = watch(page, '/v1/responses');
    await page.route('**/v1/responses', (route) => route.continue({ headers: { ...route.request().headers(), 'x-fault': 'server_error' } }));
    await page.getByLabel('Message', { exact: true }).fill('now make the kite blue');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const failure = page.locator('.turn .failure');
    await failure.waitFor();
    assert.equal(await failure.getAttribute('data-class'), 'InternalServerError');
    assert.match(await failure.innerText(), /The provider failed: retry in a moment\./);
    assert.equal(await page.locator('.turns > .turn').count(), 2, 'the thread is as it was, with the failed turn');
    await screenshot(page, 'conversation-failure');
    await page.unroute('**/v1/responses');
    await failure.getByRole('button', { name: 'Retry' }).click();
    await answered(page, 2);
    assert.equal(sent.length, 2);
    assert.equal(sent[1].postDataJSON().previous_response_id, sent[0].postDataJSON().previous_response_id, 'the retry follows the same turn');
    assert.equal(await failure.count(), 0);
  });

  test('deleting a conversation keeps its images unless asked, with Undo', async (t) => {
    const { page } = await open(t, [], {}, { prompt: null });
    await converse(page);
    await say(page, 'a red kite over the sea', 1);
    await say(page, 'now make the kite blue', 2);
    await stored(page, 2);
    await page.getByRole('button', { name: 'Delete conversation' }).click();
    await page.getByLabel('Also delete its 2 images').check();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const undo = page.locator('.conversation .undo.active');
    await undo.getByText('Deleted “a red kite over the sea” and its 2 images.').waitFor();
    assert.equal(await page.locator('.turns > .turn').count(), 0);
    await stored(page, 0);
    await undo.getByRole('button', { name: 'Undo' }).click();
    await answered(page, 2);
    await stored(page, 2);

    await page.getByRole('button', { name: 'Delete conversation' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await undo.getByText('Deleted “a red kite over the sea”; its images are still in the gallery.').waitFor();
    // Deleted for good once the page closes: a reload erases it; its images stay.
    await page.reload();
    await page.getByLabel('Message', { exact: true }).waitFor();
    await stored(page, 2);
    assert.deepEqual(await page.locator('#thread-choice option').allInnerTexts(), ['New conversation']);
  });

  test('the ZIP export holds the conversation, and an import brings it back', async (t) => {
    const { page, server } = await open(t, [], {}, { prompt: null });
    await converse(page);
    await say(page, 'a red kite over the sea', 1);
    await say(page, 'now make the kite blue', 2);
    await stored(page, 2);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all as ZIP' }).click()]);
    await page.locator('.gallery-status').getByText('Exported 2 images and 1 conversation.').waitFor();
    const fresh = await newPage(t, server.base, {}, { prompt: null });
    await fresh.getByLabel('Import ZIP').setInputFiles(await download.path());
    await fresh.locator('.gallery-status').getByText('Imported 2 images and 1 conversation.').waitFor();
    await converse(fresh);
    await fresh.getByLabel('Open', { exact: true }).selectOption({ label: 'a red kite over the sea' });
    await answered(fresh, 2);
    assert.deepEqual(await fresh.locator('.turns .said-text').allInnerTexts(), ['a red kite over the sea', 'now make the kite blue']);
    assert.equal(await turnImage(fresh, 1), await turnImage(page, 1), 'the same images, linked again');
  });
});
