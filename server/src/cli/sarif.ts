/**
 * SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, SARIF viewers). One run; rules in registry order so
 * `ruleIndex` is stable; locations relative to %SRCROOT% (the scan root); UTF-16 columns like the rest of the tool.
 * No region snippets: source text could carry a secret, and consumers read the file anyway.
 */
import { pathToFileURL } from 'node:url';
import type { Severity, Span } from '../core/types';
import { RULES } from '../rules';
import type { Rule } from '../rules/rule';
import { DOCS_BASE, TOOL_NAME, TOOL_VERSION } from '../version';
import { FINGERPRINT_VERSION } from './fingerprint';
import type { Reported } from './output';
import type { ScannedFile } from './scan';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
/** The repository: DOCS_BASE is `<repository>/blob/<branch>/docs/rules/`. */
export const INFORMATION_URI = DOCS_BASE.replace(/\/blob\/.*$/, '');

type Level = 'error' | 'warning' | 'note';

interface Region {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

interface ArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}

export function levelOf(severity: Severity): Level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

export function pascalCase(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** Coarse areas for code scanning's tag filter, from the rule id's first word. */
function areaOf(id: string): string {
  const word = id.split('-')[0];
  switch (word) {
    case 'endpoint':
      return 'endpoint';
    case 'certificate':
      return 'certificate';
    case 'dialog':
    case 'binding':
      return 'service-broker';
    case 'connection':
    case 'spn':
      return 'connection-string';
    case 'hardcoded':
      return 'secrets';
    default:
      return word;
  }
}

function ruleDescriptor(rule: Rule): object {
  const helpUri = `${DOCS_BASE}${rule.id}.md`;
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.summary },
    fullDescription: { text: `${rule.summary} Default severity: ${rule.defaultSeverity}. The documentation shows flagged and secure examples.` },
    helpUri,
    help: {
      text: `${rule.summary} Documentation: ${helpUri}`,
      markdown: `**${rule.id}**: ${rule.summary}\n\n[Documentation, flagged and secure examples](${helpUri})`,
    },
    defaultConfiguration: { level: levelOf(rule.defaultSeverity) },
    properties: {
      tags: ['security', 'sql-server', areaOf(rule.id)],
      'security-severity': rule.securitySeverity.toFixed(1),
      precision: 'high',
    },
  };
}

/** A URI reference relative to %SRCROOT% (each path segment percent-encoded), or an absolute file URL outside it. */
export function artifactLocationOf(file: ScannedFile): ArtifactLocation {
  if (!file.insideRoot) return { uri: pathToFileURL(file.absolute).href };
  return { uri: file.rootPath.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function regionOf(file: ScannedFile, span: Span): Region {
  const start = file.lines.positionAt(span.start);
  const end = file.lines.positionAt(span.end);
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/** The file URL of a folder, with the trailing slash SARIF requires of a base URI. */
export function folderUrl(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** A fix whose inserted text would repeat a literal secret of the file stays out of the log (defence in depth). */
function repeatsSecret(file: ScannedFile, text: string): boolean {
  for (const secret of secretValues(file)) {
    if (secret.length > text.length) break;
    if (text.includes(secret)) return true;
  }
  return false;
}

const secretValueCache = new WeakMap<ScannedFile, string[]>();

/**
 * The file's distinct secret values, shortest first: computed once per file, not once per fix edit (which was
 * quadratic: 8,000 fixes next to 4,000 secrets took 9 s), and a fix's short text is only compared with shorter ones.
 */
function secretValues(file: ScannedFile): string[] {
  let values = secretValueCache.get(file);
  if (!values) {
    const unique = new Set(file.secrets.map((s) => file.text.slice(s.start, s.end).replace(/^(N?')(.*)'$|^"(.*)"$/s, '$2$3')).filter((v) => v.length > 0));
    secretValueCache.set(file, (values = [...unique].sort((a, b) => a.length - b.length)));
  }
  return values;
}

function resultOf(r: Reported, byUri: ReadonlyMap<string, ScannedFile>, ruleIndex: ReadonlyMap<string, number>, baselineUsed: boolean): object {
  const { source: file, finding } = r;
  const artifactLocation = artifactLocationOf(file);
  const related = (finding.related ?? []).flatMap((rel) => {
    const target = byUri.get(rel.uri);
    return target ? [{ target, rel }] : [];
  });
  const fixes = (finding.fixes ?? []).filter((fix) => !fix.edits.some((e) => repeatsSecret(file, e.newText)));
  return {
    ruleId: finding.rule,
    ruleIndex: ruleIndex.get(finding.rule) ?? -1,
    level: levelOf(finding.severity),
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation, region: regionOf(file, finding.span) } }],
    partialFingerprints: { [FINGERPRINT_VERSION]: r.fingerprint },
    ...(baselineUsed ? { baselineState: 'new' } : {}),
    ...(r.suppressed ? { suppressions: [{ kind: 'inSource' }] } : {}),
    ...(related.length > 0
      ? {
          relatedLocations: related.map(({ target, rel }, i) => ({
            id: i + 1,
            physicalLocation: { artifactLocation: artifactLocationOf(target), region: regionOf(target, rel.span) },
            message: { text: rel.message },
          })),
        }
      : {}),
    ...(fixes.length > 0
      ? {
          fixes: fixes.map((fix) => ({
            description: { text: fix.title },
            artifactChanges: [
              {
                artifactLocation,
                replacements: fix.edits.map((e) => ({
                  deletedRegion: regionOf(file, e),
                  ...(e.newText === '' ? {} : { insertedContent: { text: e.newText } }),
                })),
              },
            ],
          })),
        }
      : {}),
  };
}

export interface SarifOptions {
  /** the scan root, %SRCROOT% */
  readonly root: string;
  /** the files the findings and their related locations point into */
  readonly files: readonly ScannedFile[];
  /** results are the findings a baseline did not know: marked baselineState "new" */
  readonly baselineUsed?: boolean;
}

export function toSarif(reported: readonly Reported[], options: SarifOptions): object {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const byUri = new Map(options.files.map((f) => [f.uri, f]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            semanticVersion: TOOL_VERSION,
            informationUri: INFORMATION_URI,
            rules: RULES.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: folderUrl(options.root) } },
        columnKind: 'utf16CodeUnits',
        results: reported.map((r) => resultOf(r, byUri, ruleIndex, options.baselineUsed ?? false)),
      },
    ],
  };
}

export function formatSarif(reported: readonly Reported[], options: SarifOptions): string {
  return JSON.stringify(toSarif(reported, options), null, 2);
}
