#pragma once

#include "grid/previewtileinfo.h"
#include "previewmark.h"

namespace PreviewDeck {

// The store's marks as the grid shows them, and back (job page and template page alike).
inline TileMark tileMark(PreviewMark mark)
{
    switch (mark) {
    case PreviewMark::Favourite:
        return TileMark::Favourite;
    case PreviewMark::Rejected:
        return TileMark::Rejected;
    case PreviewMark::None:
        break;
    }
    return TileMark::None;
}

inline PreviewMark previewMark(TileMark mark)
{
    switch (mark) {
    case TileMark::Favourite:
        return PreviewMark::Favourite;
    case TileMark::Rejected:
        return PreviewMark::Rejected;
    case TileMark::None:
        break;
    }
    return PreviewMark::None;
}

} // namespace PreviewDeck
