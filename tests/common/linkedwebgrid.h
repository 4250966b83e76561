#pragma once

// For suites that look inside the grid (tiles, keyboard): the window's pages get the web grid
// linked into the test instead of the plugin, so PreviewGrid here is the class they hold.
// tst_gridplugin covers the plugin itself.

#include "grid/gridloader.h"
#include "grid/web/previewgrid.h"

namespace TestHelpers {

inline void useLinkedWebGrid()
{
    PreviewDeck::GridLoader::setFactory(
            [](QWidget *parent) { return new PreviewDeck::PreviewGrid(parent); });
}

// The page's grid as the linked PreviewGrid (null if the page holds another kind).
inline PreviewDeck::PreviewGrid *webGrid(PreviewDeck::ComparisonGrid *grid)
{
    return qobject_cast<PreviewDeck::PreviewGrid *>(grid);
}

} // namespace TestHelpers
