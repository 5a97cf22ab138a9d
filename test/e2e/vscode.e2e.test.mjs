// End-to-end: the packaged VSIX in a real VS Code workbench (code-server), seen through a browser the way a user sees
// it: squiggles, the Problems panel, hovers, the quick fix saved to disk, a snippet, and a Markdown runbook.
//
//   npm run test:e2e          (installs the tools, packages the VSIX, runs this file)
//   node --test test/e2e/     (the suite alone, once scripts/e2e-setup.sh and npm run package have run)
//
// Environment: E2E_HOME (tools cache, default ~/.cache/sqlguard-e2e), SQLGUARD_VSIX (default sql-transport-guard.vsix),
// UPDATE_SCREENSHOT=1 (also write the README's docs/images/hover.png), E2E_KEEP=1 (keep the temp workspace).
// On failure: screenshots and the code-server / extension host logs in test-output/e2e/.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ARTIFACTS, REPO, launchBrowser, readWorkspaceFile, saveLogs, startCodeServer, until } from './helpers.mjs';

const fixture = (name) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
// One folder per deployment: the server pairs the endpoints of the scripts in a folder as peers.
const FILES = {
  'principal-rc4.sql': fixture('principal-rc4.sql'),
  'runbooks/failover-runbook.md': fixture('failover-runbook.md'),
  'scratch/new-endpoint.sql': '',
};

const EDITOR = '.part.editor .editor-group-container.active .monaco-editor';
const WAIT = { diagnostics: 45_000, ui: 15_000 };

let server;
let browser;
let page;
const log = (m) => console.log(`[e2e] ${m}`);

async function failureArtifacts(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const slug = name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
  const saved = [];
  if (page) {
    const shot = join(ARTIFACTS, `${slug}.png`);
    await page.screenshot({ path: shot }).then(() => saved.push(shot), () => {});
  }
  if (server) saved.push(...saveLogs(server));
  log(`failure artifacts: ${saved.join(', ')}`);
}

/** A test that leaves a screenshot and the logs behind when it fails. */
function step(name, fn) {
  test(name, { timeout: 120_000 }, async () => {
    try {
      await fn();
    } catch (e) {
      await failureArtifacts(name);
      throw e;
    }
  });
}

/** Opens a workspace file the way a user does: by clicking it (and its folders) in the Explorer. */
async function openFile(rel) {
  const parts = rel.split('/');
  for (const [i, name] of parts.entries()) {
    const item = page.getByRole('treeitem', { name, exact: true });
    await item.waitFor({ timeout: WAIT.ui });
    const last = i === parts.length - 1;
    if (last || (await item.getAttribute('aria-expanded')) !== 'true') await item.click();
  }
  const file = parts[parts.length - 1];
  await page.locator('.part.editor .tab.active').filter({ hasText: file }).waitFor({ timeout: WAIT.ui });
  await page.locator(`${EDITOR} .view-lines`).waitFor({ timeout: WAIT.ui });
}

/** The text the active editor shows (the lines it renders), with Monaco's non-breaking spaces made plain. */
async function editorText() {
  return page.locator(`${EDITOR} .view-lines`).evaluate((el) =>
    [...el.querySelectorAll('.view-line')]
      .map((l) => ({ top: parseFloat(l.style.top) || 0, text: l.textContent.replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text)
      .join('\n'),
  );
}

/** Waits until the active editor shows every string of `includes` and none of `excludes`. */
async function waitForEditorText({ includes = [], excludes = [] }, what) {
  await page.waitForFunction(
    ({ selector, includes, excludes }) => {
      const el = document.querySelector(selector);
      if (!el) return false;
      const text = [...el.querySelectorAll('.view-line')].map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n');
      return includes.every((s) => text.includes(s)) && !excludes.some((s) => text.includes(s));
    },
    { selector: `${EDITOR} .view-lines`, includes, excludes },
    { timeout: WAIT.ui },
  ).catch(async (e) => {
    throw new Error(`the editor never showed ${what}; it shows:\n${await editorText()}\n(${e.message.split('\n')[0]})`);
  });
}

/** The centre of `word` where it follows `context` on a rendered line of the active editor, in page coordinates. */
async function wordCentre(context, word) {
  const box = await page.locator(`${EDITOR} .view-lines`).evaluate(
    (el, { context, word }) => {
      for (const line of el.querySelectorAll('.view-line')) {
        const text = line.textContent.replace(/\u00a0/g, ' ');
        const at = text.indexOf(context);
        if (at < 0) continue;
        let offset = at + context.indexOf(word);
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (offset >= n.length) {
            offset -= n.length;
            continue;
          }
          const range = document.createRange();
          range.setStart(n, offset);
          range.setEnd(n, Math.min(n.length, offset + word.length));
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
      }
      return null;
    },
    { context, word },
  );
  assert.ok(box, `"${context}" is not on a rendered line of the editor:\n${await editorText()}`);
  return box;
}

async function showProblems() {
  if (!(await page.locator('.markers-panel').isVisible())) {
    await page.keyboard.press('Control+Shift+M');
  }
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: WAIT.ui });
}

describe('SQL Transport Guard in a real VS Code (code-server + Chromium)', () => {
  before(async () => {
    const started = Date.now();
    rmSync(ARTIFACTS, { recursive: true, force: true }); // artifacts of this run only
    try {
      server = await startCodeServer({ files: FILES, log });
      browser = await launchBrowser();
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      page = await context.newPage();
      page.setDefaultTimeout(WAIT.ui);
      await page.goto(server.url, { timeout: 60_000 });
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.getByRole('treeitem', { name: 'principal-rc4.sql', exact: true }).waitFor({ timeout: 60_000 });
      log(`workbench ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (e) {
      await failureArtifacts('startup');
      throw e;
    }
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (server && !process.env.E2E_KEEP) server.cleanup();
  });

  step('an RC4 endpoint gets a warning squiggle and a Problems entry with its rule id', async () => {
    await openFile('principal-rc4.sql');
    await page.locator(`${EDITOR} .squiggly-warning`).first().waitFor({ timeout: WAIT.diagnostics }).catch((e) => {
      throw new Error(`no warning squiggle in principal-rc4.sql: the extension published no diagnostic (see the extension host log in test-output/e2e/). ${e.message.split('\n')[0]}`);
    });
    await showProblems();
    await page.locator('.markers-panel').getByText('endpoint-rc4-algorithm').first().waitFor({ timeout: WAIT.ui });
    const row = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'endpoint-rc4-algorithm' }).first();
    assert.match(await row.innerText(), /ALGORITHM RC4/);
  });

  step('hovering RC4 explains it', async () => {
    await openFile('principal-rc4.sql');
    await page.locator(`${EDITOR} .squiggly-warning`).first().waitFor({ timeout: WAIT.diagnostics });
    const { x, y } = await wordCentre('ALGORITHM RC4', 'RC4');
    await page.mouse.move(x - 200, y + 120);
    await page.mouse.move(x, y, { steps: 4 });
    const hover = page.locator('.monaco-hover').filter({ hasText: 'RC4: fast but weak' });
    await hover.first().waitFor({ state: 'visible', timeout: WAIT.ui });
    assert.match(await hover.first().innerText(), /RC4: fast but weak/);
    // The README's picture: the squiggle, the hover and the Problems entry in one workbench.
    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = join(ARTIFACTS, 'hover.png');
    await page.screenshot({ path: shot, animations: 'disabled' }); // the hover fades in: take it at full opacity
    if (process.env.UPDATE_SCREENSHOT) {
      mkdirSync(join(REPO, 'docs', 'images'), { recursive: true });
      copyFileSync(shot, join(REPO, 'docs', 'images', 'hover.png'));
      log('updated docs/images/hover.png');
    }
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');
  });

  step('the quick fix "Use ALGORITHM AES", saved, changes the file on disk', async () => {
    await openFile('principal-rc4.sql');
    await page.locator(`${EDITOR} .squiggly-warning`).first().waitFor({ timeout: WAIT.diagnostics });
    const { x, y } = await wordCentre('ALGORITHM RC4', 'RC4');
    await page.mouse.click(x, y); // the cursor on the finding, as a user puts it there
    await page.keyboard.press('Control+Period');
    const fix = page.locator('.action-widget .monaco-list-row').filter({ hasText: 'Use ALGORITHM AES' }).first();
    await fix.waitFor({ state: 'visible', timeout: WAIT.ui });
    if (await fix.evaluate((row) => row.classList.contains('focused'))) {
      await page.keyboard.press('Enter'); // the preferred fix comes first and focused, as in the desktop
    } else {
      // The menu lays a pointer block over the workbench until the mouse moves: move onto the item, then click.
      const b = await fix.boundingBox();
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 3 });
      await fix.click();
    }
    await waitForEditorText({ includes: ['ALGORITHM AES'], excludes: ['ALGORITHM RC4'] }, '"ALGORITHM AES" in place of "ALGORITHM RC4"');
    await page.locator('.part.editor .tab.active.dirty').waitFor({ timeout: WAIT.ui });
    await page.keyboard.press('Control+S');
    await page.locator('.part.editor .tab.active.dirty').waitFor({ state: 'detached', timeout: WAIT.ui });
    const saved = await until(() => {
      const text = readWorkspaceFile(server, 'principal-rc4.sql');
      return text.includes('ALGORITHM AES') ? text : null;
    }, 'principal-rc4.sql on disk to hold ALGORITHM AES', WAIT.ui);
    assert.ok(!saved.includes('ALGORITHM RC4'), `the file on disk still holds ALGORITHM RC4:\n${saved}`);
    assert.match(saved, /ENCRYPTION = REQUIRED ALGORITHM AES,/);
  });

  step('the snippet endpoint-mirroring-windows expands in an empty .sql file', async () => {
    await openFile('scratch/new-endpoint.sql');
    await page.locator(`${EDITOR} .view-lines`).click();
    const prefix = 'endpoint-mirroring-windows';
    await page.keyboard.type(prefix);
    const row = page.locator('.suggest-widget .monaco-list-row').filter({ hasText: prefix });
    // Quick suggestions open the list as a user types; if they did not (a word boundary at "-" can close it),
    // ask for it the way a user would: Ctrl+Space.
    const shown = await row.first().waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
    if (!shown) {
      log('no suggestions while typing: asking with Ctrl+Space');
      await page.keyboard.press('Control+Space');
      await row.first().waitFor({ state: 'visible', timeout: WAIT.ui });
    }
    const focused = page.locator('.suggest-widget .monaco-list-row.focused').filter({ hasText: prefix });
    if (await focused.count()) await page.keyboard.press('Enter');
    else await row.first().click();
    await waitForEditorText({ includes: ['ENCRYPTION = REQUIRED ALGORITHM AES'] }, 'the expanded snippet');
    const text = await editorText();
    assert.match(text, /CREATE ENDPOINT Endpoint_Mirroring/);
    assert.ok(!text.includes(prefix), `the prefix was left in the editor:\n${text}`);
    await page.keyboard.press('Escape');
  });

  step('T-SQL in a Markdown runbook gets a squiggle for ENCRYPTION = DISABLED', async () => {
    await openFile('runbooks/failover-runbook.md');
    await page.locator(`${EDITOR} .squiggly-warning`).first().waitFor({ timeout: WAIT.diagnostics }).catch((e) => {
      throw new Error(`no warning squiggle in the Markdown runbook. ${e.message.split('\n')[0]}`);
    });
    await showProblems();
    await page.locator('.markers-panel').getByText('endpoint-encryption-disabled').first().waitFor({ timeout: WAIT.ui });
  });
});
