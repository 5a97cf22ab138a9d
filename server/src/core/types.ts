/**
 * Plain data shared by the whole analysis core. Positions are UTF-16 offsets into the document text;
 * conversion to lines and characters happens only in `positions.ts`.
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The fix a user most likely wants (VS Code's `isPreferred`, applied by "auto fix"). */
  readonly isPreferred?: boolean;
}

export interface RelatedInfo {
  readonly uri: string;
  readonly span: Span;
  readonly message: string;
}

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly span: Span;
  readonly message: string;
  readonly fixes?: readonly Fix[];
  readonly related?: readonly RelatedInfo[];
  /** silenced by a `sqlguard-disable-…` comment: kept for SARIF, left out of diagnostics and exit status */
  readonly suppressed?: boolean;
}

export const SQL_SERVER_VERSIONS = ['2012', '2014', '2016', '2017', '2019', '2022', '2025'] as const;
export type SqlServerVersion = (typeof SQL_SERVER_VERSIONS)[number];

export function isSqlServerVersion(value: unknown): value is SqlServerVersion {
  return typeof value === 'string' && (SQL_SERVER_VERSIONS as readonly string[]).includes(value);
}

/** SQL Server 2016 changed the default endpoint algorithm from RC4 to AES (domain reference §1.2). */
export function defaultsToRc4(version: SqlServerVersion): boolean {
  return version === '2012' || version === '2014';
}
