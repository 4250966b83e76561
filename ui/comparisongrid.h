#pragma once

#include "previewtileinfo.h"

#include <QList>
#include <QWidget>

namespace PreviewDeck {

// What the job and template pages need of a comparison grid. The real one (web tiles) lives in
// the web-grid plugin, so that Qt WebEngine is loaded when the first grid is made rather than
// at start-up (docs/benchmarks.md); GridLoader makes it.
class ComparisonGrid : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;
    ~ComparisonGrid() override;

    // Adds new tiles, updates changed ones, drops the ones no longer listed; loaded tiles keep
    // their pages.
    virtual void setPreviews(const QList<PreviewTileInfo> &previews) = 0;
    virtual void setRenderState(const QString &key, TileRenderState state) = 0;
    virtual int tileCount() const = 0;
    virtual int loadedCount() const = 0;

Q_SIGNALS:
    void renderRequested(const QString &key);
    void allLoaded();
};

// The plugin's entry point (QPluginLoader); see GridLoader.
class ComparisonGridFactory
{
public:
    virtual ~ComparisonGridFactory() = default;
    virtual ComparisonGrid *createGrid(QWidget *parent) = 0;
};

} // namespace PreviewDeck

#define PreviewDeck_ComparisonGridFactory_iid "io.github.previewdeck.ComparisonGridFactory/1"
Q_DECLARE_INTERFACE(PreviewDeck::ComparisonGridFactory, PreviewDeck_ComparisonGridFactory_iid)
