/** Assumed driver versions (config `drivers`) and version comparison. */
export const DEFAULT_DRIVER_VERSIONS: Readonly<Record<string, string>> = {
  jdbc: '12.10',
  sqlclient: '6.0',
  odbc: '18.5',
  oledb: '19.4',
  tedious: '18.6',
  'go-mssqldb': '1.8',
  php: '5.12',
};

/** -1, 0 or 1 comparing dotted versions numerically ("10.2" < "10.10"). */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export function driverVersion(drivers: Readonly<Record<string, string>>, driver: string): string {
  return drivers[driver] ?? DEFAULT_DRIVER_VERSIONS[driver] ?? '0';
}
