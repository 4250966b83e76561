#!/usr/bin/env bash
# Builds the Debian package from an already built tree, unpacks it into a scratch root and
# checks what a user would get: the declared dependencies, the desktop integration files, and
# the installed executables running the whole sandbox loop to an MP4 on disk.
#
#   tests/packaging/check-deb.sh BUILD_DIR
set -euo pipefail

build=$(cd "$1" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/previewdeck-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
need() {
    command -v "$1" >/dev/null 2>&1 || {
        echo "FAIL: $1 not found (install $2)" >&2
        exit 1
    }
}
need cpack cmake
need dpkg-deb dpkg
need dpkg-shlibdeps dpkg-dev
need ffprobe ffmpeg
need desktop-file-validate desktop-file-utils
need appstreamcli appstream

echo "== cpack -G DEB"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 || {
    cat "$work/cpack.log" >&2
    exit 1
}
shopt -s nullglob
debs=("$work"/out/previewdeck_*.deb)
[ ${#debs[@]} -eq 1 ] || { echo "FAIL: expected one previewdeck_*.deb, got: ${debs[*]}" >&2; exit 1; }
deb=${debs[0]}
echo "built $(basename "$deb") ($(du -h "$deb" | cut -f1))"

echo "== dpkg --info"
dpkg-deb --info "$deb" | tee "$work/info.txt"
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = previewdeck ] || fail "Package is '$(field Package)'"
version=$(sed -n 's/^project(PreviewDeck VERSION \([0-9.]*\).*/\1/p' "$(dirname "$0")/../../CMakeLists.txt")
case "$(field Version)" in
"$version"-*) ;;
*) fail "Version '$(field Version)' does not start with the project's $version" ;;
esac
[ "$(field Maintainer)" = "PreviewDeck developers <previewdeck@example.org>" ] ||
    fail "Maintainer is '$(field Maintainer)'"
depends=$(field Depends)
# Computed by dpkg-shlibdeps (the libraries linked) ...
for package in libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6sql6 \
    libqt6webenginewidgets6 libqt6multimedia6 libqt6httpserver6 libqt6keychain1 libc6; do
    grep -Eq "(^|, )$package( |,|$)" <<<"$depends" || fail "Depends lacks $package"
done
# ... and what Qt and GStreamer load at run time, which it cannot see.
for package in libqt6sql6-sqlite gstreamer1.0-plugins-good gstreamer1.0-libav; do
    grep -Eq "(^|, )$package( |,|$)" <<<"$depends" || fail "Depends lacks $package"
done

echo "== contents"
dpkg-deb --contents "$deb" | awk '{print $NF}' | tee "$work/contents.txt"
root=$work/root
dpkg-deb -x "$deb" "$root"
id=io.github.previewdeck.PreviewDeck
for path in usr/bin/previewdeck usr/bin/previewdeck-cli usr/bin/previewdeck-sandbox \
    usr/share/applications/$id.desktop usr/share/metainfo/$id.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/$id.svg usr/share/doc/previewdeck/copyright; do
    [ -e "$root/$path" ] || fail "package lacks /$path"
done
for size in 16 22 24 32 48 64 128 256; do
    png=$root/usr/share/icons/hicolor/${size}x${size}/apps/$id.png
    if [ -e "$png" ]; then
        file "$png" | grep -q "$size x $size" || fail "$png is not ${size}x${size}"
    else
        fail "package lacks the ${size}x${size} icon"
    fi
done
for exe in previewdeck previewdeck-cli previewdeck-sandbox; do
    file "$root/usr/bin/$exe" | grep -q "not stripped" && fail "/usr/bin/$exe is not stripped"
done

echo "== the web-grid plugin"
# Where GridLoader looks: <bindir>/../<libdir>/previewdeck. It takes ComparisonGrid from the
# executable, which must still export it once stripped.
plugins=("$root"/usr/lib/*/previewdeck/previewdeck-webgrid.so "$root"/usr/lib/previewdeck/previewdeck-webgrid.so)
if [ ${#plugins[@]} -eq 1 ]; then
    plugin=${plugins[0]}
    echo "plugin: ${plugin#"$root"}"
    missing=0
    nm -D --defined-only "$root/usr/bin/previewdeck" >"$work/exported.txt"
    while read -r symbol; do
        grep -q " $symbol\$" "$work/exported.txt" || {
            fail "the plugin needs $symbol, which /usr/bin/previewdeck does not export"
            missing=1
        }
    done < <(nm -D --undefined-only "$plugin" | awk '{print $2}' | grep ComparisonGrid)
    [ $missing -eq 0 ] && echo "its ComparisonGrid symbols are exported by /usr/bin/previewdeck"
else
    fail "package holds ${#plugins[@]} previewdeck-webgrid.so, expected one: ${plugins[*]}"
fi

echo "== desktop-file-validate, appstreamcli validate"
desktop-file-validate "$root/usr/share/applications/$id.desktop" || fail "desktop file invalid"
appstreamcli validate --no-net "$root/usr/share/metainfo/$id.metainfo.xml" ||
    fail "metainfo invalid"

echo "== installed executables"
export QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache
for exe in previewdeck previewdeck-cli previewdeck-sandbox; do
    out=$("$root/usr/bin/$exe" --version 2>&1) || fail "$exe --version failed: $out"
    echo "$exe --version: $out"
    grep -q "$version" <<<"$out" || fail "$exe --version does not say $version"
    "$root/usr/bin/$exe" --help >"$work/help.txt" 2>&1 || fail "$exe --help failed"
    grep -q -- "--version" "$work/help.txt" || fail "$exe --help lists no --version"
done
grep -q -- "--sandbox" <("$root/usr/bin/previewdeck" --help) || fail "previewdeck --help: no --sandbox"
grep -q -- "--api-base" <("$root/usr/bin/previewdeck" --help) || fail "previewdeck --help: no --api-base"

echo "== the sandbox loop with the installed previewdeck-cli"
mkdir -p "$work/videos"
if timeout 300 "$root/usr/bin/previewdeck-cli" --sandbox --json --step-ms 50 \
    --download-dir "$work/videos" demo >"$work/demo.json" 2>"$work/demo.err"; then
    mp4=$(find "$work/videos" -name '*.mp4' | head -n 1)
    if [ -n "$mp4" ]; then
        codec=$(ffprobe -v error -select_streams v:0 -show_entries stream=codec_name \
            -of default=noprint_wrappers=1:nokey=1 "$mp4")
        echo "downloaded $(basename "$mp4"): video codec $codec"
        [ "$codec" = h264 ] || fail "the MP4 has video codec '$codec', expected h264"
    else
        fail "demo finished but no MP4 is in the download folder"
    fi
else
    cat "$work/demo.json" "$work/demo.err" >&2
    fail "previewdeck-cli --sandbox demo failed"
fi

if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "package checks passed"
