#pragma once

#include "grid/previewtileinfo.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QToolButton;

namespace PreviewDeck {

// The top line of a preview tile: a "Compare" check, the style's name, and the favourite and
// reject marks as buttons. The buttons show the mark the grid was given (setMark), not their
// own clicks: a click asks (markRequested) and the store's answer comes back through setMark.
class TileHeader : public QWidget
{
    Q_OBJECT
public:
    explicit TileHeader(QWidget *parent = nullptr);

    void setTitle(const QString &title, const QString &toolTip);
    QString title() const;
    void setMark(TileMark mark);
    void setCompareChecked(bool checked);
    // The check's words and tooltip; empty: the Compare check's own.
    void setCompareLabel(const QString &text, const QString &toolTip);
    void setMarksEnabled(bool enabled);

    QToolButton *favouriteButton() const { return m_favourite; }
    QToolButton *rejectButton() const { return m_reject; }
    QCheckBox *compareBox() const { return m_compare; }

Q_SIGNALS:
    void markRequested(PreviewDeck::TileMark mark);
    void compareToggled(bool checked);

private:
    void updateLook();

    TileMark m_mark = TileMark::None;
    QCheckBox *m_compare;
    QLabel *m_title;
    QToolButton *m_favourite;
    QToolButton *m_reject;
};

} // namespace PreviewDeck
