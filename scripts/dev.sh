#!/usr/bin/env bash
# One entry point for a fresh machine:
#   bash scripts/dev.sh demo   install, then rate the shipped examples (the main job)
#   bash scripts/dev.sh test   install, then lint and run every test, with branch-coverage floors
#   bash scripts/dev.sh serve  install, then serve the API and the committees' web page on 127.0.0.1:8000,
#                              printing a demo committee token for the example province (Cần Thơ)
# Installs into .venv; checks for gcc and the Python headers (durable-rules compiles C)
# and installs them with apt-get when missing and possible.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

pick_python() {
  for cand in "${PYTHON:-}" python3.12 python3.11 python3; do
    [ -n "$cand" ] || continue
    if command -v "$cand" >/dev/null 2>&1 &&
       "$cand" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] < (3, 13) else 1)' 2>/dev/null; then
      echo "$cand"; return 0
    fi
  done
  return 1
}

apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing $* with apt-get"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    say "missing: $* — install them (e.g. 'sudo apt-get install $*') and run again"; exit 1
  fi
}

PY=$(pick_python) || { apt_install python3 python3-venv python3-dev; PY=$(pick_python) || { say "need Python 3.11 or 3.12 (durable-rules does not import on 3.13)"; exit 1; }; }
command -v gcc >/dev/null 2>&1 || apt_install gcc
if ! "$PY" -c 'import sysconfig, os, sys; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")) else 1)'; then
  ver=$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  apt_install "python${ver}-dev"
fi
"$PY" -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv

stamp=.venv/.installed
want=$(cat pyproject.toml | sha256sum | cut -c1-16)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "creating .venv with $PY and installing evaluator"
  rm -rf .venv
  "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  echo "$want" > "$stamp"
fi

case "${1:-demo}" in
  demo)
    say "rating the shipped examples (Regulation 366-QĐ/TW)"
    .venv/bin/evaluator rank --criteria criteria/qd366-collective.yaml examples/scorecards "${@:2}"
    ;;
  serve)
    say "serving the shipped criteria (Ctrl-C stops it); the store is ./evaluator.sqlite unless --store is given"
    .venv/bin/evaluator serve --demo "${@:2}"
    ;;
  test)
    # Headless Chromium renders the HTML report in tests/test_render_html.py (skipped, with a message, without it).
    if ! command -v chromium >/dev/null 2>&1; then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing chromium for the HTML report test"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } ||
          say "warning: could not install chromium; the browser test of the HTML report will be skipped"
      else
        say "warning: chromium is missing (apt-get install chromium); the browser test of the HTML report will be skipped"
      fi
    fi
    say "ruff"
    .venv/bin/ruff check src tests scripts
    # The pipeline's layers (pyproject.toml, [tool.importlinter]): an import against the flow fails here.
    say "import layers"
    .venv/bin/lint-imports --no-logo --no-cache
    say "ruff format --check"
    .venv/bin/ruff format --check src tests scripts
    say "mypy --strict (src/)"
    .venv/bin/mypy
    # A real PostgreSQL for the store's tests, stopped when this script exits.
    . scripts/test_postgres.sh
    start_test_postgres
    if [ $# -gt 1 ]; then
      # Some tests only (arguments given): no coverage floors, they hold for the whole suite.
      say "pytest ${*:2}"
      .venv/bin/python -m pytest -q "${@:2}"
    else
      # Every test, with branch coverage; the floors are in pyproject.toml ([tool.evaluator.coverage]).
      say "pytest (with branch coverage)"
      rm -f .coverage
      .venv/bin/python -m pytest -q --cov --cov-report=
      say "coverage floors"
      .venv/bin/python scripts/coverage_floors.py
    fi
    ;;
  *)
    echo "usage: bash scripts/dev.sh demo|test|serve [args...]" >&2; exit 2 ;;
esac
