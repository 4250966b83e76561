#pragma once

#include <QString>
#include <QUrl>

namespace PreviewDeck {

// What one tile of the comparison grid shows. Filled by the window from the store's previews
// (link jobs) or template preview jobs; the grid knows nothing of the core.
struct PreviewTileInfo
{
    QString key; // stable id: the preview's media_job (or the template job's id)
    QString title; // e.g. the visual style, or the variant's name
    QString aspectRatio; // "16x9", "1x1" or "9x16"
    QUrl url; // the preview page
};

// What the Render button of a tile may do.
enum class TileRenderState {
    Available, // "Render" can be pressed
    Busy, // a render was asked for and is being confirmed or made: no second one
    Rendered, // done; the button shows that and stays disabled
    Failed, // the render failed; "Render again" is allowed
    Unavailable, // Creatify rejected or failed the previews: nothing can be rendered
};

} // namespace PreviewDeck
