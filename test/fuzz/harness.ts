/**
 * The fuzz targets shared by the bounded tests (test/fuzz/*.test.ts, part of `npm test`) and the long runner
 * (bench/fuzz.ts, `npm run fuzz`): generators of hostile text and of mutated fixtures, and one property per target.
 *
 * A property throws (an AssertionError or whatever the code under test threw) when it fails; fast-check then shrinks
 * the input. Properties check what must hold for every input:
 * - nothing throws (the scanners are called without extractStrings' safety net, so their bugs show);
 * - every offset the code returns lies inside the text (0 ≤ start ≤ end ≤ length), decoded-string maps included;
 * - the output is linear in the input (token, string and decoded-character counts are bounded by the input length:
 *   the indirect measure of work, as opposed to wall time);
 * - fixes have non-overlapping edits, and re-analysing the fixed text does not throw;
 * - analysing a text reached by a sequence of edits through `service.update` equals analysing it fresh.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { applyEdits } from '../../server/src/core/apply-edits';
import type { Finding, Span } from '../../server/src/core/types';
import { identity, type DecodedString } from '../../server/src/connection-strings/decoded';
import { scanHost, type HostLanguage, type KeyedString } from '../../server/src/connection-strings/hosts';
import { parseJdbcUrl } from '../../server/src/connection-strings/jdbc';
import { parseKeyValue, type Quoting } from '../../server/src/connection-strings/keyvalue';
import type { Range } from '../../server/src/connection-strings/model';
import { parseUrlConnection } from '../../server/src/connection-strings/url';
import { AnalysisService } from '../../server/src/service/service';
import { parseSql } from '../../server/src/tsql/parser';

// ---------------------------------------------------------------------------------------------------------------
// Generators

/** Single characters and short sequences that steer lexers and scanners: delimiters, escapes, comment markers, line
 * breaks, NUL, lone surrogates, a surrogate pair, a BOM and Unicode separators. */
export const SPECIAL = [
  "'", '"', '`', '[', ']', '{', '}', '(', ')', '\\', ';', '=', ',', ':', '@', '$', '#', '--', '/*', '*/', '//', '\n', '\r',
  '\r\n', ' ', '\t', '\0', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u{1F600}', '\uFEFF', '\u2028', '\u00A0', 'é', '<', '>', '/',
  '?', '&', '%', '+', '-', '.', '|', '*', '!', '~', '0', '9', 'N', 'x', 'e', '_', "''", '""', '"""', "'''", '```', '~~~', '}}',
  '{{', '${', '$(', '#{', '@"', '$"', '$@"', 'r"', "r'", 'f"', 'b"', 'R"(', ')"', 'u8"', '<<<EOT\n', '\nEOT;', '<![CDATA[', ']]>',
  '<!--', '-->', '&amp;', '&#x41;', '&#', '\\u', '\\x', '\\n', "\\'", '\\"', '\\\\', '\\\n', '- ', ': ', '|\n', '>-\n', '---\n',
  '...', '<?php', '?>', 'GO\n', '\nGO', ':setvar x y\n', ':r f.sql\n',
];

/** Words and fragments the parsers and rules react to, so random text reaches deep into them. */
export const KEYWORDS = [
  'CREATE', 'ALTER', 'DROP', 'ENDPOINT', 'CERTIFICATE', 'MASTER KEY', 'LOGIN', 'USER', 'ROUTE', 'SERVICE', 'QUEUE',
  'REMOTE SERVICE BINDING', 'BEGIN DIALOG', 'BACKUP', 'RESTORE', 'OPEN', 'CLOSE', 'GRANT', 'DENY', 'REVOKE', 'CONNECT ON ENDPOINT::',
  'TO', 'public', 'USE master', 'AUTHORIZATION', 'AS TCP', '(LISTENER_PORT = 5022)', 'LISTENER_IP = ALL', 'FOR DATABASE_MIRRORING',
  'FOR SERVICE_BROKER', 'ROLE = PARTNER', 'ROLE = WITNESS', 'ROLE = ALL', 'ENCRYPTION = REQUIRED', 'ENCRYPTION = SUPPORTED',
  'ENCRYPTION = DISABLED', 'ALGORITHM RC4', 'ALGORITHM AES', 'ALGORITHM AES RC4', 'AUTHENTICATION = CERTIFICATE c',
  'AUTHENTICATION = WINDOWS NEGOTIATE', 'MESSAGE_FORWARDING = ENABLED', 'STATE = STARTED', 'WITH SUBJECT = ', 'EXPIRY_DATE = ',
  "'20301231'", 'ENCRYPTION BY PASSWORD = ', 'DECRYPTION BY PASSWORD = ', 'PASSWORD = ', "'Str0ng!Passw0rd'", 'WITH PRIVATE KEY (',
  'FILE = ', 'FROM FILE', 'CHECK_POLICY = OFF', 'SET PARTNER = ', 'SET WITNESS = ', 'ENDPOINT_URL = ', "'TCP://host:5022'",
  'ADDRESS = ', 'ON CONTRACT', 'WITH ENCRYPTION = OFF', 'ANONYMOUS = ON', 'TO SERVICE', 'FROM SERVICE', 'sp_addlinkedserver',
  '@provstr = ', 'N', 'GO', ';', ',', '(', ')', '=',
  'jdbc:sqlserver://', 'host:1433', 'host\\inst', ';encrypt=false', ';encrypt=true', ';encrypt=strict', ';trustServerCertificate=true',
  ';hostNameInCertificate=', ';trustStore=', ';trustStorePassword=', ';password=', ';sslProtocol=TLSv1', ';serverSpn=', '{',
  '}', 'Server=', 'Data Source=', 'Encrypt=False', 'Encrypt=Optional', 'TrustServerCertificate=True', 'Password=', 'PWD=',
  'Driver={ODBC Driver 17 for SQL Server}', 'Driver={SQL Server}', 'Provider=MSOLEDBSQL19', 'Provider=SQLOLEDB', 'sqlsrv:',
  'sqlserver://u:p@h:1433/inst?encrypt=disable&TrustServerCertificate=true', 'mssql+pyodbc://u:p@h/db?driver=ODBC+Driver+18',
  '&Encrypt=no', 'spring.datasource.url=', 'spring.datasource.password=', 'data-source-properties.encrypt=',
  'spring:\n  datasource:\n    url: ', '"connectionString": ', '<add name="db" connectionString="', '"/>', 'DB_URL=',
  '.setEncrypt(false)', '.setTrustServerCertificate(true)', 'props.put("encrypt", "false")', 'props.setProperty(',
  'new SqlConnectionStringBuilder {', 'Encrypt = SqlConnectionEncryptOption.Optional', 'TrustServerCertificate = true',
  "require('mssql')", 'options: { encrypt: false, trustServerCertificate: true }', '```sql\n', '~~~tsql\n', '```\n',
  'String url = "', 'var cs = @"', 'url = f"', 'const s = `', 'conn := "', '$dsn = "', 'x = """',
];

/** One piece of hostile text: a special sequence, a keyword, a digit run, or arbitrary UTF-16 (lone surrogates too). */
const piece: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SPECIAL), weight: 6 },
  { arbitrary: fc.constantFrom(...KEYWORDS), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }), weight: 2 },
  // any code points (fc.string's 'binary' unit builds a table of all of Unicode on first use: ~1 s per worker)
  { arbitrary: fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 3 }).map((cs) => String.fromCodePoint(...cs)), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), weight: 1 },
);

/** Random text over the rich alphabet, up to `maxPieces` pieces (a piece is 1–60 characters). */
export function hostileText(maxPieces = 40): fc.Arbitrary<string> {
  return fc.array(piece, { maxLength: maxPieces, size: 'medium' }).map((parts) => parts.join(''));
}

/** A fixture file: its name (for the extension) and text. */
export interface Sample {
  readonly name: string;
  readonly text: string;
}

function walkFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walkFiles(p) : [p];
  });
}

let fixtureCache: Sample[] | undefined;

/** Every file under test/fixtures/rules (cwd is the repository root for `npm test` and `npm run fuzz`). */
export function fixtures(): Sample[] {
  fixtureCache ??= walkFiles(join('test', 'fixtures', 'rules'))
    .sort()
    .map((p) => ({ name: p.split(/[\\/]/).slice(-2).join('/'), text: readFileSync(p, 'utf8') }));
  return fixtureCache;
}

export type Mutation =
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'replace'; readonly at: number; readonly length: number; readonly text: string }
  | { readonly op: 'duplicate'; readonly at: number; readonly length: number; readonly to: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: hostileText(4) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 80 }) }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), length: fc.nat({ max: 40 }), text: hostileText(3) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.nat({ max: 400 }), to: fc.nat() }),
);

/** Applies a mutation; positions are taken modulo the text length, so every generated mutation applies. */
export function mutate(text: string, m: Mutation): string {
  const n = text.length;
  const at = n === 0 ? 0 : m.at % (n + 1);
  switch (m.op) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(Math.min(n, at + m.length));
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(Math.min(n, at + m.length));
    case 'duplicate': {
      const slice = text.slice(at, Math.min(n, at + m.length));
      const to = m.to % (n + 1);
      return text.slice(0, to) + slice + text.slice(to);
    }
  }
}

/** A fixture file after up to `max` random insert/delete/replace/duplicate-slice mutations. */
export function mutatedFixture(max = 8, filter: (s: Sample) => boolean = () => true): fc.Arbitrary<Sample> {
  const pool = fixtures().filter(filter);
  return fc.record({ sample: fc.constantFrom(...pool), mutations: fc.array(mutation, { maxLength: max }) }).map(({ sample, mutations }) => ({
    name: sample.name,
    text: mutations.reduce(mutate, sample.text),
  }));
}

/** Hostile text, a mutated fixture, or a fixture with hostile text spliced in: the inputs of the cheap targets. */
export function anyText(): fc.Arbitrary<string> {
  return fc.oneof(hostileText(60), mutatedFixture().map((s) => s.text));
}

// ---------------------------------------------------------------------------------------------------------------
// Checks

export function assertSpan(span: Span | Range | undefined, length: number, what: string): void {
  if (!span) return;
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: non-integer span ${JSON.stringify(span)}`);
  assert.ok(0 <= span.start && span.start <= span.end && span.end <= length, `${what}: span ${span.start}..${span.end} outside 0..${length}`);
}

/** Every `{ start, end }` object reachable from `value` (the AST, problems) lies inside the text. */
function assertAllSpans(value: unknown, length: number, path: string, seen = new Set<object>()): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  const o = value as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number') assertSpan(o as unknown as Span, length, path);
  for (const [k, v] of Object.entries(o)) assertAllSpans(v, length, `${path}.${k}`, seen);
}

/** T-SQL lexer + parser. */
export function checkSql(text: string): void {
  const parsed = parseSql(text);
  const { tokens } = parsed;
  const n = text.length;
  assert.ok(tokens.count <= n, `${tokens.count} tokens for ${n} characters`);
  let last = 0;
  for (let i = 0; i < tokens.count; i++) {
    const s = tokens.starts[i];
    const e = tokens.ends[i];
    assert.ok(last <= s && s < e && e <= n, `token ${i} at ${s}..${e} (previous ended at ${last}, length ${n})`);
    last = e;
  }
  let lastComment = 0;
  for (const c of tokens.comments) {
    assert.ok(lastComment <= c.start && c.start < c.end && c.end <= n, `comment ${c.start}..${c.end}`);
    lastComment = c.end;
  }
  assert.ok(parsed.statements.length <= tokens.count, 'more statements than tokens');
  assertAllSpans(parsed.statements, n, 'statements');
  assertAllSpans(parsed.problems, n, 'problems');
}

export const HOSTS: readonly HostLanguage[] = [
  'java', 'kotlin', 'scala', 'groovy', 'csharp', 'javascript', 'typescript', 'go', 'php', 'python', 'properties', 'yaml', 'json',
  'xml', 'dotenv', 'ini', 'toml', 'markdown', 'text',
];

/** The invariants of a decoded string against the text it was decoded from. */
export function assertDecoded(d: DecodedString, n: number, what: string): void {
  assertSpan(d.span, n, `${what} span`);
  const len = d.value.length;
  assert.equal(d.starts.length, len, `${what}: ${d.starts.length} starts for ${len} characters`);
  assert.equal(d.ends.length, len, `${what}: ${d.ends.length} ends for ${len} characters`);
  for (let i = 0; i < len; i++) {
    const s = d.starts[i];
    const e = d.ends[i];
    assert.ok(d.span.start <= s && s <= e && e <= d.span.end, `${what}: character ${i} maps to ${s}..${e}, outside ${d.span.start}..${d.span.end}`);
  }
  let at = 0;
  for (const p of d.pieces) {
    assert.ok(at <= p.start && p.start <= p.end && p.end <= len, `${what}: piece ${p.start}..${p.end} of ${len}`);
    at = p.end;
  }
  if (d.contentStart !== undefined) assert.ok(d.span.start <= d.contentStart && d.contentStart <= d.span.end, `${what}: contentStart ${d.contentStart}`);
}

/** One host scanner, without extractStrings' safety net. */
export function checkHost(text: string, host: HostLanguage): void {
  const out: KeyedString[] = [];
  scanHost(text, host, out);
  const n = text.length;
  assert.ok(out.length <= n + 1, `${host}: ${out.length} strings for ${n} characters`);
  let decoded = 0;
  for (const [i, s] of out.entries()) {
    assertDecoded(s, n, `${host} string ${i}`);
    assertSpan(s.keySpan, n, `${host} string ${i} keySpan`);
    decoded += s.value.length;
  }
  // strings inside template holes are reported besides the template that holds them, and escapes such as `\u{…}`
  // may expand: bound the total generously but linearly
  assert.ok(decoded <= 4 * n + 16, `${host}: ${decoded} decoded characters for ${n} source characters`);
}

function assertPairsInside(ranges: readonly (Range | undefined)[], start: number, end: number, what: string): void {
  for (const r of ranges) {
    if (!r) continue;
    assert.ok(start <= r.start && r.start <= r.end && r.end <= end, `${what}: range ${r.start}..${r.end} outside ${start}..${end}`);
  }
}

/** parseJdbcUrl on `prefix + text` inside a carrier with text around it. */
export function checkJdbc(before: string, url: string, after: string): void {
  const full = before + url + after;
  const carrier = identity(full, 0, full.length);
  const start = before.length;
  const end = start + url.length;
  const r = parseJdbcUrl(carrier, start, end);
  assertPairsInside([r.server?.range], start, end, 'jdbc server');
  for (const p of r.properties) assertPairsInside([p.nameRange, p.valueRange, p.removeRange], start, end, `jdbc property ${p.name}`);
}

export const QUOTINGS: readonly Quoting[] = ['sqlclient', 'odbc', 'oledb'];

export function checkKeyValue(before: string, body: string, after: string, quoting: Quoting): void {
  const full = before + body + after;
  const carrier = identity(full, 0, full.length);
  const start = before.length;
  const end = start + body.length;
  const pairs = parseKeyValue(carrier, start, end, quoting);
  assert.ok(pairs.length <= body.length, `${pairs.length} pairs for ${body.length} characters`);
  for (const p of pairs) assertPairsInside([p.nameRange, p.valueRange, p.removeRange], start, end, `${quoting} pair ${p.name}`);
}

export function checkUrl(before: string, url: string, after: string): void {
  const full = before + url + after;
  const carrier = identity(full, 0, full.length);
  const start = before.length;
  const end = start + url.length;
  const r = parseUrlConnection(carrier, start, end, url.startsWith('sqlserver') ? 'go-mssqldb' : 'odbc', (n) => n.toLowerCase());
  assertPairsInside([r.server?.range], start, end, 'url server');
  for (const p of r.properties) assertPairsInside([p.nameRange, p.valueRange, p.removeRange], start, end, `url property ${p.name}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Whole analysis

/** The document kinds the analysis fuzz covers (by file name, as the CLI sees them). */
export const DOCUMENT_KINDS = ['sql', 'md', 'java', 'cs', 'py', 'js', 'go', 'properties', 'yml', 'json', 'xml', 'env'] as const;

export interface AnalysisInput {
  /** documents in one folder (peers of each other) */
  readonly docs: readonly Sample[];
  /** offsets (taken modulo length + 1) at which to ask for hovers, definitions and references */
  readonly probes: readonly number[];
}

const extOf = (name: string): string => name.slice(name.lastIndexOf('.') + 1);

/** One to three documents: mutated fixtures of a kind, or hostile text under a file name of a kind. */
export function analysisInput(): fc.Arbitrary<AnalysisInput> {
  const all = fixtures();
  const doc: fc.Arbitrary<Sample> = fc.oneof(
    mutatedFixture(6),
    fc.record({ kind: fc.constantFrom(...DOCUMENT_KINDS), text: hostileText(80) }).map(({ kind, text }) => ({ name: `random.${kind}`, text })),
    fc.record({ kind: fc.constantFrom(...DOCUMENT_KINDS), fixture: fc.constantFrom(...all), mutations: fc.array(mutation, { maxLength: 4 }) }).map(({ kind, fixture, mutations }) => ({
      // a fixture's text under another kind's name: SQL in a .java file, Markdown in a .yml …
      name: `cross.${kind}`,
      text: mutations.reduce(mutate, fixture.text),
    })),
  );
  return fc.record({ docs: fc.array(doc, { minLength: 1, maxLength: 3 }), probes: fc.array(fc.nat(), { maxLength: 12 }) });
}

/** A uri per document, all in one folder; names are made unique. */
export function urisOf(docs: readonly Sample[]): string[] {
  return docs.map((d, i) => `file:///fuzz/ws/d${i}-${d.name.replace(/[^A-Za-z0-9.]/g, '_')}${extOf(d.name) === d.name ? '.sql' : ''}`);
}

function newService(): AnalysisService {
  return new AnalysisService({
    onRuleError: (rule, uri, error) => {
      throw new Error(`rule ${rule} threw on ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    },
  });
}

function assertFindings(findings: readonly Finding[], length: number, lengthOf: (uri: string) => number | undefined, what: string): void {
  for (const f of findings) {
    const id = `${what} ${f.rule}@${f.span.start}`;
    assertSpan(f.span, length, id);
    for (const r of f.related ?? []) {
      const len = lengthOf(r.uri);
      assert.ok(len !== undefined, `${id}: related location in unknown document ${r.uri}`);
      assertSpan(r.span, len, `${id} related`);
    }
    for (const fix of f.fixes ?? []) assertFix(fix.edits, length, `${id} fix '${fix.title}'`);
  }
}

export function assertFix(edits: readonly { start: number; end: number; newText: string }[], length: number, what: string): void {
  assert.ok(edits.length > 0, `${what}: no edits`);
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const [i, e] of sorted.entries()) {
    assertSpan(e, length, what);
    assert.equal(typeof e.newText, 'string', `${what}: newText`);
    if (i > 0) assert.ok(sorted[i - 1].end <= e.start, `${what}: edits ${sorted[i - 1].start}..${sorted[i - 1].end} and ${e.start}..${e.end} overlap`);
  }
}

/**
 * The whole analysis on a set of documents: analyze, hover / definition / references at probe offsets, document
 * symbols, quick fixes at every finding, and re-analysis of each fixed text.
 */
export function checkAnalysis(input: AnalysisInput): void {
  const service = newService();
  const uris = urisOf(input.docs);
  input.docs.forEach((d, i) => service.update({ uri: uris[i], text: d.text }));
  const lengthOf = (uri: string): number | undefined => service.workspace.get(uri)?.text.length;
  for (const [i, uri] of uris.entries()) {
    const text = input.docs[i].text;
    const n = text.length;
    const findings = service.analyze(uri);
    assertFindings(findings, n, lengthOf, uri);
    const offsets = [0, n, ...input.probes.map((p) => p % (n + 1))];
    for (const f of findings) offsets.push(f.span.start, f.span.end);
    for (const offset of offsets) {
      const hover = service.hover(uri, offset);
      if (hover) {
        assertSpan(hover.span, n, `hover at ${offset}`);
        assert.equal(typeof hover.markdown, 'string');
      }
      for (const l of service.definition(uri, offset)) assertSpan(l.span, lengthOf(l.uri) ?? -1, `definition at ${offset}`);
      for (const l of service.references(uri, offset)) assertSpan(l.span, lengthOf(l.uri) ?? -1, `reference at ${offset}`);
    }
    for (const s of service.documentSymbols(uri)) {
      assertSpan(s.span, n, `symbol ${s.name}`);
      assertSpan(s.selectionSpan, n, `symbol ${s.name} selection`);
      assert.ok(s.span.start <= s.selectionSpan.start && s.selectionSpan.end <= s.span.end, `symbol ${s.name}: selection ${s.selectionSpan.start}..${s.selectionSpan.end} outside ${s.span.start}..${s.span.end}`);
    }
    // quick fixes as the editor asks for them: at each finding, and over random ranges
    const ranges: Span[] = findings.map((f) => f.span);
    for (let k = 0; k + 1 < input.probes.length; k += 2) {
      const a = input.probes[k] % (n + 1);
      const b = input.probes[k + 1] % (n + 1);
      ranges.push({ start: Math.min(a, b), end: Math.max(a, b) });
    }
    const fixed = new Set<string>();
    for (const range of ranges) {
      for (const { fix } of service.fixes(uri, range)) {
        assertFix(fix.edits, n, `fix '${fix.title}'`);
        fixed.add(applyEdits(text, fix.edits));
      }
    }
    for (const after of [...fixed].slice(0, 8)) {
      service.update({ uri, text: after });
      assertFindings(service.analyze(uri), after.length, lengthOf, `${uri} after a fix`);
    }
    service.update({ uri, text });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Incremental == full

export type EditorStep =
  | { readonly kind: 'edit'; readonly doc: number; readonly mutation: Mutation }
  | { readonly kind: 'analyze'; readonly doc: number }
  | { readonly kind: 'hover'; readonly doc: number; readonly at: number }
  | { readonly kind: 'close'; readonly doc: number };

export interface IncrementalInput {
  readonly docs: readonly Sample[];
  readonly steps: readonly EditorStep[];
}

export function incrementalInput(): fc.Arbitrary<IncrementalInput> {
  const step: fc.Arbitrary<EditorStep> = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('edit' as const), doc: fc.nat({ max: 2 }), mutation }), weight: 6 },
    { arbitrary: fc.record({ kind: fc.constant('analyze' as const), doc: fc.nat({ max: 2 }) }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('hover' as const), doc: fc.nat({ max: 2 }), at: fc.nat() }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('close' as const), doc: fc.nat({ max: 2 }) }), weight: 1 },
  );
  return fc.record({ docs: fc.array(mutatedFixture(2), { minLength: 1, maxLength: 3 }), steps: fc.array(step, { maxLength: 24 }) });
}

/** What a service says about a document, as plain data for deepEqual. */
function observe(service: AnalysisService, uri: string, probes: readonly number[]): unknown {
  const n = service.workspace.get(uri)?.text.length ?? 0;
  return {
    findings: service.analyze(uri),
    symbols: service.documentSymbols(uri),
    hovers: probes.map((p) => service.hover(uri, p % (n + 1))),
  };
}

/**
 * Simulates the editor: start from the documents' texts, apply the steps (edits through `service.update`, analyses
 * and hovers in between so every cache is warm, closes that drop a document until its next edit), then compare what
 * the service says about every open document with a fresh service given only the final texts.
 */
export function checkIncremental(input: IncrementalInput): void {
  const uris = urisOf(input.docs);
  const texts = input.docs.map((d) => d.text);
  const open = input.docs.map(() => true);
  const live = newService();
  uris.forEach((uri, i) => live.update({ uri, text: texts[i] }));
  for (const s of input.steps) {
    const i = s.doc % uris.length;
    switch (s.kind) {
      case 'edit':
        texts[i] = mutate(texts[i], s.mutation);
        open[i] = true;
        live.update({ uri: uris[i], text: texts[i] });
        break;
      case 'analyze':
        live.analyze(uris[i]);
        break;
      case 'hover':
        live.hover(uris[i], s.at % (texts[i].length + 1));
        break;
      case 'close':
        open[i] = false;
        live.remove(uris[i]);
        break;
    }
  }
  const fresh = newService();
  // same insertion order as the live workspace (a reopened document goes to the end there too)
  for (const uri of live.workspace.uris()) fresh.update({ uri, text: texts[uris.indexOf(uri)] });
  const probes = [0, 7, 31, 127, 511, 2047];
  for (const [i, uri] of uris.entries()) {
    if (!open[i]) continue;
    assert.deepEqual(observe(live, uri, probes), observe(fresh, uri, probes), `${uri}: incremental analysis differs from a fresh one`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Targets

export interface Target<T> {
  readonly name: string;
  /** cheap targets run many cases (the long runner's `--runs` counts them); analysis targets far fewer */
  readonly cheap: boolean;
  readonly arbitrary: fc.Arbitrary<T>;
  readonly check: (input: T) => void;
  /** the input as stored for a hang report */
  readonly describe: (input: T) => string;
}

const json = (v: unknown): string => JSON.stringify(v);

const around = fc.tuple(hostileText(4), hostileText(4));

export const TARGETS: readonly Target<never>[] = [
  { name: 'sql', cheap: true, arbitrary: anyText(), check: checkSql, describe: json },
  ...HOSTS.map(
    (host): Target<string> => ({ name: `host:${host}`, cheap: true, arbitrary: anyText(), check: (t) => checkHost(t, host), describe: json }),
  ),
  {
    name: 'jdbc',
    cheap: true,
    arbitrary: fc.tuple(around, hostileText(30)),
    check: ([[b, a], body]: [[string, string], string]) => checkJdbc(b, `jdbc:sqlserver://${body}`, a),
    describe: json,
  },
  ...QUOTINGS.map(
    (q): Target<[[string, string], string]> => ({
      name: `keyvalue:${q}`,
      cheap: true,
      arbitrary: fc.tuple(around, hostileText(30)),
      check: ([[b, a], body]) => checkKeyValue(b, body, a, q),
      describe: json,
    }),
  ),
  {
    name: 'url',
    cheap: true,
    arbitrary: fc.tuple(around, fc.constantFrom('sqlserver://', 'mssql+pyodbc://', 'mssql+aioodbc://', 'sqlserver:/'), hostileText(30)),
    check: ([[b, a], scheme, body]: [[string, string], string, string]) => checkUrl(b, scheme + body, a),
    describe: json,
  },
  { name: 'analysis', cheap: false, arbitrary: analysisInput(), check: checkAnalysis, describe: json },
  { name: 'incremental', cheap: false, arbitrary: incrementalInput(), check: checkIncremental, describe: json },
] as unknown as Target<never>[];

/** Targets that check the guard itself (guard.ts): one never returns, one throws on a planted input. */
export const SELF_TESTS: readonly Target<never>[] = [
  {
    name: 'selftest:hang',
    cheap: true,
    arbitrary: fc.constant('the input that hangs'),
    check: () => {
      for (;;);
    },
    describe: json,
  },
  {
    name: 'selftest:throw',
    cheap: true,
    arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 20 }),
    check: (s: string) => assert.ok(!s.includes('x'), 'planted failure'),
    describe: json,
  },
] as unknown as Target<never>[];

export function targetNamed(name: string): Target<never> {
  const t = TARGETS.find((x) => x.name === name) ?? SELF_TESTS.find((x) => x.name === name);
  if (!t) throw new Error(`no fuzz target '${name}' (have: ${TARGETS.map((x) => x.name).join(', ')})`);
  return t;
}
