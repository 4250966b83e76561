#!/usr/bin/env bash
# Renders the hicolor PNG sizes of the application icon from resources/icons/previewdeck.svg.
# The PNGs are kept in the repository so a build needs no SVG renderer; run this after editing
# the SVG. Needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
svg=$root/resources/icons/previewdeck.svg
for size in 16 22 24 32 48 64 128 256; do
    dir=$root/resources/icons/hicolor/${size}x${size}/apps
    mkdir -p "$dir"
    rsvg-convert -w "$size" -h "$size" "$svg" -o "$dir/io.github.previewdeck.PreviewDeck.png"
done
echo "Rendered $(find "$root/resources/icons/hicolor" -name '*.png' | wc -l) PNGs"
