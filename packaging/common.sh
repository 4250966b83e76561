# Shared by the set-up scripts: where the project is, and how to install what it needs.
# shellcheck shell=bash

PROJECT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${PREVIEWDECK_BUILD_DIR:-$PROJECT_ROOT/build}

# Debian 12 packages needed to build and run PreviewDeck.
# shellcheck disable=SC2034 # used by the scripts that source this file
RUNTIME_PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-webengine-dev qt6-multimedia-dev
    qt6-tools-dev qt6-l10n-tools qtkeychain-qt6-dev libqt6sql6-sqlite libgl-dev
    gnome-keyring dbus-x11 xvfb xauth
    gstreamer1.0-plugins-good gstreamer1.0-libav
)
# Extra packages for the test suite: ffprobe checks the MP4s, curl is the download benchmark's
# reference, psmisc serves the memory benchmarks; the package test (tests/packaging) runs
# cpack with dpkg-shlibdeps (dpkg-dev), looks at files with file, and validates the desktop
# file and AppStream metadata (desktop-file-utils, appstream).
# shellcheck disable=SC2034
TEST_PACKAGES=(ffmpeg curl psmisc dpkg-dev file desktop-file-utils appstream)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    else
        sudo "$@"
    fi
}

# Installs only what is missing, so a second run costs nothing.
install_packages() {
    local missing=()
    local package
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    echo "Installing: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}"
}

build_project() {
    cmake -S "$PROJECT_ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
    cmake --build "$BUILD_DIR"
}
