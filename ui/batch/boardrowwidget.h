#pragma once

#include "batch/batchboard.h"

#include <QFrame>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace PreviewDeck {

class ComparisonGrid;

// One line of the batch board: the product's name, its state and what can be done about it
// (enter by hand, drop, try again), and under it the line's grid while the board keeps it live.
class BoardRowWidget : public QFrame
{
    Q_OBJECT
public:
    explicit BoardRowWidget(QWidget *parent = nullptr);

    void setRow(const BoardRow &row);
    const BoardRow &row() const { return m_row; }
    // Room for the tiles, when the line has previews.
    void setTileHeight(int height);
    bool hasPreviews() const { return !m_row.previews.isEmpty(); }

    // The grid exists only while the board wants it (near the viewport).
    void setLive(bool live);
    ComparisonGrid *grid() const { return m_grid; }
    void setCurrent(bool current, const QString &visualStyle);

Q_SIGNALS:
    void pickToggled(const QString &visualStyle, bool picked);
    void fixRequested();
    void dropRequested();
    void retryRequested();
    // The user clicked into the line: a tile (its style), or the line itself ("").
    void activated(const QString &visualStyle);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    void applyToGrid(); // previews, picks and the selected tile
    void applyPicks();

    BoardRow m_row;
    QLabel *m_title;
    QLabel *m_status;
    QPushButton *m_fix;
    QPushButton *m_drop;
    QPushButton *m_retry;
    QWidget *m_slot;
    QVBoxLayout *m_slotLayout;
    QLabel *m_placeholder;
    ComparisonGrid *m_grid = nullptr;
    bool m_current = false;
    QString m_currentStyle;
};

} // namespace PreviewDeck
