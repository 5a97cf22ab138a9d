/**
 * Typed nodes for the statements that matter to transport security. Every keyword and value keeps its span so rules,
 * hovers and fixes can point at (and edit) exactly what the user wrote.
 */
import type { Span } from '../core/types';

export interface Ident {
  /** the name with brackets/quotes removed and doubled closers unescaped */
  readonly name: string;
  readonly span: Span;
}

/** A keyword-valued or literal-valued part of a statement. */
export interface Valued<T> {
  readonly value: T;
  /** the value as written */
  readonly span: Span;
  /** from the option keyword through the value, e.g. `ROLE = ALL` */
  readonly optionSpan: Span;
}

export type EndpointState = 'STARTED' | 'STOPPED' | 'DISABLED';
export type EndpointPayload = 'DATABASE_MIRRORING' | 'SERVICE_BROKER' | 'TSQL';
export type WindowsProtocol = 'NTLM' | 'KERBEROS' | 'NEGOTIATE';
export type EncryptionMode = 'DISABLED' | 'SUPPORTED' | 'REQUIRED';
export type Algorithm = 'AES' | 'RC4';
export type MirroringRole = 'WITNESS' | 'PARTNER' | 'ALL';

export type AuthMethod =
  | { readonly kind: 'windows'; readonly protocol: WindowsProtocol; readonly explicit: boolean; readonly span: Span; readonly protocolSpan?: Span }
  | { readonly kind: 'certificate'; readonly certificate: Ident; readonly span: Span };

export interface AuthenticationOption {
  readonly optionSpan: Span;
  /** in the order written: the order in which the endpoint tries them */
  readonly methods: readonly AuthMethod[];
}

export interface AlgorithmClause {
  /** `ALGORITHM …` through the last algorithm */
  readonly span: Span;
  readonly keywordSpan: Span;
  /** in preference order */
  readonly values: readonly Valued<Algorithm>[];
}

export interface EncryptionOption {
  readonly optionSpan: Span;
  readonly mode: Valued<EncryptionMode>;
  readonly algorithm?: AlgorithmClause;
  /** the ALGORITHM keyword, when written (even if what follows was invalid) */
  readonly algorithmKeyword?: Span;
}

export interface EndpointStatement {
  readonly type: 'endpoint';
  readonly action: 'create' | 'alter' | 'drop';
  readonly span: Span;
  /** `CREATE ENDPOINT` */
  readonly keywordSpan: Span;
  readonly name?: Ident;
  /** the database in effect (from the last `USE`, as written), or undefined when the script never says (then: master) */
  readonly database?: string;
  readonly authorization?: Ident;
  readonly state?: Valued<EndpointState>;
  readonly protocol?: Valued<string>;
  readonly port?: Valued<number>;
  readonly listenerIp?: Valued<string>;
  /** the `FOR` payload keyword; `DATA_MIRRORING` is normalised to DATABASE_MIRRORING */
  readonly payload?: Valued<EndpointPayload>;
  /** offsets just inside the payload's parentheses, for fixes that add options */
  readonly payloadBody?: Span;
  readonly authentication?: AuthenticationOption;
  readonly encryption?: EncryptionOption;
  readonly role?: Valued<MirroringRole>;
  readonly messageForwarding?: Valued<'ENABLED' | 'DISABLED'>;
  readonly messageForwardSize?: Valued<number>;
}

/** `SET PARTNER = 'TCP://…'`, `SET WITNESS = '…'`, AG `ENDPOINT_URL = '…'`: where an instance expects a peer. */
export interface PeerAddress {
  readonly type: 'peer-address';
  readonly kind: 'PARTNER' | 'WITNESS' | 'ENDPOINT_URL';
  readonly url: string;
  readonly host: string;
  readonly port?: number;
  readonly span: Span;
}


export interface SyntaxProblem {
  readonly span: Span;
  readonly message: string;
}

export interface SqlScript {
  readonly statements: readonly Statement[];
  readonly problems: readonly SyntaxProblem[];
}

// ---- keys, certificates, principals, permissions (seed 001; domain reference §3) ----

/** A string literal used as a password. `value` is the unescaped text: never put it in a message. */
export interface PasswordLiteral {
  readonly span: Span;
  readonly value: string;
  /** what the password protects, e.g. `ENCRYPTION BY PASSWORD` */
  readonly clause: string;
  /** from the clause's first keyword through the literal, e.g. `ENCRYPTION BY PASSWORD = '…'` */
  readonly clauseSpan: Span;
}

export interface MasterKeyStatement {
  readonly type: 'master-key';
  readonly action: 'create' | 'alter' | 'open' | 'close' | 'drop' | 'backup' | 'restore';
  readonly span: Span;
  readonly keywordSpan: Span;
  readonly database?: string;
  readonly passwords: readonly PasswordLiteral[];
  /** ALTER MASTER KEY … DROP ENCRYPTION BY SERVICE MASTER KEY: Service Broker and endpoints can no longer open it */
  readonly dropsServiceMasterKey: boolean;
}

export type CertificateSource = 'generated' | 'file' | 'executable' | 'binary' | 'assembly';

export interface PrivateKeyClause {
  /** `PRIVATE KEY ( … )` */
  readonly span: Span;
  /** `PRIVATE KEY` */
  readonly keywordSpan: Span;
  readonly file?: Valued<string>;
  readonly encryptionPassword?: PasswordLiteral;
  readonly decryptionPassword?: PasswordLiteral;
}

export interface CertificateStatement {
  readonly type: 'certificate';
  readonly action: 'create' | 'alter' | 'drop' | 'backup';
  readonly span: Span;
  readonly keywordSpan: Span;
  readonly name?: Ident;
  readonly database?: string;
  readonly authorization?: Ident;
  /** CREATE only: where the certificate comes from */
  readonly source?: CertificateSource;
  /** FROM FILE / TO FILE path */
  readonly file?: Valued<string>;
  readonly format?: Valued<string>;
  readonly privateKey?: PrivateKeyClause;
  /** CREATE … ENCRYPTION BY PASSWORD = '…' WITH SUBJECT: the generated private key is protected by this password */
  readonly encryptionPassword?: PasswordLiteral;
  readonly subject?: Valued<string>;
  readonly startDate?: Valued<string>;
  readonly expiryDate?: Valued<string>;
  readonly activeForBeginDialog?: Valued<'ON' | 'OFF'>;
  /** where a new `, EXPIRY_DATE = …` option can be inserted (after the last date/subject option) */
  readonly insertOptionAt?: number;
}

export interface LoginStatement {
  readonly type: 'login';
  readonly action: 'create' | 'alter' | 'drop';
  readonly span: Span;
  readonly keywordSpan: Span;
  readonly name?: Ident;
  readonly source?: 'password' | 'windows' | 'certificate' | 'asymmetric-key' | 'external';
  readonly certificate?: Ident;
  readonly password?: PasswordLiteral;
  readonly oldPassword?: PasswordLiteral;
  readonly hashed: boolean;
  readonly checkPolicy?: Valued<'ON' | 'OFF'>;
}

export interface UserStatement {
  readonly type: 'user';
  readonly action: 'create' | 'alter' | 'drop';
  readonly span: Span;
  readonly keywordSpan: Span;
  readonly name?: Ident;
  readonly database?: string;
  readonly login?: Ident;
  readonly certificate?: Ident;
  readonly withoutLogin: boolean;
  /** contained-database users may have their own password */
  readonly password?: PasswordLiteral;
}

/** The securable classes whose permissions matter to transport security. */
export type SecurableClass = 'ENDPOINT' | 'CERTIFICATE' | 'SERVICE' | 'REMOTE SERVICE BINDING' | 'ROUTE' | 'CONTRACT' | 'DATABASE';

export interface PermissionStatement {
  readonly type: 'permission';
  readonly action: 'grant' | 'deny' | 'revoke';
  readonly span: Span;
  readonly keywordSpan: Span;
  readonly database?: string;
  /** upper-cased permission names, e.g. CONNECT, SEND */
  readonly permissions: readonly Valued<string>[];
  readonly securableClass: SecurableClass;
  readonly securable: Ident;
  readonly principals: readonly Ident[];
}

export interface AuthorizationStatement {
  readonly type: 'alter-authorization';
  readonly span: Span;
  readonly keywordSpan: Span;
  readonly database?: string;
  readonly securableClass: SecurableClass;
  readonly securable: Ident;
  readonly principal: Ident;
}

// ---- Service Broker (seed 004; domain reference §2) ----

export interface DialogStatement {
  readonly type: 'dialog';
  readonly span: Span;
  /** `BEGIN DIALOG [CONVERSATION]` */
  readonly keywordSpan: Span;
  readonly database?: string;
  readonly fromService?: Ident;
  /** the target service name as written in the string (compared byte by byte), or undefined for a variable */
  readonly toService?: Valued<string>;
  readonly toServiceIsVariable: boolean;
  readonly brokerInstance?: Valued<string>;
  readonly contract?: Ident;
  readonly lifetime?: Valued<number>;
  readonly encryption?: Valued<'ON' | 'OFF'>;
  /** the `WITH` keyword, and each option after it in order (for fixes that remove one) */
  readonly withSpan?: Span;
  readonly withOptions: readonly Span[];
}

export interface RemoteServiceBindingStatement {
  readonly type: 'remote-service-binding';
  readonly action: 'create' | 'alter' | 'drop';
  readonly span: Span;
  readonly keywordSpan: Span;
  readonly database?: string;
  readonly name?: Ident;
  readonly authorization?: Ident;
  readonly toService?: Valued<string>;
  readonly user?: Ident;
  readonly userOptionSpan?: Span;
  readonly anonymous?: Valued<'ON' | 'OFF'>;
}

export interface RouteStatement {
  readonly type: 'route';
  readonly action: 'create' | 'alter' | 'drop';
  readonly span: Span;
  readonly keywordSpan: Span;
  readonly database?: string;
  readonly name?: Ident;
  readonly serviceName?: Valued<string>;
  readonly brokerInstance?: Valued<string>;
  readonly address?: Valued<string>;
  readonly mirrorAddress?: Valued<string>;
  readonly lifetime?: Valued<number>;
}

export interface ServiceStatement {
  readonly type: 'service';
  readonly action: 'create' | 'alter' | 'drop';
  readonly span: Span;
  readonly keywordSpan: Span;
  readonly database?: string;
  readonly name?: Ident;
  readonly authorization?: Ident;
  readonly queue?: Ident;
  readonly contracts: readonly Ident[];
}

export interface QueueStatement {
  readonly type: 'queue';
  readonly action: 'create' | 'alter' | 'drop';
  readonly span: Span;
  readonly keywordSpan: Span;
  readonly database?: string;
  readonly name?: Ident;
}

export type Statement =
  | EndpointStatement
  | PeerAddress
  | MasterKeyStatement
  | CertificateStatement
  | LoginStatement
  | UserStatement
  | PermissionStatement
  | AuthorizationStatement
  | DialogStatement
  | RemoteServiceBindingStatement
  | RouteStatement
  | ServiceStatement
  | QueueStatement;
