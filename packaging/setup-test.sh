#!/usr/bin/env bash
# Command two of the README: installs what is missing, builds with warnings as errors, and runs
# every test against sandboxes on loopback, inside a throwaway keyring session.
set -euo pipefail
# shellcheck source=packaging/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_packages "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
build_project -DPREVIEWDECK_WERROR=ON

export QT_QPA_PLATFORM=offscreen
export PREVIEWDECK_REQUIRE_KEYCHAIN=1
exec "$PROJECT_ROOT/packaging/with-test-keyring.sh" \
    ctest --test-dir "$BUILD_DIR" --output-on-failure "$@"
