/**
 * A raw stdio LSP client for abuse and leak tests: starts the bundled dist/server.js, writes arbitrary bytes (so tests
 * can send what no well-behaved client would), frames what the server writes itself and keeps every message and every
 * byte of stdout and stderr. Waits on messages and on the process 'exit' event, never on fixed sleeps.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { SERVER_EXEC_ARGV } from '../../server/src/lsp/launch';

export interface RpcMessage {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

type Waiter = { predicate: (m: RpcMessage) => boolean; resolve: (m: RpcMessage) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

export class RawLspServer {
  readonly process: ChildProcessWithoutNullStreams;
  /** every message the server sent, in order */
  readonly received: RpcMessage[] = [];
  /** everything the server wrote to stdout, as text (headers included) */
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private pending = Buffer.alloc(0);
  private waiters: Waiter[] = [];
  private nextId = 1000;

  constructor(settings: Record<string, unknown> = {}) {
    this.process = spawn(process.execPath, [...SERVER_EXEC_ARGV, resolve('dist/server.js'), '--stdio'], { stdio: 'pipe' });
    this.exited = new Promise((done) => this.process.once('exit', (code, signal) => done({ code, signal })));
    this.process.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.process.stdout.on('data', (d: Buffer) => {
      this.stdout += d.toString();
      this.pending = Buffer.concat([this.pending, d]);
      this.drain();
    });
    // answer the server's own requests as a client does
    this.onMessage((m) => {
      if (m.method === 'workspace/configuration' && m.id !== undefined) this.send({ jsonrpc: '2.0', id: m.id, result: ((m.params as { items: unknown[] }).items ?? []).map(() => settings) });
      else if (m.method !== undefined && m.id !== undefined) this.send({ jsonrpc: '2.0', id: m.id, result: null });
    });
  }

  private listeners: ((m: RpcMessage) => void)[] = [];

  onMessage(listener: (m: RpcMessage) => void): void {
    this.listeners.push(listener);
  }

  private drain(): void {
    for (;;) {
      const headerEnd = this.pending.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.pending.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length: *(\d+)/i.exec(header)?.[1]);
      if (!Number.isFinite(length)) throw new Error(`server sent a bad header: ${header}`);
      if (this.pending.length < headerEnd + 4 + length) return;
      const body = this.pending.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.pending = this.pending.subarray(headerEnd + 4 + length);
      const message = JSON.parse(body) as RpcMessage;
      this.received.push(message);
      for (const l of this.listeners) l(message);
      this.waiters = this.waiters.filter((w) => {
        if (!w.predicate(message)) return true;
        clearTimeout(w.timer);
        w.resolve(message);
        return false;
      });
    }
  }

  /** Raw bytes, as they are. */
  write(bytes: string | Buffer): void {
    this.process.stdin.write(bytes);
  }

  /** One well-framed message. */
  send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Sends a request and returns its id (see response()). */
  request(method: string, params: unknown, id: number = this.nextId++): number {
    this.send({ jsonrpc: '2.0', id, method, params });
    return id;
  }

  /** The next message (or one already received) matching `predicate`. */
  waitFor(predicate: (m: RpcMessage) => boolean, what: string, timeoutMs = 15_000): Promise<RpcMessage> {
    const seen = this.received.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`no ${what} within ${timeoutMs} ms; stderr: ${this.stderr}; last messages: ${JSON.stringify(this.received.slice(-3))}`));
      }, timeoutMs);
      this.waiters.push({ predicate, resolve, reject, timer });
    });
  }

  response(id: number | string): Promise<RpcMessage> {
    return this.waitFor((m) => m.id === id && m.method === undefined, `response ${id}`);
  }

  async call(method: string, params: unknown): Promise<RpcMessage> {
    return this.response(this.request(method, params));
  }

  async initialize(rootUri: string | null = null): Promise<RpcMessage> {
    const r = await this.call('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
      capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] }, codeAction: { isPreferredSupport: true } } },
    });
    this.notify('initialized', {});
    return r;
  }

  /** Diagnostics for `uri` (the next ones, or already received) that satisfy `predicate`. */
  diagnostics(uri: string, predicate: (d: { version?: number; diagnostics: { message: string; code?: string }[] }) => boolean = () => true): Promise<{ version?: number; diagnostics: { message: string; code?: string; range: unknown }[] }> {
    const match = (m: RpcMessage): boolean => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri && predicate(m.params as never);
    const last = [...this.received].reverse().find((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri);
    if (last && match(last)) return Promise.resolve(last.params as never);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}; stderr: ${this.stderr}`)), 15_000);
      this.waiters.push({ predicate: match, resolve: (m) => resolve(m.params as never), reject, timer });
    });
  }

  kill(): void {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill();
  }
}
