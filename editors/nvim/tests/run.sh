#!/bin/sh
# Runs the Neovim plugin's tests: headless Neovim, the plugin from this checkout, the real gloss
# binary ($GLOSS_BINARY), a fixture workspace in a temporary folder. Neovim's config, data, state
# and cache folders (its LSP log included) point into that folder too, and the daemon gets its
# index.db and sessions.db there, so nothing of the user's is read or written.
# Exit status: 0 when every test passed.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
plugin="$(dirname "$here")"
: "${GLOSS_BINARY:?set GLOSS_BINARY to the gloss executable}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT INT TERM
export GLOSS_TEST_TMP="$tmp"
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state"
export XDG_CACHE_HOME="$tmp/cache"
# The last -c runs only if the runner failed to quit Neovim itself (an error while loading it).
"${GLOSS_NVIM:-nvim}" --headless -u NONE -i NONE -n --cmd "set rtp^=$plugin" \
  -c "luafile $here/runner.lua" -c "cquit 2"
