// Helpers of the end-to-end suite: a real VS Code workbench (code-server) with the packaged VSIX installed, driven by
// Debian's Chromium through playwright-core. scripts/e2e-setup.sh installs the tools into a cache folder outside the
// repository; they are resolved from there, never from the repository's node_modules.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const E2E_HOME = process.env.E2E_HOME || join(homedir(), '.cache', 'sqlguard-e2e');
export const VSIX = resolve(REPO, process.env.SQLGUARD_VSIX || 'sql-transport-guard.vsix');
export const ARTIFACTS = join(REPO, 'test-output', 'e2e');

/** The tools scripts/e2e-setup.sh installed: playwright-core's chromium and code-server's entry point. */
export function tools() {
  const pkg = join(E2E_HOME, 'package.json');
  if (!existsSync(pkg)) throw new Error(`${E2E_HOME} has no package.json: run bash scripts/e2e-setup.sh first`);
  const require = createRequire(pkg);
  const codeServer = join(dirname(require.resolve('code-server/package.json')), 'out', 'node', 'entry.js');
  const { chromium } = require('playwright-core');
  const browserPath = process.env.CHROMIUM_PATH || execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  return { codeServer, chromium, browserPath };
}

/** A free TCP port on 127.0.0.1 (the kernel picks it; we release it just before code-server binds it). */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Resolves when `predicate()` is truthy (polled), rejects with `what` after `timeout` ms. For conditions outside the page (files on disk, process output); inside the page we wait on selectors. */
export async function until(predicate, what, timeout = 15_000, interval = 100) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

const USER_SETTINGS = {
  // A quiet workbench: no welcome page, tips, walkthroughs, recommendations or update checks between us and the editor.
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // Files save only when the test says so (Ctrl+S), so that "saved" means what a user did.
  'files.autoSave': 'off',
  // Hovers open below the line, so that the README's screenshot shows the endpoint the hover explains.
  'editor.hover.above': false,
};

/**
 * Starts code-server with a fresh user-data and extensions folder in a temp folder, the VSIX installed and a workspace
 * holding `files` ({ relative path: content }); `settings` are added to the user settings. Returns
 * { url, workspace, userData, pid, stop() }.
 */
export async function startCodeServer({ files, settings = {}, vsix = VSIX, log = () => {} }) {
  const { codeServer } = tools();
  if (!existsSync(vsix)) throw new Error(`${vsix} does not exist: run npm run package first`);
  const root = mkdtempSync(join(tmpdir(), 'sqlguard-e2e-'));
  const userData = join(root, 'user-data');
  const extensions = join(root, 'extensions');
  const workspace = join(root, 'workspace');
  const config = join(root, 'config.yaml');
  for (const d of [userData, extensions, workspace, join(userData, 'User')]) mkdirSync(d, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(workspace, rel)), { recursive: true });
    writeFileSync(join(workspace, rel), text);
  }
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  writeFileSync(config, 'auth: none\ncert: false\n');
  // code-server writes a default config and state under XDG folders on start: keep them in the temp folder too.
  const env = { ...process.env, XDG_CONFIG_HOME: join(root, 'xdg-config'), XDG_DATA_HOME: join(root, 'xdg-data'), XDG_CACHE_HOME: join(root, 'xdg-cache') };
  delete env.VSCODE_IPC_HOOK_CLI; // never talk to a VS Code this test may run inside
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];

  const install = spawnSync(process.execPath, [codeServer, ...common, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120_000 });
  log(`install-extension: ${(install.stdout + install.stderr).trim().split('\n').slice(-2).join(' | ')}`);
  if (install.status !== 0) throw new Error(`code-server --install-extension failed (${install.status}): ${install.stdout}${install.stderr}`);
  const installed = readdirSync(extensions).filter((n) => n.startsWith('sql-transport-guard.'));
  if (installed.length === 0) throw new Error(`the VSIX did not land in ${extensions}: ${readdirSync(extensions).join(', ')}`);

  const port = await freePort();
  const serverLog = join(root, 'code-server.log');
  const out = createWriteStream(serverLog);
  const child = spawn(
    process.execPath,
    [codeServer, ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', workspace],
    // detached: its own process group, so stop() ends code-server and every process it started (extension host,
    // language server, file watcher) and nothing else.
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let exited = null;
  child.stdout.on('data', (d) => { output += d; out.write(d); });
  child.stderr.on('data', (d) => { output += d; out.write(d); });
  const exitedPromise = new Promise((r) => child.on('exit', (code, signal) => { exited = { code, signal }; r(exited); }));
  const killGroup = (signal) => { try { process.kill(-child.pid, signal); } catch { /* already gone */ } };
  // Last resort if the runner dies before `after`: never leave a server behind.
  const onExit = () => killGroup('SIGKILL');
  process.on('exit', onExit);

  const stop = async () => {
    process.off('exit', onExit);
    if (exited) return;
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 5_000);
    await exitedPromise;
    clearTimeout(timer);
    killGroup('SIGKILL'); // children that ignored SIGTERM
    out.end();
  };

  try {
    await until(() => exited || /HTTP server listening on/.test(output), 'code-server to listen', 60_000);
    if (exited) throw new Error(`code-server exited (${JSON.stringify(exited)}):\n${output}`);
  } catch (e) {
    await stop();
    throw e;
  }
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  log(`code-server ${child.pid} on 127.0.0.1:${port}, workspace ${workspace}`);
  return { url, root, workspace, userData, serverLog, pid: child.pid, stop, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The extension host log of a code-server run (where the extension's activation and its errors are reported). */
export function extensionHostLogs(userData) {
  const logs = join(userData, 'logs');
  if (!existsSync(logs)) return [];
  const found = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/exthost|SQL Transport Guard/i.test(p) && e.name.endsWith('.log')) found.push(p);
    }
  };
  walk(logs);
  return found;
}

/** Copies code-server's and the extension host's logs next to the failure screenshots. */
export function saveLogs(server, prefix = '') {
  mkdirSync(ARTIFACTS, { recursive: true });
  const saved = [];
  const copy = (from, name) => {
    if (!existsSync(from) || !statSync(from).isFile()) return;
    const to = join(ARTIFACTS, `${prefix}${name}`);
    copyFileSync(from, to);
    saved.push(to);
  };
  copy(server.serverLog, 'code-server.log');
  for (const l of extensionHostLogs(server.userData)) copy(l, l.slice(join(server.userData, 'logs').length + 1).replace(/[\\/]/g, '_'));
  return saved;
}

export function readWorkspaceFile(server, rel) {
  return readFileSync(join(server.workspace, rel), 'utf8');
}

/** Launches Debian's Chromium through playwright-core (headless), with the flags of the recipe. */
export async function launchBrowser() {
  const { chromium, browserPath } = tools();
  return chromium.launch({
    executablePath: browserPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
