/**
 * The VS Code client: starts the language server, chooses which documents it sees, and offers the restart command.
 * The only code that imports 'vscode'.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

const SECTION = 'sqlTransportGuard';
export const DEFAULT_LANGUAGES = [
  'sql', 'markdown', 'java', 'kotlin', 'scala', 'groovy', 'properties', 'yaml', 'json', 'jsonc', 'xml', 'csharp', 'python',
  'javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'go', 'php', 'dotenv', 'plaintext',
];

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

function languages(): string[] {
  const configured = vscode.workspace.getConfiguration(SECTION).get<unknown>('languages');
  return Array.isArray(configured) && configured.every((l) => typeof l === 'string') ? configured : DEFAULT_LANGUAGES;
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const documentSelector = languages().flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.sqlguard.json') },
  };
  // The client id makes `sqlTransportGuard.trace.server` control protocol tracing.
  return new LanguageClient(SECTION, 'SQL Transport Guard', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('SQL Transport Guard', { log: true });
  context.subscriptions.push(output);
  client = createClient(context);

  context.subscriptions.push(
    vscode.commands.registerCommand(`${SECTION}.restartServer`, async () => {
      output?.appendLine('Restarting the SQL Transport Guard server…');
      await client?.restart();
    }),
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
