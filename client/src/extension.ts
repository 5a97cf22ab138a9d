/**
 * The VS Code client: starts the language server, chooses which documents it sees, watches the files the workspace
 * scan covers, shows a language status item and offers the restart and report commands. The only code that imports
 * 'vscode'.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ReportRequest, StatusNotification, type ReportResult, type StatusParams } from '../../server/src/lsp/protocol';
import { CODE_CACHE_DIR_ENV, SERVER_EXEC_ARGV } from '../../server/src/lsp/launch';

const SECTION = 'sqlTransportGuard';
export const DEFAULT_LANGUAGES = [
  'sql', 'markdown', 'java', 'kotlin', 'scala', 'groovy', 'properties', 'yaml', 'json', 'jsonc', 'xml', 'csharp', 'python',
  'javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'go', 'php', 'dotenv', 'plaintext',
];
/** The files the workspace scan reads: changes to them on disk are sent to the server. */
const WATCHED = '**/{*.sql,*.md,*.java,*.kt,*.kts,*.scala,*.groovy,*.properties,*.yml,*.yaml,*.json,*.xml,*.config,*.cs,*.py,*.js,*.mjs,*.cjs,*.ts,*.tsx,*.jsx,*.go,*.php,*.env,.env,.env.*,*.ini,*.toml}';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let status: vscode.LanguageStatusItem | undefined;

function languages(): string[] {
  const configured = vscode.workspace.getConfiguration(SECTION).get<unknown>('languages');
  return Array.isArray(configured) && configured.every((l) => typeof l === 'string') ? configured : DEFAULT_LANGUAGES;
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  // the server keeps V8's code cache of its bundle in this extension's own storage (a per-user folder)
  const env = { ...process.env, [CODE_CACHE_DIR_ENV]: path.join(context.globalStorageUri.fsPath, 'code-cache') };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env, execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module, transport: TransportKind.ipc, options: { env, execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] } },
  };
  const documentSelector = languages().flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    synchronize: {
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/.sqlguard.json'), vscode.workspace.createFileSystemWatcher(WATCHED)],
    },
  };
  // The client id makes `sqlTransportGuard.trace.server` control protocol tracing.
  const c = new LanguageClient(SECTION, 'SQL Transport Guard', serverOptions, clientOptions);
  c.onNotification(StatusNotification, (p: StatusParams) => showStatus(p));
  return c;
}

function showStatus(p: StatusParams): void {
  if (!status) return;
  status.busy = p.scanning;
  status.text = `$(shield) ${p.rules} rules · ${p.files} files`;
  const drivers = Object.entries(p.drivers).map(([d, v]) => `${d} ${v}`).join(', ');
  status.detail = `SQL Server ${p.sqlServerVersion}${drivers ? ` · drivers: ${drivers}` : ''}${p.skipped > 0 ? ` · ${p.skipped} files skipped` : ''}`;
}

async function showReport(): Promise<void> {
  if (!client) return;
  const result = await client.sendRequest<ReportResult>(ReportRequest, {});
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
  await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('SQL Transport Guard', { log: true });
  status = vscode.languages.createLanguageStatusItem('sqlTransportGuard.status', languages());
  status.name = 'SQL Transport Guard';
  status.text = '$(shield) SQL Transport Guard';
  status.command = { title: 'Report', command: `${SECTION}.showReport` };
  context.subscriptions.push(output, status);
  client = createClient(context);

  context.subscriptions.push(
    vscode.commands.registerCommand(`${SECTION}.restartServer`, async () => {
      output?.appendLine('Restarting the SQL Transport Guard server…');
      await client?.restart();
    }),
    vscode.commands.registerCommand(`${SECTION}.showReport`, showReport),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // The document selector is fixed when a client starts: a new language list needs a new client.
      if (!e.affectsConfiguration(`${SECTION}.languages`)) return;
      await client?.stop();
      client = createClient(context);
      await client.start();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
