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
}

export interface EndpointStatement {
  readonly type: 'endpoint';
  readonly action: 'create' | 'alter' | 'drop';
  readonly span: Span;
  /** `CREATE ENDPOINT` */
  readonly keywordSpan: Span;
  readonly name?: Ident;
  /** the database in effect (from the last `USE`), or undefined when the script never says (then: master) */
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

export type Statement = EndpointStatement | PeerAddress;

export interface SyntaxProblem {
  readonly span: Span;
  readonly message: string;
}

export interface SqlScript {
  readonly statements: readonly Statement[];
  readonly problems: readonly SyntaxProblem[];
}
