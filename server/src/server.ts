/**
 * The language server: LSP glue only. Documents in, diagnostics / hovers / code actions out; the analysis itself lives
 * in the pure core behind AnalysisService. Runs over stdio (`node dist/server.js --stdio`), IPC or sockets.
 */
import { getHeapStatistics } from 'node:v8';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DiagnosticSeverity,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toCodeAction, toCompletionItem, toDiagnostic, toDocumentSymbol, toFixAll, toLocation, toSpan, DIAGNOSTIC_SOURCE } from './lsp/convert';
import type { EditorSettings } from './lsp/settings';
import { ReportRequest, StatusNotification, type ReportResult, type StatusParams } from './lsp/protocol';
import type { AnalysisService } from './service/service';
import type { LineIndex } from './core/positions';
import { TOOL_VERSION } from './version';
import { currentCodeCache } from './boot/code-cache';
import { IdleCompactor } from './lsp/heap-compaction';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.sqlTransportGuard`;

/**
 * The analysis core (rules, knowledge tables, parsers, settings validation) is loaded on first use: answering
 * `initialize` does not need it, and evaluating it made start-up slower. esbuild keeps a module that is only
 * require()d in a lazily initialised wrapper.
 */
function core(): {
  readonly service: AnalysisService;
  readonly rules: typeof import('./rules');
  readonly settings: typeof import('./lsp/settings');
  readonly scan: typeof import('./lsp/workspace-scan');
  readonly documents: typeof import('./service/documents');
} {
  if (!loaded) {
    const { AnalysisService } = require('./service/service') as typeof import('./service/service');
    loaded = {
      service: new AnalysisService({
        reportUnusedSuppressions: true,
        onRuleError: (rule, uri, error) => connection.console.error(`rule ${rule} failed on ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
      }),
      rules: require('./rules') as typeof import('./rules'),
      settings: require('./lsp/settings') as typeof import('./lsp/settings'),
      scan: require('./lsp/workspace-scan') as typeof import('./lsp/workspace-scan'),
      documents: require('./service/documents') as typeof import('./service/documents'),
    };
  }
  return loaded;
}
let loaded: ReturnType<typeof core> | undefined;

const service = (): AnalysisService => core().service;
const folderOf = (uri: string): string => core().documents.folderOf(uri);

let canPullConfiguration = false;
let canReportProgress = false;
/** documents read from disk by the workspace scan (not open in the editor) */
const scanned = new Set<string>();
let scanSkipped = 0;
let scanning = false;
let scanGeneration = 0;
let workspaceFolder: string | undefined;
let settings: EditorSettings | undefined;
let settingsLoading: Promise<void> | undefined;
const reportedProblems = new Set<string>();

/** A handler slower than this is named in the output channel: a user (or a failed e2e run) can then tell a slow server from a request that never came. */
const SLOW_HANDLER_MS = 1000;

function runSafe<T>(name: string, token: CancellationToken | undefined, fallback: T, fn: () => T): T {
  if (token?.isCancellationRequested) return fallback;
  const started = performance.now();
  try {
    return fn();
  } catch (error) {
    connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  } finally {
    const took = performance.now() - started;
    if (took > SLOW_HANDLER_MS) connection.console.warn(`${name} took ${Math.round(took)} ms`);
  }
}

async function loadSettings(): Promise<void> {
  const file = core().settings.readWorkspaceConfig(workspaceFolder);
  let section: unknown = {};
  if (canPullConfiguration) {
    try {
      section = await connection.workspace.getConfiguration({ section: 'sqlTransportGuard', scopeUri: workspaceFolder });
    } catch (error) {
      connection.console.warn(`could not read settings: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  let filesExclude: string[] = [];
  if (canPullConfiguration) {
    try {
      const files = (await connection.workspace.getConfiguration({ section: 'files', scopeUri: workspaceFolder })) as { exclude?: Record<string, unknown> } | null;
      filesExclude = Object.entries(files?.exclude ?? {}).filter(([, on]) => on === true).map(([glob]) => glob);
    } catch {
      // older clients: no files.exclude, the config's excludes still apply
    }
  }
  settings = core().settings.mergeSettings(file.config, section, filesExclude);
  service().setConfig(settings.config);
  for (const problem of [...file.problems, ...settings.problems]) {
    if (reportedProblems.has(problem)) continue;
    reportedProblems.add(problem);
    connection.console.warn(problem);
  }
}

function ensureSettings(): Promise<void> {
  settingsLoading ??= loadSettings();
  return settingsLoading;
}

const pending = new Set<string>();
let flushScheduled = false;

/** Coalesces validation requests made in the same turn (e.g. a change that affects the peers in its folder). */
function schedule(uri: string): void {
  pending.add(uri);
  if (flushScheduled) return;
  flushScheduled = true;
  void ensureSettings().then(() =>
    setImmediate(() => {
      flushScheduled = false;
      const uris = [...pending];
      pending.clear();
      for (const u of uris) {
        runSafe(`validate ${u}`, undefined, undefined, () => validate(u));
        // right away, not after the whole round: what a round of hundreds of documents kept alive ended up in V8's
        // old generation as garbage (RSS)
        runSafe('release', undefined, undefined, () => service().releaseUnedited([u]));
      }
      // peers' line indexes (for related locations) once a round: they would be rebuilt for each of their peers
      runSafe('release', undefined, undefined, () => {
        const related = [...convertedRelated];
        convertedRelated.clear();
        service().releaseUnedited(related);
      });
      sendStatus();
      saveCodeCache();
      compactor.activity();
    }),
  );
}

/**
 * Writes V8's code cache of this bundle (boot/code-cache.ts) once, after the first round of analysis: by then the
 * analysis core is compiled too, so the next start skips that as well. At shutdown when no round ran.
 */
let codeCacheSaved = false;
function saveCodeCache(): void {
  if (codeCacheSaved) return;
  codeCacheSaved = true;
  const cache = currentCodeCache();
  if (cache && cache.status !== 'off') connection.console.log(cache.save());
}

const compactor = new IdleCompactor({
  gc: (globalThis as { gc?: () => void }).gc,
  heapBytes: () => getHeapStatistics().total_heap_size,
  now: () => performance.now(),
  setTimer: (fn, ms) => {
    const timer = setTimeout(fn, ms).unref();
    return { cancel: () => clearTimeout(timer) };
  },
  log: (message) => connection.console.log(message),
});

/** Documents whose line index converted related information since the last release (see schedule). */
const convertedRelated = new Set<string>();

function relatedIndex(uri: string): LineIndex | undefined {
  convertedRelated.add(uri);
  return service().workspace.get(uri)?.lineIndex;
}

function validate(uri: string): void {
  const document = documents.get(uri);
  if (!document) {
    if (!scanned.has(uri)) return;
    const doc = service().workspace.get(uri);
    if (!doc) return;
    const diagnostics = settings && !settings.enable ? [] : service().analyze(uri).map((f) => toDiagnostic(doc.lineIndex, f, relatedIndex));
    void connection.sendDiagnostics({ uri, diagnostics });
    return;
  }
  if (settings && !settings.enable) {
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    return;
  }
  const limit = service().getConfig().maxFileSize;
  const text = document.getText();
  if (text.length > limit) {
    service().remove(uri);
    const notice: Diagnostic = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: DIAGNOSTIC_SOURCE,
      message: `SQL Transport Guard skipped this file: ${text.length} characters is over the ${limit} limit (sqlTransportGuard.maxFileSize).`,
    };
    void connection.sendDiagnostics({ uri, version: document.version, diagnostics: [notice] });
    return;
  }
  const doc = service().workspace.get(uri);
  const findings = service().analyze(uri);
  if (!doc) return;
  const diagnostics = findings.map((f) => toDiagnostic(doc.lineIndex, f, relatedIndex));
  void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
}

/** Reads every relevant file of the workspace that is not open, then re-checks everything. */
async function runWorkspaceScan(): Promise<void> {
  await ensureSettings();
  if (!workspaceFolder || !settings?.enable || !settings.scan.enable) return;
  const generation = ++scanGeneration;
  scanning = true;
  const progress = canReportProgress ? await connection.window.createWorkDoneProgress() : undefined;
  progress?.begin('SQL Transport Guard', undefined, 'Scanning the workspace…');
  try {
    const config = service().getConfig();
    const result = core().scan.scanWorkspace(workspaceFolder, {
      include: config.include,
      exclude: [...config.exclude, ...settings.scan.exclude],
      maxFileSize: config.maxFileSize,
      maxFiles: settings.scan.maxFiles,
    });
    if (generation !== scanGeneration) return; // a newer scan started
    for (const f of result.files) {
      if (documents.get(f.uri)) continue;
      service().update({ uri: f.uri, text: f.text });
      scanned.add(f.uri);
    }
    scanSkipped = result.skipped;
    if (result.truncated) connection.console.warn(`Workspace scan stopped at ${settings.scan.maxFiles} files (sqlTransportGuard.workspaceScan.maxFiles).`);
  } catch (error) {
    connection.console.error(`workspace scan failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    scanning = false;
    progress?.done();
  }
  for (const uri of scanned) schedule(uri);
  for (const d of documents.all()) schedule(d.uri);
}

function sendStatus(): void {
  const config = service().getConfig();
  const params: StatusParams = {
    files: service().workspace.uris().length,
    openFiles: documents.all().length,
    rules: core().rules.RULES.filter((r) => config.rules[r.id] !== 'off').length,
    sqlServerVersion: config.sqlServerVersion,
    drivers: config.drivers,
    scanning,
    skipped: scanSkipped,
  };
  void connection.sendNotification(StatusNotification, params);
}

function syncAndSchedule(document: TextDocument): void {
  const before = service().workspace.crossGeneration;
  service().update({ uri: document.uri, languageId: document.languageId, text: document.getText(), version: document.version });
  schedule(document.uri);
  // Cross-file rules (peer endpoints, certificates in other scripts) make other documents' diagnostics depend on this
  // one — but only when it changed something they look at.
  if (service().workspace.crossGeneration === before) return;
  const folder = folderOf(document.uri);
  for (const u of service().workspace.uris()) if (folderOf(u) === folder && (documents.get(u) || scanned.has(u))) schedule(u);
}

connection.onInitialize((params) => {
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  canReportProgress = !!params.capabilities.window?.workDoneProgress;
  workspaceFolder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      completionProvider: { triggerCharacters: [' ', '=', ';', '(', ','] },
      documentSymbolProvider: true,
      definitionProvider: true,
      referencesProvider: true,
    },
    serverInfo: { name: 'SQL Transport Guard', version: TOOL_VERSION },
  };
});

connection.onInitialized(() => {
  if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  void ensureSettings().then(() => runWorkspaceScan());
});

connection.onShutdown(() => saveCodeCache());

connection.onDidChangeConfiguration(() => {
  settingsLoading = loadSettings();
  void runWorkspaceScan();
  for (const d of documents.all()) schedule(d.uri);
});

connection.onDidChangeWatchedFiles((params) =>
  runSafe('didChangeWatchedFiles', undefined, undefined, () => {
    let configChanged = false;
    for (const change of params.changes) {
      if (change.uri.endsWith('/.sqlguard.json')) {
        configChanged = true;
        continue;
      }
      if (documents.get(change.uri)) continue; // the editor's copy wins while it is open
      const text = change.type === FileChangeType.Deleted ? undefined : core().scan.readForAnalysis(change.uri, service().getConfig().maxFileSize);
      if (text === undefined) {
        if (scanned.delete(change.uri)) void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
        service().remove(change.uri);
      } else if (settings?.scan.enable !== false) {
        service().update({ uri: change.uri, text });
        scanned.add(change.uri);
      }
      const folder = folderOf(change.uri);
      for (const u of service().workspace.uris()) if (folderOf(u) === folder) schedule(u);
    }
    if (configChanged) {
      settingsLoading = loadSettings();
      void runWorkspaceScan();
    }
  }),
);

documents.onDidChangeContent((e) => runSafe('didChange', undefined, undefined, () => syncAndSchedule(e.document)));

documents.onDidClose((e) =>
  runSafe('didClose', undefined, undefined, () => {
    const uri = e.document.uri;
    // a closed file that is part of the workspace scan goes back to its saved content; others leave the model
    const onDisk = settings?.scan.enable !== false && workspaceFolder && uri.startsWith(workspaceFolder) ? core().scan.readForAnalysis(uri, service().getConfig().maxFileSize) : undefined;
    if (onDisk !== undefined) {
      service().update({ uri, text: onDisk });
      scanned.add(uri);
      schedule(uri);
    } else {
      scanned.delete(uri);
      service().remove(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    const folder = folderOf(uri);
    for (const u of service().workspace.uris()) if (folderOf(u) === folder) schedule(u);
  }),
);

connection.onRequest(ReportRequest, (_params: unknown, token: CancellationToken) =>
  runSafe<ReportResult>('report', token, { markdown: '' }, () => ({ markdown: service().report(workspaceFolder) })),
);

connection.onHover((params, token) =>
  runSafe('hover', token, null, () => {
    const doc = service().workspace.get(params.textDocument.uri);
    if (!doc || (settings && !settings.enable)) return null;
    const hover = service().hover(doc.uri, doc.lineIndex.offsetAt(params.position));
    if (!hover) return null;
    return {
      contents: { kind: 'markdown' as const, value: hover.markdown },
      range: { start: doc.lineIndex.positionAt(hover.span.start), end: doc.lineIndex.positionAt(hover.span.end) },
    };
  }),
);

connection.onCodeAction((params, token) =>
  runSafe('codeAction', token, [], () => {
    const uri = params.textDocument.uri;
    const doc = service().workspace.get(uri);
    if (!doc || (settings && !settings.enable)) return [];
    const only = params.context.only;
    const wants = (kind: string): boolean => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const actions = [];
    if (wants(CodeActionKind.QuickFix)) actions.push(...service().fixes(uri, toSpan(doc.lineIndex, params.range)).map((item) => toCodeAction(uri, doc.lineIndex, item, params.context.diagnostics)));
    // source actions only when asked for (the source-action menu, codeActionsOnSave), never in the lightbulb
    if (only && wants(FIX_ALL_KIND)) {
      const edits = service().fixAll(uri);
      if (edits.length > 0) actions.push(toFixAll(uri, doc.lineIndex, edits, FIX_ALL_KIND));
    }
    return actions;
  }),
);

const lineIndexOf = (uri: string) => service().workspace.get(uri)?.lineIndex;

connection.onCompletion((params, token) =>
  runSafe('completion', token, [], () => {
    const doc = service().workspace.get(params.textDocument.uri);
    if (!doc || (settings && !settings.enable)) return [];
    return service().complete(doc.uri, doc.lineIndex.offsetAt(params.position)).map(toCompletionItem);
  }),
);

connection.onDocumentSymbol((params, token) =>
  runSafe('documentSymbol', token, [], () => {
    const doc = service().workspace.get(params.textDocument.uri);
    return doc ? service().documentSymbols(doc.uri).map((s) => toDocumentSymbol(doc.lineIndex, s)) : [];
  }),
);

connection.onDefinition((params, token) =>
  runSafe('definition', token, [], () => {
    const doc = service().workspace.get(params.textDocument.uri);
    return doc ? service().definition(doc.uri, doc.lineIndex.offsetAt(params.position)).flatMap((l) => toLocation(lineIndexOf, l)) : [];
  }),
);

connection.onReferences((params, token) =>
  runSafe('references', token, [], () => {
    const doc = service().workspace.get(params.textDocument.uri);
    if (!doc) return [];
    return service().references(doc.uri, doc.lineIndex.offsetAt(params.position), params.context.includeDeclaration).flatMap((l) => toLocation(lineIndexOf, l));
  }),
);

process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error.message}`));

documents.listen(connection);
connection.listen();
