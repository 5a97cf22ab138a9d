/**
 * Gitignore-style globs for include/exclude: `*` within a segment, `**` across segments, `?` one character; a pattern
 * without `/` matches a name at any depth; a trailing `/` matches folders. Compiled once to a RegExp.
 */
export function globToRegExp(glob: string): RegExp {
  let g = glob.trim().replace(/\\/g, '/');
  const anchored = g.startsWith('/') || g.replace(/\/$/, '').includes('/');
  g = g.replace(/^\/+/, '').replace(/\/+$/, '');
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slash = g[i + 2] === '/';
        re += slash ? '(?:[^/]+/)*' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${anchored ? '^' : '(?:^|/)'}${re}(?:/.*)?$`);
}

export class GlobSet {
  private readonly patterns: RegExp[];

  constructor(globs: readonly string[]) {
    this.patterns = globs.filter((g) => g.trim() !== '').map(globToRegExp);
  }

  get empty(): boolean {
    return this.patterns.length === 0;
  }

  /** `path` is relative to the root the globs are written for, with `/` separators. */
  matches(path: string): boolean {
    return this.patterns.some((p) => p.test(path));
  }
}
