/**
 * In-source suppressions, in whatever comment syntax the host file has:
 *   sqlguard-disable-next-line <rule>[, <rule>] -- <reason>
 *   sqlguard-disable-line <rule>[, …]
 *   sqlguard-disable-file <rule>[, …]
 * No rule list means every rule. Directives are found by a plain text search (linear), so they work in `--`, `//`, `#`
 * and `<!-- -->` comments alike.
 */
import type { LineIndex } from '../core/positions';
import type { Finding, Span } from '../core/types';

export interface Suppression {
  readonly kind: 'next-line' | 'line' | 'file';
  /** upper-case-insensitive rule ids; empty means all */
  readonly rules: readonly string[];
  /** the directive text, for the unused-suppression hint */
  readonly span: Span;
  /** the 0-based line it applies to (next-line / line) */
  readonly line: number;
}

const DIRECTIVE = 'sqlguard-disable-';

export function findSuppressions(text: string, lines: LineIndex): Suppression[] {
  return suppressionsIn(text, lines, 0, text.length);
}

/** A directive reads at most this far from its start (the match window below, and one character for `\b`). */
const WINDOW = 401;

/**
 * The suppressions of `text` after an edit, from those of the previous text (`old`, found in `oldText`): directives
 * whose window ends before the edit are kept, those in the unchanged tail are moved (and their line looked up again),
 * and only the text around the edit is searched — what findSuppressions(text) gives, without a pass over the text.
 */
export function updatedSuppressions(old: readonly Suppression[], oldText: string, text: string, lines: LineIndex, edit: { prefix: number; suffix: number }): Suppression[] {
  const from = Math.max(0, edit.prefix - WINDOW);
  const tailOld = oldText.length - edit.suffix;
  const tail = text.length - edit.suffix;
  const delta = text.length - oldText.length;
  const out: Suppression[] = [];
  for (const s of old) if (s.span.start < from) out.push(s);
  for (const s of suppressionsIn(text, lines, from, tail)) out.push(s); // a paste can hold more than a call has arguments
  for (const s of old) {
    if (s.span.start < tailOld) continue;
    const at = s.span.start + delta;
    const line = lines.positionAt(at).line;
    out.push({ ...s, span: { start: at, end: s.span.end + delta }, line: s.kind === 'next-line' ? line + 1 : line });
  }
  return out;
}

/** The directives that start in [from, to) (occurrences never overlap, so searching part of the text is exact). */
function suppressionsIn(text: string, lines: LineIndex, from: number, to: number): Suppression[] {
  const out: Suppression[] = [];
  // search only up to `to` (plus a directive's length): indexOf on the whole text would run on to the next one
  const part = from === 0 && to === text.length ? text : text.slice(from, Math.min(text.length, to + DIRECTIVE.length));
  for (let i = part.indexOf(DIRECTIVE); i >= 0 && from + i < to; i = part.indexOf(DIRECTIVE, i + DIRECTIVE.length)) {
    const s = directiveAt(text, from + i, lines);
    if (s) out.push(s);
  }
  return out;
}

function directiveAt(text: string, at: number, lines: LineIndex): Suppression | undefined {
  const m = /^sqlguard-disable-(next-line|line|file)\b([^\r\n]*)/.exec(text.slice(at, at + 400));
  if (!m) return undefined;
  // rules end at ` -- reason`, `: reason` (XML comments cannot hold `--`), a comment closer, or the end of the line
  const list = m[2].split(/\s--(?:\s|$)|:|-->|\*\//)[0];
  const rules = list
    .split(/[\s,]+/)
    .map((r) => r.trim().toLowerCase())
    .filter((r) => /^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(r));
  const kind = m[1] as Suppression['kind'];
  const line = lines.positionAt(at).line;
  return { kind, rules, span: { start: at, end: at + m[0].length - (m[2].length - m[2].trimEnd().length) }, line: kind === 'next-line' ? line + 1 : line };
}

export function suppresses(s: Suppression, f: Finding, lines: LineIndex): boolean {
  if (s.rules.length > 0 && !s.rules.includes(f.rule)) return false;
  if (s.kind === 'file') return true;
  return lines.positionAt(f.span.start).line === s.line;
}

/** The comment that holds a directive in a host, or undefined where comments are not allowed (JSON). */
export function commentFor(uri: string, languageId: string | undefined, body: string): string | undefined {
  const ext = uri.slice(uri.lastIndexOf('.') + 1).toLowerCase();
  const lang = languageId ?? '';
  if (lang === 'json' || (ext === 'json' && lang !== 'jsonc')) return undefined;
  if (lang === 'sql' || ['sql', 'tsql'].includes(ext)) return `-- ${body}`;
  if (lang === 'markdown' || lang === 'xml' || ['md', 'markdown', 'xml', 'config', 'csproj'].includes(ext)) return `<!-- ${body.replace(' -- ', ': ')} -->`;
  if (['python', 'yaml', 'properties', 'dotenv', 'ini', 'toml', 'shellscript', 'plaintext'].includes(lang) || ['py', 'yml', 'yaml', 'properties', 'env', 'ini', 'toml', 'cfg', 'conf', 'sh'].includes(ext) || uri.endsWith('/.env')) {
    return `# ${body}`;
  }
  return `// ${body}`;
}
