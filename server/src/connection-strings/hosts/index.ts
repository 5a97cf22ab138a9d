/**
 * The host scanners: find every string value in a file of some host language and decode it the way that language
 * does, with a map from each decoded character back to its source range (see ../decoded.ts). All scanners are one
 * linear pass without backtracking regular expressions over the file, never throw, and skip values longer than
 * MAX_DECODED characters.
 */
import type { KeyedString } from './common';
import { CSHARP, GO, GROOVY, JAVA, JAVASCRIPT, KOTLIN, PHP, SCALA } from './c-languages';
import { scanCLike } from './c-like';
import { scanDotenv, scanIni } from './env';
import { scanJson } from './json';
import { scanProperties } from './properties';
import { scanPython } from './python';
import { scanLines } from './text';
import { scanToml } from './toml';
import { scanXml } from './xml';
import { scanYaml } from './yaml';

export type { KeyedString } from './common';
export { MAX_DECODED } from './common';

export type HostLanguage =
  | 'java'
  | 'kotlin'
  | 'scala'
  | 'groovy'
  | 'csharp'
  | 'javascript'
  | 'typescript'
  | 'go'
  | 'php'
  | 'python'
  | 'properties'
  | 'yaml'
  | 'json'
  | 'xml'
  | 'dotenv'
  | 'ini'
  | 'toml'
  | 'markdown'
  | 'text';

const BY_LANGUAGE_ID: Readonly<Record<string, HostLanguage>> = {
  java: 'java',
  kotlin: 'kotlin',
  scala: 'scala',
  groovy: 'groovy',
  csharp: 'csharp',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'typescript',
  go: 'go',
  php: 'php',
  python: 'python',
  properties: 'properties',
  yaml: 'yaml',
  json: 'json',
  jsonc: 'json',
  xml: 'xml',
  dotenv: 'dotenv',
  ini: 'ini',
  toml: 'toml',
  markdown: 'markdown',
  plaintext: 'text',
};

const BY_EXTENSION: Readonly<Record<string, HostLanguage>> = {
  java: 'java',
  kt: 'kotlin',
  kts: 'kotlin',
  scala: 'scala',
  sc: 'scala',
  groovy: 'groovy',
  gradle: 'groovy',
  cs: 'csharp',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'typescript',
  go: 'go',
  php: 'php',
  py: 'python',
  properties: 'properties',
  yml: 'yaml',
  yaml: 'yaml',
  json: 'json',
  jsonc: 'json',
  xml: 'xml',
  config: 'xml',
  env: 'dotenv',
  ini: 'ini',
  cfg: 'ini',
  conf: 'ini',
  toml: 'toml',
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
};

/** The file name of a path or URI (query and fragment dropped, percent-escapes decoded). */
function baseName(uri: string): string {
  let path = uri;
  if (/^[a-z][a-z0-9+.-]+:/i.test(uri)) {
    path = path.replace(/[?#].*$/s, '');
    try {
      path = decodeURIComponent(path);
    } catch {
      // a malformed escape: keep the name as written
    }
  }
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(slash + 1);
}

/**
 * The host language of a document: by VS Code language id first, else by file name. `plaintext` (what VS Code calls
 * a file it does not know, e.g. `.env` without a dotenv extension) and `properties` (which VS Code also gives .ini,
 * .cfg and .conf files) defer to the file name. Undefined for `.sql` (analysed as T-SQL elsewhere) and unknown types.
 */
export function hostLanguageOf(uri: string, languageId?: string): HostLanguage | undefined {
  if (languageId === 'sql') return undefined;
  const byId = languageId ? BY_LANGUAGE_ID[languageId] : undefined;
  const name = baseName(uri).toLowerCase();
  const dot = name.lastIndexOf('.');
  const ext = dot >= 0 ? name.slice(dot + 1) : '';
  let byName: HostLanguage | undefined = BY_EXTENSION[ext];
  if (name === '.env' || name.startsWith('.env.')) byName = 'dotenv';
  if (ext === 'sql') byName = undefined;
  if (byId === 'text') return byName ?? 'text';
  if (byId === 'properties' && byName === 'ini') return 'ini';
  return byId ?? byName;
}

/** Every string value in the text, decoded, in source order. Never throws; linear time; bounded memory per value. */
export function extractStrings(text: string, host: HostLanguage): KeyedString[] {
  const out: KeyedString[] = [];
  try {
    scanHost(text, host, out);
  } catch {
    // a scanner bug must not take the analysis down: keep what was found before it
  }
  return out;
}

/** extractStrings without the safety net, for tests that want to see a scanner throw. */
export function scanHost(text: string, host: HostLanguage, out: KeyedString[]): void {
  switch (host) {
    case 'java':
      scanCLike(text, JAVA, out);
      break;
    case 'kotlin':
      scanCLike(text, KOTLIN, out);
      break;
    case 'scala':
      scanCLike(text, SCALA, out);
      break;
    case 'groovy':
      scanCLike(text, GROOVY, out);
      break;
    case 'csharp':
      scanCLike(text, CSHARP, out);
      break;
    case 'javascript':
    case 'typescript':
      scanCLike(text, JAVASCRIPT, out);
      break;
    case 'go':
      scanCLike(text, GO, out);
      break;
    case 'php':
      scanCLike(text, PHP, out);
      break;
    case 'python':
      scanPython(text, out);
      break;
    case 'properties':
      scanProperties(text, out);
      break;
    case 'yaml':
      scanYaml(text, out);
      break;
    case 'json':
      scanJson(text, out);
      break;
    case 'xml':
      scanXml(text, out);
      break;
    case 'dotenv':
      scanDotenv(text, out);
      break;
    case 'ini':
      scanIni(text, out);
      break;
    case 'toml':
      scanToml(text, out);
      break;
    case 'markdown':
    case 'text':
      scanLines(text, out);
      break;
  }
}
