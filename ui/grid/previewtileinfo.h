#pragma once

#include <QString>
#include <QUrl>

namespace PreviewDeck {

// What one tile of the comparison grid shows. Filled by the window from the store's previews
// (link jobs) or template preview jobs; the grid knows nothing of the core.
struct PreviewTileInfo
{
    QString key; // stable id: the preview's media_job (or the template job's id)
    QString title; // e.g. the visual style's readable name, or the variant's name
    QString aspectRatio; // "16x9", "1x1" or "9x16"
    QUrl url; // the preview page
    QString detail = QString(); // shown with the title in its tooltip, e.g. the API's name
};

// How the user narrowed the comparison down (kept in the store by the page that shows the grid).
enum class TileMark { None, Favourite, Rejected };

// What the Render button of a tile may do.
enum class TileRenderState {
    Available, // "Render" can be pressed
    Confirming, // the user is asked to confirm the cost: no second request meanwhile
    Busy, // a render was confirmed and is being made: no second one
    Rendered, // done; the button shows that and stays disabled
    Failed, // the render failed; "Render again" is allowed
    Unavailable, // Creatify rejected or failed the previews: nothing can be rendered
};

} // namespace PreviewDeck
