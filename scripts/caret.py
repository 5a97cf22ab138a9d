#!/usr/bin/env python3
"""Authoring aid for annotated fixtures: turns `--@ <target text> [#n] | <severity> <rule>` lines into caret
annotations under the n-th occurrence (default 1st) of <target text> in the nearest preceding non-annotation line.
Usage: scripts/caret.py FILE...   (rewrites the files in place; lines without `--@` are left as they are)"""
import re, sys

def convert(text):
    lines = text.split('\n')
    out = []
    for line in lines:
        m = re.match(r'^(\s*)(--|//|#|<!--)@\s+(.+?)(?:\s+#(\d+))?\s+\|\s+(error|warning|info|hint)\s+([a-z0-9-]+)\s*(?:-->)?\s*$', line)
        if not m:
            out.append(line)
            continue
        indent, comment, target, nth, severity, rule = m.groups()
        nth = int(nth or 1)
        source = next(l for l in reversed(out) if not re.match(r'^\s*(--|//|#|<!--)\s*\^', l))
        at = -1
        for _ in range(nth):
            at = source.index(target, at + 1)
        prefix = comment
        if at < len(prefix):
            raise SystemExit(f'target {target!r} starts at column {at}, inside the comment marker')
        suffix = ' -->' if comment == '<!--' else ''
        out.append(prefix + ' ' * (at - len(prefix)) + '^' * len(target) + f' {severity} {rule}{suffix}')
    return '\n'.join(out)

for path in sys.argv[1:]:
    with open(path) as f:
        converted = convert(f.read())  # before opening for writing: a bad annotation must not empty the file
    with open(path, 'w') as f:
        f.write(converted)
