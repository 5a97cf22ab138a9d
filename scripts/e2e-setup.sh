#!/usr/bin/env bash
# Installs what the end-to-end suite (test/e2e/) needs: a real VS Code workbench (code-server, from the npm registry),
# a browser to drive it (Debian's Chromium) and the driver (playwright-core). Idempotent: a second run checks and
# returns in about a second. Follows shared/reference/e2e-in-a-real-vs-code.md.
#
# Nothing lands in the repository: code-server (~300 MB) and playwright-core go into a cache folder of their own,
# ${E2E_HOME:-$HOME/.cache/sqlguard-e2e}, which the suite resolves them from (test/e2e/helpers.mjs). They are
# deliberately not devDependencies: `npm ci` for the unit tests stays small.
#
# Why not @vscode/test-electron: it downloads VS Code from Microsoft's update service, which these machines cannot
# reach. code-server is VS Code's own workbench and Node extension host, published on npm.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3   # >= 4.101 requires Node 22/24; 4.100.3 (VS Code 1.100.3) is the newest for Node 20
PLAYWRIGHT_CORE_VERSION=1.65.1 # driver only: it never downloads a browser, we point it at Debian's Chromium
E2E_HOME="${E2E_HOME:-$HOME/.cache/sqlguard-e2e}"
STAMP="$E2E_HOME/.installed"
WANT="code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION node@$(node -p 'process.versions.modules')"

log() { echo "[e2e-setup] $*"; }

# --- 1. Debian packages ---------------------------------------------------------------------------------------------
#   chromium    the browser playwright-core drives (playwright's own browser download is unreachable here)
#   ripgrep     code-server bundles @vscode/ripgrep, whose postinstall downloads rg from GitHub (unreachable): we hand
#               it Debian's rg instead (step 3)
#   libkrb5-dev headers for the `kerberos` native module that code-server's VS Code rebuilds on install
# apt runs only when something is missing, so a prepared machine needs neither root nor the network for this step.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
[ -e /usr/include/krb5.h ] || [ -e /usr/include/krb5/krb5.h ] || missing+=(libkrb5-dev)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "[e2e-setup] missing Debian packages: ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive   # CI has no stdin: never prompt
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
else
  log "Debian packages present (chromium, ripgrep, libkrb5-dev)"
fi

# --- 2. Already installed? ------------------------------------------------------------------------------------------
CS="$E2E_HOME/node_modules/code-server"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] && [ -x "$CS/out/node/entry.js" ] \
  && [ -e "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] && [ -f "$E2E_HOME/node_modules/playwright-core/package.json" ]; then
  log "code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_CORE_VERSION already in $E2E_HOME"
  exit 0
fi

# --- 3. code-server + playwright-core into the cache folder ---------------------------------------------------------
mkdir -p "$E2E_HOME"
cat >"$E2E_HOME/package.json" <<JSON
{
  "name": "sqlguard-e2e-tools",
  "private": true,
  "description": "Written by scripts/e2e-setup.sh of SQL Transport Guard: the tools of its end-to-end suite.",
  "dependencies": {
    "code-server": "$CODE_SERVER_VERSION",
    "playwright-core": "$PLAYWRIGHT_CORE_VERSION"
  }
}
JSON
rm -f "$STAMP"

# code-server's postinstall refuses to run as root without unsafe-perm, and runs `npm install` inside lib/vscode
# (rebuilding VS Code's native modules against this Node), where nothing may prompt: npm_config_yes.
export npm_config_unsafe_perm=true npm_config_yes=true
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# Phase a: fetch without running install scripts (~20 s), so that we can read what lib/vscode pins before its
# postinstall needs it.
log "npm install code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION into $E2E_HOME (scripts deferred)"
(cd "$E2E_HOME" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)

# Phase b: the ripgrep cache trick. @vscode/ripgrep's postinstall looks in
# $TMPDIR/vscode-ripgrep-cache-<its package version>/ripgrep-<rg release tag>-<target>.tar.gz before downloading from
# GitHub. The package version is the one code-server's lib/vscode pins (npm-shrinkwrap.json); the release tag is the
# constant VERSION in that package's lib/postinstall.js (v13.0.0-10 for every 1.15.x so far).
RG_PKG_VERSION="$(node -e '
  const s = require(process.argv[1]);
  const p = (s.packages && s.packages["node_modules/@vscode/ripgrep"]) || (s.dependencies && s.dependencies["@vscode/ripgrep"]);
  if (!p) process.exit(1);
  console.log(p.version);' "$CS/lib/vscode/npm-shrinkwrap.json")"
RG_TAG="${E2E_RIPGREP_TAG:-v13.0.0-10}"
case "$(uname -m)" in
  x86_64) RG_TARGET=x86_64-unknown-linux-musl ;;
  aarch64) RG_TARGET=aarch64-unknown-linux-gnu ;;
  *) echo "[e2e-setup] unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RG_PKG_VERSION"
put_rg_in_cache() {
  mkdir -p "$RG_CACHE"
  tar -C "$(dirname "$(command -v rg)")" -czf "$RG_CACHE/ripgrep-$1-$RG_TARGET.tar.gz" rg
  log "Debian's rg placed in $RG_CACHE as ripgrep-$1-$RG_TARGET.tar.gz (@vscode/ripgrep $RG_PKG_VERSION)"
}
put_rg_in_cache "$RG_TAG"

# Phase c: run the deferred install scripts: argon2's (code-server's own native module) and code-server's postinstall
# (npm install in lib/vscode, VS Code's native modules built with node-gyp; ~60 s).
log "running the install scripts (builds code-server's and VS Code's native modules; log: $E2E_HOME/postinstall.log)"
if ! (cd "$E2E_HOME" && npm rebuild --foreground-scripts --loglevel=error >"$E2E_HOME/postinstall.log" 2>&1); then
  # A newer @vscode/ripgrep may want another release tag: by now its postinstall.js is unpacked, read it and retry.
  pi="$CS/lib/vscode/node_modules/@vscode/ripgrep/lib/postinstall.js"
  tag="$( [ -f "$pi" ] && sed -n "s/^const VERSION = '\(v[^']*\)'.*/\1/p" "$pi" | head -1 || true)"
  if [ -n "$tag" ] && [ "$tag" != "$RG_TAG" ]; then
    log "@vscode/ripgrep wants release $tag; retrying"
    put_rg_in_cache "$tag"
    (cd "$E2E_HOME" && npm rebuild code-server --foreground-scripts --loglevel=error >"$E2E_HOME/postinstall.log" 2>&1) || {
      tail -40 "$E2E_HOME/postinstall.log" >&2; exit 1; }
  else
    tail -40 "$E2E_HOME/postinstall.log" >&2
    exit 1
  fi
fi
[ -e "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] || { echo "[e2e-setup] rg missing after install" >&2; exit 1; }
# Smoke check: code-server loads (its native modules resolve) before we call the install done.
# (XDG_CONFIG_HOME: code-server writes a default config.yaml there on every start; keep it out of the user's home.)
version="$(XDG_CONFIG_HOME="$E2E_HOME/xdg-config" "$CS/out/node/entry.js" --version 2>&1)" \
  || { echo "$version" | tail -20 >&2; echo "[e2e-setup] code-server does not start" >&2; exit 1; }

echo "$WANT" >"$STAMP"
log "ready: code-server ${version##*$'\n'} / playwright-core $PLAYWRIGHT_CORE_VERSION / $(chromium --version 2>/dev/null)"
