#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

class QWidget;

namespace PreviewDeck {

class ComparisonGrid;

// Makes comparison grids. The web-tile grid is a plugin (previewdeck-webgrid.so) loaded on the
// first call, so the application starts without Qt WebEngine and its OpenGL set-up, which
// would otherwise cost more than the rest of start-up together (docs/benchmarks.md).
namespace GridLoader {

// Chromium switches the app sets (QTWEBENGINE_CHROMIUM_FLAGS) before QApplication: all
// preview pages of one site share one renderer process (docs/grid.md has figures).
QByteArray recommendedChromiumFlags();
// Appends recommendedChromiumFlags() to QTWEBENGINE_CHROMIUM_FLAGS unless already there.
void applyRecommendedChromiumFlags();

// A grid, never null: when the plugin cannot be loaded, one that says so in words and how to
// fix it.
ComparisonGrid *create(QWidget *parent);

// Programs that link the grid in (tests) make it themselves instead of loading the plugin.
using Factory = std::function<ComparisonGrid *(QWidget *parent)>;
void setFactory(Factory factory);

// Where the plugin is looked for, first match wins: $PREVIEWDECK_PLUGIN_DIR, the installed
// plugin folder relative to the executable, then the executable's own folder (a build tree).
QStringList searchPaths();
// Why the last load failed, or empty.
QString lastError();

} // namespace GridLoader

} // namespace PreviewDeck
