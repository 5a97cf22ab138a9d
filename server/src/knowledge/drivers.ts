/**
 * What the connection rules need to know about each driver: its keywords, how it reads booleans and encrypt values,
 * which duplicate wins, what it does with unknown keywords, and its defaults by version. One entry per driver.
 */
import type { Driver } from '../connection-strings/model';
import { compareVersions } from './driver-versions';
import { JDBC_PROPERTIES, jdbcProperty, propertyKey, type PropertyInfo } from './jdbc-properties';
import { GO_PROPERTIES, ODBC_PROPERTIES, OLEDB_PROPERTIES, PHP_SQLSRV_PROPERTIES, SQLCLIENT_PROPERTIES, TEDIOUS_PROPERTIES } from './keyword-properties';

/**
 * none: no TLS at all (tedious `encrypt: false`, go-mssqldb `encrypt=disable`: even the login travels in clear);
 * off: TLS for the login packet only, certificate not validated (Microsoft drivers' encrypt=false);
 * on: the whole session, certificate validated unless trusted blindly; strict: TDS 8.
 */
export type EncryptMode = 'none' | 'off' | 'on' | 'strict';

export interface DriverInfo {
  readonly id: Driver;
  readonly label: string;
  readonly property: (name: string) => PropertyInfo | undefined;
  readonly properties: readonly PropertyInfo[];
  /** what the driver does with a keyword it does not know */
  readonly unknownKeywords: 'ignored' | 'error';
  readonly duplicates: 'last' | 'first';
  /** encrypt when the keyword is absent, for a driver version */
  readonly defaultEncrypt: (version: string) => EncryptMode;
  /** the version from which encrypt is on by default (for messages) */
  readonly encryptDefaultSince: string;
  readonly encryptMode: (value: string) => EncryptMode | undefined;
  readonly isTrue: (value: string) => boolean;
  readonly keyword: (canonical: string) => string;
  /** the canonical key for a keyword as written, or undefined when the driver does not know it */
  readonly key: (name: string) => string | undefined;
  /** trustServerCertificate when the keyword is absent */
  readonly defaultTrust: (encryptWritten: boolean) => boolean;
}

function table(properties: readonly PropertyInfo[]): (name: string) => PropertyInfo | undefined {
  const byName = new Map<string, PropertyInfo>();
  const norm = (n: string): string => n.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const p of properties) {
    byName.set(norm(p.name), p);
    for (const syn of p.synonyms ?? []) byName.set(norm(syn), p);
  }
  return (name) => byName.get(norm(name));
}

const MS_MODES = (value: string): EncryptMode | undefined => {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === 'yes' || v === 'mandatory') return 'on';
  if (v === 'false' || v === 'no' || v === 'optional') return 'off';
  if (v === 'strict') return 'strict';
  return undefined;
};
const YES = (value: string): boolean => /^(true|yes|1)$/i.test(value.trim());

function keywordDriver(spec: Omit<DriverInfo, 'property' | 'key' | 'keyword' | 'defaultTrust'> & { defaultTrust?: DriverInfo['defaultTrust'] }): DriverInfo {
  const property = table(spec.properties);
  return {
    ...spec,
    property,
    key: (name) => {
      const p = property(name);
      return p ? propertyKey(p) : undefined;
    },
    keyword: (canonical) => spec.properties.find((p) => propertyKey(p) === canonical)?.name ?? canonical,
    defaultTrust: spec.defaultTrust ?? (() => false),
  };
}

const JDBC: DriverInfo = {
  id: 'jdbc',
  label: 'Microsoft JDBC Driver',
  property: jdbcProperty,
  key: (name) => {
    const p = jdbcProperty(name);
    return p ? propertyKey(p) : undefined;
  },
  defaultTrust: () => false,
  properties: JDBC_PROPERTIES,
  unknownKeywords: 'ignored',
  duplicates: 'last',
  defaultEncrypt: (v) => (compareVersions(v, '10.2') >= 0 ? 'on' : 'off'),
  encryptDefaultSince: '10.2',
  encryptMode: MS_MODES,
  isTrue: (value) => value.trim().toLowerCase() === 'true',
  keyword: (canonical) => jdbcProperty(canonical)?.name ?? canonical,
};

const SQLCLIENT = keywordDriver({
  id: 'sqlclient',
  label: 'Microsoft.Data.SqlClient',
  properties: SQLCLIENT_PROPERTIES,
  unknownKeywords: 'error',
  duplicates: 'last',
  defaultEncrypt: (v) => (compareVersions(v, '4.0') >= 0 ? 'on' : 'off'),
  encryptDefaultSince: '4.0',
  encryptMode: MS_MODES,
  isTrue: YES,
});

const ODBC = keywordDriver({
  id: 'odbc',
  label: 'ODBC Driver for SQL Server',
  properties: ODBC_PROPERTIES,
  unknownKeywords: 'ignored',
  duplicates: 'first',
  defaultEncrypt: (v) => (compareVersions(v, '18') >= 0 ? 'on' : 'off'),
  encryptDefaultSince: '18',
  encryptMode: MS_MODES,
  isTrue: YES,
});

const OLEDB = keywordDriver({
  id: 'oledb',
  label: 'OLE DB Driver for SQL Server',
  properties: OLEDB_PROPERTIES,
  unknownKeywords: 'ignored',
  duplicates: 'first',
  defaultEncrypt: (v) => (compareVersions(v, '19') >= 0 ? 'on' : 'off'),
  encryptDefaultSince: '19',
  encryptMode: MS_MODES,
  isTrue: YES,
});

const GO = keywordDriver({
  id: 'go-mssqldb',
  label: 'go-mssqldb',
  properties: GO_PROPERTIES,
  unknownKeywords: 'ignored',
  duplicates: 'last',
  defaultEncrypt: () => 'off',
  encryptDefaultSince: '(never: encrypt must be stated)',
  encryptMode: (value) => {
    const v = value.trim().toLowerCase();
    if (v === 'disable') return 'none';
    if (['false', 'optional', 'no', '0', 'f'].includes(v)) return 'off';
    if (['true', 'mandatory', 'yes', '1', 't'].includes(v)) return 'on';
    if (v === 'strict') return 'strict';
    return undefined;
  },
  isTrue: (value) => /^(true|1|t|yes)$/i.test(value.trim()),
  // go-mssqldb trusts any certificate when encrypt is absent (domain reference §5.6)
  defaultTrust: (encryptWritten) => !encryptWritten,
});

const TEDIOUS = keywordDriver({
  id: 'tedious',
  label: 'tedious (mssql)',
  properties: TEDIOUS_PROPERTIES,
  unknownKeywords: 'ignored',
  duplicates: 'last',
  defaultEncrypt: (v) => (compareVersions(v, '6') >= 0 ? 'on' : 'off'),
  encryptDefaultSince: '6.0',
  encryptMode: (value) => {
    const v = value.trim().toLowerCase().replace(/^['"`]|['"`]$/g, '');
    if (v === 'false') return 'none';
    if (v === 'true') return 'on';
    if (v === 'strict') return 'strict';
    return undefined;
  },
  isTrue: (value) => value.trim().toLowerCase() === 'true',
});

/** node-mssql connection strings: ADO.NET keywords, but `encrypt: !!value` — Encrypt=strict becomes plain true. */
const MSSQL = keywordDriver({
  id: 'mssql',
  label: 'node-mssql',
  properties: SQLCLIENT_PROPERTIES,
  unknownKeywords: 'ignored',
  duplicates: 'last',
  defaultEncrypt: () => 'on',
  encryptDefaultSince: '(always: mssql sets encrypt true)',
  encryptMode: (value) => {
    const v = value.trim().toLowerCase();
    if (v === 'false' || v === 'no') return 'none';
    return v === '' ? undefined : 'on';
  },
  isTrue: YES,
});

/** PHP SQLSRV option arrays: only true / 1 / 'yes' mean encrypt; every other value, 'strict' included, becomes no. */
const PHP = keywordDriver({
  id: 'php',
  label: 'PHP SQLSRV',
  properties: PHP_SQLSRV_PROPERTIES,
  unknownKeywords: 'error',
  duplicates: 'last',
  defaultEncrypt: () => 'on',
  encryptDefaultSince: '(ODBC Driver 18)',
  encryptMode: (value) => (/^(true|1|yes)$/i.test(value.trim().replace(/^['"]|['"]$/g, '')) ? 'on' : 'off'),
  isTrue: (value) => /^(true|1|yes)$/i.test(value.trim()),
});

const DRIVERS: Partial<Record<Driver, DriverInfo>> = {
  php: PHP,
  mssql: MSSQL, jdbc: JDBC, sqlclient: SQLCLIENT, odbc: ODBC, oledb: OLEDB, 'go-mssqldb': GO, tedious: TEDIOUS };

export function driverInfo(driver: Driver): DriverInfo | undefined {
  return DRIVERS[driver];
}
