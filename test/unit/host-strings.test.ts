/** The host scanners: every string value of a file, decoded, with each decoded character mapped to its source. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Span } from '../../server/src/core/types';
import { applyEdits } from '../../server/src/core/apply-edits';
import { replaceDecoded, sourceSpan } from '../../server/src/connection-strings/decoded';
import { extractStrings, hostLanguageOf, MAX_DECODED, scanHost, type HostLanguage, type KeyedString } from '../../server/src/connection-strings/hosts';

const slice = (text: string, span: Span): string => text.slice(span.start, span.end);

/** Like extractStrings, but a scanner bug throws instead of being swallowed. */
function strict(text: string, host: HostLanguage): KeyedString[] {
  const out: KeyedString[] = [];
  scanHost(text, host, out);
  return out;
}

/** The one extracted string whose value contains `needle`. */
function find(text: string, host: HostLanguage, needle: string): KeyedString {
  const all = extractStrings(text, host).filter((s) => s.value.includes(needle));
  assert.equal(all.length, 1, `expected one ${host} string containing ${JSON.stringify(needle)}, got ${JSON.stringify(all.map((s) => s.value))}`);
  return all[0];
}

/** The source text behind the first occurrence of `sub` in the decoded value. */
function sourceOf(text: string, s: KeyedString, sub: string): string {
  const at = s.value.indexOf(sub);
  assert.ok(at >= 0, `${JSON.stringify(sub)} not in ${JSON.stringify(s.value)}`);
  return slice(text, sourceSpan(s, at, at + sub.length));
}

/** Replaces the first `sub` in the decoded value holding `needle`; returns the new text. */
function replace(text: string, host: HostLanguage, needle: string, sub: string, by: string): string {
  const s = find(text, host, needle);
  const at = s.value.indexOf(sub);
  assert.ok(at >= 0);
  return applyEdits(text, replaceDecoded(s, at, at + sub.length, by));
}

/** Replaces and checks: the re-extracted value changed exactly so, and the source now reads `written`. */
function roundTrip(text: string, host: HostLanguage, needle: string, sub: string, by: string, written: string): string {
  const before = find(text, host, needle).value;
  const after = replace(text, host, needle, sub, by);
  assert.ok(after.includes(written), `expected ${JSON.stringify(written)} in ${JSON.stringify(after)}`);
  const expected = before.replace(sub, () => by);
  const found = extractStrings(after, host).map((s) => s.value);
  assert.ok(found.includes(expected), `expected ${JSON.stringify(expected)} among ${JSON.stringify(found)}`);
  assert.equal(extractStrings(after, host).length, extractStrings(text, host).length, 'the edit changed how many strings there are');
  return after;
}

const values = (text: string, host: HostLanguage): string[] => extractStrings(text, host).map((s) => s.value);

// ---- host language ----------------------------------------------------------------------------------------------

test('host language: by language id first, else by file name', () => {
  assert.equal(hostLanguageOf('file:///a/App.java', 'java'), 'java');
  assert.equal(hostLanguageOf('file:///a/x.txt', 'typescriptreact'), 'typescript');
  assert.equal(hostLanguageOf('file:///a/x', 'jsonc'), 'json');
  assert.equal(hostLanguageOf('file:///a/b.kts'), 'kotlin');
  assert.equal(hostLanguageOf('/a/build.gradle'), 'groovy');
  assert.equal(hostLanguageOf('C:\\src\\Program.cs'), 'csharp');
  assert.equal(hostLanguageOf('file:///a/web.config'), 'xml');
  assert.equal(hostLanguageOf('file:///a/app.yml'), 'yaml');
  assert.equal(hostLanguageOf('file:///a/.env'), 'dotenv');
  assert.equal(hostLanguageOf('file:///a/.env.local', 'plaintext'), 'dotenv');
  assert.equal(hostLanguageOf('file:///a/prod.env'), 'dotenv');
  assert.equal(hostLanguageOf('file:///a/odbc.ini', 'properties'), 'ini');
  assert.equal(hostLanguageOf('file:///a/application.properties', 'properties'), 'properties');
  assert.equal(hostLanguageOf('file:///a/pyproject.toml'), 'toml');
  assert.equal(hostLanguageOf('file:///a/README.MD'), 'markdown');
  assert.equal(hostLanguageOf('file:///a/notes', 'plaintext'), 'text');
  assert.equal(hostLanguageOf('file:///a/setup.sql'), undefined);
  assert.equal(hostLanguageOf('file:///a/setup.sql', 'sql'), undefined);
  assert.equal(hostLanguageOf('file:///a/image.png'), undefined);
  assert.equal(hostLanguageOf('file:///a/x.vb'), undefined);
});

// ---- Java -------------------------------------------------------------------------------------------------------

test('java "…": escapes decode, each decoded character maps to its source', () => {
  const text = String.raw`String url = "jdbc:sqlserver://;serverName=host\\inst;encrypt=false;x=\"q\"\uuu0041"; // "not a string"` + '\nchar c = \'"\';';
  const s = find(text, 'java', 'jdbc:');
  assert.equal(s.value, 'jdbc:sqlserver://;serverName=host\\inst;encrypt=false;x="q"A');
  assert.equal(sourceOf(text, s, 'serverName=host\\inst'), String.raw`serverName=host\\inst`);
  assert.equal(sourceOf(text, s, 'encrypt=false'), 'encrypt=false');
  assert.equal(sourceOf(text, s, '"'), '\\"');
  assert.equal(sourceOf(text, s, 'A'), String.raw`\uuu0041`);
  assert.equal(slice(text, s.span), text.slice(text.indexOf('"'), text.indexOf(';', text.indexOf('0041'))));
  assert.deepEqual(s.pieces, [{ start: 0, end: s.value.length, escaping: 'backslash-double' }]);
  assert.deepEqual(values(text, 'java'), [s.value], 'comments and char literals hold no strings');
});

test('java: a value with a quote is written back escaped', () => {
  const text = 'String url = "jdbc:sqlserver://host\\\\inst;encrypt=false";';
  roundTrip(text, 'java', 'jdbc:', 'false', 'tr"ue\\', 'encrypt=tr\\"ue\\\\"');
});

test('java: literals joined by + across lines and comments are one string', () => {
  const text = [
    'String url = "jdbc:sqlserver://db;" // the server',
    '    + /* options */ "encrypt=false;"',
    '    + "trustServerCertificate=true";',
    'String other = "x" + name + "y";',
  ].join('\n');
  const s = find(text, 'java', 'jdbc:');
  assert.equal(s.value, 'jdbc:sqlserver://db;encrypt=false;trustServerCertificate=true');
  assert.equal(s.pieces.length, 3);
  assert.equal(slice(text, s.span), text.slice(text.indexOf('"jdbc'), text.indexOf('true";') + 5));
  assert.equal(sourceOf(text, s, 'encrypt=false'), 'encrypt=false');
  // a range across literals: the new text goes into the first, the rest is deleted literal by literal
  const at = s.value.indexOf('db;');
  const edited = applyEdits(text, replaceDecoded(s, at, s.value.indexOf('trust'), 'db2;encrypt=true;'));
  assert.ok(edited.includes('"jdbc:sqlserver://db2;encrypt=true;" // the server\n    + /* options */ ""\n    + "trustServerCertificate=true"'));
  assert.equal(find(edited, 'java', 'jdbc:').value, 'jdbc:sqlserver://db2;encrypt=true;trustServerCertificate=true');
  assert.deepEqual(values(text, 'java').slice(1), ['x', 'y'], 'a variable between literals breaks the chain');
});

test('java text block: escapes and line continuations apply, indentation is kept', () => {
  const text = 'String q = """\n    jdbc:sqlserver://h;\\\n    encrypt=true;\\t\\"x\\"\r\n    """;';
  const s = find(text, 'java', 'jdbc:');
  assert.equal(s.value, '    jdbc:sqlserver://h;    encrypt=true;\t"x"\n    ');
  assert.equal(sourceOf(text, s, 'encrypt=true'), 'encrypt=true');
  assert.equal(sourceOf(text, s, '\n'), '\r\n');
  assert.equal(slice(text, s.span), text.slice(text.indexOf('"""'), text.lastIndexOf('"""') + 3));
  roundTrip(text, 'java', 'jdbc:', 'true', 'a"b', 'encrypt=a\\"b;');
});

// ---- Kotlin, Scala, Groovy --------------------------------------------------------------------------------------

test('kotlin: raw strings decode nothing; templates stay as text', () => {
  const text = 'val u = """jdbc:sqlserver://h\\i;encrypt=${cfg["enc"]}"""\nval v = "a\\$b $name \\u0041${x + "}"}"\nval c = \'"\'';
  const raw = find(text, 'kotlin', 'jdbc:');
  assert.equal(raw.value, 'jdbc:sqlserver://h\\i;encrypt=${cfg["enc"]}');
  assert.equal(raw.pieces[0].escaping, 'none');
  assert.equal(sourceOf(text, raw, 'h\\i'), 'h\\i');
  const s = find(text, 'kotlin', 'name');
  assert.equal(s.value, 'a$b $name A${x + "}"}');
  assert.equal(values(text, 'kotlin').length, 2);
  assert.equal(values('val q = """a""""', 'kotlin')[0], 'a"', 'quotes before the closing three belong to the content');
});

test('scala: s"…" decodes escapes, raw"…" and """…""" do not', () => {
  const text = 'val a = s"jdbc:sqlserver://$host;encrypt=${enc}\\t$$"\nval b = raw"x\\ty"\nval c = """r\\n"""\nval d = \'s\'';
  assert.deepEqual(values(text, 'scala'), ['jdbc:sqlserver://$host;encrypt=${enc}\t$', 'x\\ty', 'r\\n']);
});

test('groovy: single quotes, GStrings and triple quotes', () => {
  const text = "def a = 'jdbc:sqlserver://h;encrypt=false'\ndef b = \"x${y}\\n\" + '''multi\nline'''\ndef r = /it's/";
  assert.deepEqual(values(text, 'groovy'), ['jdbc:sqlserver://h;encrypt=false', 'x${y}\nmulti\nline']);
  assert.equal(find(text, 'groovy', 'jdbc').pieces[0].escaping, 'backslash-single');
});

// ---- C# ---------------------------------------------------------------------------------------------------------

test('c# verbatim: "" is one quote; written back doubled', () => {
  const text = 'var cs = @"Server=.\\SQL;Password=a""b;Encrypt=False";';
  const s = find(text, 'csharp', 'Server');
  assert.equal(s.value, 'Server=.\\SQL;Password=a"b;Encrypt=False');
  assert.equal(s.pieces[0].escaping, 'doubled-double');
  assert.equal(sourceOf(text, s, 'a"b'), 'a""b');
  assert.equal(slice(text, s.span), text.slice(text.indexOf('@'), text.lastIndexOf('"') + 1));
  roundTrip(text, 'csharp', 'Server', 'a"b', 'x"y', 'Password=x""y;');
});

test('c# interpolated: {{ and }} are braces, holes stay as text; $@ and raw strings', () => {
  const text = [
    'var a = $"Server={host};Encrypt={{x}};T={(ok ? "y}" : "n")}";',
    'var b = $@"Data Source={h}\\x;P=""1""";',
    'var c = """',
    '    Server=tcp:x;',
    '      Encrypt=Strict',
    '    """;',
    'var d = "tab\\there\\x41" + "\\u0042";',
    "char q = '\"';",
  ].join('\n');
  const a = find(text, 'csharp', 'host');
  assert.equal(a.value, 'Server={host};Encrypt={x};T={(ok ? "y}" : "n")}');
  assert.equal(sourceOf(text, a, '{x}'), '{{x}}');
  assert.equal(find(text, 'csharp', 'Data').value, 'Data Source={h}\\x;P="1"');
  const raw = find(text, 'csharp', 'tcp');
  assert.equal(raw.value, 'Server=tcp:x;\n  Encrypt=Strict');
  assert.equal(raw.pieces[0].escaping, 'none');
  assert.equal(sourceOf(text, raw, 'Encrypt=Strict'), 'Encrypt=Strict');
  assert.equal(find(text, 'csharp', 'tab').value, 'tab\there\x41B');
  assert.equal(values(text, 'csharp').length, 4);
});

// ---- JavaScript / TypeScript ------------------------------------------------------------------------------------

test('js template literal: escapes apply, ${…} stays, may span lines', () => {
  const text = [
    'const re = /"[a-z]\'/g, half = a / b / c;',
    'const u = `mssql://${user}:${pw}@h/db?encrypt=${`x${y}`}',
    '&trustServerCertificate=true\\x41` + \'\\u{42}\\\'\'; // `no`',
    "if (ok) return /'/.test(s);",
  ].join('\n');
  const s = find(text, 'typescript', 'mssql');
  assert.equal(s.value, "mssql://${user}:${pw}@h/db?encrypt=${`x${y}`}\n&trustServerCertificate=trueAB'");
  assert.deepEqual(
    s.pieces.map((p) => p.escaping),
    ['backslash-double', 'backslash-single'],
  );
  assert.equal(sourceOf(text, s, '${pw}'), '${pw}');
  assert.equal(sourceOf(text, s, "B'"), "\\u{42}\\'");
  assert.deepEqual(values(text, 'javascript'), [s.value], 'regular expressions and comments hold no strings');
  roundTrip(text, 'javascript', 'mssql', 'B', "it's", "'it\\'s\\''");
});

// ---- Go ---------------------------------------------------------------------------------------------------------

test('go: raw strings keep backslashes, "…" decodes, + joins', () => {
  const text = 'dsn := `sqlserver://u:p@h\\inst?encrypt=disable` +\n\t"&x=\\t\\101\\x41"\nr := \'"\'';
  const s = find(text, 'go', 'sqlserver');
  assert.equal(s.value, 'sqlserver://u:p@h\\inst?encrypt=disable&x=\tAA');
  assert.deepEqual(
    s.pieces.map((p) => p.escaping),
    ['none', 'backslash-double'],
  );
  assert.equal(sourceOf(text, s, 'h\\inst'), 'h\\inst');
  assert.equal(sourceOf(text, s, 'AA'), '\\101\\x41');
  assert.equal(values(text, 'go').length, 1);
});

// ---- PHP --------------------------------------------------------------------------------------------------------

test("php: '…' knows only \\\\ and \\', \"…\" decodes and keeps $vars, . joins; HTML is skipped", () => {
  const text = [
    "<p>it's html \"x\"</p>",
    '<?php',
    "$dsn = 'sqlsrv:Server=h\\\\i;Database=\\'d\\';x=\\n' . \"T=\\t$var {$a['k']}\" # not \"this\"",
    "  . 'Encrypt=no';",
    '?>',
    "<p>don't</p>",
  ].join('\n');
  const s = find(text, 'php', 'sqlsrv');
  assert.equal(s.value, "sqlsrv:Server=h\\i;Database='d';x=\\nT=\t$var {$a['k']}Encrypt=no");
  assert.deepEqual(
    s.pieces.map((p) => p.escaping),
    ['backslash-single', 'backslash-double', 'backslash-single'],
  );
  assert.equal(sourceOf(text, s, 'h\\i'), 'h\\\\i');
  assert.equal(sourceOf(text, s, "'d'"), "\\'d\\'");
  assert.equal(values(text, 'php').length, 1);
  roundTrip(text, 'php', 'sqlsrv', 'Encrypt=no', "Encrypt='yes'", "'Encrypt=\\'yes\\''");
});

test('php heredoc and nowdoc: closing indentation removed', () => {
  const text = '<?php\n$a = <<<EOT\n    Server=$host;\n      Encrypt=\\t1\n    EOT;\n$b = <<<\'EOT\'\nraw\\n\nEOT;\n';
  assert.deepEqual(values(text, 'php'), ['Server=$host;\n  Encrypt=\t1', 'raw\\n']);
});

// ---- Python -----------------------------------------------------------------------------------------------------

test('python: implicit concatenation inside brackets, r-strings, f-strings, triple quotes', () => {
  const text = [
    'conn = ("DRIVER={ODBC Driver 18};"  # the driver',
    "        'SERVER=h\\\\i;'",
    '        r"PWD=a\\"b;"',
    '        f"Encrypt={enc!r}{{yes}};")',
    'doc = """multi',
    'line\\x41""" + b\'\\101\'',
    'y = "a"',
    '"statement"',
  ].join('\n');
  const conn = find(text, 'python', 'DRIVER');
  assert.equal(conn.value, 'DRIVER={ODBC Driver 18};SERVER=h\\i;PWD=a\\"b;Encrypt={enc!r}{yes};');
  assert.deepEqual(
    conn.pieces.map((p) => p.escaping),
    ['backslash-double', 'backslash-single', 'none', 'backslash-double'],
  );
  assert.equal(sourceOf(text, conn, 'h\\i'), 'h\\\\i');
  assert.equal(sourceOf(text, conn, 'a\\"b'), 'a\\"b');
  assert.equal(sourceOf(text, conn, '{yes}'), '{{yes}}');
  assert.equal(find(text, 'python', 'multi').value, 'multi\nlineAA');
  assert.deepEqual(values(text, 'python').slice(2), ['a', 'statement'], 'outside brackets a line break ends the statement');
  roundTrip(text, 'python', 'DRIVER', 'h\\i', "h'2", "'SERVER=h\\'2;'");
});

test("python: r'' and a line joined with \\", () => {
  const text = "x = r'C:\\new\\d' 'y' \\\n    \"z\"";
  const s = find(text, 'python', 'new');
  assert.equal(s.value, 'C:\\new\\dyz');
  assert.equal(sourceOf(text, s, 'dy'), "d' 'y");
  assert.equal(s.pieces.length, 3);
});

// ---- properties ---------------------------------------------------------------------------------------------------

test('properties: continuation lines, escapes, separators, comments', () => {
  const text = [
    '# comment = "x"',
    '! also a comment',
    'spring.datasource.url=jdbc:sqlserver://h\\\\i;\\',
    '    encrypt=true;\\',
    '    trustServerCertificate\\=false',
    'key\\ with\\ space : value\\u0041 \\',
    '  # not a comment',
    'plain value here',
    'empty=',
  ].join('\n');
  const url = find(text, 'properties', 'jdbc');
  assert.equal(url.key, 'spring.datasource.url');
  assert.equal(slice(text, url.keySpan!), 'spring.datasource.url');
  assert.equal(url.value, 'jdbc:sqlserver://h\\i;encrypt=true;trustServerCertificate=false');
  assert.equal(url.pieces[0].escaping, 'properties');
  assert.equal(sourceOf(text, url, 'encrypt=true'), 'encrypt=true');
  assert.equal(sourceOf(text, url, 'h\\i'), 'h\\\\i');
  assert.equal(sourceOf(text, url, 'trustServerCertificate=false'), 'trustServerCertificate\\=false');
  const spaced = find(text, 'properties', 'valueA');
  assert.equal(spaced.key, 'key with space');
  assert.equal(spaced.value, 'valueA # not a comment');
  const all = extractStrings(text, 'properties');
  assert.deepEqual(
    all.map((s) => [s.key, s.value]),
    [
      ['spring.datasource.url', url.value],
      ['key with space', spaced.value],
      ['plain', 'value here'],
      ['empty', ''],
    ],
  );
  roundTrip(text, 'properties', 'jdbc', 'encrypt=true', 'encrypt=C:\\x', 'encrypt=C:\\\\x;\\');
});

// ---- YAML -------------------------------------------------------------------------------------------------------

const YAML = [
  '# top',
  'spring:',
  '  datasource:',
  '    url: jdbc:sqlserver://h;encrypt=false # comment',
  "    password: 'it''s'",
  '    dq: "a\\tb \\"q\\" \\u0041',
  '      next  ',
  '',
  '      para"',
  '    folded: >-',
  '      first',
  '      second',
  '',
  '      third',
  '    literal: |',
  '      line1',
  '        indented',
  '      line3',
  '    list:',
  '      - jdbc:sqlserver://a',
  '      - name: x',
  '        url: "jdbc:b"',
  '    compact:',
  '    - one',
  '    next:',
  '      jdbc:sqlserver://on-next-line;',
  '        continued',
  '    flow: ["a", \'b\']',
  '    tagged: !!str &anchor tagged value',
  '    alias: *anchor',
  'other: x',
  '---',
  'doc2: y',
].join('\n');

test('yaml: full dotted keys from indentation; plain, quoted, block and list values', () => {
  const all = extractStrings(YAML, 'yaml');
  assert.deepEqual(
    all.map((s) => [s.key, s.value]),
    [
      ['spring.datasource.url', 'jdbc:sqlserver://h;encrypt=false'],
      ['spring.datasource.password', "it's"],
      ['spring.datasource.dq', 'a\tb "q" A next\npara'],
      ['spring.datasource.folded', 'first second\nthird'],
      ['spring.datasource.literal', 'line1\n  indented\nline3\n'],
      ['spring.datasource.list[0]', 'jdbc:sqlserver://a'],
      ['spring.datasource.list[1].name', 'x'],
      ['spring.datasource.list[1].url', 'jdbc:b'],
      ['spring.datasource.compact[0]', 'one'],
      ['spring.datasource.next', 'jdbc:sqlserver://on-next-line; continued'],
      ['spring.datasource.flow[0]', 'a'],
      ['spring.datasource.flow[1]', 'b'],
      ['spring.datasource.tagged', 'tagged value'],
      ['other', 'x'],
      ['doc2', 'y'],
    ],
  );
  const url = all[0];
  assert.equal(slice(YAML, url.keySpan!), 'url');
  assert.equal(slice(YAML, url.span), 'jdbc:sqlserver://h;encrypt=false');
  assert.equal(sourceOf(YAML, url, 'encrypt=false'), 'encrypt=false');
  assert.equal(all[1].pieces[0].escaping, 'doubled-single');
  assert.equal(sourceOf(YAML, all[1], "'"), "''");
  assert.equal(sourceOf(YAML, all[2], '"q"'), '\\"q\\"');
  assert.equal(sourceOf(YAML, all[4], 'indented'), 'indented');
  assert.equal(all[4].pieces[0].escaping, 'none');
});

test('yaml: fixes keep the quoting style', () => {
  roundTrip(YAML, 'yaml', "it's", "it's", "o'k", "password: 'o''k'");
  roundTrip(YAML, 'yaml', 'jdbc:b', 'jdbc:b', 'jdbc:"c"', 'url: "jdbc:\\"c\\""');
  roundTrip(YAML, 'yaml', 'encrypt=false', 'false', 'true', 'url: jdbc:sqlserver://h;encrypt=true # comment');
});

// ---- JSON -------------------------------------------------------------------------------------------------------

test('json: values keyed by their full path, escapes decoded, comments (jsonc) skipped', () => {
  const text = [
    '{',
    '  // "ignored": "comment"',
    '  "ConnectionStrings": { "Sales": "Server=h\\\\i;Password=\\"p\\";Encrypt=false", "n": 1, "b": true },',
    '  "list": ["a", {"url": "u\\u0041"}, ["deep"]],',
    '  /* block */ "k\\"ey": "v", "empty": ""',
    '}',
  ].join('\n');
  const all = extractStrings(text, 'json');
  assert.deepEqual(
    all.map((s) => [s.key, s.value]),
    [
      ['ConnectionStrings.Sales', 'Server=h\\i;Password="p";Encrypt=false'],
      ['list[0]', 'a'],
      ['list[1].url', 'uA'],
      ['list[2][0]', 'deep'],
      ['k"ey', 'v'],
      ['empty', ''],
    ],
  );
  const sales = all[0];
  assert.equal(slice(text, sales.keySpan!), '"Sales"');
  assert.equal(sourceOf(text, sales, '"p"'), '\\"p\\"');
  assert.equal(sourceOf(text, sales, 'Encrypt=false'), 'Encrypt=false');
  roundTrip(text, 'json', 'Server=', 'Encrypt=false', 'Encrypt="x\\"', 'Encrypt=\\"x\\\\\\""');
  // an empty value: inserted text goes between the quotes
  const empty = all[5];
  assert.equal(applyEdits(text, replaceDecoded(empty, 0, 0, 'x')).includes('"empty": "x"'), true);
});

// ---- XML --------------------------------------------------------------------------------------------------------

const XML = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<!DOCTYPE x [ <!ENTITY a "b>"> ]>',
  '<configuration>',
  '  <!-- <add connectionString="commented out"/> -->',
  '  <connectionStrings>',
  "    <add name='Sales' connectionString=\"Server=h;Password=a&amp;b&#59;&#x41;&unknown;",
  '      Encrypt=false" />',
  '  </connectionStrings>',
  '  <url>  jdbc:sqlserver://h;a=1&amp;2 <![CDATA[x&amp;<y>]]> tail </url>',
  '  <empty>   </empty>',
  '</configuration>',
].join('\n');

test('xml: attribute values and element text, entities decoded, comments skipped', () => {
  const all = extractStrings(XML, 'xml');
  assert.deepEqual(
    all.map((s) => [s.key, s.value]),
    [
      ['name', 'Sales'],
      ['connectionString', 'Server=h;Password=a&b;A&unknown;       Encrypt=false'],
      ['url', 'jdbc:sqlserver://h;a=1&2 x&amp;<y> tail'],
    ],
  );
  const cs = all[1];
  assert.equal(slice(XML, cs.keySpan!), 'connectionString');
  assert.equal(sourceOf(XML, cs, 'a&b;A'), 'a&amp;b&#59;&#x41;');
  assert.equal(sourceOf(XML, cs, 'Encrypt=false'), 'Encrypt=false');
  assert.equal(cs.pieces[0].escaping, 'xml');
  const url = all[2];
  assert.deepEqual(
    url.pieces.map((p) => p.escaping),
    ['xml', 'none', 'xml'],
  );
  assert.equal(sourceOf(XML, url, 'x&amp;<y>'), 'x&amp;<y>');
  assert.equal(slice(XML, url.span), 'jdbc:sqlserver://h;a=1&amp;2 <![CDATA[x&amp;<y>]]> tail');
});

test('xml: fixes escape & < and quotes', () => {
  roundTrip(XML, 'xml', 'Password', 'Encrypt=false', 'Encrypt=true;P=a&b"c', 'Encrypt=true;P=a&amp;b&quot;c"');
  roundTrip(XML, 'xml', 'Sales', 'Sales', "O'Hara", "name='O&apos;Hara'");
  roundTrip(XML, 'xml', 'a=1', 'a=1&2', 'a<b', 'h;a&lt;b <![CDATA[');
});

// ---- .env, INI, TOML --------------------------------------------------------------------------------------------

test('.env: unquoted, quoted, export, comments', () => {
  const text = [
    '# comment',
    'DB_URL=jdbc:sqlserver://h;encrypt=true # trailing comment',
    'export PW="a\\"b\\n#not-a-comment"',
    "SINGLE='lit\\n $x'",
    'MULTI="line1',
    'line2"',
    'SPACED = value with spaces   ',
  ].join('\n');
  const all = extractStrings(text, 'dotenv');
  assert.deepEqual(
    all.map((s) => [s.key, s.value, s.pieces[0].escaping]),
    [
      ['DB_URL', 'jdbc:sqlserver://h;encrypt=true', 'none'],
      ['PW', 'a"b\n#not-a-comment', 'backslash-double'],
      ['SINGLE', 'lit\\n $x', 'none'],
      ['MULTI', 'line1\nline2', 'backslash-double'],
      ['SPACED', 'value with spaces', 'none'],
    ],
  );
  assert.equal(sourceOf(text, all[1], 'a"b\n'), 'a\\"b\\n');
  assert.equal(slice(text, all[1].keySpan!), 'PW');
  roundTrip(text, 'dotenv', 'not-a', 'a"b', 'c"d', 'PW="c\\"d');
});

test('ini and toml: sections/tables make the key', () => {
  const ini = '; c\n[db]\nconn = "Server=x;Encrypt=yes"\nurl: jdbc:sqlserver://h;a=b\n';
  assert.deepEqual(
    extractStrings(ini, 'ini').map((s) => [s.key, s.value]),
    [
      ['db.conn', 'Server=x;Encrypt=yes'],
      ['db.url', 'jdbc:sqlserver://h;a=b'],
    ],
  );
  const toml = [
    'title = "t\\u0041"',
    '[database.main]',
    "url = 'jdbc:sqlserver://h\\i' # comment",
    '"quoted key".x = """',
    'line1 \\',
    '   line2"""',
    'hosts = [ "a", # c',
    "  'b', ]",
    'inline = { url = "u", n = 1 }',
  ].join('\n');
  const all = extractStrings(toml, 'toml');
  assert.deepEqual(
    all.map((s) => [s.key, s.value]),
    [
      ['title', 'tA'],
      ['database.main.url', 'jdbc:sqlserver://h\\i'],
      ['database.main.quoted key.x', 'line1 line2'],
      ['database.main.hosts[0]', 'a'],
      ['database.main.hosts[1]', 'b'],
      ['database.main.inline.url', 'u'],
    ],
  );
  assert.equal(all[1].pieces[0].escaping, 'none');
  assert.equal(sourceOf(toml, all[0], 'A'), '\\u0041');
});

// ---- Markdown and text ------------------------------------------------------------------------------------------

test('markdown and text: one identity string per non-blank line', () => {
  const text = '# Title\r\n\r\n   \nUse `jdbc:sqlserver://h;encrypt=false`\n';
  const all = extractStrings(text, 'markdown');
  assert.deepEqual(
    all.map((s) => s.value),
    ['# Title', 'Use `jdbc:sqlserver://h;encrypt=false`'],
  );
  assert.equal(sourceOf(text, all[1], 'encrypt=false'), 'encrypt=false');
  assert.deepEqual(values(text, 'text'), values(text, 'markdown'));
});

// ---- details ----------------------------------------------------------------------------------------------------

test('an empty literal: text inserted into it goes between its delimiters', () => {
  for (const [host, text, expected] of [
    ['java', 'f("");', 'f("x");'],
    ['csharp', 'f(@"");', 'f(@"x");'],
    ['python', "f(r'')", "f(r'x')"],
    ['yaml', "k: ''", "k: 'x'"],
    ['xml', '<a b=""/>', '<a b="x"/>'],
    ['dotenv', 'K=""', 'K="x"'],
  ] as const) {
    const [s] = extractStrings(text, host);
    assert.equal(s.value, '', host);
    assert.equal(applyEdits(text, replaceDecoded(s, 0, 0, 'x')), expected, host);
  }
});

test('line breaks: \\r\\n in code literals maps to both characters', () => {
  const js = 'a = `x\r\ny`;\r\nb = "z";';
  assert.deepEqual(values(js, 'javascript'), ['x\ny', 'z']);
  assert.equal(sourceOf(js, find(js, 'javascript', 'x'), '\n'), '\r\n');
  assert.deepEqual(values('a := `x\r\ny`', 'go'), ['x\ny'], 'Go drops \\r from raw strings');
  assert.deepEqual(values('k: v\r\nl: "w"\r\n', 'yaml'), ['v', 'w']);
  assert.deepEqual(values('k=v\r\nl=w\\\r\n  x\r\n', 'properties'), ['v', 'wx']);
});

test('js: a division after ++ is no regular expression; strings in holes do not end the template', () => {
  const text = 'n = i++ / 2; s = "a/b"; t = `${f("`")}|${"}"}`;';
  assert.deepEqual(values(text, 'javascript'), ['a/b', '${f("`")}|${"}"}']);
});

test('python: nested quotes in f-string holes; bytes and unicode prefixes', () => {
  const text = 'a = f"{x["k"]}:{y!r}" + F\'{{\'\nb = Rb"\\d" U"\\N{DASH}"';
  assert.deepEqual(values(text, 'python'), ['{x["k"]}:{y!r}{', '\\d\\N{DASH}']);
});

test('yaml: an unclosed quote stops before the next key instead of swallowing the file', () => {
  const text = 'a:\n  b: "open\n  c: closed\nd: e\n';
  assert.deepEqual(
    extractStrings(text, 'yaml').map((s) => [s.key, s.value]),
    [
      ['a.b', 'open'],
      ['a.c', 'closed'],
      ['d', 'e'],
    ],
  );
});

test('code hosts give no keys; config hosts give the innermost key span', () => {
  assert.equal(extractStrings('x = "a"', 'java')[0].key, undefined);
  const text = 'spring:\n  datasource:\n    url: "u"\n';
  const [s] = extractStrings(text, 'yaml');
  assert.equal(s.key, 'spring.datasource.url');
  assert.equal(slice(text, s.keySpan!), 'url');
});

// ---- robustness -------------------------------------------------------------------------------------------------

const ALL_HOSTS: HostLanguage[] = [
  'java', 'kotlin', 'scala', 'groovy', 'csharp', 'javascript', 'typescript', 'go', 'php', 'python',
  'properties', 'yaml', 'json', 'xml', 'dotenv', 'ini', 'toml', 'markdown', 'text',
];

/** Per host, a literal that may span lines (the worst case when left open). */
const OPENERS: Readonly<Record<HostLanguage, string>> = {
  java: '"""\n',
  kotlin: '"""',
  scala: '"""',
  groovy: "'''",
  csharp: '@"',
  javascript: '`',
  typescript: '`',
  go: '`',
  php: "<?php '",
  python: '"""',
  properties: 'k=\\\n',
  yaml: 'k: "',
  json: '"',
  xml: '<a b="',
  dotenv: 'K="',
  ini: 'k="',
  toml: 'k = """',
  markdown: '```',
  text: '"',
};

test('every host returns on a 5 MB single line and on a 1 MB file opening with an unterminated literal', () => {
  const unit = 'f(a, b) + g[c] / d * e - h; {k: [1, 2]} '.repeat(25) + 'x = "jdbc:sqlserver://h;encrypt=false" + \'y\'; <e a="1">t</e> ';
  const line = unit.repeat(Math.ceil(5_000_000 / unit.length)).slice(0, 5_000_000);
  const body = 'value = compute(x, "y") + 42 # note\n'.repeat(30_000);
  for (const host of ALL_HOSTS) {
    assert.ok(Array.isArray(strict(line, host)), host);
    const open = strict(OPENERS[host] + body, host);
    assert.ok(open.every((s) => s.value.length <= MAX_DECODED), host);
  }
});

test('a literal longer than MAX_DECODED is skipped, not truncated', () => {
  const text = `a = "${'x'.repeat(MAX_DECODED + 1)}"; b = "small"`;
  assert.deepEqual(values(text, 'java'), ['small']);
});

test('random quotes, backslashes, braces and line breaks never throw, and every map points inside the text', () => {
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const alphabet = ['"', "'", '`', '\\', '{', '}', '$', '\n', '\r\n', ' ', '#', '/', '*', '+', '.', ':', '=', '-', '<', '>', '&', ';', '[', ']', 'a', 'u', 'x', '0', '@', '|', '!', '?', '\t', '(', ')', '"""', "'''"];
  for (let k = 0; k < 300; k++) {
    const len = 1 + Math.floor(random() * 80);
    let text = '';
    for (let j = 0; j < len; j++) text += alphabet[Math.floor(random() * alphabet.length)];
    for (const host of ALL_HOSTS) {
      const all = strict(text, host);
      for (const s of all) {
        assert.equal(s.starts.length, s.value.length);
        assert.ok(s.span.start >= 0 && s.span.end <= text.length && s.span.start <= s.span.end, `${host}: span out of the text in ${JSON.stringify(text)}`);
        for (let i = 0; i < s.value.length; i++) {
          assert.ok(s.starts[i] >= 0 && s.starts[i] < s.ends[i] && s.ends[i] <= text.length, `${host}: bad map in ${JSON.stringify(text)}`);
          if (i > 0) assert.ok(s.starts[i] >= s.starts[i - 1], `${host}: map out of order in ${JSON.stringify(text)}`);
        }
        for (const p of s.pieces) assert.ok(p.start <= p.end && p.end <= s.value.length);
      }
      for (let i = 1; i < all.length; i++) assert.ok(all[i].span.start >= all[i - 1].span.end, `${host}: strings overlap or are out of order in ${JSON.stringify(text)}`);
    }
  }
});
