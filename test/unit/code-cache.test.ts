/**
 * The loader that runs the server bundle through V8's code cache (server/src/boot/code-cache.ts): the module runs the
 * same with or without a cache, a cache is written once and then used, and a corrupt, stale or unwritable cache costs
 * nothing but the ordinary compile.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runWithCodeCache } from '../../server/src/boot/code-cache';

/**
 * Each load runs in a fresh node process (this file, started again with CODE_CACHE_CHILD set): within one process V8
 * keeps compiled scripts in memory, which would hide what the cache on disk does.
 */
type Load = { status: string; file?: string; saved: string; ran: boolean; dirname?: string; sep?: string };

const CHILD = process.env.CODE_CACHE_CHILD;
if (CHILD) {
  const { file, cacheDir, save } = JSON.parse(CHILD) as { file: string; cacheDir?: string; save: boolean };
  const ran = ((globalThis as Record<string, unknown>).__codeCacheTestRun = { ran: false }) as { ran: boolean; dirname?: string; sep?: string };
  const cache = runWithCodeCache(file, cacheDir);
  const load: Load = { status: cache.status, file: cache.file, saved: save ? cache.save() : '', ...ran };
  process.stdout.write(JSON.stringify(load));
}

function load(file: string, cacheDir: string | undefined, save = true): Load {
  const r = spawnSync(process.execPath, [__filename], { env: { ...process.env, CODE_CACHE_CHILD: JSON.stringify({ file, cacheDir, save }) }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Load;
}

const root = CHILD ? '' : mkdtempSync(join(tmpdir(), 'sqlguard-code-cache-'));
if (!CHILD) after(() => rmSync(root, { recursive: true, force: true }));

/** A CommonJS module that records that it ran, with its __dirname and a `require` result. */
function writeBundle(dir: string, extra = ''): string {
  const file = join(dir, 'bundle.js');
  writeFileSync(file, `const r = globalThis.__codeCacheTestRun; r.ran = true; r.dirname = __dirname; r.sep = require('node:path').sep;\nfunction unused() { return ${JSON.stringify(extra)}; }\nmodule.exports = { unused };\n`);
  return file;
}

const cacheFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.cache'));

if (!CHILD) describe('V8 code cache loader', () => {
  test('without a cache folder the module runs and nothing is written', () => {
    const dir = mkdtempSync(join(root, 'off-'));
    const file = writeBundle(dir);
    const off = load(file, undefined);
    assert.equal(off.ran, true);
    assert.equal(off.dirname, dir);
    assert.equal(off.sep, '/');
    assert.equal(off.status, 'off');
    assert.equal(off.saved, 'code cache off');
    assert.deepEqual(readdirSync(dir), ['bundle.js']);
  });

  test('the first run writes the cache, the second uses it', () => {
    const dir = mkdtempSync(join(root, 'warm-'));
    const cacheDir = join(dir, 'cache', 'nested'); // created on save
    const file = writeBundle(dir);
    const first = load(file, cacheDir);
    assert.equal(first.status, 'missing');
    assert.equal(first.ran, true);
    assert.equal(first.saved, `code cache written: ${first.file}`);
    assert.deepEqual(cacheFiles(cacheDir).map((f) => join(cacheDir, f)), [first.file]);
    assert.match(cacheFiles(cacheDir)[0], /^bundle-[0-9a-f]{16}\.cache$/);
    const second = load(file, cacheDir);
    assert.equal(second.status, 'used');
    assert.equal(second.ran, true, 'the module ran from cached code');
    assert.equal(second.saved, `code cache used: ${first.file}`);
  });

  test('a corrupt cache is rejected, the module still runs, and the next save repairs it', () => {
    const dir = mkdtempSync(join(root, 'corrupt-'));
    const file = writeBundle(dir);
    const cacheFile = load(file, dir).file as string;
    const bytes = readFileSync(cacheFile);
    bytes.fill(0x5a, 0, 64); // a damaged header: V8's sanity check fails
    writeFileSync(cacheFile, bytes);
    const damaged = load(file, dir);
    assert.equal(damaged.status, 'rejected');
    assert.equal(damaged.ran, true);
    assert.match(damaged.saved, /^code cache written: /);
    assert.equal(load(file, dir).status, 'used');
  });

  test('a cache made by another node or for other code is not used', () => {
    const dir = mkdtempSync(join(root, 'foreign-'));
    const file = writeBundle(dir, 'mine');
    const other = join(mkdtempSync(join(root, 'foreign-other-')), 'bundle.js');
    writeFileSync(other, readFileSync(file, 'utf8').replace('mine', 'theirs'));
    const theirs = load(other, join(dir, 'theirs')).file as string;
    const mine = load(file, dir, false);
    assert.equal(mine.status, 'missing');
    writeFileSync(mine.file as string, readFileSync(theirs)); // their cached code under our name
    const swapped = load(file, dir);
    // V8 itself compares only the source's length (hence the size and modification time in the file name); this one differs
    assert.equal(swapped.status, 'rejected');
    assert.equal(swapped.ran, true);
  });

  test('a changed bundle of the same length gets a new cache and the stale one is removed', () => {
    const dir = mkdtempSync(join(root, 'stale-'));
    const cacheDir = join(dir, 'cache');
    const file = writeBundle(dir, 'v1');
    const v1 = load(file, cacheDir);
    writeFileSync(join(cacheDir, 'other-0123456789abcdef.cache'), 'another bundle'); // not ours: kept
    writeBundle(dir, 'v2');
    const v2 = load(file, cacheDir);
    assert.equal(v2.status, 'missing');
    assert.notEqual(v2.file, v1.file);
    assert.deepEqual(cacheFiles(cacheDir).map((f) => join(cacheDir, f)).sort(), [v2.file, join(cacheDir, 'other-0123456789abcdef.cache')].sort());
  });

  test('a cache folder that cannot be created is reported by save, not thrown', () => {
    const dir = mkdtempSync(join(root, 'unwritable-'));
    const file = writeBundle(dir);
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'a file where the cache folder should be');
    const blocked = load(file, join(blocker, 'cache'));
    assert.equal(blocked.ran, true);
    assert.equal(blocked.status, 'missing');
    assert.match(blocked.saved, /^code cache not written \(/);
  });
});
