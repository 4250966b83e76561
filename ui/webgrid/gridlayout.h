#pragma once

#include <QList>

namespace PreviewDeck {

class PreviewTile;

// Where the comparison grid's tiles go (docs/decisions.md, "Comparing previews"): all of them
// on screen at the widest size that fits, else pages of as many tiles as fit at the narrowest
// usable size.
namespace GridLayout {

constexpr int Spacing = 12;

// Narrowest tile still worth looking at, by the previews' shape.
int minimumTileWidth(double heightPerWidth);
int minimumTileWidth(const QList<PreviewTile *> &tiles); // for the tallest of them

struct Fit
{
    int columns = 1;
    int tileWidth = 0; // 0: not even one column fits
};
// The column count that gives the widest tiles that all fit in width x height (rows are as high
// as their tallest tile).
Fit fitAll(const QList<PreviewTile *> &tiles, int width, int height);
// How many tiles a page holds when they do not all fit at a usable size: whole rows of tiles
// of the minimum width (at least one tile).
int tilesPerPage(const QList<PreviewTile *> &tiles, int width, int height);

} // namespace GridLayout

} // namespace PreviewDeck
