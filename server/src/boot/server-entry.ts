/**
 * dist/server.js: what the extension (and the protocol tests and the bench, the same way) starts. It runs the language
 * server's bundle, dist/server-main.js, through V8's code cache when the starter names a cache folder.
 */
import { join } from 'node:path';
import { CODE_CACHE_DIR_ENV } from '../lsp/launch';
import { runWithCodeCache } from './code-cache';

runWithCodeCache(join(__dirname, 'server-main.js'), process.env[CODE_CACHE_DIR_ENV] || undefined);
