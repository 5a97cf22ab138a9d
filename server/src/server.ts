/**
 * The language server: LSP glue only. Documents in, diagnostics / hovers / code actions out; the analysis itself lives
 * in the pure core behind AnalysisService. Runs over stdio (`node dist/server.js --stdio`), IPC or sockets.
 */
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DiagnosticSeverity,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toCodeAction, toDiagnostic, toDocumentSymbol, toLocation, toSpan, DIAGNOSTIC_SOURCE } from './lsp/convert';
import { mergeSettings, readWorkspaceConfig, type EditorSettings } from './lsp/settings';
import { folderOf } from './service/documents';
import { AnalysisService } from './service/service';
import { TOOL_VERSION } from './version';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = new AnalysisService({
  onRuleError: (rule, uri, error) => connection.console.error(`rule ${rule} failed on ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
});

let canPullConfiguration = false;
let workspaceFolder: string | undefined;
let settings: EditorSettings | undefined;
let settingsLoading: Promise<void> | undefined;
const reportedProblems = new Set<string>();

function runSafe<T>(name: string, token: CancellationToken | undefined, fallback: T, fn: () => T): T {
  if (token?.isCancellationRequested) return fallback;
  try {
    return fn();
  } catch (error) {
    connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}

async function loadSettings(): Promise<void> {
  const file = readWorkspaceConfig(workspaceFolder);
  let section: unknown = {};
  if (canPullConfiguration) {
    try {
      section = await connection.workspace.getConfiguration({ section: 'sqlTransportGuard', scopeUri: workspaceFolder });
    } catch (error) {
      connection.console.warn(`could not read settings: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  settings = mergeSettings(file.config, section);
  service.setConfig(settings.config);
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
      for (const u of uris) runSafe(`validate ${u}`, undefined, undefined, () => validate(u));
    }),
  );
}

function validate(uri: string): void {
  const document = documents.get(uri);
  if (!document) return;
  if (settings && !settings.enable) {
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    return;
  }
  const limit = service.getConfig().maxFileSize;
  const text = document.getText();
  if (text.length > limit) {
    service.remove(uri);
    const notice: Diagnostic = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: DIAGNOSTIC_SOURCE,
      message: `SQL Transport Guard skipped this file: ${text.length} characters is over the ${limit} limit (sqlTransportGuard.maxFileSize).`,
    };
    void connection.sendDiagnostics({ uri, version: document.version, diagnostics: [notice] });
    return;
  }
  const doc = service.workspace.get(uri);
  const findings = service.analyze(uri);
  if (!doc) return;
  const diagnostics = findings.map((f) => toDiagnostic(doc.lineIndex, f, (other) => service.workspace.get(other)?.lineIndex));
  void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
}

function syncAndSchedule(document: TextDocument): void {
  service.update({ uri: document.uri, languageId: document.languageId, text: document.getText(), version: document.version });
  // Cross-file rules (peer endpoints) make neighbours' diagnostics depend on this document.
  const folder = folderOf(document.uri);
  for (const d of documents.all()) if (d.uri === document.uri || folderOf(d.uri) === folder) schedule(d.uri);
}

connection.onInitialize((params) => {
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  workspaceFolder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      documentSymbolProvider: true,
      definitionProvider: true,
      referencesProvider: true,
    },
    serverInfo: { name: 'SQL Transport Guard', version: TOOL_VERSION },
  };
});

connection.onInitialized(() => {
  if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  void ensureSettings();
});

connection.onDidChangeConfiguration(() => {
  settingsLoading = loadSettings();
  for (const d of documents.all()) schedule(d.uri);
});

connection.onDidChangeWatchedFiles(() => {
  // Only .sqlguard.json is watched (see the client): reload it and re-check what is open.
  settingsLoading = loadSettings();
  for (const d of documents.all()) schedule(d.uri);
});

documents.onDidChangeContent((e) => runSafe('didChange', undefined, undefined, () => syncAndSchedule(e.document)));

documents.onDidClose((e) =>
  runSafe('didClose', undefined, undefined, () => {
    service.remove(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    const folder = folderOf(e.document.uri);
    for (const d of documents.all()) if (folderOf(d.uri) === folder) schedule(d.uri);
  }),
);

connection.onHover((params, token) =>
  runSafe('hover', token, null, () => {
    const doc = service.workspace.get(params.textDocument.uri);
    if (!doc || (settings && !settings.enable)) return null;
    const hover = service.hover(doc.uri, doc.lineIndex.offsetAt(params.position));
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
    const doc = service.workspace.get(uri);
    if (!doc || (settings && !settings.enable)) return [];
    const only = params.context.only;
    if (only && !only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k.startsWith(CodeActionKind.QuickFix))) return [];
    return service.fixes(uri, toSpan(doc.lineIndex, params.range)).map((item) => toCodeAction(uri, doc.lineIndex, item, params.context.diagnostics));
  }),
);

const lineIndexOf = (uri: string) => service.workspace.get(uri)?.lineIndex;

connection.onDocumentSymbol((params, token) =>
  runSafe('documentSymbol', token, [], () => {
    const doc = service.workspace.get(params.textDocument.uri);
    return doc ? service.documentSymbols(doc.uri).map((s) => toDocumentSymbol(doc.lineIndex, s)) : [];
  }),
);

connection.onDefinition((params, token) =>
  runSafe('definition', token, [], () => {
    const doc = service.workspace.get(params.textDocument.uri);
    return doc ? service.definition(doc.uri, doc.lineIndex.offsetAt(params.position)).flatMap((l) => toLocation(lineIndexOf, l)) : [];
  }),
);

connection.onReferences((params, token) =>
  runSafe('references', token, [], () => {
    const doc = service.workspace.get(params.textDocument.uri);
    if (!doc) return [];
    return service.references(doc.uri, doc.lineIndex.offsetAt(params.position), params.context.includeDeclaration).flatMap((l) => toLocation(lineIndexOf, l));
  }),
);

process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error.message}`));

documents.listen(connection);
connection.listen();
