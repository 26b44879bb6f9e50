// A server-side TypeScript user of gpt-image-wasm, type-checked (never run)
// with Node's types and no DOM library: Buffers in, Node's Blobs and files out.
import { readFile, writeFile } from 'node:fs/promises';
import { ImagesClient, WasmLoadError, init } from 'gpt-image-wasm';

export async function server(): Promise<void> {
  await init(await readFile('node_modules/gpt-image-wasm/gpt_image_wasm_bg.wasm')).catch((error: unknown) => {
    if (error instanceof WasmLoadError) console.error(error.message);
  });
  const client = new ImagesClient({ apiKey: process.env['OPENAI_API_KEY'] ?? null });
  const image = await readFile('photo.png');
  const res = await client.images.editBlobs(
    { model: 'gpt-image-2', prompt: 'add a moon', image, mask: new Blob([image]) },
    { signal: AbortSignal.timeout(60_000) },
  );
  for (const item of res.data) {
    if (item.blob) await writeFile(`image-${item.index}.png`, Buffer.from(await item.blob.arrayBuffer()));
  }
  const json = await client.images.generate({ model: 'gpt-image-2', prompt: 'a lighthouse' });
  const first = json.data?.[0]?.b64_json;
  if (first) await writeFile('lighthouse.png', Buffer.from(first, 'base64'));
  for await (const event of await client.images.generate({ model: 'gpt-image-2', prompt: 'x', stream: true })) {
    if (event.type === 'image_generation.completed') await writeFile('streamed.png', Buffer.from(event.b64_json, 'base64'));
  }
}
