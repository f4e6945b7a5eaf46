#!/usr/bin/env bash
# Fails when a tracked file still holds a merge's conflict markers (prettier does not see them in Markdown).
set -euo pipefail
cd "$(dirname "$0")/.."
if git grep -nE '^(<<<<<<<|>>>>>>>)( |$)|^=======$' -- . ':(exclude)*.snap'; then
  echo "merge conflict markers left in the files above" >&2
  exit 1
fi
