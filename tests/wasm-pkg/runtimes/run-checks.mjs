// Runs the package's checks (checks.js, copied from ../page/) in the
// runtime that runs this file (Node, Deno or Bun), importing the package
// by its name, as installed beside this file by node.test.mjs: whatever
// `init()` loads, it finds by itself. Its argument is a JSON file
// ({ origin, corpusPath, outDir, result }); the results ({ ok, checks }),
// with the entry of the package the runtime picked (`entry`), go to `result`.
import * as lib from 'gpt-image-wasm';
import { readFile, writeFile } from 'node:fs/promises';
import { runChecks } from './checks.js';
import { runtimeEnv } from './env.mjs';

const [configPath] = globalThis.Deno?.args ?? process.argv.slice(2);
const config = JSON.parse(await readFile(configPath, 'utf8'));
const result = await runChecks(lib, runtimeEnv(config));
await writeFile(config.result, JSON.stringify({ ...result, entry: import.meta.resolve('gpt-image-wasm') }));
