#!/usr/bin/env bash
# Install what egov_extract needs on a fresh Debian/Ubuntu machine, then the package into .venv.
#   bash scripts/setup.sh        # runtime: Tesseract + Vietnamese model, fonts, the package
#   bash scripts/setup.sh dev    # plus test, fixture and notebook tools, and Chromium for the HTML report test
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(tesseract-ocr tesseract-ocr-vie fonts-dejavu-core)
# dev: the serif fonts the OCR channel is trained on (Times-like Liberation Serif 2, TeX Gyre Termes, Noto Serif),
# and headless Chromium with its driver, in which the HTML audit report is tested.
if [ "${1:-}" = "dev" ]; then APT_PACKAGES+=(fonts-liberation2 fonts-texgyre fonts-noto-core chromium chromium-driver); fi

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
if [ "${1:-}" = "dev" ]; then
  .venv/bin/python -m pip install -q -e ".[dev]"
else
  .venv/bin/python -m pip install -q .
fi
echo "setup: done ($(.venv/bin/egov-extract --version))" >&2
