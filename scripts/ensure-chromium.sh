#!/usr/bin/env bash
# Installs Debian's Chromium for the Playwright tests when it is missing (idempotent).
# Playwright cannot download its own browser on this network; it drives /usr/bin/chromium.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "Installing Debian's chromium for the browser tests…"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || true
$SUDO apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
