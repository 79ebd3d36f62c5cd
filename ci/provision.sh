#!/usr/bin/env bash
# Install, as root, what the accessibility and archival checks need (issue 5):
#   chromium                 headless browser for axe-core, 320 px and print checks, screenshots
#   default-jre-headless     runs the Nu HTML Checker (npm vnu-jar)
#   libreoffice-writer-nogui DOCX/ODT -> PDF round trip
#   poppler-utils            pdftoppm for PDF screenshots
#   fonts-noto-core          Noto Sans, the house font, for Chromium and LibreOffice
#   fontconfig               fc-list, fc-match: the tests ask which fonts LibreOffice gets
#   git openssh-client       the provenance and release tests (git, ssh-keygen; usually there)
#   slurmctld slurmd slurm-client munge
#                            a single-node SLURM for tests/test_slurm.py (ci/slurm/start.sh
#                            starts it, the test stops it again)
#   libmagickwand-6.q16-6    ImageMagick's library, which meine-stadt-transparent's models load
# then the npm packages pinned in package-lock.json (axe-core, vnu-jar, playwright-core) with
# `npm ci`. No browser is downloaded: playwright-core drives Debian's /usr/bin/chromium.
# Last, .venv-oparl-importer: the OParl importer of meine-stadt-transparent for
# tests/test_oparl_clients.py, from requirements-oparl-importer.lock, in a venv of its own (its
# pins, Django 4.0 and icalendar<5, clash with the build's).
#
# Usage: sudo ci/provision.sh   (from anywhere; safe to run again)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ "$(id -u)" -ne 0 ]; then
  echo "ci/provision.sh: run as root (sudo ci/provision.sh)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
packages=(chromium default-jre-headless libreoffice-writer-nogui poppler-utils fonts-noto-core
  fontconfig git openssh-client slurmctld slurmd slurm-client munge libmagickwand-6.q16-6)
# Node.js and npm usually come with the machine; Debian's are enough otherwise.
command -v npm >/dev/null || packages+=(nodejs npm)

apt-get update
apt-get install -y --no-install-recommends "${packages[@]}"

cd "$repo"
# Playwright must never fetch a browser of its own (the machine's network refuses it anyway).
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
  npm ci --no-audit --no-fund --ignore-scripts
python3 -m venv .venv-oparl-importer
.venv-oparl-importer/bin/pip install -q --no-deps --require-hashes \
  -r requirements-oparl-importer.lock
# Files written as root in a user's checkout stay theirs.
if [ -n "${SUDO_UID:-}" ]; then
  chown -R "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" node_modules .venv-oparl-importer
fi

# Each tool answers (sed, not head: head would end the pipe early and fail it under pipefail).
chromium --version 2>/dev/null
java -version 2>&1 | sed -n 1p
soffice --version
pdftoppm -v 2>&1 | sed -n 1p
node -e 'for (const p of ["axe-core", "vnu-jar", "playwright-core"]) console.log(p, require(p + "/package.json").version)'
.venv-oparl-importer/bin/python -c 'from importlib.metadata import version as v; print("meine-stadt-transparent", v("meine-stadt-transparent"))'
