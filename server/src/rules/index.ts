/** The rule registry: every rule the analysis runs, in documentation order. */
import { endpointKerberosOnly, endpointNtlmAuthentication } from './endpoint-authentication';
import { endpointDuplicateMirroring } from './endpoint-duplicate-mirroring';
import { endpointEncryptionDisabled, endpointEncryptionSupported } from './endpoint-encryption';
import { endpointImplicitAlgorithm } from './endpoint-implicit-algorithm';
import { endpointIncompatiblePeers } from './endpoint-incompatible-peers';
import { endpointRc4Algorithm } from './endpoint-rc4-algorithm';
import { endpointSyntax } from './endpoint-syntax';
import type { Rule } from './rule';
import { certificateNotInMaster, endpointCertificateNotFound, endpointCertificatePasswordProtected } from './endpoint-certificate';
import { certificateWithoutMasterKey } from './certificate-without-master-key';
import { certificateNoExpiry } from './certificate-no-expiry';
import { certificatePrivateKeyExport } from './certificate-private-key-export';
import { endpointConnectGrantedToPublic } from './endpoint-connect-granted-to-public';
import { endpointInboundSetupIncomplete } from './endpoint-inbound-setup-incomplete';
import { hardcodedPassword } from './hardcoded-password';
import { bindingAnonymous, bindingUserWithoutCertificate, dialogEncryptionOff, dialogMasterKeyMissing } from './dialog-security';
import { endpointMessageForwarding } from './endpoint-message-forwarding';
import { connectionEncryptDisabled } from './connection-encrypt-disabled';
import {
  connectionHostnameIgnored,
  connectionServerCertificateNeedsStrict,
  connectionStrictIgnoresTrust,
  connectionTrustServerCertificate,
  connectionTruststorePasswordWithoutTruststore,
} from './connection-certificate-validation';
import { connectionDuplicateProperty, connectionUnknownProperty } from './connection-properties';
import { connectionWeakTlsProtocol } from './connection-weak-tls-protocol';
import { connectionStrictDowngraded } from './connection-strict-downgraded';
import { spnFailoverWithoutPartner, spnInvalid, spnTooLong, spnWithoutIntegratedSecurity } from './spn';

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
  endpointCertificateNotFound,
  certificateNotInMaster,
  certificateWithoutMasterKey,
  endpointCertificatePasswordProtected,
  certificateNoExpiry,
  certificatePrivateKeyExport,
  endpointConnectGrantedToPublic,
  endpointInboundSetupIncomplete,
  hardcodedPassword,
  dialogEncryptionOff,
  dialogMasterKeyMissing,
  bindingAnonymous,
  bindingUserWithoutCertificate,
  endpointMessageForwarding,
  connectionEncryptDisabled,
  connectionTrustServerCertificate,
  connectionStrictIgnoresTrust,
  connectionHostnameIgnored,
  connectionServerCertificateNeedsStrict,
  connectionTruststorePasswordWithoutTruststore,
  connectionUnknownProperty,
  connectionDuplicateProperty,
  connectionWeakTlsProtocol,
  connectionStrictDowngraded,
  spnInvalid,
  spnTooLong,
  spnWithoutIntegratedSecurity,
  spnFailoverWithoutPartner,
];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
