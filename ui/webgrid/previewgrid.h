#pragma once

#include "comparisongrid.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QScrollArea;

namespace PreviewDeck {

class PreviewTile;

// The comparison grid: one PreviewTile per preview, columns from the width and aspect ratio,
// keyboard selection, one tile enlarged on demand. Knows nothing of the core: the window feeds
// it PreviewTileInfo and acts on renderRequested. Tiles get their web view only once they come
// near the visible area (docs/grid.md), so a long list costs little until scrolled through.
class PreviewGrid : public ComparisonGrid
{
    Q_OBJECT
public:
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
    QScrollArea *scrollArea() const { return m_scroll; }

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

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void relayout();
    void createVisibleViews();
    void moveCurrent(int delta);
    void onTileLoadedChanged();
    int indexOf(const QString &key) const;

    QList<PreviewTile *> m_tiles;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_canvas = nullptr;
    QWidget *m_backBar = nullptr;
    QLabel *m_backTitle = nullptr;
    QPushButton *m_backButton = nullptr;
    QString m_current;
    QString m_enlarged;
    int m_columns = 1;
    bool m_allLoadedSent = false;
};

} // namespace PreviewDeck
