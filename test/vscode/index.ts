/**
 * The extension-tests entry @vscode/test-electron loads inside the Extension Development Host: runs the tests of
 * suite.ts one after the other (no test framework to install), prints one line per test and a closing
 * `N passed, N failed`, and rejects when one failed, which makes VS Code exit with a failure status.
 */
import { tests } from './suite';

const TEST_TIMEOUT_MS = 60_000;

function withTimeout<T>(name: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: no result after ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function run(): Promise<void> {
  let passed = 0;
  const failures: string[] = [];
  for (const t of tests) {
    const started = Date.now();
    try {
      await withTimeout(t.name, t.fn());
      passed++;
      console.log(`✔ ${t.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failures.push(t.name);
      console.error(`✖ ${t.name} (${Date.now() - started} ms)\n  ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  console.log(`${passed} passed, ${failures.length} failed`);
  if (failures.length > 0) throw new Error(`${failures.length} failed: ${failures.join('; ')}`);
}
