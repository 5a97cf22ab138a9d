/** The rule registry: every rule the analysis runs, in documentation order. */
import { endpointKerberosOnly, endpointNtlmAuthentication } from './endpoint-authentication';
import { endpointDuplicateMirroring } from './endpoint-duplicate-mirroring';
import { endpointEncryptionDisabled, endpointEncryptionSupported } from './endpoint-encryption';
import { endpointImplicitAlgorithm } from './endpoint-implicit-algorithm';
import { endpointIncompatiblePeers } from './endpoint-incompatible-peers';
import { endpointRc4Algorithm } from './endpoint-rc4-algorithm';
import { endpointSyntax } from './endpoint-syntax';
import type { Rule } from './rule';

export const RULES: readonly Rule[] = [
  endpointSyntax,
  endpointRc4Algorithm,
  endpointImplicitAlgorithm,
  endpointEncryptionDisabled,
  endpointEncryptionSupported,
  endpointNtlmAuthentication,
  endpointKerberosOnly,
  endpointIncompatiblePeers,
  endpointDuplicateMirroring,
];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
