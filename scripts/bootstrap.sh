#!/usr/bin/env bash
# Set up ita-extract in ./.venv on a Debian machine with Python 3.11.
#   bash scripts/bootstrap.sh          the library and the command line
#   bash scripts/bootstrap.sh --test   also what the test suite needs: the test tools, and the
#                                      Debian programs that legacy .doc (LibreOffice) and
#                                      scanned PDFs (Tesseract, Thai model) call, and the
#                                      headless Chromium (with its WebDriver) that the
#                                      review page is tested in
# Installs only what is missing, so a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=false
[[ "${1:-}" == "--test" ]] && with_tests=true

if $with_tests; then
  debian_packages=(libreoffice-writer-nogui fonts-thai-tlwg tesseract-ocr tesseract-ocr-tha chromium chromium-driver)
  missing=()
  for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  if ((${#missing[@]})); then
    sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    echo "installing Debian packages: ${missing[*]}" >&2
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
fi

[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
if $with_tests; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -e .
fi
