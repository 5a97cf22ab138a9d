/**
 * Connection strings inside T-SQL: the provider string of `sp_addlinkedserver … @provstr = N'…'` (OLE DB keywords;
 * the seed's SPNs for linked servers live there). Decodes the T-SQL literal (`''` for `'`).
 */
import type { ParsedSql } from '../tsql/parser';
import { Tok } from '../tsql/lexer';
import { DecodedBuilder, type DecodedString } from './decoded';

/** T-SQL string tokens that follow `@provstr =` (named argument of sp_addlinkedserver). */
export function providerStrings(sql: ParsedSql): { value: DecodedString; provider?: string }[] {
  const t = sql.tokens;
  const { text, kinds, starts, ends } = t;
  const out: { value: DecodedString; provider?: string }[] = [];
  let provider: string | undefined;
  // the arrays in locals: the loop runs over every token of the document and should touch nothing else
  for (let i = 0, last = t.count - 2; i < last; i++) {
    if (kinds[i] !== Tok.Variable || !mayBeProviderArgument(text, starts[i], ends[i])) continue;
    const name = text.slice(starts[i], ends[i]).toLowerCase();
    if ((name === '@provstr' || name === '@provider') && text[starts[i + 1]] === '=' && kinds[i + 2] === Tok.String) {
      const decoded = decodeTsqlString(text, starts[i + 2], ends[i + 2]);
      if (name === '@provider') provider = decoded.value;
      else out.push({ value: decoded, provider });
    }
  }
  return out;
}

/**
 * Whether a variable token can be `@provstr` or `@provider`, without slicing it: a script has a variable token every
 * few lines and almost none of them is one. Lower-casing keeps the length of anything that lower-cases to ASCII, so the
 * length and the `p` decide.
 */
function mayBeProviderArgument(text: string, start: number, end: number): boolean {
  const length = end - start;
  return (length === 8 || length === 9) && (text.charCodeAt(start + 1) | 32) === 112 /* p */;
}

export function decodeTsqlString(text: string, start: number, end: number): DecodedString {
  const open = text[start] === "'" ? start : start + 1; // N'…'
  const b = new DecodedBuilder(start);
  let i = open + 1;
  const close = text[end - 1] === "'" && end - 1 > open ? end - 1 : end;
  while (i < close) {
    if (text[i] === "'" && text[i + 1] === "'") {
      b.push("'", i, i + 2);
      i += 2;
    } else {
      b.push(text[i], i, i + 1);
      i++;
    }
  }
  b.endPiece('doubled-single');
  return b.build(end);
}
