/**
 * How the language server process is started: by the VS Code client, and in the same way by the protocol tests and
 * the bench, so that they measure and test what users run.
 */

/** The folder for V8's code cache of the server bundle (see boot/code-cache.ts); unset: no cache. */
export const CODE_CACHE_DIR_ENV = 'SQLGUARD_CODE_CACHE_DIR';

/**
 * node options of the server process, chosen for a long-lived process that holds many documents and answers small
 * requests: a young generation of at most 2 × 2 MB instead of V8's 2 × 16 MB (a burst of didOpens grew it to 32 MB
 * and it stayed; edits cost no more CPU with the smaller one: bench figure 3c), and `gc` for heap-compaction.ts.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2', '--expose-gc'];
