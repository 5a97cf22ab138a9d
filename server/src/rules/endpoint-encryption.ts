/**
 * endpoint-encryption-disabled / endpoint-encryption-supported — the two ways an endpoint lets data travel in clear
 * text. DISABLED never encrypts and cannot connect to a REQUIRED peer; SUPPORTED encrypts only when the peer does.
 */
import type { Rule } from './rule';
import { endpointLabel, endpointStatements } from './endpoint-helpers';

export const endpointEncryptionDisabled: Rule = {
  id: 'endpoint-encryption-disabled',
  defaultSeverity: 'warning',
  summary: 'ENCRYPTION = DISABLED: endpoint traffic travels in clear text.',
  seed: '000',
  securitySeverity: 7.5,
  check({ document, report }) {
    for (const s of endpointStatements(document)) {
      const enc = s.encryption;
      if (!enc || enc.mode.value !== 'DISABLED') continue;
      const end = enc.algorithm?.span.end ?? enc.mode.span.end;
      report({
        span: enc.mode.span,
        message: `${endpointLabel(s)} has ENCRYPTION = DISABLED: its data is never encrypted, and it cannot connect to a peer that requires encryption (the default). Unless the network is guaranteed secure, require encryption.`,
        fixes: [{ title: 'Use ENCRYPTION = REQUIRED ALGORITHM AES', edits: [{ start: enc.mode.span.start, end, newText: 'REQUIRED ALGORITHM AES' }], isPreferred: true }],
      });
    }
  },
};

export const endpointEncryptionSupported: Rule = {
  id: 'endpoint-encryption-supported',
  defaultSeverity: 'info',
  summary: 'ENCRYPTION = SUPPORTED: clear text with a peer that has encryption disabled.',
  seed: '000',
  securitySeverity: 4.0,
  check({ document, report }) {
    for (const s of endpointStatements(document)) {
      const enc = s.encryption;
      if (!enc || enc.mode.value !== 'SUPPORTED') continue;
      const newText = enc.algorithm ? 'REQUIRED' : 'REQUIRED ALGORITHM AES';
      report({
        span: enc.mode.span,
        message: `${endpointLabel(s)} has ENCRYPTION = SUPPORTED: data is encrypted only if the peer supports or requires encryption; with a peer that has it DISABLED, data travels in clear text.`,
        fixes: [{ title: `Use ENCRYPTION = ${newText}`, edits: [{ start: enc.mode.span.start, end: enc.mode.span.end, newText }], isPreferred: true }],
      });
    }
  },
};
