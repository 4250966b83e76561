#include "batch/boardrowwidget.h"

#include "grid/comparisongrid.h"
#include "grid/gridloader.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace PreviewDeck {

namespace {
bool sameTiles(const QList<PreviewTileInfo> &a, const QList<PreviewTileInfo> &b)
{
    return std::equal(a.cbegin(), a.cend(), b.cbegin(), b.cend(),
                      [](const PreviewTileInfo &x, const PreviewTileInfo &y) {
                          return x.key == y.key && x.title == y.title
                                  && x.aspectRatio == y.aspectRatio && x.url == y.url
                                  && x.detail == y.detail;
                      });
}
} // namespace

BoardRowWidget::BoardRowWidget(QWidget *parent)
    : QFrame(parent),
      m_title(new QLabel(this)),
      m_status(new QLabel(this)),
      m_fix(new QPushButton(tr("Enter by hand…"), this)),
      m_drop(new QPushButton(tr("Drop"), this)),
      m_retry(new QPushButton(tr("Try again"), this)),
      m_slot(new QWidget(this)),
      m_slotLayout(new QVBoxLayout(m_slot)),
      m_placeholder(new QLabel(m_slot))
{
    setObjectName(QStringLiteral("boardRow"));
    setFrameShape(QFrame::StyledPanel);
    m_fix->setObjectName(QStringLiteral("fixRow"));
    m_drop->setObjectName(QStringLiteral("dropRow"));
    m_retry->setObjectName(QStringLiteral("retryRow"));
    m_status->setObjectName(QStringLiteral("rowStatus"));
    m_title->setObjectName(QStringLiteral("rowTitle"));
    for (QPushButton *button : {m_fix, m_drop, m_retry})
        button->setFocusPolicy(Qt::NoFocus); // the keys stay with the board
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setFocusPolicy(Qt::NoFocus); // selectable, but the keys stay with the board
    // A click on the line's header selects the line, and gives the board the keys.
    m_title->installEventFilter(this);
    m_status->installEventFilter(this);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addWidget(m_status, 1);
    header->addWidget(m_fix);
    header->addWidget(m_drop);
    header->addWidget(m_retry);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(2);
    layout->addLayout(header);
    layout->addWidget(m_slot);
    m_slotLayout->setContentsMargins(0, 0, 0, 0);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setText(tr("Previews appear here when you scroll to them."));
    m_slotLayout->addWidget(m_placeholder);

    connect(m_fix, &QPushButton::clicked, this, &BoardRowWidget::fixRequested);
    connect(m_drop, &QPushButton::clicked, this, &BoardRowWidget::dropRequested);
    connect(m_retry, &QPushButton::clicked, this, &BoardRowWidget::retryRequested);
}

void BoardRowWidget::setRow(const BoardRow &row)
{
    const bool hadPreviews = hasPreviews();
    // A store burst re-sends every row; the grid lays its tiles out again only when they changed.
    const bool previewsChanged = !sameTiles(m_row.previews, row.previews);
    m_row = row;
    m_title->setText(row.title);
    QString status = row.status;
    if (!row.renders.isEmpty())
        status += QStringLiteral(" · ") + row.renders;
    m_status->setText(status);
    const bool blocked = row.kind == BoardRow::Kind::Blocked;
    m_fix->setVisible(blocked);
    m_drop->setVisible(blocked || row.kind == BoardRow::Kind::Failed);
    m_retry->setVisible(row.canRetry);
    m_slot->setVisible(hasPreviews());
    setEnabled(row.kind != BoardRow::Kind::Dropped);
    if (hadPreviews && !hasPreviews())
        setLive(false);
    if (previewsChanged)
        applyToGrid();
    else
        applyPicks();
}

bool BoardRowWidget::eventFilter(QObject *watched, QEvent *event)
{
    if ((watched == m_title || watched == m_status) && event->type() == QEvent::MouseButtonPress)
        Q_EMIT activated(QString());
    return QFrame::eventFilter(watched, event);
}

void BoardRowWidget::mousePressEvent(QMouseEvent *event)
{
    Q_EMIT activated(QString());
    QFrame::mousePressEvent(event);
}

void BoardRowWidget::setTileHeight(int height)
{
    m_slot->setFixedHeight(height);
}

void BoardRowWidget::setLive(bool live)
{
    live = live && hasPreviews();
    if (live == (m_grid != nullptr))
        return;
    if (!live) {
        // Destroyed, not hidden: a far line keeps no web view (and no renderer memory).
        delete m_grid;
        m_grid = nullptr;
        m_placeholder->show();
        return;
    }
    m_placeholder->hide();
    m_grid = GridLoader::create(m_slot);
    m_grid->setObjectName(QStringLiteral("boardGrid"));
    m_grid->setBoardRow(true);
    m_slotLayout->addWidget(m_grid);
    connect(m_grid, &ComparisonGrid::chooseRequested, this, &BoardRowWidget::pickToggled);
    connect(m_grid, &ComparisonGrid::currentChanged, this, [this](const QString &key) {
        if (!key.isEmpty() && !(m_current && key == m_currentStyle))
            Q_EMIT activated(key);
    });
    applyToGrid();
    m_grid->show();
}

void BoardRowWidget::setCurrent(bool current, const QString &visualStyle)
{
    const QString style = current ? visualStyle : QString();
    if (current == m_current && style == m_currentStyle)
        return;
    // The current line is framed in the selection colour; restyling a line (and its children)
    // is what costs, so only a line that becomes or stops being current is restyled.
    if (current != m_current)
        setStyleSheet(current ? QStringLiteral("QFrame#boardRow { border: 2px solid "
                                               "palette(highlight); border-radius: 3px; }")
                              : QString());
    m_current = current;
    m_currentStyle = style;
    if (m_grid)
        m_grid->setCurrentKey(m_currentStyle);
}

void BoardRowWidget::applyToGrid()
{
    if (!m_grid)
        return;
    m_grid->setPreviews(m_row.previews);
    applyPicks();
    m_grid->setCurrentKey(m_currentStyle);
}

void BoardRowWidget::applyPicks()
{
    if (!m_grid)
        return;
    for (const PreviewTileInfo &preview : std::as_const(m_row.previews))
        m_grid->setChosen(preview.key, m_row.picked.contains(preview.key));
}

} // namespace PreviewDeck
