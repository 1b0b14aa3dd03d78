#!/usr/bin/env bash
# Make sure the system programs the book and tests need exist, installing the missing ones with
# apt-get where that is possible (root, or password-less sudo), otherwise saying how to install them:
#   always     Graphviz's `dot` (the graph pictures)          Debian package: graphviz
#   --browser  Chromium at $CHROMIUM (the browser tests)      Debian package: chromium
#   --node     npm (the front-end tools, `make node`)         Debian packages: nodejs npm
#   --grader   bubblewrap's `bwrap` (the grader's sandbox)    Debian package: bubblewrap
# CHROMIUM defaults to /usr/bin/chromium, where the browser tests launch it.
set -euo pipefail

need_browser=0
need_node=0
need_grader=0
for arg in "$@"; do
    case "$arg" in
        --browser) need_browser=1 ;;
        --node) need_node=1 ;;
        --grader) need_grader=1 ;;
        *) echo "usage: $0 [--browser] [--node] [--grader]  (unknown argument: $arg)" >&2; exit 2 ;;
    esac
done
chromium_path="${CHROMIUM:-/usr/bin/chromium}"

missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
if [ "$need_browser" = 1 ] && [ ! -x "$chromium_path" ]; then
    missing+=(chromium)
fi
if [ "$need_node" = 1 ] && ! command -v npm >/dev/null 2>&1; then
    missing+=(nodejs npm)
fi
if [ "$need_grader" = 1 ] && ! command -v bwrap >/dev/null 2>&1; then
    missing+=(bubblewrap)
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

{
    echo "error: missing system package(s): ${missing[*]}"
    for package in "${missing[@]}"; do
        case "$package" in
            graphviz) cat <<'MSG'
The book draws its computation graphs with Graphviz's `dot` program, which pip cannot install.
Install it, then run the command again:
  Debian/Ubuntu:  sudo apt-get install graphviz
  macOS:          brew install graphviz
  conda:          conda install -c conda-forge graphviz
  Windows:        winget install graphviz   (or choco install graphviz), then add its bin folder to PATH
MSG
            ;;
            chromium) echo "The browser tests need Chromium at $chromium_path: on Debian/Ubuntu 'sudo apt-get install chromium'." ;;
            bubblewrap) echo "The grader runs students' notebooks in a bubblewrap sandbox: on Debian/Ubuntu 'sudo apt-get install bubblewrap' (python -m micrograd_checks.grade refuses to run without it unless given --no-sandbox)." ;;
            npm) echo "The front-end tools need npm (Node.js): on Debian/Ubuntu 'sudo apt-get install nodejs npm', on macOS 'brew install node'." ;;
        esac
    done
} >&2
exit 1
