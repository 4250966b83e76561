#pragma once

#include <QList>

namespace PreviewDeck {

class PreviewTile;

// Where the comparison grid's tiles go (docs/grid.md, "Layout"): all of them on one screen,
// filling it, when they fit at a usable size, else pages of as many tiles as fit at the
// narrowest usable size. A tile may be shorter than its page (the page scrolls inside it), as
// long as it shows at least `shownPart` of the page's height.
namespace GridLayout {

constexpr int Spacing = 12;

// Narrowest tile still worth looking at, by the previews' shape.
int minimumTileWidth(double heightPerWidth);
int minimumTileWidth(const QList<PreviewTile *> &tiles); // for the tallest of them

// In the grid a tile shows at least this part of its page; the focus view shows pages whole.
constexpr double GridShownPart = 0.6;

struct Fit
{
    int columns = 1;
    int tileWidth = 0; // 0: not even one column fits
    int maxTileHeight = 0; // tiles are as high as their page, but not higher than this
    // What the layouts are compared by: the tile width (narrowed where the tile would show
    // less than `shownPart` of its page) weighed by the part of the page it shows.
    int score = 0;
};
// The column count that gives the largest tiles that all fit in width x height.
Fit fitAll(const QList<PreviewTile *> &tiles, int width, int height, double shownPart);
// How many tiles a page holds when they do not all fit at a usable size: whole rows of tiles
// of the minimum width and height (at least one tile).
int tilesPerPage(const QList<PreviewTile *> &tiles, int width, int height, double shownPart);

} // namespace GridLayout

} // namespace PreviewDeck
