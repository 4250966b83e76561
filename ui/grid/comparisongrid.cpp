#include "grid/comparisongrid.h"

namespace PreviewDeck {

// Out of line so the class has one home for its vtable (the plugin's grid derives from it).
ComparisonGrid::~ComparisonGrid() = default;

} // namespace PreviewDeck
