/**
 * A minimal LSP client for protocol tests: starts the bundled server as a real process over stdio and speaks
 * JSON-RPC to it, as vscode-languageclient does. Waits on notifications, never on fixed sleeps.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { CODE_CACHE_DIR_ENV, SERVER_EXEC_ARGV } from '../../server/src/lsp/launch';

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    severity?: number;
    code?: string | number;
    source?: string;
    message: string;
    relatedInformation?: { location: { uri: string }; message: string }[];
  }[];
}

type Waiter = { predicate: (d: PublishedDiagnostics) => boolean; resolve: (d: PublishedDiagnostics) => void };

export class LspTestClient {
  readonly process: ChildProcessWithoutNullStreams;
  readonly connection: MessageConnection;
  readonly published = new Map<string, PublishedDiagnostics>();
  readonly logs: string[] = [];
  stderr = '';
  private waiters: Waiter[] = [];
  /** each returns true once it has seen its message */
  private logWaiters: ((message: string) => boolean)[] = [];

  /** `codeCacheDir`: where the server keeps V8's code cache, as the extension's global storage (unset: no cache). */
  constructor(settings: Record<string, unknown> = {}, cwd = process.cwd(), options: { codeCacheDir?: string } = {}) {
    // started as the VS Code client starts it (lsp/launch.ts), over stdio instead of IPC
    const env = { ...process.env };
    delete env[CODE_CACHE_DIR_ENV];
    if (options.codeCacheDir) env[CODE_CACHE_DIR_ENV] = options.codeCacheDir;
    this.process = spawn(process.execPath, [...SERVER_EXEC_ARGV, resolve('dist/server.js'), '--stdio'], { cwd, env, stdio: 'pipe' });
    this.process.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.logWaiters = this.logWaiters.filter((w) => !w(p.message));
    });
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.published.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => {
        if (!w.predicate(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    this.connection.listen();
  }

  async initialize(rootUri: string | null = null): Promise<Record<string, unknown>> {
    const result = await this.connection.sendRequest<Record<string, unknown>>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { hover: { contentFormat: ['markdown'] }, codeAction: { isPreferredSupport: true }, publishDiagnostics: { relatedInformation: true } },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `predicate` (or the current ones, if they already do). */
  diagnostics(uri: string, predicate: (d: PublishedDiagnostics) => boolean = () => true, timeoutMs = 15000): Promise<PublishedDiagnostics> {
    const current = this.published.get(uri);
    if (current && predicate(current)) return Promise.resolve(current);
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.published.get(uri))}; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({
        predicate: (d) => d.uri === uri && predicate(d),
        resolve: (d) => {
          clearTimeout(timer);
          resolvePromise(d);
        },
      });
    });
  }

  /** Resolves with the first log message (window/logMessage), past or future, that satisfies `predicate`. */
  log(predicate: (message: string) => boolean, timeoutMs = 15000): Promise<string> {
    const seen = this.logs.find(predicate);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching log message within ${timeoutMs} ms; logs: ${this.logs.join(' | ')}; stderr: ${this.stderr}`)), timeoutMs);
      this.logWaiters.push((message) => {
        if (!predicate(message)) return false;
        clearTimeout(timer);
        resolvePromise(message);
        return true;
      });
    });
  }

  open(uri: string, text: string, languageId = 'sql', version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Ends the session politely and resolves with the server's exit code. */
  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((r) => this.process.once('exit', (code) => r(code)));
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}
