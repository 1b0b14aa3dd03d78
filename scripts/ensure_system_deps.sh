#!/usr/bin/env bash
# Make sure the system programs the book and tests need exist: Graphviz's `dot`
# (always) and Chromium (for the browser tests, with --browser). Installs them
# with apt-get where that is possible, otherwise says how to install them.
set -euo pipefail

need_browser=0
[ "${1:-}" = "--browser" ] && need_browser=1

missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
if [ "$need_browser" = 1 ] && ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
    missing+=(chromium)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && sudo="sudo -n"
if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; }; then
    echo "Installing ${missing[*]} with apt-get ..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    exit 0
fi

cat >&2 <<MSG
error: missing system package(s): ${missing[*]}
The book draws its computation graphs with Graphviz's \`dot\` program, which pip cannot install.
Install it, then run the command again:
  Debian/Ubuntu:  sudo apt-get install ${missing[*]}
  macOS:          brew install graphviz
  conda:          conda install -c conda-forge graphviz
  Windows:        winget install graphviz   (or choco install graphviz), then add its bin folder to PATH
MSG
if [ "$need_browser" = 1 ]; then
    echo "The browser tests also need Chromium: on Debian/Ubuntu 'sudo apt-get install chromium'." >&2
fi
exit 1
