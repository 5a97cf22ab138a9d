/**
 * Which dialog security a conversation gets (seed 004; domain reference §2.2): from the dialog's ENCRYPTION, the remote
 * service binding for its target (none / anonymous / full) and whether the initiating service's owner has a
 * certificate with a private key. The table is for targets on another instance; inside one instance messages are
 * never encrypted, but ENCRYPTION = ON still needs database master keys for the session keys.
 */
export type DialogSecurity = 'full' | 'anonymous' | 'none' | 'fails';

export interface DialogFacts {
  readonly encryption: 'ON' | 'OFF';
  /** undefined: no remote service binding for the target */
  readonly binding?: { readonly anonymous: boolean };
  /** undefined when the workspace does not show who owns the initiating service */
  readonly ownerHasCertificate?: boolean;
}

export interface DialogOutcome {
  /** undefined when it depends on something the workspace does not show */
  readonly security?: DialogSecurity;
  readonly reason: string;
}

export function dialogOutcome(f: DialogFacts): DialogOutcome {
  if (f.binding?.anonymous) {
    return { security: 'anonymous', reason: 'the remote service binding is ANONYMOUS = ON: messages are encrypted, the target service is authenticated, but the initiator is not — it runs as public in the target database' };
  }
  if (f.binding) {
    if (f.ownerHasCertificate === true) return { security: 'full', reason: 'a remote service binding exists and the initiating service’s owner has a certificate: both sides are authenticated and messages are encrypted, even if ENCRYPTION = OFF' };
    if (f.ownerHasCertificate === false) return { security: 'fails', reason: 'the binding asks for full security but the initiating service’s owner has no certificate with a private key (error 9731)' };
    return { reason: 'full security if the initiating service’s owner has a certificate with a private key in this database; otherwise the dialog fails (error 9731)' };
  }
  if (f.encryption === 'OFF') return { security: 'none', reason: 'ENCRYPTION = OFF and no remote service binding: no dialog security — messages are not dialog-encrypted and the initiator runs as public in the target database (transport security of the endpoints may still encrypt the connection)' };
  return { security: 'fails', reason: 'ENCRYPTION is ON (the default) but there is no remote service binding for the target: a dialog to another instance fails (error 9727) — create a binding, or state ENCRYPTION = OFF for a dialog that needs no security' };
}

export const DIALOG_DOCS: Readonly<Record<string, string>> = {
  ENCRYPTION:
    'Whether the dialog uses dialog security. **Default: ON.** With OFF, messages to another instance are not dialog-encrypted — unless a remote service binding exists for the target service, which forces dialog security anyway. Messages that stay inside one instance are never encrypted; with ON both databases still need a database master key for the session keys.',
  ANONYMOUS:
    'ANONYMOUS = ON: the initiator authenticates the target but not the reverse; the initiator runs as **public** in the target database, which must grant SEND on the service (and CONNECT on the database) to public. **Default: OFF** (full security: the initiator runs as the user mapped to its certificate).',
  USER: 'The local user that owns the certificate (public key) of the *remote* service. Its latest valid certificate with ACTIVE FOR BEGIN_DIALOG = ON is used.',
  BINDING:
    'A remote service binding tells the initiating database which certificate identifies the remote service. Only the initiator needs one, only for targets outside the instance — but when it exists, dialogs to that service use security even with ENCRYPTION = OFF.',
  ROUTE:
    'A route tells Service Broker where to deliver messages for a service: `TCP://host:port` of the remote Service Broker endpoint, LOCAL, or TRANSPORT. Routes carry no security; transport security comes from the endpoints, dialog security from certificates and bindings.',
};
