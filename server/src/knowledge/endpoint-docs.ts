/**
 * Hover text for endpoint keywords and values, in our own words from seed 000 and the domain reference §1.
 * Keys are upper-case keywords; `OPTION=VALUE` keys describe a value of an option.
 */
export const ENDPOINT_KEYWORD_DOCS: Readonly<Record<string, string>> = {
  ENDPOINT:
    'An endpoint is the server object that listens for mirroring, availability-group or Service Broker connections. Its transport security (who may connect, and whether traffic is encrypted) is configured here, not in the databases.',
  AUTHORIZATION: 'The login that owns the endpoint. Only `CREATE ENDPOINT` can set it; later use `ALTER AUTHORIZATION ON ENDPOINT::name TO login`.',
  STATE: 'Whether the endpoint listens. **Default: STOPPED** — a new endpoint does nothing until it is STARTED.',
  'STATE=STARTED': 'The endpoint listens and answers connections.',
  'STATE=STOPPED': 'The endpoint does not listen (the default for a new endpoint).',
  'STATE=DISABLED': 'The endpoint listens but refuses every connection with an error.',
  TCP: 'Endpoints speak TCP only (HTTP/SOAP endpoints were removed in SQL Server 2012). The protocol cannot be changed by ALTER ENDPOINT.',
  LISTENER_PORT: 'The TCP port the endpoint listens on, 1024–32767. There is no default: 5022 is the usual mirroring/availability-group port, 4022 the usual Service Broker port. Peers address this port in `TCP://host:port` URLs.',
  LISTENER_IP:
    'The address the endpoint listens on. **Default: ALL.** If partners are addressed by IP address in `SET PARTNER` / `SET WITNESS`, LISTENER_IP must be that address rather than ALL.',
  DATABASE_MIRRORING:
    'A database mirroring / availability group endpoint. An instance can have only **one**; all mirroring and AG connections of the instance share it, so it defines the instance’s one form of authentication for them.',
  DATA_MIRRORING: 'A synonym of DATABASE_MIRRORING that SQL Server accepts (SSMS-generated scripts use it).',
  SERVICE_BROKER: 'A Service Broker endpoint: transport security for broker traffic between instances. Dialog security (per conversation) is separate and set up with certificates and remote service bindings.',
  TSQL: 'A T-SQL (TDS) endpoint. Client connection encryption is configured on the server and in client drivers, not here.',
  AUTHENTICATION:
    'How connecting instances prove who they are. **Default: WINDOWS NEGOTIATE.** Windows authentication logs in with the service account’s credentials (services must run as domain accounts in trusted domains, or as Network Service); certificate authentication is for instances outside trusted domains or running as local service accounts. Both may be listed; the first listed is tried first.',
  WINDOWS: 'Windows (SSPI) authentication using the service account of each instance. Without a protocol it means NEGOTIATE.',
  NTLM: 'Only NTLM. NTLM authenticates the client to the server but not the server to the client (no mutual authentication), and an NTLM-only endpoint cannot connect to a KERBEROS-only endpoint.',
  KERBEROS: 'Only Kerberos: mutual authentication, but it needs correctly registered SPNs, and a KERBEROS-only endpoint cannot connect to an NTLM-only endpoint.',
  NEGOTIATE: 'Windows negotiates Kerberos when it can and falls back to NTLM (the default). It can talk to NTLM-only and KERBEROS-only peers.',
  CERTIFICATE:
    'Authenticate with a certificate in **master**: the instance proves its identity with the certificate’s private key, and the peer checks it with the public key it imported. The private key must be encrypted by master’s database master key, and the certificate must be within its validity dates (error 28055 otherwise).',
  ENCRYPTION: 'Whether traffic between endpoints is encrypted. **Default: REQUIRED.**',
  'ENCRYPTION=REQUIRED': 'Traffic must be encrypted; the endpoint connects only to endpoints that support or require encryption.',
  'ENCRYPTION=SUPPORTED': 'Traffic is encrypted only if the other endpoint supports or requires encryption; with a DISABLED peer, data travels in clear text.',
  'ENCRYPTION=DISABLED': 'Data is never encrypted, and the endpoint cannot connect to an endpoint that requires encryption.',
  ALGORITHM:
    'The encryption algorithms allowed, in order of preference. **Default: AES on SQL Server 2016 and later, RC4 on 2014 and earlier.** When both endpoints list two algorithms in different orders, the endpoint accepting the connection wins.',
  'ALGORITHM=AES': 'AES: the strong, recommended algorithm.',
  'ALGORITHM=RC4': 'RC4: fast but weak, deprecated for endpoints, and refused when the server runs in FIPS mode (error 28078).',
  ROLE: 'Which mirroring roles the endpoint can play. Required when creating a DATABASE_MIRRORING endpoint.',
  'ROLE=PARTNER': 'The instance can be principal or mirror.',
  'ROLE=WITNESS': 'The instance can only be a witness (the only role SQL Server Express supports).',
  'ROLE=ALL': 'The instance can be partner or witness.',
  MESSAGE_FORWARDING:
    'Whether this Service Broker endpoint forwards messages meant for other instances. **Default: DISABLED.** A forwarder sees transport traffic but cannot decrypt messages of dialogs that use dialog security.',
  MESSAGE_FORWARD_SIZE: 'Megabytes Service Broker sets aside for messages being forwarded (10 when not set).',
};
