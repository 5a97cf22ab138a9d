/**
 * Annotated fixtures: a comment line whose carets sit under the flagged range of the line above it names the severity
 * and rule expected there, e.g.
 *
 *     ENCRYPTION = REQUIRED ALGORITHM RC4,
 *     --                    ^^^^^^^^^^^^^ warning endpoint-rc4-algorithm
 *
 * Any comment prefix works (`--`, `//`, `#`, `<!--`), so the same format serves every host language. Annotation lines
 * are comments, so they do not change what is analysed. A fixture must annotate every finding it produces.
 */
import { LineIndex } from '../../server/src/core/positions';
import type { Finding } from '../../server/src/core/types';

export interface Expectation {
  /** 0-based line of the flagged text */
  readonly line: number;
  readonly startColumn: number;
  readonly endColumn: number;
  readonly severity: string;
  readonly rule: string;
}

const ANNOTATION = /^(\s*(?:--|\/\/|#|<!--|;|\*)\s*?)(\s*)(\^+)\s+(error|warning|info|hint)\s+([a-z0-9-]+)\s*(?:-->)?\s*$/;

export function isAnnotationLine(line: string): boolean {
  return ANNOTATION.test(line);
}

export function parseExpectations(text: string): Expectation[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: Expectation[] = [];
  let target = -1;
  for (let i = 0; i < lines.length; i++) {
    const m = ANNOTATION.exec(lines[i]);
    if (!m) {
      target = i;
      continue;
    }
    if (target < 0) throw new Error(`annotation on line ${i + 1} has no line above it`);
    const startColumn = m[1].length + m[2].length;
    out.push({ line: target, startColumn, endColumn: startColumn + m[3].length, severity: m[4], rule: m[5] });
  }
  return out;
}

export function describeFinding(index: LineIndex, f: Finding): Expectation {
  const start = index.positionAt(f.span.start);
  const end = index.positionAt(f.span.end);
  return {
    line: start.line,
    startColumn: start.character,
    endColumn: end.line === start.line ? end.character : index.lineText(start.line).length,
    severity: f.severity,
    rule: f.rule,
  };
}

export function formatExpectation(e: Expectation): string {
  return `${e.line + 1}:${e.startColumn + 1}-${e.endColumn + 1} ${e.severity} ${e.rule}`;
}

/** Compares findings with a fixture's annotations; returns readable differences (empty when they agree). */
export function compare(text: string, findings: readonly Finding[]): { missing: string[]; unexpected: string[] } {
  const index = new LineIndex(text);
  const expected = parseExpectations(text).map(formatExpectation);
  const actual = findings.map((f) => formatExpectation(describeFinding(index, f)));
  const remaining = [...actual];
  const missing: string[] = [];
  for (const e of expected) {
    const at = remaining.indexOf(e);
    if (at >= 0) remaining.splice(at, 1);
    else missing.push(e);
  }
  const unexpected = remaining.map((u) => {
    const f = findings[actual.indexOf(u)];
    return `${u} — ${f?.message ?? ''}`;
  });
  return { missing, unexpected };
}
