/**
 * The effective configuration of each endpoint a script defines: its CREATE plus the ALTERs that follow (an ALTER
 * changes only what it names; AUTHENTICATION and ENCRYPTION are replaced as a whole), until a DROP.
 */
import type {
  AuthenticationOption,
  EncryptionOption,
  EndpointPayload,
  EndpointState,
  EndpointStatement,
  MirroringRole,
  PeerAddress,
  Valued,
} from '../tsql/ast';
import type { SqlScript } from '../tsql/ast';

export interface EndpointEntity {
  readonly uri: string;
  readonly name: string;
  /** every CREATE/ALTER of this endpoint in the script, in order */
  readonly statements: EndpointStatement[];
  create?: EndpointStatement;
  payload?: Valued<EndpointPayload>;
  authentication?: AuthenticationOption;
  encryption?: EncryptionOption;
  role?: Valued<MirroringRole>;
  port?: Valued<number>;
  state?: Valued<EndpointState>;
  dropped: boolean;
}

export function endpointEntities(uri: string, script: SqlScript): EndpointEntity[] {
  const live = new Map<string, EndpointEntity>();
  const all: EndpointEntity[] = [];
  for (const s of script.statements) {
    if (s.type !== 'endpoint' || !s.name) continue;
    const key = s.name.name.toUpperCase();
    if (s.action === 'drop') {
      const e = live.get(key);
      if (e) {
        e.dropped = true;
        live.delete(key);
      }
      continue;
    }
    let e = live.get(key);
    if (!e || s.action === 'create') {
      e = { uri, name: s.name.name, statements: [], dropped: false };
      live.set(key, e);
      all.push(e);
    }
    e.statements.push(s);
    if (s.action === 'create') e.create = s;
    e.payload = s.payload ?? e.payload;
    e.authentication = s.authentication ?? e.authentication;
    e.encryption = s.encryption ?? e.encryption;
    e.role = s.role ?? e.role;
    e.port = s.port ?? e.port;
    e.state = s.state ?? e.state;
  }
  return all;
}

export function peerAddresses(script: SqlScript): PeerAddress[] {
  return script.statements.filter((s): s is PeerAddress => s.type === 'peer-address');
}
