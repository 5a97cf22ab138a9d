/**
 * One unit of a scan: the files of one folder (a folder is one deployment: its scripts are peers and steps of the
 * same setup), analysed together in one service and then dropped, so memory stays bounded by the largest folder
 * rather than the whole tree. The same function runs in the CLI's main thread and in worker threads; its input and
 * output are plain data (they cross a `postMessage`).
 *
 * The one link between folders: an address (`SET PARTNER = 'TCP://host:port'`, `ENDPOINT_URL`, a route) in one
 * folder names an endpoint's LISTENER_PORT in another (see Workspace.peersOf). So a unit holding an address is
 * deferred, and the scan analyses those units again together with every unit holding a listener port.
 */
import { pathToFileURL } from 'node:url';
import type { Finding, SeveritySetting, Span } from '../core/types';
import type { AnalysisConfig } from '../service/config';
import { AnalysisService } from '../service/service';
import { readSource } from './read';
import { SECRET_RULE } from './secrets';

export interface UnitFile {
  /** position in the scan's file list: results are put back in walk order whatever the order of completion */
  readonly index: number;
  readonly absolute: string;
  /** the path as messages show it */
  readonly shown: string;
}

export interface UnitRequest {
  readonly id: number;
  readonly config: AnalysisConfig;
  readonly files: readonly UnitFile[];
  /** when true, a unit holding a peer address is not analysed but answered with `deferred` */
  readonly mayDefer: boolean;
}

export interface FileOutcome {
  readonly index: number;
  readonly uri: string;
  readonly findings: readonly Finding[];
  /** literal secrets (masked wherever the CLI prints or hashes source text) */
  readonly secrets: readonly Span[];
  /** only for files the output shows: those with findings and those related locations point into */
  readonly text?: string;
}

export interface RuleFailure {
  readonly rule: string;
  readonly uri: string;
  readonly message: string;
}

export type UnitResult =
  | { readonly id: number; readonly deferred: true }
  | {
      readonly id: number;
      readonly deferred: false;
      /** some file may hold an endpoint's LISTENER_PORT, which addresses in other folders can name */
      readonly listens: boolean;
      readonly files: readonly FileOutcome[];
      /** skipped or unreadable files, by index */
      readonly skipped: readonly { readonly index: number; readonly message: string }[];
      readonly ruleFailures: readonly RuleFailure[];
    };

// Plain substring tests (no backtracking): a superset of what the parser accepts as an address or a port, so a unit
// that can link to another folder is never analysed alone.
const ADDRESS = /tcp:\/\//i;
const LISTENER_PORT = /listener_port/i;

export function analyseUnit(request: UnitRequest): UnitResult {
  const loaded: { file: UnitFile; uri: string; text: string }[] = [];
  const skipped: { index: number; message: string }[] = [];
  let listens = false;
  for (const file of request.files) {
    const read = readSource(file.absolute, file.shown, request.config.maxFileSize);
    if ('skipped' in read) skipped.push({ index: file.index, message: read.skipped });
    if (!('text' in read)) continue;
    if (request.mayDefer && ADDRESS.test(read.text)) return { id: request.id, deferred: true };
    listens ||= LISTENER_PORT.test(read.text);
    loaded.push({ file, uri: pathToFileURL(file.absolute).href, text: read.text });
  }

  const ruleFailures: RuleFailure[] = [];
  const { service, secretsHidden } = serviceFor(request.config, (rule, uri, error) => ruleFailures.push({ rule, uri, message: firstLine(error) }));
  for (const l of loaded) service.update({ uri: l.uri, text: l.text });
  const analysed = loaded.map((l) => {
    const all = service.analyzeAll(l.uri);
    return {
      ...l,
      findings: secretsHidden ? all.filter((f) => f.rule !== SECRET_RULE) : all,
      secrets: all.filter((f) => f.rule === SECRET_RULE).map((f) => f.span),
    };
  });

  const shown = new Set<string>();
  for (const a of analysed) {
    if (a.findings.length === 0) continue;
    shown.add(a.uri);
    for (const f of a.findings) for (const r of f.related ?? []) shown.add(r.uri);
  }
  const files = analysed.map(
    (a): FileOutcome => ({ index: a.file.index, uri: a.uri, findings: a.findings, secrets: a.secrets, text: shown.has(a.uri) ? a.text : undefined }),
  );
  return { id: request.id, deferred: false, listens, files, skipped, ruleFailures };
}

/**
 * The service for one unit. `hardcoded-password` always runs, even when the config turns it off, because its spans
 * are what the CLI masks in printed code lines; its findings are then dropped from the report.
 */
function serviceFor(config: AnalysisConfig, onRuleError: (rule: string, uri: string, error: unknown) => void): { service: AnalysisService; secretsHidden: boolean } {
  const secretsHidden = config.rules[SECRET_RULE] === 'off';
  const rules: Record<string, SeveritySetting> = { ...config.rules };
  if (secretsHidden) delete rules[SECRET_RULE];
  return { service: new AnalysisService({ config: { ...config, rules }, onRuleError }), secretsHidden };
}

/** Errors are reported in one line, never with a stack. */
export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
