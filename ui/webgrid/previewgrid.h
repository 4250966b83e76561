#pragma once

#include "comparisongrid.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QScrollArea;
class QToolButton;

namespace PreviewDeck {

class PreviewTile;

// The comparison grid: one PreviewTile per preview, laid out so that all of them are on screen
// when they can be at a usable size, keyboard selection, one tile enlarged on demand, and a bar
// to play, pause, restart and mute all previews together. Knows nothing of the core: the window
// feeds it PreviewTileInfo and acts on renderRequested. Tiles get their web view only once they
// come near the visible area, and pages that are paused or off-screen are frozen
// (docs/grid.md), so a long list costs little until scrolled through.
class PreviewGrid : public ComparisonGrid
{
    Q_OBJECT
public:
    // Narrowest tile still worth looking at, by the previews' shape: below it the grid scrolls.
    static int minimumTileWidth(double heightPerWidth);

    explicit PreviewGrid(QWidget *parent = nullptr);
    ~PreviewGrid() override;

    // Adds new tiles, updates changed ones (a tile reloads only if its URL changed), drops the
    // ones no longer listed, and orders tiles as listed. Loaded tiles keep their pages.
    void setPreviews(const QList<PreviewTileInfo> &previews) override;
    void setRenderState(const QString &key, TileRenderState state) override;

    int tileCount() const override { return int(m_tiles.size()); }
    int loadedCount() const override;
    PreviewTile *tile(const QString &key) const;
    PreviewTile *tileAt(int index) const { return m_tiles.value(index); }
    int columnCount() const { return m_columns; }
    // Every tile is inside the visible area (no scrolling needed).
    bool allTilesFit() const { return m_allFit; }
    QScrollArea *scrollArea() const { return m_scroll; }

    // Playback (the bar; Space, R and M when the grid has the focus). New tiles start paused
    // and muted as the grid is.
    void playAll() override;
    void pauseAll() override;
    void restartAll() override;
    void setMutedAll(bool muted) override;
    bool isPlayingAll() const override { return m_playing; }
    bool isMutedAll() const override { return m_muted; }

    QString currentKey() const;
    void setCurrentKey(const QString &key);
    // The tile shown alone (Enter / double-click / Enlarge), or empty in grid view.
    QString enlargedKey() const { return m_enlarged; }
    void enlarge(const QString &key);
    void showGrid();

Q_SIGNALS:
    void currentChanged(const QString &key);
    void enlargedChanged(const QString &key); // empty: back to the grid
    void externalLinkRequested(const QUrl &url);
    void playbackChanged(); // playing or muted changed

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Layout
    {
        int columns = 1;
        int tileWidth = 0;
        bool allFit = false;
    };
    Layout chooseLayout(int width, int height) const;
    void relayout();
    void createVisibleViews();
    void updateOnScreen();
    void updateBar();
    void moveCurrent(int delta);
    void onTileLoadedChanged();
    int indexOf(const QString &key) const;

    QList<PreviewTile *> m_tiles;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_canvas = nullptr;
    QWidget *m_bar = nullptr;
    QLabel *m_backTitle = nullptr;
    QPushButton *m_backButton = nullptr;
    QToolButton *m_playButton = nullptr;
    QToolButton *m_pauseButton = nullptr;
    QToolButton *m_restartButton = nullptr;
    QToolButton *m_muteButton = nullptr;
    QString m_current;
    QString m_enlarged;
    int m_columns = 1;
    int m_rowsPerPage = 1; // whole rows on screen (Page Up / Page Down)
    bool m_allFit = false;
    bool m_allLoadedSent = false;
    bool m_playing = false;
    bool m_muted = true;
};

} // namespace PreviewDeck
