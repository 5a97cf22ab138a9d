/** Injected by esbuild from package.json; a fallback keeps the type checker and unbundled runs honest. */
declare const __SQLGUARD_VERSION__: string | undefined;

export const TOOL_VERSION: string = typeof __SQLGUARD_VERSION__ === 'string' ? __SQLGUARD_VERSION__ : '0.0.0-dev';
export const TOOL_NAME = 'sqlguard';
export const DOCS_BASE = 'https://github.com/sql-transport-guard/sql-transport-guard/blob/main/docs/rules/';
