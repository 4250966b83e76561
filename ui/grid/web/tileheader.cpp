#include "grid/web/tileheader.h"

#include "grid/web/elidedlabel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QToolButton>

namespace PreviewDeck {

namespace {
QToolButton *makeMarkButton(QWidget *parent, const QString &objectName, const QString &symbol,
                            const QString &toolTip)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setText(symbol);
    button->setToolTip(toolTip);
    button->setCheckable(true);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::NoFocus); // keys belong to the grid
    // As high as the title: the header takes no room from the page.
    button->setFixedHeight(button->fontMetrics().height() + 2);
    return button;
}
} // namespace

TileHeader::TileHeader(QWidget *parent)
    : QWidget(parent),
      m_compare(new QCheckBox(this)),
      m_title(new ElidedLabel(this)),
      m_favourite(makeMarkButton(this, QStringLiteral("favouriteButton"), QStringLiteral("\u2605"),
                                 tr("Favourite: keep this one in mind (F; again to clear)"))),
      m_reject(makeMarkButton(this, QStringLiteral("rejectButton"), QStringLiteral("\u2715"),
                              tr("Reject: not this one (X; again to clear)")))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 0, 0, 0);
    layout->setSpacing(2);
    m_compare->setObjectName(QStringLiteral("compareBox"));
    setCompareLabel(QString(), QString());
    m_compare->setFocusPolicy(Qt::NoFocus);
    m_title->setObjectName(QStringLiteral("tileTitle"));
    m_title->setContentsMargins(2, 0, 2, 0);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_compare);
    layout->addWidget(m_title, 1);
    layout->addWidget(m_favourite);
    layout->addWidget(m_reject);

    connect(m_compare, &QCheckBox::toggled, this, &TileHeader::compareToggled);
    // A click on the set mark clears it. The buttons keep showing the given mark until the
    // answer comes back.
    connect(m_favourite, &QToolButton::clicked, this, [this] {
        const TileMark wanted = m_mark == TileMark::Favourite ? TileMark::None
                                                              : TileMark::Favourite;
        updateLook();
        Q_EMIT markRequested(wanted);
    });
    connect(m_reject, &QToolButton::clicked, this, [this] {
        const TileMark wanted = m_mark == TileMark::Rejected ? TileMark::None : TileMark::Rejected;
        updateLook();
        Q_EMIT markRequested(wanted);
    });
    // A set mark in its colour (the tile's frame says it too).
    setStyleSheet(QStringLiteral("QToolButton#favouriteButton:checked { color: #b7860b; }"
                                 "QToolButton#rejectButton:checked { color: #c0392b; }"));
    updateLook();
}

void TileHeader::setTitle(const QString &title, const QString &toolTip)
{
    m_title->setText(title);
    m_title->setToolTip(toolTip);
}

QString TileHeader::title() const
{
    return m_title->text();
}

void TileHeader::setMark(TileMark mark)
{
    m_mark = mark;
    updateLook();
}

void TileHeader::setCompareChecked(bool checked)
{
    const QSignalBlocker quiet(m_compare); // what the grid says, not a new wish
    m_compare->setChecked(checked);
}

void TileHeader::setCompareLabel(const QString &text, const QString &toolTip)
{
    m_compare->setText(text);
    m_compare->setToolTip(toolTip.isEmpty()
                                  ? tr("Pick for \u201cCompare selected\u201d, to see the picked "
                                       "previews large side by side (C or Ctrl+click)")
                                  : toolTip);
}

void TileHeader::setMarksEnabled(bool enabled)
{
    m_favourite->setVisible(enabled);
    m_reject->setVisible(enabled);
}

void TileHeader::updateLook()
{
    m_favourite->setChecked(m_mark == TileMark::Favourite);
    m_reject->setChecked(m_mark == TileMark::Rejected);
    QFont font = m_title->font();
    font.setStrikeOut(m_mark == TileMark::Rejected);
    m_title->setFont(font);
}

} // namespace PreviewDeck
