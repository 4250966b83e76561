#include "batch/batchboard.h"

#include "batch/boardrowwidget.h"
#include "grid/comparisongrid.h"

#include <QApplication>
#include <QKeyEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

namespace PreviewDeck {

namespace {
// Lines whose grid is made: those within this many viewport heights of the visible area.
// Lines further than FarViewports are destroyed; in between they stay as they are, so that
// scrolling back and forth a little does not reload pages.
constexpr double NearViewports = 0.5;
constexpr double FarViewports = 1.5;
} // namespace

BatchBoard::BatchBoard(QWidget *parent)
    : QWidget(parent), m_scroll(new QScrollArea(this)), m_canvas(new QWidget)
{
    setFocusPolicy(Qt::StrongFocus);
    m_scroll->setFocusPolicy(Qt::NoFocus); // the arrows move the selection, not the scroll bar
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_canvas->setObjectName(QStringLiteral("boardCanvas"));
    m_layout = new QVBoxLayout(m_canvas);
    m_layout->setContentsMargins(4, 4, 4, 4);
    m_layout->setSpacing(6);
    m_layout->addStretch(1);
    m_scroll->setWidget(m_canvas);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_scroll);
    m_scroll->viewport()->installEventFilter(this);
    // A click into a tile's page focuses its web view; the keys come back to the board so the
    // arrows move across the board rather than scroll a page that is shown whole.
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        if (now && now != this && m_scroll->isAncestorOf(now))
            setFocus(Qt::MouseFocusReason);
    });
    connect(m_scroll->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &BatchBoard::scheduleLiveRows);
}

BatchBoard::~BatchBoard() = default;

void BatchBoard::setStyles(const QStringList &styles)
{
    m_styles = styles;
    m_column = qBound(0, m_column, qMax(0, int(styles.size()) - 1));
}

void BatchBoard::setRows(const QList<BoardRow> &rows)
{
    m_rows = rows;
    while (m_lines.size() > rows.size())
        delete m_lines.takeLast();
    const int height = lineHeight();
    while (m_lines.size() < rows.size()) {
        auto *line = new BoardRowWidget(m_canvas);
        const int index = int(m_lines.size());
        line->setTileHeight(height);
        m_layout->insertWidget(index, line);
        m_lines << line;
        connect(line, &BoardRowWidget::pickToggled, this,
                [this, line](const QString &style, bool picked) {
                    Q_EMIT pickToggled(line->row().position, style, picked);
                });
        connect(line, &BoardRowWidget::fixRequested, this,
                [this, line] { Q_EMIT fixRequested(line->row().position); });
        connect(line, &BoardRowWidget::dropRequested, this,
                [this, line] { Q_EMIT dropRequested(line->row().position); });
        connect(line, &BoardRowWidget::retryRequested, this,
                [this, line] { Q_EMIT retryRequested(line->row().position); });
        connect(line, &BoardRowWidget::activated, this, [this, line](const QString &style) {
            setCurrent(int(m_lines.indexOf(line)),
                       style.isEmpty() ? m_column : int(m_styles.indexOf(style)));
            setFocus(Qt::MouseFocusReason);
        });
    }
    for (int i = 0; i < rows.size(); ++i)
        m_lines.at(i)->setRow(rows.at(i));
    m_row = qBound(0, m_row, qMax(0, int(rows.size()) - 1));
    updateSelection();
    scheduleLiveRows();
}

void BatchBoard::setCurrent(int row, int column)
{
    if (m_rows.isEmpty())
        return;
    const int before = m_row;
    m_row = qBound(0, row, int(m_rows.size()) - 1);
    m_column = qBound(0, column, qMax(0, int(m_styles.size()) - 1));
    // Only the line left and the line entered (or the same one, another column) change.
    if (before != m_row)
        m_lines.at(before)->setCurrent(false, QString());
    m_lines.at(m_row)->setCurrent(true, currentStyle());
    m_scroll->ensureWidgetVisible(m_lines.at(m_row), 0, 0);
    scheduleLiveRows();
}

void BatchBoard::updateSelection()
{
    for (int i = 0; i < m_lines.size(); ++i)
        m_lines.at(i)->setCurrent(i == m_row, currentStyle());
}

ComparisonGrid *BatchBoard::gridOfRow(int row) const
{
    const BoardRowWidget *line = m_lines.value(row);
    return line ? line->grid() : nullptr;
}

QWidget *BatchBoard::rowWidget(int row) const
{
    return m_lines.value(row);
}

int BatchBoard::liveGridCount() const
{
    int n = 0;
    for (const BoardRowWidget *line : m_lines)
        n += line->grid() ? 1 : 0;
    return n;
}

int BatchBoard::lineHeight() const
{
    // About two lines of tiles to a screen: big enough to judge, small enough to compare.
    const int viewport = m_scroll->viewport()->height();
    return qBound(220, int(viewport * 0.42), 520);
}

void BatchBoard::scheduleLiveRows()
{
    if (m_liveScheduled)
        return;
    m_liveScheduled = true;
    // After the layout has placed the lines (and once per burst of scroll events).
    QTimer::singleShot(0, this, [this] {
        m_liveScheduled = false;
        updateLiveRows();
    });
}

void BatchBoard::updateLiveRows()
{
    if (!isVisible())
        return;
    const int top = m_scroll->verticalScrollBar()->value();
    const int height = m_scroll->viewport()->height();
    const auto band = [top, height](double viewports) {
        const int margin = int(height * viewports);
        return QRect(0, top - margin, 1, height + 2 * margin);
    };
    const QRect near = band(NearViewports);
    const QRect far = band(FarViewports);
    for (BoardRowWidget *line : std::as_const(m_lines)) {
        const QRect span(0, line->y(), 1, line->height());
        if (span.intersects(near))
            line->setLive(true);
        else if (!span.intersects(far))
            line->setLive(false);
    }
}

void BatchBoard::togglePick()
{
    const BoardRow row = m_rows.value(m_row);
    const QString style = currentStyle();
    const bool hasPreview = std::any_of(
            row.previews.cbegin(), row.previews.cend(),
            [&style](const PreviewTileInfo &p) { return p.key == style; });
    if (m_rows.isEmpty() || !hasPreview || row.kind == BoardRow::Kind::Dropped)
        return;
    Q_EMIT pickToggled(row.position, style, !row.picked.contains(style));
}

void BatchBoard::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Up:
        setCurrent(m_row - 1, m_column);
        break;
    case Qt::Key_Down:
        setCurrent(m_row + 1, m_column);
        break;
    case Qt::Key_Left:
        setCurrent(m_row, m_column - 1);
        break;
    case Qt::Key_Right:
        setCurrent(m_row, m_column + 1);
        break;
    case Qt::Key_Home:
        setCurrent(0, m_column);
        break;
    case Qt::Key_End:
        setCurrent(int(m_rows.size()) - 1, m_column);
        break;
    case Qt::Key_PageUp:
    case Qt::Key_PageDown: {
        const int lines = qMax(1, m_scroll->viewport()->height() / qMax(1, lineHeight()));
        setCurrent(m_row + (event->key() == Qt::Key_PageUp ? -lines : lines), m_column);
        break;
    }
    case Qt::Key_P:
    case Qt::Key_Space:
        if (event->modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier)) {
            QWidget::keyPressEvent(event);
            return;
        }
        togglePick();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

bool BatchBoard::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_scroll->viewport() && event->type() == QEvent::Resize) {
        const int height = lineHeight();
        for (BoardRowWidget *line : std::as_const(m_lines))
            line->setTileHeight(height);
        scheduleLiveRows();
    }
    return QWidget::eventFilter(watched, event);
}

void BatchBoard::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    scheduleLiveRows();
}

} // namespace PreviewDeck
