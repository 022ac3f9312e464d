#!/bin/sh
# Builds gloss-vscode-<version>.vsix in editors/vscode: compiles the TypeScript, then packages
# with @vscode/vsce (from the lockfile's devDependencies). Install it with
#   code --install-extension gloss-vscode-<version>.vsix
set -eu
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
npx tsc -p .
# The repository has no LICENSE file or public URL to point at; vsce would otherwise ask.
npx @vscode/vsce package --skip-license --allow-missing-repository "$@"
