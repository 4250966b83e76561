#!/usr/bin/env bash
# Installs a built previewdeck .deb into a fresh, minimal Debian 12 root the way a user would
# (dpkg -i, then apt-get -f install for the dependencies) and runs it there. Proves that the
# package's Depends are enough on a system that has nothing else.
#
#   sudo packaging/check-deb-in-chroot.sh path/to/previewdeck_*.deb [ROOT_DIR]
#
# Needs root, debootstrap and access to a Debian mirror (downloads about 300 MB); takes a few
# minutes, so it is a release check, not part of ctest. ROOT_DIR is kept for another run
# (default /var/tmp/previewdeck-scratch).
set -euo pipefail

deb=$(readlink -f "$1")
root=${2:-/var/tmp/previewdeck-scratch}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

if [ ! -x "$root/usr/bin/apt-get" ]; then
    debootstrap --variant=minbase bookworm "$root" "$mirror"
    cat >"$root/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
SOURCES
fi
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
trap 'umount "$root/dev" "$root/proc"' EXIT
cp "$deb" "$root/tmp/previewdeck.deb"

# shellcheck disable=SC2016 # the script runs inside the root, expanded there
chroot "$root" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 HOME=/root \
    QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 bash -euo pipefail -c '
apt-get update -q
dpkg -i /tmp/previewdeck.deb || echo "dpkg -i left dependencies to install (expected)"
apt-get -f install -y -q --no-install-recommends
apt-get check
dpkg -s previewdeck | sed -n "1,2p"
for exe in previewdeck previewdeck-cli previewdeck-sandbox; do "$exe" --version; done
rm -rf /tmp/videos && mkdir /tmp/videos
previewdeck-cli --sandbox --json --step-ms 50 --download-dir /tmp/videos demo >/tmp/demo.json
ls -l /tmp/videos
# The window on its sandbox for a while: platform, SQL and web engine plugins load.
status=0
PREVIEWDECK_REPORT_READY=1 timeout 20 previewdeck --sandbox >/tmp/gui.out 2>/tmp/gui.err || status=$?
grep -qx ready /tmp/gui.out || { cat /tmp/gui.err; exit 1; }
[ "$status" -eq 124 ] || { echo "previewdeck exited early ($status)"; cat /tmp/gui.err; exit 1; }
echo "previewdeck started and kept running"
'
mp4=$(find "$root/tmp/videos" -name '*.mp4' | head -n 1)
if command -v ffprobe >/dev/null; then
    ffprobe -v error -show_entries stream=codec_name,width,height -of compact "$mp4"
fi
echo "fresh-root install of $(basename "$deb") passed"
