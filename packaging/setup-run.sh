#!/usr/bin/env bash
# Command one of the README: installs what is missing, builds, and starts PreviewDeck on its
# built-in sandbox (no API key, no credits spent). Without a display it runs the same loop in
# the terminal.
set -euo pipefail
# shellcheck source=packaging/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_packages "${RUNTIME_PACKAGES[@]}"
# shellcheck disable=SC2119 # no extra CMake options here
build_project

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec "$BUILD_DIR/app/gui/previewdeck" --sandbox
fi
# No desktop to show a window on: the command-line front end runs the same loop instead
# (product link -> previews -> render -> MP4 on disk).
echo "No display found: running the whole loop in the terminal instead of the window."
exec "$BUILD_DIR/app/cli/previewdeck-cli" --sandbox demo
