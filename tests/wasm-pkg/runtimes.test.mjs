// The built package (crates/wasm/pkg) as server-side code gets it: packed
// by `npm pack` and installed into an app of its own
// (tests/output/wasm-pkg-runtimes/app/), as from the registry, then imported
// by its name in Node, Deno and Bun, and in Node posing as an edge worker
// (the `workerd` condition; the wasm imported as a compiled module, and
// compiling bytes refused). Each runs page/checks.js, with the runtime
// checks of runtimes/env.mjs, against its own gpt-image-server. Nothing is
// given to init(): each runtime's export condition must find the wasm by
// itself. And a load that fails says what to give init().
//
// Deno and Bun are the npm packages `deno` and `bun` of tests/ (binaries
// shipped inside them); where they are not installed, their runs are skipped.
// Needs GPT_IMAGE_SERVER_BIN. Writes only under tests/output/wasm-pkg-runtimes/.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, test } from 'node:test';
import { startServer } from '../server/helpers.mjs';
import { pkgDir, requirePkg, root } from './helpers.mjs';

const workDir = path.join(root, 'tests/output/wasm-pkg-runtimes');
const appDir = path.join(workDir, 'app');
const installed = path.join(appDir, 'node_modules/gpt-image-wasm');
const bin = (name) => path.join(root, 'tests/node_modules/.bin', name);
const RUN_TIMEOUT_MS = 300_000;

const runtimes = [
  { name: 'Node', command: process.execPath, args: [], entry: 'node.js' },
  { name: 'Deno', command: bin('deno'), args: ['run', '--allow-all', '--quiet'], entry: 'node.js' },
  { name: 'Bun', command: bin('bun'), args: ['run'], entry: 'node.js' },
  {
    name: 'Node as an edge worker (workerd condition, the wasm imported as a module)',
    command: process.execPath,
    args: ['--conditions=workerd', '--import', './edge-hooks.mjs'],
    key: 'edge',
    entry: 'edge.js',
  },
];

/** Runs `command args…` in `cwd`; resolves to `{ code, output }` (stdout and stderr together). */
function run(command, args, { cwd = appDir, env = {}, timeout = RUN_TIMEOUT_MS } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', ...env } });
    let output = '';
    child.stdout.on('data', (data) => (output += data));
    child.stderr.on('data', (data) => (output += data));
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${path.basename(command)} ${args.join(' ')}: still running after ${timeout} ms (a timer left behind?)\n${output}`));
    }, timeout);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

before(() => {
  requirePkg();
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(appDir, { recursive: true });
  // As from the registry: what `npm pack` puts in the tarball (package.json's `files`), installed.
  const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', pkgDir, '--json', '--pack-destination', workDir], { encoding: 'utf8' }));
  writeFileSync(path.join(appDir, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }, null, 2));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', path.join(workDir, filename)], {
    cwd: appDir,
    stdio: 'pipe',
  });
  cpSync(path.join(root, 'tests/wasm-pkg/page/checks.js'), path.join(appDir, 'checks.js'));
  for (const file of ['env.mjs', 'run-checks.mjs', 'edge-hooks.mjs', 'edge-loader.mjs']) {
    cpSync(path.join(root, 'tests/wasm-pkg/runtimes', file), path.join(appDir, file));
  }
});

for (const runtime of runtimes) {
  describe(`the installed package in ${runtime.name}`, () => {
    const missing = !existsSync(runtime.command) && `${runtime.command} is not installed (npm ci in tests/)`;
    let result;
    let output;
    before(async () => {
      if (missing) return;
      const server = await startServer();
      try {
        const key = runtime.key ?? runtime.name.toLowerCase();
        const config = path.join(workDir, `config-${key}.json`);
        const resultFile = path.join(workDir, `result-${key}.json`);
        writeFileSync(
          config,
          JSON.stringify({
            origin: server.base,
            corpusPath: path.join(root, 'tests/spec/validation-corpus.json'),
            outDir: path.join(workDir, `files-${key}`),
            result: resultFile,
          }),
        );
        const ran = await run(runtime.command, [...runtime.args, 'run-checks.mjs', config]);
        output = ran.output;
        assert.equal(ran.code, 0, `exit code ${ran.code}:\n${output}`);
        result = JSON.parse(readFileSync(resultFile, 'utf8'));
      } finally {
        server.stop();
      }
    });

    test(`the checks ran, with the package's ${runtime.entry} (its export condition)`, { skip: missing }, () => {
      assert.ok(result.checks.length > 1, `only: ${JSON.stringify(result)}\n${output}`);
      assert.equal(result.entry, pathToFileURL(path.join(installed, runtime.entry)).href);
    });

    test('every check passes', { skip: missing }, async (t) => {
      for (const check of result.checks) {
        await t.test(`${check.name} (${check.ms} ms)`, () => {
          assert.ok(check.ok, `${check.error}\n\n${runtime.name} said:\n${output}`);
        });
      }
    });
  });
}

describe('a load that fails says what to give init()', () => {
  test('Node importing the browser entry (which fetches the wasm): WasmLoadError, then init(bytes) loads', async () => {
    const lib = await import(pathToFileURL(path.join(installed, 'index.js')).href);
    const client = new lib.ImagesClient({ baseURL: 'http://127.0.0.1:9/v1', apiKey: null });
    const error = await client.images.generate({ prompt: 'x' }).then(
      () => assert.fail('resolved'),
      (error) => error,
    );
    assert.ok(error instanceof lib.WasmLoadError && error instanceof lib.ImagesError, `${error?.name}: ${error?.message}`);
    assert.equal(error.name, 'WasmLoadError');
    assert.match(error.message, /gpt_image_wasm_bg\.wasm/);
    assert.match(error.message, /give init\(\) the file/);
    assert.match(error.message, /await init\(url\)/);
    assert.match(error.message, /readFile/);
    assert.ok(error.cause, 'the runtime error is its cause');
    await lib.init(readFileSync(path.join(installed, 'gpt_image_wasm_bg.wasm')));
    assert.deepEqual(await client.images.validateGenerate({ prompt: 'x', model: 'gpt-image-2' }), []);
  });

  test('the Node entry of a package installed without its wasm file: WasmLoadError naming the file and init()', async () => {
    const broken = path.join(workDir, 'broken');
    cpSync(installed, path.join(broken, 'node_modules/gpt-image-wasm'), { recursive: true });
    rmSync(path.join(broken, 'node_modules/gpt-image-wasm/gpt_image_wasm_bg.wasm'));
    writeFileSync(path.join(broken, 'package.json'), '{ "type": "module" }');
    writeFileSync(
      path.join(broken, 'probe.mjs'),
      `import { ImagesClient, ImagesError } from 'gpt-image-wasm';
const client = new ImagesClient({ baseURL: 'http://127.0.0.1:9/v1', apiKey: null });
try {
  await client.images.generate({ prompt: 'x' });
} catch (error) {
  console.log(JSON.stringify({ name: error.name, ours: error instanceof ImagesError, message: error.message }));
}
`,
    );
    const { code, output } = await run(process.execPath, ['probe.mjs'], { cwd: broken, timeout: 30_000 });
    assert.equal(code, 0, output);
    const error = JSON.parse(output.trim().split('\n').at(-1));
    assert.equal(error.name, 'WasmLoadError', output);
    assert.ok(error.ours, 'an ImagesError');
    assert.match(error.message, /ENOENT/);
    assert.match(error.message, /give init\(\) the file/);
  });
});
