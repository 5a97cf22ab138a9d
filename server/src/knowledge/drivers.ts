/**
 * What the connection rules need to know about each driver: its keywords, how it reads booleans and encrypt values,
 * which duplicate wins, what it does with unknown keywords, and its defaults by version. One entry per driver.
 */
import type { Driver } from '../connection-strings/model';
import { compareVersions } from './driver-versions';
import { JDBC_PROPERTIES, jdbcProperty, type PropertyInfo } from './jdbc-properties';

export type EncryptMode = 'off' | 'on' | 'strict';

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
}

const JDBC: DriverInfo = {
  id: 'jdbc',
  label: 'Microsoft JDBC Driver',
  property: jdbcProperty,
  properties: JDBC_PROPERTIES,
  unknownKeywords: 'ignored',
  duplicates: 'last',
  defaultEncrypt: (v) => (compareVersions(v, '10.2') >= 0 ? 'on' : 'off'),
  encryptDefaultSince: '10.2',
  encryptMode: (value) => {
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === 'mandatory' || v === 'yes') return 'on';
    if (v === 'false' || v === 'optional' || v === 'no') return 'off';
    if (v === 'strict') return 'strict';
    return undefined;
  },
  isTrue: (value) => value.trim().toLowerCase() === 'true',
  keyword: (canonical) => jdbcProperty(canonical)?.name ?? canonical,
};

const DRIVERS: Partial<Record<Driver, DriverInfo>> = { jdbc: JDBC };

export function driverInfo(driver: Driver): DriverInfo | undefined {
  return DRIVERS[driver];
}
