/**
 * Keywords of the key=value drivers (domain reference §5.2–5.4), with synonyms and the driver-independent key the
 * rules use. Descriptions are ours; the security keywords carry them, the others are listed so that a real keyword is
 * never reported as unknown.
 */
import type { PropertyInfo } from './jdbc-properties';

type Table = readonly PropertyInfo[];

const TSC = 'Accepts any server certificate when true: no chain, expiry or host-name check, so anyone in the network path can impersonate the server. Ignored with Encrypt=Strict.';
const HNIC = 'The name the server certificate must carry (CN or DNS SAN) instead of the server name — for aliases. Not consulted when TrustServerCertificate is true.';
const SPN = 'The service principal name Kerberos is asked for: `MSSQLSvc/fqdn:port`, `MSSQLSvc/fqdn:InstanceName`, `HOST/fqdn`, `Username@Domain`, `MachineName$@Domain`… (260 characters at most). Used only with integrated (Windows) security; not cached for failover; giving it in some connection strings and not others fragments the pool.';

export const SQLCLIENT_PROPERTIES: Table = [
  { name: 'Encrypt', values: 'true/yes/Mandatory, false/no/Optional, Strict (5.0+)', defaultValue: 'true (Mandatory) from Microsoft.Data.SqlClient 4.0; false before and in System.Data.SqlClient', description: 'Whether the whole session is encrypted. Optional/false: only the login packet is (unless the server forces encryption). Strict: TDS 8, TLS first, certificate always validated.' },
  { name: 'Trust Server Certificate', synonyms: ['TrustServerCertificate'], key: 'trustservercertificate', values: 'true, false', defaultValue: 'false', description: TSC },
  { name: 'Host Name In Certificate', synonyms: ['HostNameInCertificate'], key: 'hostnameincertificate', description: HNIC },
  { name: 'Server Certificate', synonyms: ['ServerCertificate'], key: 'servercertificate', description: 'Path of a certificate file to pin (5.1+): an exact match satisfies validation. Never consulted when TrustServerCertificate=true in non-strict mode.' },
  { name: 'Server SPN', synonyms: ['ServerSPN'], key: 'serverspn', description: SPN },
  { name: 'Failover Partner SPN', synonyms: ['FailoverPartnerSPN'], key: 'failoverpartnerspn', description: `The SPN of the failover partner. ${SPN}` },
  { name: 'Failover Partner', synonyms: ['FailoverPartner'], key: 'failoverpartner', description: 'The database mirroring partner to use when the principal is unavailable.' },
  { name: 'Integrated Security', synonyms: ['Trusted_Connection', 'IntegratedSecurity'], key: 'integratedsecurity', values: 'true, false, yes, no, SSPI', defaultValue: 'false' },
  { name: 'Authentication', key: 'authentication' },
  { name: 'User ID', synonyms: ['UID', 'User', 'UserID'], key: 'user' },
  { name: 'Password', synonyms: ['PWD'], key: 'password', secret: true },
  { name: 'Data Source', synonyms: ['Server', 'Address', 'Addr', 'Network Address', 'DataSource'], key: 'servername' },
  { name: 'Initial Catalog', synonyms: ['Database', 'InitialCatalog'], key: 'databasename' },
  ...[
    'Application Intent|ApplicationIntent', 'Application Name|App|ApplicationName', 'Asynchronous Processing|Async', 'AttachDbFilename|Extended Properties|Initial File Name',
    'Attestation Protocol|AttestationProtocol', 'Column Encryption Setting|ColumnEncryptionSetting', 'Command Timeout|CommandTimeout', 'Connect Retry Count|ConnectRetryCount',
    'Connect Retry Interval|ConnectRetryInterval', 'Connect Timeout|Connection Timeout|Timeout|ConnectTimeout', 'Connection Lifetime|Load Balance Timeout|LoadBalanceTimeout',
    'Context Connection', 'Current Language|Language', 'Enclave Attestation Url|EnclaveAttestationUrl', 'Enlist', 'IP Address Preference|IPAddressPreference',
    'Max Pool Size|MaxPoolSize', 'Min Pool Size|MinPoolSize', 'Multiple Active Result Sets|MultipleActiveResultSets', 'Multi Subnet Failover|MultiSubnetFailover',
    'Network Library|Net|Network', 'Packet Size|PacketSize', 'Persist Security Info|PersistSecurityInfo', 'Pool Blocking Period|PoolBlockingPeriod', 'Pooling',
    'Replication', 'Transaction Binding|TransactionBinding', 'Transparent Network IP Resolution|TransparentNetworkIPResolution', 'Type System Version|TypeSystemVersion',
    'User Instance|UserInstance', 'Workstation ID|WSID|WorkstationID',
  ].map((spec) => {
    const [name, ...synonyms] = spec.split('|');
    return { name, synonyms };
  }),
];

export const ODBC_PROPERTIES: Table = [
  { name: 'Encrypt', values: 'Driver 17: yes, no; Driver 18: yes/Mandatory, no/Optional, Strict', defaultValue: 'no in Driver 17 (yes with Entra authentication); yes from Driver 18', description: 'Whether the whole session is encrypted. no/Optional: only the login packet is (unless the server forces encryption). Strict: TDS 8, TLS first, certificate always validated.' },
  { name: 'TrustServerCertificate', key: 'trustservercertificate', values: 'yes, no', defaultValue: 'no', description: TSC },
  { name: 'HostnameInCertificate', key: 'hostnameincertificate', description: `${HNIC} (Driver 18)` },
  { name: 'ServerCertificate', key: 'servercertificate', description: 'Path of a certificate file to pin; Strict only (Driver 18.1+).' },
  { name: 'ServerSPN', key: 'serverspn', description: SPN },
  { name: 'FailoverPartnerSPN', key: 'failoverpartnerspn', description: `The SPN of the failover partner (Windows). ${SPN}` },
  { name: 'Failover_Partner', synonyms: ['FailoverPartner'], key: 'failoverpartner' },
  { name: 'Trusted_Connection', key: 'integratedsecurity', values: 'yes, no', defaultValue: 'no' },
  { name: 'Authentication', key: 'authentication' },
  { name: 'UID', key: 'user' },
  { name: 'PWD', key: 'password', secret: true },
  { name: 'Server', synonyms: ['Address', 'Addr'], key: 'servername' },
  { name: 'Database', key: 'databasename' },
  ...[
    'Driver', 'DSN', 'FileDSN', 'SaveFile', 'AnsiNPW', 'APP', 'ApplicationIntent', 'AttachDBFileName', 'AutoTranslate', 'ClientCertificate', 'ClientKey',
    'ColumnEncryption', 'ConnectRetryCount', 'ConnectRetryInterval', 'GetDataExtensions', 'IpAddressPreference', 'KeepAlive', 'KeepAliveInterval',
    'KeystoreAuthentication', 'KeystorePrincipalId', 'KeystoreSecret', 'Language', 'LongAsMax', 'MARS_Connection', 'MultiSubnetFailover', 'Net', 'Network',
    'QueryLog_On', 'QueryLogFile', 'QueryLogTime', 'QuotedId', 'Regional', 'Replication', 'RetryExec', 'StatsLog_On', 'StatsLogFile', 'TransparentNetworkIPResolution',
    'UseFMTONLY', 'WSID', 'Timeout', 'Login Timeout', 'PacketSize',
  ].map((name) => ({ name, secret: name === 'KeystoreSecret' })),
];

export const OLEDB_PROPERTIES: Table = [
  { name: 'Encrypt', synonyms: ['Use Encryption for Data'], values: 'OLE DB 18: yes/no (true/false in init strings); 19: Optional, Mandatory, Strict', defaultValue: 'no in MSOLEDBSQL 18; Mandatory in MSOLEDBSQL19', description: 'Whether the whole session is encrypted; Strict (19.0+) is TDS 8.' },
  { name: 'TrustServerCertificate', synonyms: ['Trust Server Certificate'], key: 'trustservercertificate', values: 'yes, no / true, false', defaultValue: 'no', description: `${TSC} In 19 with Mandatory it is honoured only when the client registry allows it.` },
  { name: 'HostNameInCertificate', synonyms: ['Host Name In Certificate'], key: 'hostnameincertificate', description: `${HNIC} (19.0+)` },
  { name: 'ServerCertificate', synonyms: ['Server Certificate'], key: 'servercertificate', description: 'Path of a certificate file to pin (19.2+).' },
  { name: 'ServerSPN', synonyms: ['Server SPN'], key: 'serverspn', description: SPN },
  { name: 'FailoverPartnerSPN', synonyms: ['Failover Partner SPN'], key: 'failoverpartnerspn', description: `The SPN of the failover partner. ${SPN}` },
  { name: 'FailoverPartner', synonyms: ['Failover Partner'], key: 'failoverpartner' },
  { name: 'Trusted_Connection', synonyms: ['Integrated Security'], key: 'integratedsecurity' },
  { name: 'Authentication', key: 'authentication' },
  { name: 'UID', synonyms: ['User ID'], key: 'user' },
  { name: 'PWD', synonyms: ['Password'], key: 'password', secret: true },
  { name: 'Server', synonyms: ['Data Source', 'Address', 'Addr'], key: 'servername' },
  { name: 'Database', synonyms: ['Initial Catalog'], key: 'databasename' },
  ...[
    'Provider', 'APP|Application Name', 'ApplicationIntent|Application Intent', 'AttachDBFileName|Initial File Name', 'AutoTranslate|Auto Translate',
    'ConnectRetryCount|Connect Retry Count', 'ConnectRetryInterval|Connect Retry Interval', 'Language|Current Language', 'MarsConn|MARS Connection',
    'MultiSubnetFailover|Multi Subnet Failover', 'Net|Network|Network Library', 'PacketSize|Packet Size', 'PersistSensitive|Persist Security Info',
    'Timeout|Connect Timeout', 'UseFMTONLY', 'UseProcForPrepare', 'WSID|Workstation ID', 'Access Token', 'Data Type Compatibility', 'DataTypeCompatibility',
    'Locale Identifier', 'Prompt', 'Mode', 'Extended Properties', 'Initial Catalog',
  ].map((spec) => {
    const [name, ...synonyms] = spec.split('|');
    return { name, synonyms, secret: name === 'Access Token' };
  }),
];

/** Go (go-mssqldb) URL and key=value parameters. */
export const GO_PROPERTIES: Table = [
  { name: 'encrypt', values: 'disable; false/optional/no/0/f; true/mandatory/yes/1/t; strict', defaultValue: 'login-only TLS (the login packet), with any certificate accepted', description: 'disable: no TLS at all. false/optional: only the login packet is encrypted. true: the whole session. strict: TDS 8.' },
  { name: 'TrustServerCertificate', key: 'trustservercertificate', defaultValue: 'true when encrypt is absent, false when it is present (forced false for strict)', description: TSC },
  { name: 'hostNameInCertificate', key: 'hostnameincertificate', description: HNIC },
  { name: 'certificate', key: 'truststore', description: 'CA or server certificate file (PEM/DER) to validate against; default: the system roots.' },
  { name: 'serverCertificate', key: 'servercertificate', description: 'A certificate file pinned byte for byte (v1.9.6+).' },
  { name: 'tlsmin', key: 'sslprotocol', values: '1.0, 1.1, 1.2, 1.3', defaultValue: '1.2 (Go default)', description: 'Minimum TLS version.' },
  { name: 'ServerSPN', key: 'serverspn', description: SPN },
  { name: 'failoverpartnerspn', key: 'failoverpartnerspn' },
  { name: 'failoverpartner', key: 'failoverpartner' },
  { name: 'user id', key: 'user' },
  { name: 'password', key: 'password', secret: true },
  { name: 'authenticator' },
  { name: 'database', key: 'databasename' },
  { name: 'server', key: 'servername' },
  ...['port', 'initial catalog', 'app name', 'connection timeout', 'dial timeout', 'keepAlive', 'log', 'packet size', 'protocol', 'workstation id', 'ApplicationIntent', 'MultiSubnetFailover', 'krb5-configfile', 'krb5-keytabfile', 'krb5-realm', 'krb5-credcachefile', 'krb5-dnslookupkdc', 'krb5-udppreferencelimit', 'disableretry', 'columnencryption', 'fedauth', 'resource id', 'msiclientid', 'applicationclientid', 'clientcertpath', 'pipe'].map((name) => ({ name })),
];

/** tedious / mssql options (JavaScript). */
export const TEDIOUS_PROPERTIES: Table = [
  { name: 'encrypt', values: "true, false, 'strict' (16.3+)", defaultValue: 'true since tedious 6 (mssql too)', description: "false: tedious sends no TLS at all — the login, password included, travels in clear. 'strict': TDS 8. Note: in an mssql connection string, Encrypt=strict is read as plain true." },
  { name: 'trustServerCertificate', key: 'trustservercertificate', values: 'true, false', defaultValue: 'false since tedious 15 (true before)', description: TSC },
  { name: 'serverName', key: 'hostnameincertificate', description: 'The name used for SNI and the certificate host-name check.' },
  { name: 'password', secret: true },
];

/** PHP SQLSRV `sqlsrv_connect($server, [ … ])` connection options (ODBC underneath). */
export const PHP_SQLSRV_PROPERTIES: Table = [
  { name: 'Encrypt', values: 'true/1/yes; anything else becomes no', defaultValue: 'the ODBC driver’s (yes with ODBC Driver 18)', description: "SQLSRV passes Encrypt=yes only for true, 1 or 'yes': any other value — 'strict' included — becomes Encrypt=no (driver source since 2023)." },
  { name: 'TrustServerCertificate', key: 'trustservercertificate', values: 'true/1, false/0', defaultValue: 'false', description: TSC },
  { name: 'HostNameInCertificate', key: 'hostnameincertificate', description: HNIC },
  { name: 'UID', key: 'user' },
  { name: 'PWD', key: 'password', secret: true },
  { name: 'Database', key: 'databasename' },
  { name: 'Authentication', key: 'authentication' },
  ...['APP', 'ApplicationIntent', 'AttachDBFileName', 'CharacterSet', 'ColumnEncryption', 'ConnectionPooling', 'ConnectRetryCount', 'ConnectRetryInterval', 'Driver', 'Failover_Partner', 'KeyStoreAuthentication', 'KeyStorePrincipalId', 'KeyStoreSecret', 'Language', 'LoginTimeout', 'MultipleActiveResultSets', 'MultiSubnetFailover', 'QuotedId', 'ReturnDatesAsStrings', 'Scrollable', 'TraceFile', 'TraceOn', 'TransactionIsolation', 'TransparentNetworkIPResolution', 'WSID', 'AccessToken', 'DecimalPlaces', 'FormatDecimals'].map((name) => ({ name, secret: name === 'KeyStoreSecret' || name === 'AccessToken' })),
];
