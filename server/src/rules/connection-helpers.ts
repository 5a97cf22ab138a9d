/** Shared by the connection rules: the driver facts and wording for a connection string. */
import { driverVersion } from '../knowledge/driver-versions';
import { driverInfo, type DriverInfo } from '../knowledge/drivers';
import { propertySpan, type ConnectionProperty, type ConnectionString } from '../connection-strings/model';
import type { Span } from '../core/types';
import type { RuleContext } from './rule';

export interface Checked {
  readonly connection: ConnectionString;
  readonly driver: DriverInfo;
  readonly version: string;
}

/** Every connection string of the document whose driver the rules know, with its assumed version. */
export function* connections(ctx: RuleContext): Generator<Checked> {
  for (const connection of ctx.workspace.connections(ctx.document)) {
    const driver = driverInfo(connection.driver);
    if (driver) yield { connection, driver, version: connection.driverVersion ?? driverVersion(ctx.config.drivers, connection.driver) };
  }
}

/** How a new `name=value` is appended to a connection string: `;` for JDBC, ADO.NET, ODBC and OLE DB; `&`/`?` in URLs. */
export function pair(c: ConnectionString, name: string, value: string): string {
  return `${c.appendSeparator ?? ';'}${name}=${value}`;
}

/** Where a finding about a property goes: the `name=value` pair in a string, the value in an API call or config key. */
export function findingSpan(c: ConnectionString, p: ConnectionProperty): Span {
  return propertySpan(p, c.origin === 'string' ? 'pair' : 'value');
}

/** A version for messages: `0` stands for the legacy OLE DB providers (SQLOLEDB, SQLNCLI). */
export function versionLabel(version: string): string {
  return version === '0' ? '(legacy provider)' : version;
}
