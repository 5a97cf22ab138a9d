/**
 * What endpoint settings mean and how two endpoints negotiate (seed 000; domain reference §1.2–1.4). Shared by the
 * rules, the hovers and the peer checks so that they can never disagree.
 */
import type { Algorithm, AuthMethod, EncryptionMode, EndpointStatement, WindowsProtocol } from '../tsql/ast';
import { defaultsToRc4, type SqlServerVersion } from '../core/types';

export type EffectiveAuth = { readonly kind: 'windows'; readonly protocol: WindowsProtocol } | { readonly kind: 'certificate'; readonly certificate: string };

/** An endpoint's transport settings after defaults are applied for a SQL Server version. */
export interface TransportSettings {
  /** methods in the order the endpoint tries them */
  readonly auth: readonly EffectiveAuth[];
  readonly encryption: EncryptionMode;
  /** algorithms in preference order; empty when encryption is DISABLED */
  readonly algorithms: readonly Algorithm[];
  /** true when ALGORITHM was not written and the version's default applies */
  readonly implicitAlgorithm: boolean;
}

export function defaultAlgorithm(version: SqlServerVersion): Algorithm {
  return defaultsToRc4(version) ? 'RC4' : 'AES';
}

export interface EndpointSettingsSource {
  readonly authentication?: EndpointStatement['authentication'];
  readonly encryption?: EndpointStatement['encryption'];
}

export function transportSettings(source: EndpointSettingsSource, version: SqlServerVersion): TransportSettings {
  const auth: EffectiveAuth[] = source.authentication
    ? source.authentication.methods.map(toEffectiveAuth)
    : [{ kind: 'windows', protocol: 'NEGOTIATE' }];
  const encryption = source.encryption?.mode.value ?? 'REQUIRED';
  const written = source.encryption?.algorithm?.values.map((v) => v.value);
  const algorithms: Algorithm[] = encryption === 'DISABLED' ? [] : written && written.length > 0 ? written : [defaultAlgorithm(version)];
  return { auth, encryption, algorithms, implicitAlgorithm: encryption !== 'DISABLED' && !(written && written.length > 0) };
}

function toEffectiveAuth(m: AuthMethod): EffectiveAuth {
  return m.kind === 'windows' ? { kind: 'windows', protocol: m.protocol } : { kind: 'certificate', certificate: m.certificate.name };
}

export function describeAuth(auth: readonly EffectiveAuth[]): string {
  return auth.map((a) => (a.kind === 'windows' ? `Windows ${a.protocol}` : `certificate ${a.certificate}`)).join(', then ');
}

export interface HandshakeOutcome {
  readonly ok: boolean;
  /** set when ok: true when the session is encrypted */
  readonly encrypted: boolean;
  readonly algorithm?: Algorithm;
  readonly authentication?: string;
  /** one sentence: why */
  readonly reason: string;
  /** which part failed, when !ok */
  readonly failure?: 'encryption' | 'algorithm' | 'authentication';
}

/**
 * The outcome when `initiator` connects to `acceptor`. Encryption follows the matrix of domain §1.3; with two
 * algorithm lists the accepting endpoint's order wins (CE, TS). For authentication the Service Broker documentation
 * contradicts itself about whose order wins; we follow the acceptor, as for algorithms, and say so in the docs.
 */
export function negotiate(initiator: TransportSettings, acceptor: TransportSettings): HandshakeOutcome {
  const auth = negotiateAuth(initiator.auth, acceptor.auth);
  if (!auth.ok) return { ok: false, encrypted: false, reason: auth.reason, failure: 'authentication' };

  const a = initiator.encryption;
  const b = acceptor.encryption;
  if ((a === 'DISABLED' && b === 'REQUIRED') || (a === 'REQUIRED' && b === 'DISABLED')) {
    return {
      ok: false,
      encrypted: false,
      failure: 'encryption',
      reason: 'one endpoint requires encryption and the other has it disabled, so the handshake fails (error 28027).',
    };
  }
  if (a === 'DISABLED' || b === 'DISABLED') {
    return { ok: true, encrypted: false, authentication: auth.method, reason: 'encryption is disabled on one side and not required on the other, so data travels in clear text.' };
  }
  const common = acceptor.algorithms.filter((x) => initiator.algorithms.includes(x));
  if (common.length === 0) {
    if (a === 'REQUIRED' || b === 'REQUIRED') {
      return {
        ok: false,
        encrypted: false,
        failure: 'algorithm',
        reason: `the endpoints share no algorithm (${initiator.algorithms.join(' ')} vs ${acceptor.algorithms.join(' ')}), so the handshake fails with "no compatible encryption algorithm" (error 28027).`,
      };
    }
    return { ok: true, encrypted: false, authentication: auth.method, reason: 'both endpoints only support encryption and share no algorithm, so data travels in clear text.' };
  }
  const algorithm = common[0];
  const order = acceptor.algorithms.length > 1 && initiator.algorithms.length > 1 && acceptor.algorithms[0] !== initiator.algorithms[0] ? ' (the accepting endpoint’s preference wins)' : '';
  return { ok: true, encrypted: true, algorithm, authentication: auth.method, reason: `the session is encrypted with ${algorithm}${order}.` };
}

function negotiateAuth(initiator: readonly EffectiveAuth[], acceptor: readonly EffectiveAuth[]): { ok: true; method: string } | { ok: false; reason: string } {
  for (const theirs of acceptor) {
    for (const mine of initiator) {
      if (theirs.kind === 'certificate' && mine.kind === 'certificate') return { ok: true, method: 'certificates' };
      if (theirs.kind === 'windows' && mine.kind === 'windows') {
        const p = windowsProtocol(mine.protocol, theirs.protocol);
        if (p) return { ok: true, method: `Windows (${p})` };
      }
    }
  }
  const iw = initiator.find((m) => m.kind === 'windows');
  const aw = acceptor.find((m) => m.kind === 'windows');
  if (iw && aw && iw.kind === 'windows' && aw.kind === 'windows') {
    return { ok: false, reason: `one endpoint allows only Windows ${iw.protocol} and the other only Windows ${aw.protocol}, so they cannot authenticate each other (error 28027).` };
  }
  return {
    ok: false,
    reason: `one endpoint authenticates only with ${describeAuth(initiator)} and the other only with ${describeAuth(acceptor)}: they have no method in common, so the handshake fails (error 28027).`,
  };
}

function windowsProtocol(a: WindowsProtocol, b: WindowsProtocol): string | undefined {
  if (a === b) return a === 'NEGOTIATE' ? 'Kerberos or NTLM, negotiated' : a === 'NTLM' ? 'NTLM' : 'Kerberos';
  if (a === 'NEGOTIATE') return b === 'NTLM' ? 'NTLM' : 'Kerberos';
  if (b === 'NEGOTIATE') return a === 'NTLM' ? 'NTLM' : 'Kerberos';
  return undefined;
}

/** Both directions matter: either partner may open the connection. */
export function negotiateBothWays(x: TransportSettings, y: TransportSettings): { xToY: HandshakeOutcome; yToX: HandshakeOutcome } {
  return { xToY: negotiate(x, y), yToX: negotiate(y, x) };
}
