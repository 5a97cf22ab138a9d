/**
 * connection-encrypt-disabled — encryption off in a connection string or driver API (`encrypt=false`, `no`,
 * `optional`; `setEncrypt(false)`), or left to a driver version whose default is off. With the Microsoft drivers
 * only the login packet is then protected, by an unvalidated certificate; the data travels in clear unless the server
 * forces encryption (seed 002, first row of the behaviour table).
 */
import { effective, connectionSpan, replaceValue } from '../connection-strings/model';
import { replaceDecoded } from '../connection-strings/decoded';
import type { Rule } from './rule';
import { connections, findingSpan, pair, versionLabel } from './connection-helpers';

export const connectionEncryptDisabled: Rule = {
  id: 'connection-encrypt-disabled',
  defaultSeverity: 'warning',
  summary: 'Encryption is off in a connection string or driver option: data travels in clear text.',
  seed: '002',
  securitySeverity: 7.5,
  check(ctx) {
    for (const { connection: c, driver, version } of connections(ctx)) {
      const enc = effective(c, 'encrypt');
      const mode = enc ? driver.encryptMode(enc.value) : undefined;
      const explicitGo = c.driver === 'go-mssqldb' && !!enc;
      const consequence =
        mode === 'none'
          ? `${driver.label} then uses no TLS at all: the login — password included — and all data travel in clear text, and a server that requires encryption refuses the connection`
          : explicitGo
            ? 'go-mssqldb encrypts only the login packet (it does validate the certificate, since encrypt is stated) and all data travels in clear text — unless the server forces encryption'
            : 'the driver does not ask for TLS: only the login packet is encrypted, with a certificate that is not validated, and all data travels in clear text — unless the server forces encryption (then the session is encrypted; current drivers validate the certificate in that case, older ones did not)';
      if (enc) {
        if (mode !== 'off' && mode !== 'none') continue;
        if (c.driver === 'php' && /^strict$/i.test(enc.value.trim())) continue; // connection-strict-downgraded says it
        ctx.report({
          span: findingSpan(c, enc),
          message: `${enc.name}=${enc.value}: ${consequence}. Use encrypt=true (or strict, with TDS 8).`,
          fixes: [
            // a C# SqlConnectionEncryptOption value takes an enum name, not a boolean
            { title: 'Use encrypt=true', edits: replaceValue(enc, enc.literal && /^optional$/i.test(enc.value) ? 'Mandatory' : 'true'), isPreferred: true },
            ...(enc.literal ? [] : [{ title: 'Use encrypt=strict (TDS 8: TLS first, certificate always validated)', edits: replaceValue(enc, 'strict') }]),
          ],
        });
      } else if (c.origin === 'string' && driver.defaultEncrypt(version) === 'off') {
        const at = c.appendAt ?? c.range.end;
        ctx.report({
          span: connectionSpan(c),
          message: `No encrypt property, and ${driver.label} ${versionLabel(version)}${c.driverVersion ? '' : ' (the assumed version: drivers in .sqlguard.json)'} does not encrypt by default: ${consequence}. State encrypt=true${c.driver === 'go-mssqldb' ? '' : ` (the default from ${driver.encryptDefaultSince})`}.`,
          fixes: [{ title: 'Add encrypt=true', edits: replaceDecoded(c.carrier, at, at, pair(c, 'encrypt', 'true')), isPreferred: true }],
        });
      }
    }
  },
};
