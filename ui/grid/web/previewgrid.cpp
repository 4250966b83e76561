#include "grid/web/previewgrid.h"

#include "grid/web/gridbar.h"
#include "grid/web/gridlayout.h"
#include "grid/web/previewtile.h"

#include <QApplication>
#include <QKeyEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

namespace PreviewDeck {

namespace {
constexpr int kMargin = 12;
constexpr int kSpacing = GridLayout::Spacing;
} // namespace

int PreviewGrid::minimumTileWidth(double heightPerWidth)
{
    return GridLayout::minimumTileWidth(heightPerWidth);
}

PreviewGrid::PreviewGrid(QWidget *parent) : ComparisonGrid(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_bar = new GridBar(this);
    m_bar->hide();
    layout->addWidget(m_bar);
    // The bar's buttons take no focus: the keys stay with the grid after a click.
    auto andRefocus = [this](auto action) {
        return [this, action](auto &&...) {
            action();
            setFocus(Qt::OtherFocusReason);
        };
    };
    connect(m_bar, &GridBar::backClicked, this, andRefocus([this] { showGrid(); }));
    connect(m_bar, &GridBar::previousPageClicked, this,
            andRefocus([this] { setCurrentPage(m_page - 1); }));
    connect(m_bar, &GridBar::nextPageClicked, this,
            andRefocus([this] { setCurrentPage(m_page + 1); }));
    connect(m_bar, &GridBar::compareClicked, this, andRefocus([this] { compareSelected(); }));
    connect(m_bar, &GridBar::hideRejectedToggled, this, [this](bool hide) {
        Q_EMIT hideRejectedRequested(hide);
        setFocus(Qt::OtherFocusReason);
    });
    connect(m_bar, &GridBar::playClicked, this, andRefocus([this] { playAll(); }));
    connect(m_bar, &GridBar::pauseClicked, this, andRefocus([this] { pauseAll(); }));
    connect(m_bar, &GridBar::restartClicked, this, andRefocus([this] { restartAll(); }));
    connect(m_bar, &GridBar::muteToggled, this, [this](bool muted) {
        setMutedAll(muted);
        setFocus(Qt::OtherFocusReason);
    });

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
    // Scrolls only when not even one tile fits the window.
    connect(m_scroll->verticalScrollBar(), &QScrollBar::valueChanged, this, [this] {
        createVisibleViews();
        updateOnScreen();
    });

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
    updateBar();
}

PreviewGrid::~PreviewGrid() = default;

PreviewTile *PreviewGrid::addTile(const PreviewTileInfo &info)
{
    auto *t = new PreviewTile(info, m_canvas);
    t->setMuted(m_muted); // and paused: nothing plays by itself
    t->setMarksEnabled(m_marksEnabled);
    t->hide(); // until relayout() places it on the page shown
    connect(t, &PreviewTile::renderRequested, this, &PreviewGrid::renderRequested);
    connect(t, &PreviewTile::loadedChanged, this, &PreviewGrid::onTileLoadedChanged);
    connect(t, &PreviewTile::externalLinkRequested, this, &PreviewGrid::externalLinkRequested);
    connect(t, &PreviewTile::activated, this, [this, t] {
        setCurrentKey(t->key());
        if (!m_boardRow) // a board takes the keys itself (on currentChanged)
            setFocus(Qt::MouseFocusReason);
    });
    connect(t, &PreviewTile::enlargeRequested, this, [this, t] { enlarge(t->key()); });
    connect(t, &PreviewTile::markRequested, this, &PreviewGrid::markRequested);
    connect(t, &PreviewTile::compareToggled, this, [this](const QString &key, bool picked) {
        if (!m_boardRow) {
            setPicked(key, picked);
            return;
        }
        // The check shows the board's pick until the board answers (setChosen).
        if (PreviewTile *t = tile(key))
            t->setPickedForCompare(!picked);
        Q_EMIT chooseRequested(key, picked);
    });
    t->setBoardTile(m_boardRow);
    m_allLoadedSent = false;
    return t;
}

void PreviewGrid::setPreviews(const QList<PreviewTileInfo> &previews)
{
    QList<PreviewTile *> ordered;
    for (const PreviewTileInfo &info : previews) {
        PreviewTile *t = tile(info.key);
        if (t)
            t->setInfo(info);
        else
            t = addTile(info);
        ordered.append(t);
    }
    for (PreviewTile *t : std::as_const(m_tiles)) {
        if (!ordered.contains(t))
            t->deleteLater();
    }
    m_tiles = ordered;
    m_bar->setVisible(!m_tiles.isEmpty() && !m_boardRow);
    QStringList focus;
    for (const QString &key : std::as_const(m_focus)) {
        if (tile(key))
            focus << key;
    }
    if (focus != m_focus) {
        m_focus = focus;
        if (m_focus.isEmpty())
            m_bar->setFocusView(false, QString());
        Q_EMIT focusViewChanged();
    }
    if (!m_current.isEmpty() && !tile(m_current))
        m_current.clear();
    if (m_current.isEmpty() && !m_tiles.isEmpty() && !m_boardRow)
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

void PreviewGrid::setBoardRow(bool boardRow)
{
    m_boardRow = boardRow;
    setFocusPolicy(boardRow ? Qt::NoFocus : Qt::StrongFocus);
    m_bar->setVisible(!m_tiles.isEmpty() && !boardRow);
    setMarksEnabled(!boardRow);
    for (PreviewTile *t : std::as_const(m_tiles))
        t->setBoardTile(boardRow);
    relayout();
}

void PreviewGrid::setChosen(const QString &key, bool chosen)
{
    if (PreviewTile *t = tile(key))
        t->setPickedForCompare(chosen);
}

// --- Marks ----------------------------------------------------------------------------------

void PreviewGrid::setMark(const QString &key, TileMark mark)
{
    PreviewTile *t = tile(key);
    if (!t || t->mark() == mark)
        return;
    const bool wasCandidate = isCandidate(t);
    t->setMark(mark);
    if (wasCandidate != isCandidate(t))
        relayout();
}

void PreviewGrid::setHideRejected(bool hide)
{
    m_bar->setHideRejected(hide);
    if (hide == m_hideRejected)
        return;
    m_hideRejected = hide;
    relayout();
}

void PreviewGrid::setMarksEnabled(bool enabled)
{
    m_marksEnabled = enabled;
    for (PreviewTile *t : std::as_const(m_tiles))
        t->setMarksEnabled(enabled);
    m_bar->setMarksEnabled(enabled);
}

void PreviewGrid::requestMark(TileMark mark)
{
    PreviewTile *t = tile(m_current);
    if (!t || !m_marksEnabled)
        return;
    // F and X toggle: the same key again clears the mark.
    Q_EMIT markRequested(t->key(), t->mark() == mark ? TileMark::None : mark);
}

bool PreviewGrid::isCandidate(const PreviewTile *t) const
{
    return !(m_hideRejected && t->mark() == TileMark::Rejected);
}

QList<PreviewTile *> PreviewGrid::candidates() const
{
    QList<PreviewTile *> list;
    for (PreviewTile *t : m_tiles) {
        if (isCandidate(t))
            list << t;
    }
    return list;
}

// --- Playback -------------------------------------------------------------------------------

void PreviewGrid::playAll()
{
    m_playing = true;
    for (PreviewTile *t : std::as_const(m_tiles))
        t->play();
    updateBar();
}

void PreviewGrid::pauseAll()
{
    m_playing = false;
    for (PreviewTile *t : std::as_const(m_tiles))
        t->pause();
    updateBar();
}

void PreviewGrid::restartAll()
{
    m_playing = true;
    for (PreviewTile *t : std::as_const(m_tiles))
        t->restart();
    updateBar();
}

void PreviewGrid::setMutedAll(bool muted)
{
    m_muted = muted;
    for (PreviewTile *t : std::as_const(m_tiles))
        t->setMuted(muted);
    updateBar();
}

void PreviewGrid::updateBar()
{
    m_bar->setMuted(m_muted);
    m_bar->setPage(m_page, m_pageCount);
    m_bar->setCompareCount(int(pickedKeys().size()));
    Q_EMIT playbackChanged();
}

QList<PreviewTile *> PreviewGrid::shownTiles() const
{
    QList<PreviewTile *> list;
    for (PreviewTile *t : m_tiles) {
        if (!t->isHidden())
            list << t;
    }
    return list;
}

// --- Layout ---------------------------------------------------------------------------------

void PreviewGrid::relayout()
{
    const QSize vp = m_scroll->viewport()->size();
    const int avail = qMax(100, vp.width() - 2 * kMargin);
    const int availH = qMax(100, vp.height() - 2 * kMargin);

    QList<PreviewTile *> page;
    GridLayout::Fit fit;
    if (!m_focus.isEmpty()) {
        // The focus view: only the focused tiles, as large as the area allows.
        for (PreviewTile *t : std::as_const(m_tiles)) {
            if (m_focus.contains(t->key()))
                page << t;
        }
        fit = GridLayout::fitAll(page, avail, availH, 1.0); // compared whole
        fit.tileWidth = qMax(fit.tileWidth, 100);
        m_fitsWhole = true;
    } else {
        const QList<PreviewTile *> all = candidates();
        // The current tile hidden (rejected): the next one in the running takes over.
        if (PreviewTile *current = tile(m_current); current && !isCandidate(current)) {
            PreviewTile *next = nullptr;
            for (int i = int(m_tiles.indexOf(current)); i < m_tiles.size() && !next; ++i)
                next = isCandidate(m_tiles.at(i)) ? m_tiles.at(i) : nullptr;
            if (!next && !all.isEmpty())
                next = all.last();
            if (next) {
                current->setSelected(false);
                m_current = next->key();
                next->setSelected(true);
                Q_EMIT currentChanged(m_current);
            }
        }
        const int minWidth = GridLayout::minimumTileWidth(all);
        const double shown = GridLayout::GridShownPart;
        fit = GridLayout::fitAll(all, avail, availH, shown);
        m_perPage = 0;
        m_pageCount = 1;
        if (fit.tileWidth < minWidth && all.size() > 1) {
            // Too many for the screen at a usable size: pages, all with tiles of one size.
            m_perPage = GridLayout::tilesPerPage(all, avail, availH, shown);
            m_pageCount = int((all.size() + m_perPage - 1) / m_perPage);
            fit = GridLayout::fitAll(all.mid(0, m_perPage), avail, availH, shown);
        }
        m_page = qBound(0, m_page, m_pageCount - 1);
        page = m_perPage > 0 ? all.mid(m_page * m_perPage, m_perPage) : all;
        m_fitsWhole = fit.tileWidth >= minWidth;
        if (!m_fitsWhole) {
            // Not even a row of usable tiles fits: usable tiles anyway, and the page scrolls.
            fit.columns = qBound(1, (avail + kSpacing) / (minWidth + kSpacing),
                                 qMax(1, int(page.size())));
            fit.tileWidth = qMin(minWidth, avail);
            fit.maxTileHeight = 0;
        }
    }
    m_columns = fit.columns;
    placeTiles(page, fit.columns, fit.tileWidth, fit.maxTileHeight);
    updateBar();
    createVisibleViews();
    updateOnScreen();
}

void PreviewGrid::placeTiles(const QList<PreviewTile *> &tiles, int columns, int tileWidth,
                             int maxTileHeight)
{
    const QSize vp = m_scroll->viewport()->size();
    const int avail = qMax(100, vp.width() - 2 * kMargin);
    const int used = columns * tileWidth + (columns - 1) * kSpacing;
    const int left = kMargin + qMax(0, (avail - used) / 2); // centred
    for (PreviewTile *t : std::as_const(m_tiles)) {
        if (!tiles.contains(t))
            t->hide();
    }
    int y = kMargin;
    for (int first = 0; first < tiles.size(); first += columns) {
        int rowHeight = 0;
        for (int i = first; i < qMin(int(tiles.size()), first + columns); ++i) {
            PreviewTile *t = tiles.at(i);
            QSize s = t->sizeForWidth(tileWidth);
            if (maxTileHeight > 0) // the page scrolls inside a shorter tile
                s.setHeight(qMin(s.height(), maxTileHeight));
            t->setGeometry(left + (i - first) * (tileWidth + kSpacing), y, s.width(), s.height());
            t->show();
            rowHeight = qMax(rowHeight, s.height());
        }
        y += rowHeight + kSpacing;
    }
    m_canvas->resize(vp.width(), qMax(0, y - kSpacing + kMargin));
}

void PreviewGrid::createVisibleViews()
{
    if (!isVisible())
        return;
    // Only shown tiles load: other pages wait until they are turned to.
    const int h = m_scroll->viewport()->height();
    const QRect near(0, m_scroll->verticalScrollBar()->value() - h / 2, m_canvas->width(), 2 * h);
    for (PreviewTile *t : std::as_const(m_tiles)) {
        if (!t->isHidden() && t->geometry().intersects(near))
            t->ensureView();
    }
}

void PreviewGrid::updateOnScreen()
{
    // Tiles out of sight (on another page, hidden, scrolled away, or the grid hidden) freeze.
    const bool shown = isVisible();
    const QRect visible(0, m_scroll->verticalScrollBar()->value(), m_scroll->viewport()->width(),
                        m_scroll->viewport()->height());
    for (PreviewTile *t : std::as_const(m_tiles)) {
        t->setPinned(shown && t->key() == enlargedKey());
        t->setOnScreen(shown && !t->isHidden() && t->geometry().intersects(visible));
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

void PreviewGrid::hideEvent(QHideEvent *event)
{
    ComparisonGrid::hideEvent(event);
    updateOnScreen();
}

} // namespace PreviewDeck
