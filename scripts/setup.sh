#!/usr/bin/env bash
# Sets up everything disclosure-gen needs on a Debian machine: system packages, then a venv in .venv.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: Python with venv, Pango/HarfBuzz for WeasyPrint, a CJK font,
# poppler (pdftotext/pdffonts for tests), LibreOffice Writer (tests open our DOCX in it).
packages=(python3 python3-venv python3-pip libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b
          libharfbuzz-subset0 fonts-noto-cjk fonts-arphic-ukai poppler-utils libreoffice-writer-nogui)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Prefer a python3 >= 3.11 already on PATH; fall back to Debian's.
python=python3
if ! "$python" -c 'import sys, venv, ensurepip; assert sys.version_info >= (3, 11)' 2>/dev/null; then
  python=/usr/bin/python3
fi
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
# The versions the tests run with (constraints.txt); a change to either file reinstalls.
stamp=.venv/.installed-from
want=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing Python packages into .venv"
  if ! { .venv/bin/pip install -q --upgrade pip && .venv/bin/pip install -q -c constraints.txt -e '.[test,dask]'; } > .venv/pip.log 2>&1; then
    cat .venv/pip.log
    exit 1
  fi
  echo "$want" > "$stamp"
fi
