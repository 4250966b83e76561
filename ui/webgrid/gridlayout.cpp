#include "gridlayout.h"

#include "previewtile.h"

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
// Height of the grid with `columns` columns of tiles `w` wide.
int gridHeight(const QList<PreviewTile *> &tiles, int columns, int w)
{
    const int n = int(tiles.size());
    int total = 0;
    for (int first = 0; first < n; first += columns) {
        int row = 0;
        for (int i = first; i < qMin(n, first + columns); ++i)
            row = qMax(row, tiles.at(i)->sizeForWidth(w).height());
        total += row + (first > 0 ? Spacing : 0);
    }
    return total;
}

int tallestTile(const QList<PreviewTile *> &tiles, int w)
{
    int h = 0;
    for (const PreviewTile *t : tiles)
        h = qMax(h, t->sizeForWidth(w).height());
    return h;
}
} // namespace

Fit fitAll(const QList<PreviewTile *> &tiles, int width, int height)
{
    const int n = int(tiles.size());
    if (n == 0)
        return {1, width};
    Fit best;
    const int chrome = tiles.first()->chromeHeight();
    for (int columns = 1; columns <= n; ++columns) {
        const int rows = (n + columns - 1) / columns;
        const int byWidth = (width - (columns - 1) * Spacing) / columns;
        double pageHeights = 0; // sum over rows of the tallest page's height per width
        for (int first = 0; first < n; first += columns) {
            double row = 0;
            for (int i = first; i < qMin(n, first + columns); ++i)
                row = qMax(row, tiles.at(i)->heightPerWidth());
            pageHeights += row;
        }
        const double room = height - (rows - 1) * Spacing - rows * chrome;
        int w = room > 0 ? qMin(byWidth, int(room / pageHeights) + 2 * PreviewTile::FrameWidth) : 0;
        while (w > 0 && gridHeight(tiles, columns, w) > height) // rounding
            --w;
        if (w > best.tileWidth)
            best = {columns, w};
    }
    return best;
}

int tilesPerPage(const QList<PreviewTile *> &tiles, int width, int height)
{
    const int minWidth = minimumTileWidth(tiles);
    const int columns = qMax(1, (width + Spacing) / (minWidth + Spacing));
    const int rowHeight = tallestTile(tiles, minWidth);
    const int rows = qMax(1, (height + Spacing) / (rowHeight + Spacing));
    return columns * rows;
}

} // namespace GridLayout

} // namespace PreviewDeck
