// One build script for the three bundles (extension, language server, CLI) and the test bundles.
//   node esbuild.mjs               development build of dist/ (with source maps)
//   node esbuild.mjs --production  minified dist/ without source maps (what the VSIX ships)
//   node esbuild.mjs --watch       rebuild dist/ on change
//   node esbuild.mjs --if-needed   build dist/ only when a source is newer than the bundles
//   node esbuild.mjs --tests       build dist/ and bundle test/**/*.test.ts into out/test/
//   node esbuild.mjs --bench       build dist/ and bundle bench/*.ts (not bench/lib/) into out/bench/
//   node esbuild.mjs --fuzz        build dist/ and bundle the long fuzz runner bench/fuzz.ts into out/bench/fuzz.js
import * as esbuild from 'esbuild';
import { readFileSync, readdirSync, statSync, existsSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { __SQLGUARD_VERSION__: JSON.stringify(pkg.version) },
};

const bundles = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // dist/server.js is a small loader that runs dist/server-main.js through V8's code cache (server/src/boot/)
  { ...common, entryPoints: ['server/src/boot/server-entry.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server-main.js' },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
].filter((b) => existsSync(b.entryPoints[0]));

function files(dir, filter) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? files(p, filter) : filter(p) ? [p] : [];
  });
}

function newestSource() {
  const sources = [...files('client/src', (p) => p.endsWith('.ts')), ...files('server/src', (p) => p.endsWith('.ts')), 'package.json', 'esbuild.mjs'];
  return Math.max(...sources.map((p) => statSync(p).mtimeMs));
}

function upToDate() {
  const outputs = bundles.map((b) => b.outfile);
  if (!outputs.every(existsSync)) return false;
  return Math.min(...outputs.map((p) => statSync(p).mtimeMs)) >= newestSource();
}

async function main() {
  if (args.has('--watch')) {
    for (const b of bundles) await (await esbuild.context(b)).watch();
    console.log('[watch] watching client/src and server/src…');
    return;
  }
  if (args.has('--if-needed') && upToDate()) return;
  if (production) rmSync('dist', { recursive: true, force: true });
  await Promise.all(bundles.map((b) => esbuild.build(b)));
  if (args.has('--bench')) {
    // entry points: bench/*.ts only (bench/lib/ holds their modules; bench/.work/ holds generated data)
    const benches = readdirSync('bench')
      .filter((n) => n.endsWith('.ts') && n !== 'workload.ts' && n !== 'fuzz.ts')
      .map((n) => join('bench', n));
    await Promise.all(benches.map((b) => esbuild.build({ ...common, sourcemap: false, minify: false, entryPoints: [b], outfile: join('out', relative('.', b)).replace(/\.ts$/, '.js') })));
  }
  if (args.has('--fuzz')) {
    await esbuild.build({ ...common, sourcemap: 'inline', minify: false, entryPoints: ['bench/fuzz.ts'], outfile: join('out', 'bench', 'fuzz.js') });
  }
  if (args.has('--tests')) {
    rmSync(join('out', 'test'), { recursive: true, force: true });
    const tests = files('test', (p) => p.endsWith('.test.ts') && !p.startsWith(join('test', 'vscode')));
    await Promise.all(
      tests.map((t) =>
        esbuild.build({ ...common, sourcemap: 'inline', minify: false, entryPoints: [t], outfile: join('out', relative('.', t)).replace(/\.ts$/, '.js'), external: ['vscode'] }),
      ),
    );
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
