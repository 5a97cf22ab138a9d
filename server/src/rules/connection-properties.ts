/**
 * connection-unknown-property / connection-duplicate-property — keywords the driver does not know (the JDBC driver
 * ignores them, so a typo silently disables a setting) and keywords given twice (which one wins depends on the driver:
 * JDBC and SqlClient take the last, ODBC and OLE DB the first).
 */
import { replaceDecoded } from '../connection-strings/decoded';
import { effective, propertySpan, removeProperty } from '../connection-strings/model';
import type { Rule } from './rule';
import { connections } from './connection-helpers';

/** Edit distance with a cap (keywords are short). */
function distance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > 3) return 99;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[n];
}

export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/[\s_-]/g, '');
  const target = norm(name);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = norm(c) === target ? 0 : distance(target, norm(c));
    if (d < bestScore) {
      best = c;
      bestScore = d;
    }
  }
  const limit = target.length <= 5 ? 1 : target.length <= 10 ? 2 : 3;
  return bestScore <= limit ? best : undefined;
}

export const connectionUnknownProperty: Rule = {
  id: 'connection-unknown-property',
  defaultSeverity: 'warning',
  summary: 'A connection keyword the driver does not know — a typo silently disables the setting.',
  seed: '002',
  securitySeverity: 4.0,
  check(ctx) {
    for (const { connection: c, driver } of connections(ctx)) {
      if (c.origin !== 'string' && c.origin !== 'config') continue;
      for (const p of c.properties) {
        if (p.key || p.name === '') continue;
        const suggestion = didYouMean(p.name, driver.properties.map((x) => x.name));
        const effect = driver.unknownKeywords === 'ignored' ? `${driver.label} ignores keywords it does not know, so this setting has no effect` : `${driver.label} refuses the connection string`;
        ctx.report({
          span: propertySpan(p, 'name'),
          severity: driver.unknownKeywords === 'error' ? 'error' : undefined,
          message: `Unknown ${driver.label} property '${p.name}': ${effect}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
          fixes: suggestion && !p.nameSpan ? [{ title: `Change to '${suggestion}'`, edits: replaceDecoded(p.carrier, p.nameRange.start, p.nameRange.end, suggestion), isPreferred: true }] : undefined,
        });
      }
    }
  },
};

export const connectionDuplicateProperty: Rule = {
  id: 'connection-duplicate-property',
  defaultSeverity: 'warning',
  summary: 'A connection keyword given twice: only one counts, and which one depends on the driver.',
  seed: '002',
  securitySeverity: 3.0,
  check(ctx) {
    for (const { connection: c, driver } of connections(ctx)) {
      const seen = new Set<string>();
      for (const p of c.properties) {
        if (!p.key || seen.has(p.key)) continue;
        const all = c.properties.filter((q) => q.key === p.key);
        if (all.length < 2) continue;
        seen.add(p.key);
        const winner = effective(c, p.key)!;
        const rule = driver.duplicates === 'last' ? 'the last one wins' : 'the first one wins';
        // the value that counts is quoted, unless it is a secret: not only passwords (accessToken, keyStoreSecret…)
        for (const loser of all.filter((q) => q !== winner)) {
          const removal = removeProperty(loser);
          ctx.report({
            span: propertySpan(loser, 'pair'),
            message: `${loser.name} is given ${all.length} times and this one is ignored: for ${driver.label} ${rule} (${winner.name}=${p.key.includes('password') || driver.property(winner.name)?.secret ? '…' : winner.value}). Remove the duplicate so the string says what happens.`,
            related: [{ uri: ctx.document.uri, span: propertySpan(winner, 'pair'), message: 'the occurrence that counts' }],
            fixes: removal ? [{ title: 'Remove the ignored occurrence', edits: removal, isPreferred: true }] : undefined,
          });
        }
      }
    }
  },
};
