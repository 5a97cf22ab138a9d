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
  const out: Suppression[] = [];
  for (let at = text.indexOf(DIRECTIVE); at >= 0; at = text.indexOf(DIRECTIVE, at + DIRECTIVE.length)) {
    const m = /^sqlguard-disable-(next-line|line|file)\b([^\r\n]*)/.exec(text.slice(at, at + 400));
    if (!m) continue;
    // rules end at ` -- reason`, `: reason` (XML comments cannot hold `--`), a comment closer, or the end of the line
    const list = m[2].split(/\s--(?:\s|$)|:|-->|\*\//)[0];
    const rules = list
      .split(/[\s,]+/)
      .map((r) => r.trim().toLowerCase())
      .filter((r) => /^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(r));
    const kind = m[1] as Suppression['kind'];
    const line = lines.positionAt(at).line;
    out.push({ kind, rules, span: { start: at, end: at + m[0].length - (m[2].length - m[2].trimEnd().length) }, line: kind === 'next-line' ? line + 1 : line });
  }
  return out;
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
