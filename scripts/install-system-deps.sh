#!/usr/bin/env bash
# Installs the Debian packages the app and its tests use, whichever are missing (CI runs as root):
# the libraries Qt links even offscreen, PostgreSQL (the center's database in tests) and the stock
# age and openssl CLIs (which must open and verify every export batch), and poppler-utils
# (pdftotext and pdftoppm read the PDF reports back). They are ensured even
# where a developer already has them, so a missing install step cannot hide; when all are
# installed this returns at once.
set -euo pipefail
packages=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0 fonts-dejavu-core
          postgresql age openssl poppler-utils)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]} (run: sudo apt-get install ${missing[*]})" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
