/**
 * Scanning in units (one folder each) and in worker threads must find exactly what one service holding every file
 * finds — including the one link between folders, an address naming another folder's endpoint.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../../server/src/core/types';
import { CONFIG_FILE_NAME, loadConfigFile } from '../../server/src/cli/config-file';
import { walk } from '../../server/src/cli/files';
import { GlobSet } from '../../server/src/cli/glob';
import { WorkerPool } from '../../server/src/cli/pool';
import { scan, type ScanResult } from '../../server/src/cli/scan';
import { DEFAULT_CONFIG, type AnalysisConfig } from '../../server/src/service/config';
import { AnalysisService } from '../../server/src/service/service';
import { tempDir } from '../helpers/temp';
import { CLI, project, run, write } from './helpers';

const endpoint = (enc: string): string => `CREATE ENDPOINT Endpoint_Mirroring AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING (ROLE = ALL, ENCRYPTION = ${enc})\n`;

/** Folders linked only by an address, same-folder peers and setup steps, host files, a binary and an oversize file. */
const EXTRA: Record<string, string> = {
  'linked/site1/sqlnode1.sql': endpoint('REQUIRED ALGORITHM AES') + "ALTER DATABASE Sales SET PARTNER = 'TCP://sqlnode2.contoso.com:5022'\n",
  'linked/site2/sqlnode2.sql': endpoint('DISABLED'),
  'linked/elsewhere/unrelated.sql': endpoint('DISABLED'),
  'pair/principal.sql': endpoint('REQUIRED ALGORITHM AES'),
  'pair/mirror.sql': endpoint('SUPPORTED ALGORITHM RC4'),
  'app/src/Db.java': 'class Db { String url = "jdbc:sqlserver://db.contoso.com:1433;encrypt=true;trustServerCertificate=true"; }\n',
  'big/.sqlguard.json': JSON.stringify({ maxFileSize: 64 }),
  'big/huge.sql': endpoint('DISABLED') + '-- '.padEnd(200, 'x') + '\n',
};

function corpus(): string {
  const root = tempDir('sqlguard-units-');
  cpSync(resolve('test/fixtures/rules'), join(root, 'fixtures'), { recursive: true });
  write(root, EXTRA);
  writeFileSync(join(root, 'app', 'logo.sql'), Buffer.from([0x47, 0x49, 0x46, 0x00, 0x01, 0x02]));
  return root;
}

/** What one service per config, holding every file at once, reports for each file with findings. */
function reference(root: string): Map<string, Finding[]> {
  const noGlobs = { dir: root, includes: new GlobSet([]), excludes: new GlobSet([]) };
  const files = walk(root, () => noGlobs).files.filter((f) => !f.endsWith(CONFIG_FILE_NAME));
  /** the nearest config file above a file, or '' for the defaults */
  const configFileOf = (file: string): string => {
    for (let dir = dirname(file); dir.startsWith(root); dir = dirname(dir)) if (existsSync(join(dir, CONFIG_FILE_NAME))) return join(dir, CONFIG_FILE_NAME);
    return '';
  };
  const configOf = (path: string): AnalysisConfig => {
    if (path === '') return DEFAULT_CONFIG;
    const loaded = loadConfigFile(path);
    assert.ok('config' in loaded);
    return loaded.config;
  };
  const services = new Map<string, { service: AnalysisService; config: AnalysisConfig; uris: string[] }>();
  for (const file of files) {
    const path = configFileOf(file);
    let entry = services.get(path);
    if (!entry) {
      const config = configOf(path);
      services.set(path, (entry = { service: new AnalysisService({ config }), config, uris: [] }));
    }
    const buffer = readFileSync(file);
    if (buffer.length > entry.config.maxFileSize || buffer.includes(0)) continue;
    const uri = pathToFileURL(file).href;
    entry.service.update({ uri, text: buffer.toString('utf8') });
    entry.uris.push(uri);
  }
  const out = new Map<string, Finding[]>();
  for (const { service, uris } of services.values()) {
    for (const uri of uris) {
      const findings = service.analyzeAll(uri);
      if (findings.length > 0) out.set(uri, findings);
    }
  }
  return out;
}

function byUri(result: ScanResult): Map<string, readonly Finding[]> {
  return new Map(result.files.filter((f) => f.findings.length > 0).map((f) => [f.uri, f.findings]));
}

async function inDir<T>(dir: string, body: () => Promise<T>): Promise<T> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await body();
  } finally {
    process.chdir(before);
  }
}

describe('scanning in units and worker threads', () => {
  test('folder units find what one service holding every file finds, cross-folder address links included', async () => {
    const root = corpus();
    const expected = reference(root);
    const result = await inDir(root, () => scan(['.'], { workers: 1 }));
    assert.deepEqual(byUri(result), expected);
    // the link between folders really is exercised: sqlnode2.sql's only peer is in another folder
    const node2 = expected.get(pathToFileURL(join(root, 'linked/site2/sqlnode2.sql')).href) ?? [];
    assert.ok(node2.some((f) => f.rule === 'endpoint-incompatible-peers'), JSON.stringify(node2));
    const unrelated = expected.get(pathToFileURL(join(root, 'linked/elsewhere/unrelated.sql')).href) ?? [];
    assert.ok(!unrelated.some((f) => f.rule === 'endpoint-incompatible-peers'));
    assert.deepEqual(result.warnings, [`skipped 'big/huge.sql': ${Buffer.byteLength(EXTRA['big/huge.sql'])} bytes is over the 64-byte limit (maxFileSize)`]);
  });

  test('two worker threads give the same result as the main thread alone', async () => {
    const root = corpus();
    const one = await inDir(root, () => scan(['.'], { workers: 1 }));
    const two = await inDir(root, () => scan(['.'], { workers: 2, workerScript: CLI }));
    // results cross threads as JSON, which leaves out properties set to undefined: compare what JSON keeps
    const plain = (r: ScanResult): unknown => JSON.parse(JSON.stringify({ ...r, files: r.files.map((f) => ({ ...f, lines: undefined })) }));
    assert.deepEqual(plain(two), plain(one));
    assert.ok(one.scanned > 60, `scanned ${one.scanned}`);
    // only files the output shows keep their text
    assert.ok(one.files.length < one.scanned);
  });

  test('sqlguard --workers 2 and --workers 1 print the same text, JSON and SARIF and exit alike', () => {
    const root = corpus();
    for (const format of ['text', 'json', 'sarif']) {
      const one = run(['--format', format, '--workers', '1', '.'], root);
      const two = run(['--format', format, '--workers=2', '.'], root);
      assert.equal(one.status, 1, one.stderr);
      assert.equal(two.status, one.status);
      assert.equal(two.stdout, one.stdout, format);
      assert.equal(two.stderr, one.stderr);
    }
  });

  test('--workers auto on a tree of many files gives the same findings as one thread (threads or not: it depends on the cores)', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 450; i++) {
      const folder = `svc${Math.floor(i / 10)}`;
      files[`${folder}/m${i}.sql`] = i % 7 === 0 ? endpoint('SUPPORTED ALGORITHM RC4') : `SELECT ${i} FROM dbo.t${i};\n`;
    }
    const root = project(files);
    const auto = run(['--format', 'json', '.'], root);
    const one = run(['--format', 'json', '--workers', '1', '.'], root);
    assert.equal(auto.status, 1, auto.stderr);
    assert.equal(auto.stdout, one.stdout);
    assert.ok((JSON.parse(auto.stdout) as { findings: unknown[] }).findings.length >= 65);
  });

  test('bad --workers values are usage errors', () => {
    const root = project({ 'a.sql': 'SELECT 1;\n' });
    for (const args of [['--workers', '0'], ['--workers', '65'], ['--workers', 'two'], ['--workers=-1'], ['--workers']]) {
      const r = run([...args, '.'], root);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^sqlguard: --workers needs a number from 1 to 64 or 'auto'/, args.join(' '));
      assert.equal(r.stdout, '');
    }
  });
});

describe('the worker pool', () => {
  const request = { id: 0, config: DEFAULT_CONFIG, files: [], mayDefer: true };

  test('a worker that reports an error stops the run with that error', async () => {
    const script = join(tempDir('sqlguard-pool-'), 'w.js');
    writeFileSync(script, "require('node:worker_threads').parentPort.on('message', () => require('node:worker_threads').parentPort.postMessage({ error: 'in a scan worker: boom' }));\n");
    const pool = new WorkerPool(script, 2);
    try {
      await assert.rejects(pool.run([request, { ...request, id: 1 }], () => assert.fail('no result expected')), /in a scan worker: boom/);
    } finally {
      await pool.close();
    }
  });

  test('a worker that dies stops the run instead of waiting forever', async () => {
    const script = join(tempDir('sqlguard-pool-'), 'w.js');
    writeFileSync(script, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    const pool = new WorkerPool(script, 1);
    try {
      await assert.rejects(pool.run([request], () => undefined), /a scan worker stopped \(exit code 3\)/);
    } finally {
      await pool.close();
    }
  });
});
