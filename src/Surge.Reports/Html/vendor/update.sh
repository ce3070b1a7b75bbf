#!/usr/bin/env bash
# Refreshes the vendored uPlot (https://github.com/leeoniya/uPlot) from the npm registry.
# Usage: ./update.sh [VERSION]   (default: the version pinned below). Needs npm and tar.
# The files are embedded into Surge.Reports and inlined into every HTML report, so a report
# never fetches anything when it opens.
set -euo pipefail
version="${1:-1.6.32}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "uplot@$version" >/dev/null)
tar -xzf "$work/uplot-$version.tgz" -C "$work"
cp "$work/package/dist/uPlot.iife.min.js" "$here/uPlot.iife.min.js"
cp "$work/package/dist/uPlot.min.css" "$here/uPlot.min.css"
cp "$work/package/LICENSE" "$here/LICENSE"
echo "$version" > "$here/VERSION"
echo "uPlot $version vendored into $here"
