// A turn whose previous response the provider has forgotten (providers keep
// them for a while: here the server's --response-ttl-secs) is sent again
// without previous_response_id, telling the earlier turns and showing the
// previous image, instead of failing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { converse, say, watch } from './conversation-helpers.mjs';
import { open } from './helpers.mjs';

describe('a forgotten previous response', () => {
  test('the next turn tells the earlier ones and shows the previous image instead', async (t) => {
    const { page } = await open(t, ['--response-ttl-secs', '1'], {}, { prompt: null });
    const sent = watch(page, '/v1/responses');
    await converse(page);
    await say(page, 'a red kite over the sea', 1);
    // The server keeps a response for one second: wait that long, and then some.
    await page.waitForTimeout(1_500);
    await say(page, 'now make the kite blue', 2);
    const bodies = sent.map((request) => request.postDataJSON());
    assert.equal(bodies.length, 3, 'the second turn was sent twice');
    assert.match(bodies[1].previous_response_id, /^resp_/, 'first, following the first turn');
    assert.equal((await sent[1].response()).status(), 400, 'which the provider had forgotten');
    assert.equal(bodies[2].previous_response_id, undefined, 'then on its own');
    const content = bodies[2].input[0].content;
    assert.match(content[0].text, /a red kite over the sea/, 'telling the earlier turn');
    assert.match(content[0].text, /now make the kite blue/);
    assert.match(content[1].image_url, /^data:image\/png;base64,/, "and showing the first turn's image");
    assert.equal(await page.locator('.turns .failure').count(), 0, 'no failure is shown');
  });
});
