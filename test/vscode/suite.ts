/**
 * The flows of test/e2e/vscode.e2e.test.mjs through the `vscode` API, in a desktop VS Code (see runTest.ts): the
 * RC4 finding, its hover, its quick fix saved to disk, the mirroring snippet and a finding in a Markdown runbook.
 * Waits on `vscode.languages.onDidChangeDiagnostics`, never on a timer (index.ts bounds each test instead).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';

export interface VsCodeTest {
  name: string;
  fn: () => Promise<void>;
}

function workspaceUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? (process.env.SQLGUARD_TEST_WORKSPACE ? vscode.Uri.file(process.env.SQLGUARD_TEST_WORKSPACE) : undefined);
  assert.ok(folder, 'VS Code was started without the test workspace');
  return vscode.Uri.joinPath(folder, ...rel.split('/'));
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

/** Resolves with the diagnostics of `uri` as soon as `ready` accepts them: now, or at a later diagnostics change. */
function waitForDiagnostics(uri: vscode.Uri, ready: (ds: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const ds = vscode.languages.getDiagnostics(uri);
      if (!ready(ds)) return false;
      subscription.dispose();
      resolve(ds);
      return true;
    };
    // Subscribe first, then look at what is already there: no change can slip between the two.
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

async function finding(uri: vscode.Uri, rule: string): Promise<vscode.Diagnostic> {
  const ds = await waitForDiagnostics(uri, (all) => all.some((d) => codeOf(d) === rule));
  return ds.find((d) => codeOf(d) === rule)!;
}

async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(rel));
  return vscode.window.showTextDocument(doc);
}

function positionOf(doc: vscode.TextDocument, context: string, word: string): vscode.Position {
  const at = doc.getText().indexOf(context);
  assert.ok(at >= 0, `"${context}" not in ${doc.uri.fsPath}`);
  return doc.positionAt(at + context.indexOf(word) + 1);
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export const tests: VsCodeTest[] = [
  {
    name: 'an RC4 endpoint gets an endpoint-rc4-algorithm warning',
    async fn() {
      const editor = await open('principal-rc4.sql');
      assert.equal(editor.document.languageId, 'sql');
      const d = await finding(editor.document.uri, 'endpoint-rc4-algorithm');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(editor.document.getText(d.range), 'ALGORITHM RC4');
      assert.match(d.message, /RC4/);
    },
  },
  {
    name: 'hovering RC4 explains it',
    async fn() {
      const editor = await open('principal-rc4.sql');
      await finding(editor.document.uri, 'endpoint-rc4-algorithm'); // the server is up and has analysed the file
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, 'ALGORITHM RC4', 'RC4'));
      assert.match(hoverText(hovers ?? []), /RC4: fast but weak/);
    },
  },
  {
    name: 'the quick fix "Use ALGORITHM AES", saved, changes the file on disk',
    async fn() {
      const editor = await open('principal-rc4.sql');
      const uri = editor.document.uri;
      const d = await finding(uri, 'endpoint-rc4-algorithm');
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
      const fix = (actions ?? []).find((a): a is vscode.CodeAction => a.title === 'Use ALGORITHM AES' && 'edit' in a);
      assert.ok(fix?.edit, `no "Use ALGORITHM AES" quick fix among: ${(actions ?? []).map((a) => a.title).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the workspace edit was not applied');
      if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      assert.ok(await editor.document.save(), 'the document was not saved');
      const onDisk = readFileSync(uri.fsPath, 'utf8');
      assert.match(onDisk, /ALGORITHM AES/);
      assert.doesNotMatch(onDisk, /ALGORITHM RC4/);
      // …and the warning goes away.
      await waitForDiagnostics(uri, (ds) => !ds.some((x) => codeOf(x) === 'endpoint-rc4-algorithm'));
    },
  },
  {
    name: 'the snippet endpoint-mirroring-windows expands in an empty .sql file',
    async fn() {
      const editor = await open('scratch/new-endpoint.sql');
      const prefix = 'endpoint-mirroring-windows';
      assert.equal(editor.document.getText(), '');
      assert.ok(await editor.edit((e) => e.insert(new vscode.Position(0, 0), prefix)));
      const end = new vscode.Position(0, prefix.length);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, end);
      const item = list?.items.find((i) => labelOf(i) === prefix && i.kind === vscode.CompletionItemKind.Snippet);
      assert.ok(item, `no snippet ${prefix} among the completions: ${(list?.items ?? []).map(labelOf).slice(0, 30).join(', ')}`);
      const body = item.insertText instanceof vscode.SnippetString ? item.insertText : new vscode.SnippetString(String(item.insertText ?? ''));
      // Accepting the suggestion replaces the typed prefix with the snippet.
      assert.ok(await editor.insertSnippet(body, new vscode.Range(new vscode.Position(0, 0), end)));
      const text = editor.document.getText();
      assert.match(text, /ENCRYPTION = REQUIRED ALGORITHM AES/);
      assert.ok(!text.includes(prefix), `the prefix was left in the document:\n${text}`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    },
  },
  {
    name: 'T-SQL in a Markdown runbook gets an endpoint-encryption-disabled warning',
    async fn() {
      const editor = await open('runbooks/failover-runbook.md');
      assert.equal(editor.document.languageId, 'markdown');
      const d = await finding(editor.document.uri, 'endpoint-encryption-disabled');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(editor.document.getText(d.range), 'DISABLED');
    },
  },
];
