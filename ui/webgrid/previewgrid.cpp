#include "previewgrid.h"

#include "previewtile.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

namespace PreviewDeck {

namespace {

constexpr int kMargin = 12;
constexpr int kSpacing = 12;

// The width a tile of this ratio wants; columns follow from it. Tall pages get narrow tiles,
// so more of them fit side by side.
int preferredTileWidth(const QString &aspectRatio)
{
    const double hpw = PreviewTile::heightPerWidth(aspectRatio);
    if (hpw > 1.2)
        return 240;
    if (hpw > 0.8)
        return 320;
    return 420;
}

} // namespace

PreviewGrid::PreviewGrid(QWidget *parent) : ComparisonGrid(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_backBar = new QWidget(this);
    auto *bar = new QHBoxLayout(m_backBar);
    bar->setContentsMargins(kMargin, 6, kMargin, 0);
    m_backButton = new QPushButton(tr("Back (Esc)"), m_backBar);
    m_backButton->setObjectName(QStringLiteral("backButton"));
    m_backButton->setFocusPolicy(Qt::NoFocus);
    m_backTitle = new QLabel(m_backBar);
    bar->addWidget(m_backButton);
    bar->addWidget(m_backTitle, 1);
    m_backBar->hide();
    layout->addWidget(m_backBar);
    connect(m_backButton, &QPushButton::clicked, this, &PreviewGrid::showGrid);

    m_scroll = new QScrollArea(this);
    m_scroll->setFocusPolicy(Qt::NoFocus); // arrows move the selection, not the scroll bar
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setWidgetResizable(false); // relayout() sizes the canvas itself
    m_canvas = new QWidget;
    m_canvas->setObjectName(QStringLiteral("gridCanvas"));
    m_scroll->setWidget(m_canvas);
    layout->addWidget(m_scroll, 1);
    m_scroll->viewport()->installEventFilter(this);
    connect(m_scroll->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &PreviewGrid::createVisibleViews);

    // A click into a page focuses its web view: that tile becomes the current one.
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        for (QWidget *w = now; w; w = w->parentWidget()) {
            if (auto *t = qobject_cast<PreviewTile *>(w)) {
                if (m_tiles.contains(t))
                    setCurrentKey(t->key());
                return;
            }
        }
    });
}

PreviewGrid::~PreviewGrid() = default;

void PreviewGrid::setPreviews(const QList<PreviewTileInfo> &previews)
{
    QList<PreviewTile *> ordered;
    for (const PreviewTileInfo &info : previews) {
        PreviewTile *t = tile(info.key);
        if (t) {
            t->setInfo(info);
        } else {
            t = new PreviewTile(info, m_canvas);
            connect(t, &PreviewTile::renderRequested, this, &PreviewGrid::renderRequested);
            connect(t, &PreviewTile::loadedChanged, this, &PreviewGrid::onTileLoadedChanged);
            connect(t, &PreviewTile::externalLinkRequested, this,
                    &PreviewGrid::externalLinkRequested);
            connect(t, &PreviewTile::activated, this, [this, t] {
                setCurrentKey(t->key());
                setFocus(Qt::MouseFocusReason);
            });
            connect(t, &PreviewTile::enlargeRequested, this, [this, t] { enlarge(t->key()); });
            t->show();
            m_allLoadedSent = false;
        }
        ordered.append(t);
    }
    for (PreviewTile *t : std::as_const(m_tiles)) {
        if (!ordered.contains(t))
            t->deleteLater();
    }
    m_tiles = ordered;
    if (!m_enlarged.isEmpty() && !tile(m_enlarged))
        showGrid();
    if (!m_current.isEmpty() && !tile(m_current))
        setCurrentKey(QString());
    if (m_current.isEmpty() && !m_tiles.isEmpty())
        setCurrentKey(m_tiles.first()->key());
    relayout();
    onTileLoadedChanged();
}

void PreviewGrid::setRenderState(const QString &key, TileRenderState state)
{
    if (PreviewTile *t = tile(key))
        t->setRenderState(state);
}

int PreviewGrid::loadedCount() const
{
    int n = 0;
    for (const PreviewTile *t : m_tiles)
        n += t->isLoaded() ? 1 : 0;
    return n;
}

PreviewTile *PreviewGrid::tile(const QString &key) const
{
    for (PreviewTile *t : m_tiles) {
        if (t->key() == key)
            return t;
    }
    return nullptr;
}

int PreviewGrid::indexOf(const QString &key) const
{
    for (int i = 0; i < m_tiles.size(); ++i) {
        if (m_tiles.at(i)->key() == key)
            return i;
    }
    return -1;
}

QString PreviewGrid::currentKey() const
{
    return m_current;
}

void PreviewGrid::setCurrentKey(const QString &key)
{
    if (key == m_current)
        return;
    if (PreviewTile *old = tile(m_current))
        old->setSelected(false);
    m_current = key;
    if (PreviewTile *t = tile(key)) {
        t->setSelected(true);
        if (m_enlarged.isEmpty())
            m_scroll->ensureWidgetVisible(t, 0, kMargin);
    }
    Q_EMIT currentChanged(key);
}

void PreviewGrid::enlarge(const QString &key)
{
    PreviewTile *t = tile(key);
    if (!t || key == m_enlarged)
        return;
    setCurrentKey(key);
    m_enlarged = key;
    m_backTitle->setText(t->info().title);
    m_backBar->show();
    relayout();
    Q_EMIT enlargedChanged(key);
}

void PreviewGrid::showGrid()
{
    if (m_enlarged.isEmpty())
        return;
    m_enlarged.clear();
    m_backBar->hide();
    relayout();
    if (PreviewTile *t = tile(m_current))
        m_scroll->ensureWidgetVisible(t, 0, kMargin);
    Q_EMIT enlargedChanged(QString());
}

void PreviewGrid::relayout()
{
    const QSize vp = m_scroll->viewport()->size();
    const int avail = qMax(100, vp.width() - 2 * kMargin);

    if (PreviewTile *big = tile(m_enlarged)) {
        for (PreviewTile *t : std::as_const(m_tiles))
            t->setVisible(t == big);
        // As large as the area allows while keeping the page's ratio.
        const int availH = qMax(100, vp.height() - 2 * kMargin);
        const int widthForHeight = int((availH - big->chromeHeight()) / big->heightPerWidth())
                + 2 * PreviewTile::FrameWidth;
        const int w = qMax(100, qMin(avail, widthForHeight));
        const QSize s = big->sizeForWidth(w);
        big->setGeometry(kMargin + (avail - s.width()) / 2, kMargin, s.width(), s.height());
        m_canvas->resize(vp.width(), qMax(vp.height(), s.height() + 2 * kMargin));
        big->ensureView();
        return;
    }

    int wanted = 0;
    for (const PreviewTile *t : std::as_const(m_tiles))
        wanted = qMax(wanted, preferredTileWidth(t->info().aspectRatio));
    if (wanted == 0)
        wanted = preferredTileWidth(QString());
    m_columns = qMax(1, (avail + kSpacing) / (wanted + kSpacing));
    const int tileWidth = (avail - (m_columns - 1) * kSpacing) / m_columns;

    int y = kMargin;
    for (int row = 0; row * m_columns < m_tiles.size(); ++row) {
        int rowHeight = 0;
        for (int col = 0; col < m_columns; ++col) {
            const int i = row * m_columns + col;
            if (i >= m_tiles.size())
                break;
            PreviewTile *t = m_tiles.at(i);
            const QSize s = t->sizeForWidth(tileWidth);
            t->setGeometry(kMargin + col * (tileWidth + kSpacing), y, s.width(), s.height());
            t->setVisible(true);
            rowHeight = qMax(rowHeight, s.height());
        }
        y += rowHeight + kSpacing;
    }
    m_canvas->resize(vp.width(), y - kSpacing + kMargin);
    createVisibleViews();
}

void PreviewGrid::createVisibleViews()
{
    if (!isVisible())
        return;
    // Half a screen ahead, so scrolling rarely shows an empty tile.
    const int h = m_scroll->viewport()->height();
    const QRect near(0, m_scroll->verticalScrollBar()->value() - h / 2, m_canvas->width(), 2 * h);
    for (PreviewTile *t : std::as_const(m_tiles)) {
        if (!t->isHidden() && t->geometry().intersects(near))
            t->ensureView();
    }
}

void PreviewGrid::onTileLoadedChanged()
{
    const bool all = !m_tiles.isEmpty() && loadedCount() == m_tiles.size();
    if (all && !m_allLoadedSent) {
        m_allLoadedSent = true;
        Q_EMIT allLoaded();
    } else if (!all) {
        m_allLoadedSent = false;
    }
}

void PreviewGrid::moveCurrent(int delta)
{
    if (m_tiles.isEmpty())
        return;
    const int from = qMax(0, indexOf(m_current));
    const int to = qBound(0, from + delta, int(m_tiles.size()) - 1);
    const QString key = m_tiles.at(to)->key();
    if (!m_enlarged.isEmpty()) {
        // Enlarged: the arrows page through the previews one by one.
        m_enlarged.clear();
        enlarge(key);
        return;
    }
    setCurrentKey(key);
}

void PreviewGrid::keyPressEvent(QKeyEvent *event)
{
    const bool enlarged = !m_enlarged.isEmpty();
    const int rowStep = enlarged ? 1 : m_columns;
    switch (event->key()) {
    case Qt::Key_Left:
        moveCurrent(-1);
        break;
    case Qt::Key_Right:
        moveCurrent(1);
        break;
    case Qt::Key_Up:
        moveCurrent(-rowStep);
        break;
    case Qt::Key_Down:
        moveCurrent(rowStep);
        break;
    case Qt::Key_Home:
        moveCurrent(-int(m_tiles.size()));
        break;
    case Qt::Key_End:
        moveCurrent(int(m_tiles.size()));
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        // Rendering costs credits: only Ctrl+Enter (or the button) does it, never plain Enter.
        if (event->modifiers() & Qt::ControlModifier) {
            if (PreviewTile *t = tile(m_current))
                t->requestRender();
        } else if (!enlarged) {
            enlarge(m_current);
        }
        break;
    case Qt::Key_Escape:
        if (!enlarged) {
            event->ignore();
            return;
        }
        showGrid();
        break;
    default:
        ComparisonGrid::keyPressEvent(event);
        return;
    }
    event->accept();
}

bool PreviewGrid::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_scroll->viewport() && event->type() == QEvent::Resize)
        relayout();
    return ComparisonGrid::eventFilter(watched, event);
}

void PreviewGrid::showEvent(QShowEvent *event)
{
    ComparisonGrid::showEvent(event);
    relayout();
}

} // namespace PreviewDeck
