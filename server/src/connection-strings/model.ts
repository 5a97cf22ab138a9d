/**
 * The driver-independent model the connection rules work on: a connection string (or a group of driver API calls)
 * with its properties in the order written. Ranges are decoded-string indices into each property's carrier, so
 * findings and fixes map back to the exact source whatever escaping the host language needed.
 */
import type { Span, TextEdit } from '../core/types';
import { replaceDecoded, sourceSpan, type DecodedString } from './decoded';

export type Driver = 'jdbc' | 'sqlclient' | 'odbc' | 'oledb' | 'tedious' | 'mssql' | 'go-mssqldb' | 'php';

/** [start, end) in a carrier's decoded value */
export interface Range {
  readonly start: number;
  readonly end: number;
}

export interface ConnectionProperty {
  /** the keyword as written */
  readonly name: string;
  /** the canonical keyword after synonyms, lower case (e.g. `trustservercertificate`); undefined when unknown */
  readonly key?: string;
  /** the value the driver sees (braces/quotes removed) */
  readonly value: string;
  readonly carrier: DecodedString;
  /** where the name is when it is not in the value's carrier (an API call's first argument, a configuration key) */
  readonly nameSpan?: Span;
  readonly nameRange: Range;
  /** the value as written, braces or quotes included */
  readonly valueRange: Range;
  /** what removing the property deletes (its separator and the pair); undefined when it cannot be removed in place
   * (an API call or configuration key: fixes change the value instead) */
  readonly removeRange?: Range;
  /** a literal `true`/`false` argument (API calls) rather than a string */
  readonly literal?: boolean;
}

export interface ConnectionString {
  readonly driver: Driver;
  /** how it was written: a URL/connection string, driver API calls in code, or framework configuration keys */
  readonly origin: 'string' | 'api' | 'config';
  /** the carrier that holds the string form (for URL-level findings and insertions) */
  readonly carrier: DecodedString;
  readonly range: Range;
  readonly properties: readonly ConnectionProperty[];
  /** where a new property can be appended, in the carrier, and what goes before it (default `;`) */
  readonly appendAt?: number;
  readonly appendSeparator?: string;
  /** the driver version the string itself reveals (`Driver={ODBC Driver 18 …}`, `Provider=MSOLEDBSQL19`) */
  readonly driverVersion?: string;
  /** the server named by the string, when it names one */
  readonly server?: { readonly name: string; readonly range: Range };
}

export function propertySpan(p: ConnectionProperty, part: 'name' | 'value' | 'pair' = 'pair'): Span {
  const name = p.nameSpan ?? sourceSpan(p.carrier, p.nameRange.start, p.nameRange.end);
  const value = sourceSpan(p.carrier, p.valueRange.start, p.valueRange.end);
  if (part === 'name') return name;
  if (part === 'value') return value;
  return { start: Math.min(name.start, value.start), end: Math.max(name.end, value.end) };
}

export function connectionSpan(c: ConnectionString): Span {
  return sourceSpan(c.carrier, c.range.start, c.range.end);
}

export function replaceValue(p: ConnectionProperty, newValue: string): TextEdit[] {
  return replaceDecoded(p.carrier, p.valueRange.start, p.valueRange.end, newValue);
}

export function removeProperty(p: ConnectionProperty): TextEdit[] | undefined {
  return p.removeRange ? replaceDecoded(p.carrier, p.removeRange.start, p.removeRange.end, '') : undefined;
}

/**
 * Edits that remove several properties of one string at once. Neighbours' remove ranges share the separator between
 * them (the first property takes the `;`/`&` after it, the next one the separator before it), so removing both with
 * removeProperty gives overlapping edits, which no editor applies: overlapping and touching ranges are merged into one
 * deletion. Properties without a remove range are left out.
 */
export function removeProperties(ps: readonly ConnectionProperty[]): TextEdit[] {
  const ranges = ps
    .filter((p) => p.removeRange)
    .map((p) => ({ carrier: p.carrier, start: p.removeRange!.start, end: p.removeRange!.end }))
    .sort((a, b) => a.start - b.start);
  const merged: typeof ranges = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && last.carrier === r.carrier && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged.flatMap((r) => replaceDecoded(r.carrier, r.start, r.end, ''));
}

/** The effective property for a key under a driver's precedence: JDBC, SqlClient: last wins; ODBC, OLE DB: first. */
export function effective(c: ConnectionString, key: string): ConnectionProperty | undefined {
  const all = c.properties.filter((p) => p.key === key);
  if (all.length === 0) return undefined;
  return c.driver === 'odbc' || c.driver === 'oledb' ? all[0] : all[all.length - 1];
}
