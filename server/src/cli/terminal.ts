/** Colours for text output: on for a terminal, never with NO_COLOR, forced with FORCE_COLOR (CI logs render ANSI). */
import type { Severity } from '../core/types';

export type Env = Readonly<Record<string, string | undefined>>;

/** NO_COLOR (no-color.org) wins over everything; FORCE_COLOR=0/false turns colours off, any other value on. */
export function colorEnabled(isTTY: boolean, env: Env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

export interface Style {
  readonly enabled: boolean;
  severity(severity: Severity, text: string): string;
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
}

const SEVERITY_COLOR: Record<Severity, [number, number]> = {
  error: [31, 39], // red
  warning: [33, 39], // yellow
  info: [36, 39], // cyan
  hint: [90, 39], // grey
};

function sgr([open, close]: readonly [number, number], text: string): string {
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

export function makeStyle(enabled: boolean): Style {
  if (!enabled) {
    const plain = (text: string): string => text;
    return { enabled, severity: (_s, text) => text, bold: plain, dim: plain, green: plain };
  }
  return {
    enabled,
    severity: (s, text) => sgr(SEVERITY_COLOR[s], text),
    bold: (text) => sgr([1, 22], text),
    dim: (text) => sgr([2, 22], text),
    green: (text) => sgr([32, 39], text),
  };
}

/**
 * Source text and messages printed to a terminal must not drive it: control characters (escape sequences) and
 * bidirectional overrides ("Trojan Source") become U+FFFD, one code unit for one, so columns still line up.
 */
export function sanitize(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}
