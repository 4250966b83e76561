#!/usr/bin/env bash
# Command one of the README: installs what is missing, builds, and starts PreviewDeck on its
# built-in sandbox (no API key, no credits spent).
set -euo pipefail
# shellcheck source=packaging/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_packages "${RUNTIME_PACKAGES[@]}"
# shellcheck disable=SC2119 # no extra CMake options here
build_project

# Until the desktop window exists, the command-line front end shows the whole loop:
# product link -> previews -> render -> MP4 on disk.
exec "$BUILD_DIR/app/cli/previewdeck-cli" --sandbox demo
