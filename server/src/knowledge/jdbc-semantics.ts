/**
 * What a JDBC connection's TLS settings really do — the rows of the driver's behaviour table (seed 002) — as data for
 * the URL hover and the rules.
 */
import type { ConnectionString } from '../connection-strings/model';
import { effective } from '../connection-strings/model';
import type { EncryptMode } from './drivers';
import { driverInfo } from './drivers';
import { compareVersions } from './driver-versions';

export interface TransportCard {
  /** 1–11: the row of the seed's table that applies */
  readonly row: number;
  readonly encrypt: EncryptMode;
  readonly encryptWritten: boolean;
  readonly tls: string;
  readonly validation: string;
  readonly strict: boolean;
}

export function jdbcTransport(c: ConnectionString, version: string): TransportCard {
  const jdbc = driverInfo('jdbc')!;
  const enc = effective(c, 'encrypt');
  const encrypt = (enc ? jdbc.encryptMode(enc.value) : undefined) ?? jdbc.defaultEncrypt(version);
  const tsc = effective(c, 'trustservercertificate');
  const trust = !!tsc && jdbc.isTrue(tsc.value);
  const host = effective(c, 'hostnameincertificate')?.value;
  const store = effective(c, 'truststore')?.value;
  const storePassword = !!effective(c, 'truststorepassword');
  const pinned = effective(c, 'servercertificate')?.value;
  const server = c.server?.name || 'serverName';
  const base = { encrypt, encryptWritten: !!enc, strict: encrypt === 'strict' };

  if (encrypt === 'strict') {
    const against = pinned ? `an exact match with the pinned certificate '${pinned}'` : `the name ${host ? `'${host}' (hostNameInCertificate)` : `'${server}'`}`;
    return {
      ...base,
      row: 11,
      tls: 'TDS 8.0 strict: TLS is negotiated before anything else, so the whole session — pre-login included — is encrypted; fails if the server does not support TDS 8',
      validation: `always validated (trustServerCertificate is ignored), against ${against}`,
    };
  }
  if (encrypt === 'off') {
    return {
      ...base,
      row: 1,
      tls: `TLS is not requested${enc ? '' : ` (encrypt defaults to false before driver 10.2)`}: only the login packet is encrypted — unless the server forces encryption, then the whole session is`,
      // The seed's table says "not validated" for both cases; the driver source since 10.2 validates when the server
      // forces encryption (domain reference §5.1). We state the current behaviour and keep the seed's for old drivers.
      validation: `the login-only handshake's certificate is **not validated**; when the server forces encryption, driver ${compareVersions(version, '10.2') >= 0 ? `${version} validates it (10.2 and later do)` : `${version} does not validate it either (validation came in 10.2)`}`,
    };
  }
  if (trust) {
    return { ...base, row: 2, tls: 'the whole session is encrypted (the connection fails if the server does not support encryption)', validation: '**not validated**: trustServerCertificate=true accepts any certificate' };
  }
  const name = host ? `'${host}' (hostNameInCertificate)` : `'${server}' (serverName)`;
  const storeText = store
    ? `the trust store '${store}'${storePassword ? ', whose integrity trustStorePassword checks' : ''}`
    : storePassword
      ? 'the default trust store, whose integrity trustStorePassword checks'
      : 'the JVM’s default trust store';
  const row = !host && !store && !storePassword ? 3 : host && !store && !storePassword ? 4 : !host && store && storePassword ? 5 : !host && !store && storePassword ? 6 : !host && store && !storePassword ? 7 : host && !store && storePassword ? 8 : host && store && !storePassword ? 9 : 10;
  return { ...base, row, tls: 'the whole session is encrypted (the connection fails if the server does not support encryption)', validation: `validated: chain against ${storeText}, name against ${name}` };
}
