// The built site (dist/, `cargo xtask dist`) and the headers a static host
// sends with it, shared by the page tests of the playground and the embed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const dist = path.join(root, 'dist');

/**
 * `--header` arguments for the headers of dist/_headers (the
 * Content-Security-Policy among them), so pages run under the policy that ships.
 */
export const hostHeaders = () =>
  readFileSync(path.join(dist, '_headers'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('  '))
    .flatMap((line) => ['--header', line.trim()]);
