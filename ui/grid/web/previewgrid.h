#pragma once

#include "grid/comparisongrid.h"

#include <QList>
#include <QStringList>
#include <QWidget>

class QScrollArea;

namespace PreviewDeck {

class GridBar;
class PreviewTile;

// The comparison grid: one PreviewTile per preview, all on screen when they fit at a usable size
// and pages of tiles when they do not, keyboard selection, favourite / rejected marks (kept by
// the page in the store: the grid asks with markRequested and shows what setMark says), hiding
// the rejected, a focus view of the picked tiles large side by side, and a bar to play, pause,
// restart and mute all previews together. Knows nothing of the core. Tiles get their web view
// only once they are shown, and pages that are paused, off the page or hidden are frozen
// (docs/grid.md), so a long list costs little. The keys: GridBar::keysHelp().
class PreviewGrid : public ComparisonGrid
{
    Q_OBJECT
public:
    // Narrowest tile still worth looking at, by the previews' shape: below it the grid pages.
    static int minimumTileWidth(double heightPerWidth);

    explicit PreviewGrid(QWidget *parent = nullptr);
    ~PreviewGrid() override;

    // Adds new tiles, updates changed ones (a tile reloads only if its URL changed), drops the
    // ones no longer listed, and orders tiles as listed. Loaded tiles keep their pages and marks.
    void setPreviews(const QList<PreviewTileInfo> &previews) override;
    void setRenderState(const QString &key, TileRenderState state) override;
    void setMark(const QString &key, TileMark mark) override;
    void setHideRejected(bool hide) override;
    void setMarksEnabled(bool enabled) override;
    bool hidesRejected() const { return m_hideRejected; }

    int tileCount() const override { return int(m_tiles.size()); }
    int loadedCount() const override;
    PreviewTile *tile(const QString &key) const;
    PreviewTile *tileAt(int index) const { return m_tiles.value(index); }
    int columnCount() const { return m_columns; }
    // Every shown tile is on one page (no pages, no scrolling).
    bool allTilesFit() const { return m_pageCount == 1 && m_fitsWhole; }
    QScrollArea *scrollArea() const { return m_scroll; }
    GridBar *bar() const { return m_bar; }

    // Pages, when the tiles do not all fit (Page Up / Page Down).
    int pageCount() const { return m_pageCount; }
    int currentPage() const { return m_page; }
    void setCurrentPage(int page);
    // The tiles of the current page (or of the focus view), in order.
    QList<PreviewTile *> shownTiles() const;

    // Playback (the bar; Space, R and M when the grid has the focus). New tiles start paused
    // and muted as the grid is.
    void playAll() override;
    void pauseAll() override;
    void restartAll() override;
    void setMutedAll(bool muted) override;
    bool isPlayingAll() const override { return m_playing; }
    bool isMutedAll() const override { return m_muted; }

    QString currentKey() const override { return m_current; }
    void setCurrentKey(const QString &key) override;
    void setBoardRow(bool boardRow) override;
    bool isBoardRow() const { return m_boardRow; }
    void setChosen(const QString &key, bool chosen) override;

    // Tiles picked for the focus view (their Compare check, C, Ctrl+click), in grid order.
    QStringList pickedKeys() const;
    void setPicked(const QString &key, bool picked) override;
    // The focus view: the given tiles large, side by side, filling the grid area; empty in the
    // grid. enlarge() shows one tile so; compareSelected() the picked ones.
    QStringList focusedKeys() const { return m_focus; }
    QString enlargedKey() const { return m_focus.size() == 1 ? m_focus.first() : QString(); }
    void focusOn(const QStringList &keys);
    void enlarge(const QString &key) { focusOn({key}); }
    void compareSelected();
    void showGrid();

Q_SIGNALS:
    void focusViewChanged(); // into or out of the focus view
    void externalLinkRequested(const QUrl &url);
    void playbackChanged(); // playing or muted changed

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    PreviewTile *addTile(const PreviewTileInfo &info);
    // The tiles in the running: all, less the rejected when they are hidden.
    QList<PreviewTile *> candidates() const;
    bool isCandidate(const PreviewTile *t) const;
    void relayout();
    void placeTiles(const QList<PreviewTile *> &tiles, int columns, int tileWidth,
                    int maxTileHeight);
    void createVisibleViews();
    void updateOnScreen();
    void updateBar();
    void moveCurrent(int delta);
    void requestMark(TileMark mark);
    void onTileLoadedChanged();

    QList<PreviewTile *> m_tiles;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_canvas = nullptr;
    GridBar *m_bar = nullptr;
    QString m_current;
    QStringList m_focus;
    int m_columns = 1;
    int m_page = 0;
    int m_pageCount = 1;
    int m_perPage = 0; // 0: one page for all
    bool m_fitsWhole = true;
    bool m_hideRejected = false;
    bool m_marksEnabled = true;
    bool m_boardRow = false;
    bool m_allLoadedSent = false;
    bool m_playing = false;
    bool m_muted = true;
};

} // namespace PreviewDeck
