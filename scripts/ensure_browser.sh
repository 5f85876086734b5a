#!/usr/bin/env bash
# Browser tests drive the system Chromium (Debian's package), never a downloaded browser.
# Install it when we can (root with apt); otherwise the e2e tests say they are skipped.
set -u
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests …"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null) \
        || echo "Could not install chromium; browser tests will be skipped."
else
    echo "No chromium on this machine; browser tests will be skipped."
fi
