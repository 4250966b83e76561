#include "grid/web/gridlayout.h"

#include "grid/web/previewtile.h"

#include <cmath>

namespace PreviewDeck {

namespace GridLayout {

int minimumTileWidth(double heightPerWidth)
{
    // About the same page area for every shape: a 180 px wide 9x16 page is 320 px high.
    if (heightPerWidth > 1.2)
        return 180;
    if (heightPerWidth > 0.8)
        return 220;
    return 280;
}

int minimumTileWidth(const QList<PreviewTile *> &tiles)
{
    double tallest = 0;
    for (const PreviewTile *t : tiles)
        tallest = qMax(tallest, t->heightPerWidth());
    return minimumTileWidth(tallest);
}

namespace {
double tallestShape(const QList<PreviewTile *> &tiles)
{
    double tallest = 0;
    for (const PreviewTile *t : tiles)
        tallest = qMax(tallest, t->heightPerWidth());
    return tallest;
}
} // namespace

Fit fitAll(const QList<PreviewTile *> &tiles, int width, int height, double shownPart)
{
    const int n = int(tiles.size());
    if (n == 0)
        return {1, width, height, width};
    Fit best;
    const int chrome = tiles.first()->chromeHeight();
    const double shape = tallestShape(tiles);
    const int minWidth = minimumTileWidth(shape);
    bool bestUsable = false;
    for (int columns = 1; columns <= n; ++columns) {
        const int rows = (n + columns - 1) / columns;
        const int byWidth = (width - (columns - 1) * Spacing) / columns;
        const int rowHeight = (height - (rows - 1) * Spacing) / rows;
        const int pageRoom = rowHeight - chrome;
        if (byWidth <= 0 || pageRoom <= 0)
            continue;
        // The widest tile whose page area shows `shownPart` of the page: a shorter tile would
        // leave the page mostly below its edge, so it is made narrower instead.
        const int byHeight = int(pageRoom / (shape * shownPart)) + 2 * PreviewTile::FrameWidth;
        const int w = qMin(byWidth, byHeight);
        // Of two about as wide, the one that shows more of its pages: 4 tiles side by side,
        // whole, rather than 2 x 2 a few pixels wider showing 60 % of theirs.
        const double naturalPage = (w - 2 * PreviewTile::FrameWidth) * shape;
        const double shown = naturalPage > 0 ? qMin(1.0, pageRoom / naturalPage) : 1.0;
        const int score = int(w * std::sqrt(shown));
        // A layout of usable tiles beats any of smaller ones (those mean pages).
        const bool usable = w >= minWidth;
        if (usable > bestUsable || (usable == bestUsable && score > best.score)) {
            best = {columns, w, rowHeight, score};
            bestUsable = usable;
        }
    }
    return best;
}

int tilesPerPage(const QList<PreviewTile *> &tiles, int width, int height, double shownPart)
{
    const int minWidth = minimumTileWidth(tiles);
    const int columns = qMax(1, (width + Spacing) / (minWidth + Spacing));
    const int pageHeight = int(
            std::ceil((minWidth - 2 * PreviewTile::FrameWidth) * tallestShape(tiles) * shownPart));
    const int rowHeight = (tiles.isEmpty() ? 0 : tiles.first()->chromeHeight()) + pageHeight;
    const int rows = qMax(1, (height + Spacing) / (rowHeight + Spacing));
    return columns * rows;
}

} // namespace GridLayout

} // namespace PreviewDeck
