/**
 * Runs test/vscode/suite.ts inside a desktop VS Code that @vscode/test-electron downloads (into .vscode-test/), with
 * this repository as the extension under development and a temp workspace holding the end-to-end fixtures.
 *
 *   npm run test:vscode      (builds dist/ and out/vscode/, then runs this)
 *
 * Needs a machine that can download VS Code from Microsoft's update service, and a display (on Linux without one:
 * `xvfb-run -a npm run test:vscode`). Not part of `npm test` and not run by CI, whose machines cannot download
 * VS Code: CI runs the same flows in code-server instead (test/e2e/, `npm run test:e2e`).
 * Environment: VSCODE_VERSION (default `stable`; e.g. `1.91.0`, the oldest the manifest accepts).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  // Bundled to out/vscode/runTest.js: the repository is two folders up.
  const repo = resolve(__dirname, '..', '..');
  const root = mkdtempSync(join(tmpdir(), 'sqlguard-vscode-'));
  const workspace = join(root, 'workspace');
  // One folder per deployment, as in test/e2e: the server pairs the endpoints of the scripts in a folder as peers.
  mkdirSync(join(workspace, 'runbooks'), { recursive: true });
  mkdirSync(join(workspace, 'scratch'), { recursive: true });
  cpSync(join(repo, 'test', 'e2e', 'fixtures', 'principal-rc4.sql'), join(workspace, 'principal-rc4.sql'));
  cpSync(join(repo, 'test', 'e2e', 'fixtures', 'failover-runbook.md'), join(workspace, 'runbooks', 'failover-runbook.md'));
  writeFileSync(join(workspace, 'scratch', 'new-endpoint.sql'), '');
  try {
    await runTests({
      version: process.env.VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: repo,
      extensionTestsPath: join(__dirname, 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', join(root, 'user-data')],
      extensionTestsEnv: { SQLGUARD_TEST_WORKSPACE: workspace },
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
