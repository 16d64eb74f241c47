#!/usr/bin/env bash
# Install what egov_extract needs on a fresh Debian/Ubuntu machine, then the package into .venv.
#   bash scripts/setup.sh        # runtime: Tesseract + Vietnamese model, fonts, the package
#   bash scripts/setup.sh dev    # plus test, fixture and notebook tools, and Chromium for the HTML report test
#   bash scripts/setup.sh [dev] libreoffice   # also LibreOffice Writer (headless), to read legacy .doc files
set -euo pipefail
cd "$(dirname "$0")/.."

DEV=""
LIBREOFFICE=""
for arg in "$@"; do
  case "$arg" in
    dev) DEV=1 ;;
    libreoffice) LIBREOFFICE=1 ;;
    *) echo "setup: unknown option '$arg' (use: dev, libreoffice)" >&2; exit 2 ;;
  esac
done

APT_PACKAGES=(tesseract-ocr tesseract-ocr-vie fonts-dejavu-core)
# dev: the serif fonts the OCR channel is trained on (Times-like Liberation Serif 2, TeX Gyre Termes, Noto Serif),
# Dancing Script (OFL) for the handwritten digits of generated scans (scripts/make_scan_pages.py),
# and headless Chromium with its driver, in which the HTML audit report is tested.
if [ -n "$DEV" ]; then APT_PACKAGES+=(fonts-liberation2 fonts-texgyre fonts-noto-core fonts-dancingscript chromium chromium-driver); fi
# libreoffice: only when asked (about 300 MB); without it a .doc file fails with a message saying how to install it.
if [ -n "$LIBREOFFICE" ]; then APT_PACKAGES+=(libreoffice-writer-nogui); fi

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  if ! python3 -m venv .venv 2>/dev/null; then
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv .venv
  fi
fi
.venv/bin/python -m pip install -q --upgrade pip
# Runtime and dev installs follow each other in either order: take out whatever install is there,
# and what an uninstall leaves behind in site-packages (files pip did not install, such as a
# cache an older version wrote into the package), which would shadow an editable install.
site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
.venv/bin/python -m pip uninstall -q -y egov_extract >/dev/null 2>&1 || true
rm -rf "$site/egov_extract"
if [ -n "$DEV" ]; then
  .venv/bin/python -m pip install -q -e ".[dev]"
  expected="$PWD/egov_extract"
else
  .venv/bin/python -m pip install -q .
  expected="$site/egov_extract"
fi

# The install must work from anywhere: the command runs, and the package it imports is this one.
here=$PWD
if ! version=$(cd / && "$here/.venv/bin/egov-extract" --version 2>&1); then
  echo "setup: failed: the installed egov-extract does not run:" >&2
  echo "$version" >&2
  exit 1
fi
found=$(cd / && "$here/.venv/bin/python" -c 'import egov_extract, os; print(os.path.dirname(os.path.realpath(egov_extract.__file__)))' 2>&1) || true
if [ "$found" != "$(realpath "$expected")" ]; then
  echo "setup: failed: python imports egov_extract from $found, expected $expected" >&2
  exit 1
fi
echo "setup: done ($version)" >&2
