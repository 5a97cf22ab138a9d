/**
 * The Microsoft JDBC Driver's connection properties (domain reference §5.1; seed 002). Names are case-insensitive;
 * unknown names are ignored by the driver, which is why a typo silently disables a setting. Descriptions are ours.
 */

export interface PropertyInfo {
  /** canonical spelling */
  readonly name: string;
  /** the driver-independent key the rules use (`encrypt`, `trustservercertificate`, `serverspn`…); default: name in
   * lower case */
  readonly key?: string;
  readonly synonyms?: readonly string[];
  readonly values?: string;
  readonly defaultValue?: string;
  readonly description?: string;
  /** holds a secret: never echo its value */
  readonly secret?: boolean;
}

const SECURITY: readonly PropertyInfo[] = [
  {
    name: 'encrypt',
    values: 'true, false; from 11.1 also mandatory, optional, yes, no, strict',
    defaultValue: 'true from driver 10.2 (false before)',
    description:
      'Whether the driver asks for TLS. `false`/`no`/`optional`: TLS is not requested — only the login packet is encrypted (with an unvalidated certificate), unless the server forces encryption. `true`/`mandatory`: the whole session is encrypted and the certificate validated. `strict`: TDS 8 — TLS before anything else, trustServerCertificate ignored.',
  },
  {
    name: 'trustServerCertificate',
    values: 'true, false',
    defaultValue: 'false',
    description: '`true` accepts any server certificate: no chain, expiry or host-name check, so anyone in the network path can impersonate the server. Ignored with encrypt=strict.',
  },
  {
    name: 'hostNameInCertificate',
    description: 'The name the server certificate must carry (CN or a DNS SAN) instead of serverName — for aliases and load balancers. Ignored when trustServerCertificate=true.',
  },
  { name: 'trustStore', description: 'Path of the trust store (JKS, PKCS12…) holding the certificates the driver trusts; default: the JVM’s.' },
  { name: 'trustStorePassword', secret: true, description: 'Password that checks the trust store’s integrity (of the default store when trustStore is not set).' },
  { name: 'trustStoreType', defaultValue: 'JKS', description: 'Type of the trust store.' },
  { name: 'serverCertificate', description: 'Path of the server’s certificate (PEM) to pin: with encrypt=strict the certificate received must match it exactly (driver 11.2+). Ignored without strict.' },
  { name: 'sslProtocol', values: 'TLS, TLSv1, TLSv1.1, TLSv1.2, TLSv1.3', defaultValue: 'TLS', description: 'TLS protocol the driver uses; TLSv1 and TLSv1.1 are obsolete and weak.' },
  { name: 'trustManagerClass', description: 'A custom TrustManager class that replaces the driver’s certificate validation.' },
  { name: 'trustManagerConstructorArg' },
  { name: 'fips', values: 'true, false', defaultValue: 'false', description: 'FIPS mode checks (encrypt and a FIPS-capable trust store type are required).' },
  { name: 'fipsProvider' },
  { name: 'integratedSecurity', values: 'true, false', defaultValue: 'false', description: 'Windows integrated authentication (native DLL) or Kerberos with authenticationScheme=JavaKerberos.' },
  { name: 'authenticationScheme', values: 'NativeAuthentication, JavaKerberos, NTLM', defaultValue: 'NativeAuthentication' },
  { name: 'authentication', description: 'Microsoft Entra / SQL authentication mode; any value other than NotSpecified forces encryption on.' },
  { name: 'serverSpn', description: 'The SPN the driver asks Kerberos for (`MSSQLSvc/fqdn:port[@REALM]`); used only with integrated security.' },
  { name: 'realm' },
  { name: 'user', synonyms: ['userName'], description: 'SQL Server login name.' },
  { name: 'password', secret: true, description: 'Password of the SQL Server login. Keep it out of source: pass it at run time.' },
  { name: 'clientCertificate' },
  { name: 'clientKey' },
  { name: 'clientKeyPassword', secret: true },
  { name: 'keyStoreAuthentication' },
  { name: 'keyStoreLocation' },
  { name: 'keyStorePassword', secret: true },
  { name: 'keyStoreSecret', secret: true },
  { name: 'keyStorePrincipalId' },
  { name: 'accessToken', secret: true },
  { name: 'failoverPartner', description: 'Database mirroring failover partner (server name, no port).' },
];

const OTHER = [
  'accessTokenCallbackClass', 'applicationIntent', 'applicationName', 'calcBigDecimalPrecision', 'cancelQueryTimeout', 'columnEncryptionSetting',
  'concatNullYieldsNull', 'connectRetryCount', 'connectRetryInterval', 'datetimeParameterType', 'delayLoadingLobs', 'disableStatementPooling',
  'enablePrepareOnFirstPreparedStatementCall', 'enclaveAttestationProtocol', 'enclaveAttestationUrl', 'gsscredential', 'instanceName',
  'iPAddressPreference', 'jaasConfigurationName', 'keyVaultProviderClientId', 'keyVaultProviderClientKey', 'lastUpdateCount', 'lockTimeout',
  'loginTimeout', 'maxResultBuffer', 'msiClientId', 'msiTokenCacheTtl', 'multiSubnetFailover', 'packetSize', 'prepareMethod', 'queryTimeout',
  'quotedIdentifier', 'replication', 'responseBuffering', 'selectMethod', 'sendStringParametersAsUnicode', 'sendTemporalDataTypesAsStringForBulkCopy',
  'sendTimeAsDatetime', 'serverNameAsACE', 'serverPreparedStatementDiscardThreshold', 'socketFactoryClass', 'socketFactoryConstructorArg',
  'socketTimeout', 'statementPoolingCacheSize', 'transparentNetworkIPResolution', 'useBulkCopyForBatchInsert', 'useDefaultGSSCredential',
  'useFmtOnly', 'workstationID', 'xopenStates', 'cacheBulkCopyMetadata', 'useFlexibleCallableStatements', 'retryExec', 'aadSecurePrincipalId',
  'aadSecurePrincipalSecret', 'ignoreOffsetOnDateTimeOffsetConversion',
];

const CONNECTION: readonly PropertyInfo[] = [
  { name: 'serverName', synonyms: ['server'] },
  { name: 'portNumber', synonyms: ['port'] },
  { name: 'databaseName', synonyms: ['database'] },
  { name: 'domain', synonyms: ['domainName'] },
];

export const JDBC_PROPERTIES: readonly PropertyInfo[] = [
  ...SECURITY,
  ...CONNECTION,
  ...[...new Set(OTHER)].filter((n) => !SECURITY.some((p) => p.name === n)).map((name) => ({ name })),
];

const BY_KEY = new Map<string, PropertyInfo>();
for (const p of JDBC_PROPERTIES) {
  BY_KEY.set(p.name.toLowerCase(), p);
  for (const s of p.synonyms ?? []) BY_KEY.set(s.toLowerCase(), p);
}

/** The property a keyword names (case-insensitive, synonyms resolved), or undefined when the driver ignores it. */
export function jdbcProperty(name: string): PropertyInfo | undefined {
  return BY_KEY.get(name.trim().toLowerCase());
}

export function propertyKey(p: PropertyInfo): string {
  return p.key ?? p.name.toLowerCase();
}

export function jdbcKey(name: string): string | undefined {
  const p = jdbcProperty(name);
  return p ? propertyKey(p) : undefined;
}
