/**
 * Re-parsing only what an edit touched. The tokens are cut into parse units at batch separators (`GO`); each unit is
 * parsed on its own (`parseTokens` over a view of its tokens, with the database of the last `USE` before it), and an
 * edit re-parses the units it touched and reuses the others — shifted when they follow the edit.
 *
 * Why a unit parses alone exactly as inside the whole script: the statement parsers stop at `GO` (a statement end)
 * except while they look for a closing parenthesis (`statementEnd` inside parentheses, GRANT's column list), and
 * ordinary SQL is skipped token by token. So a unit ends only at a `GO` where every `(` since the unit's first
 * statement head (a word that leads into a statement parser, HEADS below) has been closed: parenthesis depth counted
 * from there, never below 0, is 0 at the `GO` (and so from any later head). A `;` at depth 0 ends every statement, so
 * counting stops there until the next head. A stray `(` in plain DML does not hold the unit open.
 * test/unit/incremental-parse.test.ts checks unit-wise against whole-script parsing on random scripts and on
 * statements known to run past GO, and edited documents against fresh ones.
 */
import type { Statement, SyntaxProblem } from './ast';
import type { TokenChange } from './incremental';
import { Tok, type Tokens } from './lexer';
import { parseTokens } from './parser';

/**
 * One unit. Units belong to one document version at a time and are handed on to the next (like its token arrays), so
 * an edit moves the units after it in place instead of copying hundreds of them.
 */
export interface ParseUnit {
  /** first token */
  from: number;
  /** the token after the unit (after its GO), or the token count */
  to: number;
  /** the database in effect before the unit, and after it */
  readonly databaseIn?: string;
  readonly databaseOut?: string;
  statements: readonly Statement[];
  problems: readonly SyntaxProblem[];
  /** whether the unit has a `@provstr` variable (sp_addlinkedserver's provider string; see tsql-strings.ts) */
  readonly providerString: boolean;
}

export interface UnitParse {
  readonly units: readonly ParseUnit[];
  readonly statements: Statement[];
  readonly problems: SyntaxProblem[];
  /** false when no unit has a `@provstr` variable: then the script holds no provider strings */
  readonly providerStrings: boolean;
}

/** Parses every unit of `tokens` (the first edit of a document, which was parsed whole). */
export function parseUnits(tokens: Tokens): UnitParse {
  const units: ParseUnit[] = [];
  let database: string | undefined;
  for (let from = 0; from < tokens.count; ) {
    const unit = parseUnit(tokens, from, unitEnd(tokens, from), database);
    units.push(unit);
    database = unit.databaseOut;
    from = unit.to;
  }
  return collect(units);
}

/**
 * The units of `change.tokens`, given the units of the tokens before the change (which it takes over: the caller
 * never reads `old` again): units before the change are kept, units after it are shifted in place; from the unit
 * that holds the change's first token, units are parsed again until one ends where an old unit began in the unchanged
 * tail with the same database in effect.
 */
export function reparseUnits(old: readonly ParseUnit[], change: TokenChange): UnitParse {
  const { tokens, first, oldNext, newNext, delta } = change;
  const tokenDelta = newNext - oldNext;
  if (first === oldNext && first === newNext && delta === 0) return collect(old);
  const units: ParseUnit[] = [];
  let k = 0;
  while (k < old.length && old[k].to <= first) units.push(old[k++]);
  let from = k < old.length ? old[k].from : units.length > 0 ? units[units.length - 1].to : 0;
  let database = units.length > 0 ? units[units.length - 1].databaseOut : undefined;
  while (from < tokens.count) {
    if (from >= newNext) {
      // in the unchanged tail: reuse the old unit that starts here, if there is one and the database before it agrees
      const j = unitStartingAt(old, from - tokenDelta);
      if (j >= 0 && old[j].databaseIn === database) {
        for (let m = j; m < old.length; m++) units.push(shiftUnit(old[m], tokenDelta, delta));
        return collect(units);
      }
    }
    const unit = parseUnit(tokens, from, unitEnd(tokens, from), database);
    units.push(unit);
    database = unit.databaseOut;
    from = unit.to;
  }
  return collect(units);
}

/**
 * The words with which parser.ts's dispatcher hands tokens to a statement parser, each with the words that must follow
 * (empty: any). Keep in step with parseTokens; listing more words than needed is safe (units only get longer).
 */
const HEADS = new Map<string, readonly string[]>([
  ['CREATE', ['ENDPOINT', 'CERTIFICATE', 'MASTER', 'LOGIN', 'USER', 'REMOTE', 'ROUTE', 'SERVICE', 'QUEUE']],
  ['ALTER', ['ENDPOINT', 'CERTIFICATE', 'MASTER', 'LOGIN', 'USER', 'REMOTE', 'ROUTE', 'SERVICE', 'QUEUE', 'AUTHORIZATION']],
  ['DROP', ['ENDPOINT', 'CERTIFICATE', 'MASTER', 'LOGIN', 'USER', 'REMOTE', 'ROUTE', 'SERVICE', 'QUEUE']],
  ['GRANT', []],
  ['DENY', []],
  ['REVOKE', []],
  ['BACKUP', ['CERTIFICATE', 'MASTER']],
  ['RESTORE', ['MASTER']],
  ['OPEN', ['MASTER']],
  ['CLOSE', ['MASTER']],
  ['BEGIN', ['DIALOG']],
]);

function wordAt(tokens: Tokens, i: number): string | undefined {
  if (i >= tokens.count || tokens.kinds[i] !== Tok.Word) return undefined;
  const length = tokens.ends[i] - tokens.starts[i];
  return length >= 4 && length <= 13 ? tokens.text.slice(tokens.starts[i], tokens.ends[i]).toUpperCase() : undefined;
}

function isHead(tokens: Tokens, i: number): boolean {
  const length = tokens.ends[i] - tokens.starts[i];
  if (length < 4 || length > 7) return false;
  const next = HEADS.get(tokens.text.slice(tokens.starts[i], tokens.ends[i]).toUpperCase());
  if (!next) return false;
  if (next.length === 0) return true;
  const following = wordAt(tokens, i + 1);
  return following !== undefined && next.includes(following);
}

/** The token after the unit that starts at `from`: after the first GO outside parentheses opened since a head. */
export function unitEnd(tokens: Tokens, from: number): number {
  const { kinds, starts, count, text } = tokens;
  let depth = 0;
  let counting = false;
  for (let i = from; i < count; i++) {
    const kind = kinds[i];
    if (kind === Tok.Word) {
      if (!counting) counting = isHead(tokens, i);
    } else if (kind === Tok.Punct && counting) {
      const c = text.charCodeAt(starts[i]);
      if (c === 40 /* ( */) depth++;
      else if (c === 41 /* ) */ && depth > 0) depth--;
      // a `;` outside parentheses ends every statement parser's reach: parentheses after it count from the next head
      else if (c === 59 /* ; */ && depth === 0) counting = false;
    } else if (kind === Tok.Go && depth === 0) {
      return i + 1;
    }
  }
  return count;
}

function parseUnit(tokens: Tokens, from: number, to: number, database: string | undefined): ParseUnit {
  // a view of the unit's tokens: the parser cannot see past the unit, so its result depends on the unit alone
  const view: Tokens = {
    text: tokens.text,
    count: to - from,
    kinds: tokens.kinds.subarray(from, to),
    starts: tokens.starts.subarray(from, to),
    ends: tokens.ends.subarray(from, to),
    flags: tokens.flags.subarray(from, to),
    comments: [],
  };
  const parsed = parseTokens(view, database);
  return { from, to, databaseIn: database, databaseOut: parsed.database, statements: parsed.statements, problems: parsed.problems, providerString: hasProviderString(view) };
}

/** The test providerStrings() applies to variable names, so that "none here" is exact. */
export function hasProviderString(t: Tokens): boolean {
  for (let i = 0; i < t.count; i++) {
    if (t.kinds[i] === Tok.Variable && t.ends[i] - t.starts[i] === 8 && t.text.slice(t.starts[i], t.ends[i]).toLowerCase() === '@provstr') return true;
  }
  return false;
}

function unitStartingAt(units: readonly ParseUnit[], from: number): number {
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid].from < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < units.length && units[lo].from === from ? lo : -1;
}

function shiftUnit(unit: ParseUnit, tokenDelta: number, delta: number): ParseUnit {
  unit.from += tokenDelta;
  unit.to += tokenDelta;
  // the nodes themselves are copied: the previous version's statements (and findings made from them) stay as they were
  if (delta !== 0 && unit.statements.length > 0) unit.statements = unit.statements.map((s) => shifted(s, delta));
  if (delta !== 0 && unit.problems.length > 0) unit.problems = unit.problems.map((p) => shifted(p, delta));
  return unit;
}

/**
 * A copy of a parse result with every text offset moved by `delta`: the `start`/`end` of spans and the bare offset
 * `insertOptionAt` (the AST's only offsets; ast.ts). Key order is kept, so a shifted node equals a freshly parsed one.
 */
export function shifted<T>(node: T, delta: number): T {
  return shiftValue(node, delta) as T;
}

function shiftValue(value: unknown, delta: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = shiftValue(value[i], delta);
    return out;
  }
  const node = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in node) {
    const v = node[key];
    if (typeof v === 'object') out[key] = shiftValue(v, delta);
    else out[key] = typeof v === 'number' && (key === 'start' || key === 'end' || key === 'insertOptionAt') ? v + delta : v;
  }
  return out;
}

function collect(units: readonly ParseUnit[]): UnitParse {
  const statements: Statement[] = [];
  const problems: SyntaxProblem[] = [];
  let providerStrings = false;
  for (const u of units) {
    for (const s of u.statements) statements.push(s);
    for (const p of u.problems) problems.push(p);
    providerStrings ||= u.providerString;
  }
  return { units, statements, problems, providerStrings };
}
