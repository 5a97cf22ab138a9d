/**
 * endpoint-message-forwarding — a Service Broker endpoint with MESSAGE_FORWARDING = ENABLED forwards messages for other
 * instances. Forwarders cannot read dialog-secured messages, but they see the transport traffic and its metadata.
 */
import type { Rule } from './rule';
import { endpointLabel, endpointStatements } from './endpoint-helpers';

export const endpointMessageForwarding: Rule = {
  id: 'endpoint-message-forwarding',
  defaultSeverity: 'info',
  summary: 'MESSAGE_FORWARDING = ENABLED: this instance relays other instances’ Service Broker traffic.',
  seed: '004',
  securitySeverity: 2.0,
  check({ document, report }) {
    for (const s of endpointStatements(document)) {
      if (s.messageForwarding?.value !== 'ENABLED') continue;
      report({
        span: s.messageForwarding.optionSpan,
        message: `${endpointLabel(s)} forwards Service Broker messages for other instances: dialogs that use dialog security stay unreadable to it (only the two endpoints of a conversation hold the keys), but dialogs with ENCRYPTION = OFF are readable here, and all forwarded traffic uses this instance's transport security and the space set aside for forwarding (MESSAGE_FORWARD_SIZE).`,
      });
    }
  },
};
