#pragma once

#include "grid/previewtileinfo.h"

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

    // Playback of every preview at once (the grid's Play all / Pause all / Restart all / Mute
    // all). Previews never play by themselves. A grid without pages has nothing to play: the
    // defaults do nothing.
    virtual void playAll() { }
    virtual void pauseAll() { }
    // Every preview from its start (time 0), playing.
    virtual void restartAll() { }
    virtual void setMutedAll(bool muted) { Q_UNUSED(muted) }
    // What the last of the calls above asked for.
    virtual bool isPlayingAll() const { return false; }
    virtual bool isMutedAll() const { return false; }

    // Narrowing down: the grid shows the marks and the hiding it is given; the user's wishes
    // come as markRequested / hideRejectedRequested, for the page to keep in the store.
    virtual void setMark(const QString &key, TileMark mark)
    {
        Q_UNUSED(key)
        Q_UNUSED(mark)
    }
    virtual void setHideRejected(bool hide) { Q_UNUSED(hide) }
    // Off where there is nothing to narrow down (a template's single preview).
    virtual void setMarksEnabled(bool enabled) { Q_UNUSED(enabled) }
    // Tiles picked to compare in the focus view (C, Ctrl+click, the Compare check). The grid
    // keeps them itself and says pickChanged on every change, for the page to keep with the job.
    virtual void setPicked(const QString &key, bool picked)
    {
        Q_UNUSED(key)
        Q_UNUSED(picked)
    }

    // One row of a larger board (the batch board): the board moves the selection across its
    // rows and keeps the picks, so the grid has no bar, takes no keys, selects nothing by
    // itself, and its tiles show a "Pick" check instead of Compare, marks, Enlarge and Render.
    virtual void setBoardRow(bool boardRow) { Q_UNUSED(boardRow) }
    // The selected tile; empty: none.
    virtual void setCurrentKey(const QString &key) { Q_UNUSED(key) }
    virtual QString currentKey() const { return QString(); }
    // Picked for rendering (kept by the board in the store): the tile's Pick check shows it.
    virtual void setChosen(const QString &key, bool chosen)
    {
        Q_UNUSED(key)
        Q_UNUSED(chosen)
    }

Q_SIGNALS:
    void renderRequested(const QString &key);
    void allLoaded();
    void markRequested(const QString &key, PreviewDeck::TileMark mark);
    void hideRejectedRequested(bool hide);
    void pickChanged(const QString &key, bool picked);
    void currentChanged(const QString &key);
    // A board row's Pick check was clicked: the board keeps the pick and answers with setChosen.
    void chooseRequested(const QString &key, bool chosen);
};

// The plugin's entry point (QPluginLoader); see GridLoader.
class ComparisonGridFactory
{
public:
    virtual ~ComparisonGridFactory() = default;
    virtual ComparisonGrid *createGrid(QWidget *parent) = 0;
};

} // namespace PreviewDeck

// Version 5: ComparisonGrid gained board rows (its vtable changed; version 4 the compare picks,
// version 3 the marks, version 2 the playback calls), so an older plugin is refused instead of
// being called through the wrong slots.
#define PreviewDeck_ComparisonGridFactory_iid "io.github.previewdeck.ComparisonGridFactory/5"
Q_DECLARE_INTERFACE(PreviewDeck::ComparisonGridFactory, PreviewDeck_ComparisonGridFactory_iid)
