/**
 * Figure 5: the size of the packaged VSIX. sql-transport-guard.vsix is reused when it is newer than everything that
 * goes into it; otherwise `npm run package` builds it (a production build of dist/, then vsce).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { kb, passOrMiss, say, type SectionResult } from './util';

export const VSIX = 'sql-transport-guard.vsix';
export const VSIX_TARGET_BYTES = 400 * 1024;

/** What the VSIX is built from: the sources of its bundles and the files .vscodeignore lets in. */
const INPUT_DIRS = ['client/src', 'server/src', 'syntaxes', 'snippets', 'schemas', 'docs/rules', 'images'];
const INPUT_FILES = ['package.json', 'package-lock.json', 'esbuild.mjs', '.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE', 'SECURITY.md'];

function newestInput(): { path: string; mtimeMs: number } {
  let newest = { path: '', mtimeMs: 0 };
  const consider = (path: string): void => {
    const m = statSync(path).mtimeMs;
    if (m > newest.mtimeMs) newest = { path, mtimeMs: m };
  };
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else consider(p);
    }
  };
  for (const d of INPUT_DIRS) if (existsSync(d)) walk(d);
  for (const f of INPUT_FILES) if (existsSync(f)) consider(f);
  return newest;
}

export function vsixSection(): SectionResult {
  say('[5] VSIX size…');
  const newest = newestInput();
  let how: string;
  if (existsSync(VSIX) && statSync(VSIX).mtimeMs > newest.mtimeMs) {
    how = `reused \`${VSIX}\`: it is newer than every input (newest: \`${newest.path}\`)`;
    say(`     ${VSIX} is newer than its inputs: not repackaging`);
  } else {
    say(`     ${existsSync(VSIX) ? `${VSIX} is older than ${newest.path}` : `no ${VSIX}`}: running npm run package…`);
    const t0 = performance.now();
    const result = spawnSync('npm', ['run', 'package'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
    if (result.status !== 0) throw new Error(`npm run package failed (${result.status ?? result.signal}): ${(result.stderr || result.stdout || '').slice(-2000)}`);
    if (!existsSync(VSIX) || statSync(VSIX).mtimeMs < t0 + performance.timeOrigin - 1000) throw new Error(`npm run package did not write ${VSIX}`);
    how = `built by \`npm run package\` for this run (${((performance.now() - t0) / 1000).toFixed(1)} s)`;
  }
  const size = statSync(VSIX).size;
  say(`[5]  ${VSIX}: ${kb(size)} (target ≤ ${VSIX_TARGET_BYTES / 1024} KB) ${passOrMiss(size <= VSIX_TARGET_BYTES)}`);
  return {
    title: '5. The VSIX',
    figures: [{ id: '5', name: 'VSIX size', measured: `${kb(size)} (${size.toLocaleString('en-US')} bytes)`, target: `≤ ${VSIX_TARGET_BYTES / 1024} KB`, status: passOrMiss(size <= VSIX_TARGET_BYTES) }],
    details: [`\`${VSIX}\`: ${size.toLocaleString('en-US')} bytes (1 KB = 1,024 bytes, as in \`scripts/check-vsix.mjs\`), ${how}.`],
  };
}
