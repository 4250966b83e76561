#pragma once

#include "grid/previewtileinfo.h"

#include <QList>
#include <QPointer>
#include <QStringList>
#include <QWidget>

class QScrollArea;
class QVBoxLayout;

namespace PreviewDeck {

class BoardRowWidget;
class ComparisonGrid;

// What the board shows of one product; filled by the batch page from the store.
struct BoardRow
{
    enum class Kind { Working, Ready, Blocked, Failed, Dropped };
    int position = 0; // the batch row's
    QString title; // the product's name
    QString status; // where the row stands, in words
    Kind kind = Kind::Working;
    QList<PreviewTileInfo> previews; // key: the visual style
    QStringList picked; // visual styles picked for rendering
    QString renders; // how its renders stand, in words ("" before any)
    bool canRetry = false; // something of the row failed and may be tried again
};

// The batch board (docs/decisions.md, "Batch board"): one line per product, one column per
// style, each line a ComparisonGrid in board mode so its tiles are fitted as in the single grid.
// A line's grid is made only when the line comes near the viewport and destroyed when it is far
// away again, so a long batch keeps a handful of web views. The keys: arrows move across lines
// and columns, P or Space picks the selected tile (the page keeps picks in the store and answers
// with setRows).
class BatchBoard : public QWidget
{
    Q_OBJECT
public:
    explicit BatchBoard(QWidget *parent = nullptr);
    ~BatchBoard() override;

    // The batch's styles, in column order.
    void setStyles(const QStringList &styles);
    QStringList styles() const { return m_styles; }
    void setRows(const QList<BoardRow> &rows);
    int rowCount() const { return int(m_rows.size()); }

    // The selected cell: a line (index in the rows given) and a column.
    int currentRow() const { return m_row; }
    QString currentStyle() const { return m_styles.value(m_column); }
    void setCurrent(int row, int column);

    // The grid of a line, when it exists (near the viewport).
    ComparisonGrid *gridOfRow(int row) const;
    int liveGridCount() const;
    QScrollArea *scrollArea() const { return m_scroll; }
    QWidget *rowWidget(int row) const;

Q_SIGNALS:
    void pickToggled(int position, const QString &visualStyle, bool picked);
    void fixRequested(int position);
    void dropRequested(int position);
    void retryRequested(int position);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void togglePick();
    // Makes the grids of lines near the viewport, destroys those far from it.
    void updateLiveRows();
    void scheduleLiveRows();
    void updateSelection();
    int lineHeight() const;

    QStringList m_styles;
    QList<BoardRow> m_rows;
    QList<BoardRowWidget *> m_lines;
    QScrollArea *m_scroll;
    QWidget *m_canvas;
    QVBoxLayout *m_layout;
    int m_row = 0;
    int m_column = 0;
    bool m_liveScheduled = false;
};

} // namespace PreviewDeck
