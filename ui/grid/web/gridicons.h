#pragma once

#include <QIcon>

class QPalette;

namespace PreviewDeck {

// Icons of the grid's buttons: the desktop theme's when it has them, else drawn here in the
// palette's button text colour, so that they read on light and dark palettes alike (the
// style's built-in media pictures are dark grey whatever the palette).
enum class GridIcon { Play, Pause, Restart, Muted, Sound, Enlarge };
QIcon gridIcon(GridIcon icon, const QPalette &palette);

} // namespace PreviewDeck
