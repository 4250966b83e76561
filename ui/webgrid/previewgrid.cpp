#include "previewgrid.h"

#include "gridicons.h"
#include "previewtile.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace PreviewDeck {

namespace {

constexpr int kMargin = 12;
constexpr int kSpacing = 12;

QToolButton *makeBarButton(QWidget *parent, const QString &objectName, const QString &text,
                           const QString &toolTip)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::NoFocus); // the keys stay with the grid
    return button;
}

} // namespace

int PreviewGrid::minimumTileWidth(double heightPerWidth)
{
    // About the same page area for every shape: a 180 px wide 9x16 page is 320 px high.
    if (heightPerWidth > 1.2)
        return 180;
    if (heightPerWidth > 0.8)
        return 220;
    return 280;
}

PreviewGrid::PreviewGrid(QWidget *parent) : ComparisonGrid(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    // One bar: the way back from an enlarged tile on the left, playback on the right.
    m_bar = new QWidget(this);
    m_bar->setObjectName(QStringLiteral("gridBar"));
    auto *bar = new QHBoxLayout(m_bar);
    bar->setContentsMargins(kMargin, 6, kMargin, 0);
    m_backButton = new QPushButton(tr("Back (Esc)"), m_bar);
    m_backButton->setObjectName(QStringLiteral("backButton"));
    m_backButton->setFocusPolicy(Qt::NoFocus);
    m_backButton->hide();
    m_backTitle = new QLabel(m_bar);
    m_backTitle->hide();
    bar->addWidget(m_backButton);
    bar->addWidget(m_backTitle, 1);
    bar->addStretch();
    m_playButton = makeBarButton(m_bar, QStringLiteral("playAllButton"), tr("Play all"),
                                 tr("Play every preview (Space)"));
    m_pauseButton = makeBarButton(m_bar, QStringLiteral("pauseAllButton"), tr("Pause all"),
                                  tr("Pause every preview (Space)"));
    m_restartButton = makeBarButton(m_bar, QStringLiteral("restartAllButton"), tr("Restart all"),
                                    tr("Play every preview from its start, all together (R)"));
    m_muteButton = makeBarButton(m_bar, QStringLiteral("muteAllButton"), tr("Mute all"),
                                 tr("Sound of every preview off or on (M)"));
    m_muteButton->setCheckable(true);
    for (QToolButton *b : {m_playButton, m_pauseButton, m_restartButton, m_muteButton})
        bar->addWidget(b);
    m_bar->hide();
    layout->addWidget(m_bar);
    connect(m_backButton, &QPushButton::clicked, this, &PreviewGrid::showGrid);
    connect(m_playButton, &QToolButton::clicked, this, [this] {
        playAll();
        setFocus(Qt::OtherFocusReason);
    });
    connect(m_pauseButton, &QToolButton::clicked, this, [this] {
        pauseAll();
        setFocus(Qt::OtherFocusReason);
    });
    connect(m_restartButton, &QToolButton::clicked, this, [this] {
        restartAll();
        setFocus(Qt::OtherFocusReason);
    });
    connect(m_muteButton, &QToolButton::clicked, this, [this](bool checked) {
        setMutedAll(checked);
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

void PreviewGrid::setPreviews(const QList<PreviewTileInfo> &previews)
{
    QList<PreviewTile *> ordered;
    for (const PreviewTileInfo &info : previews) {
        PreviewTile *t = tile(info.key);
        if (t) {
            t->setInfo(info);
        } else {
            t = new PreviewTile(info, m_canvas);
            t->setMuted(m_muted); // and paused: nothing plays by itself
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
    m_bar->setVisible(!m_tiles.isEmpty());
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
    const QPalette &pal = palette();
    m_playButton->setIcon(gridIcon(GridIcon::Play, pal));
    m_pauseButton->setIcon(gridIcon(GridIcon::Pause, pal));
    m_restartButton->setIcon(gridIcon(GridIcon::Restart, pal));
    m_muteButton->setChecked(m_muted);
    m_muteButton->setIcon(gridIcon(m_muted ? GridIcon::Muted : GridIcon::Sound, pal));
    Q_EMIT playbackChanged();
}

// --- Selection and enlarging ----------------------------------------------------------------

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
    m_backButton->show();
    m_backTitle->show();
    relayout();
    Q_EMIT enlargedChanged(key);
}

void PreviewGrid::showGrid()
{
    if (m_enlarged.isEmpty())
        return;
    m_enlarged.clear();
    m_backButton->hide();
    m_backTitle->hide();
    relayout();
    if (PreviewTile *t = tile(m_current))
        m_scroll->ensureWidgetVisible(t, 0, kMargin);
    Q_EMIT enlargedChanged(QString());
}

// --- Layout ---------------------------------------------------------------------------------

PreviewGrid::Layout PreviewGrid::chooseLayout(int width, int height) const
{
    const int n = int(m_tiles.size());
    if (n == 0)
        return {1, width, true};
    double tallest = 0;
    for (const PreviewTile *t : m_tiles)
        tallest = qMax(tallest, t->heightPerWidth());
    const int minWidth = minimumTileWidth(tallest);
    // Height of the grid with `columns` columns of tiles `w` wide; rows are as high as their
    // tallest tile.
    auto gridHeight = [&](int columns, int w) {
        int total = 0;
        for (int first = 0; first < n; first += columns) {
            int row = 0;
            for (int i = first; i < qMin(n, first + columns); ++i)
                row = qMax(row, m_tiles.at(i)->sizeForWidth(w).height());
            total += row + (first > 0 ? kSpacing : 0);
        }
        return total;
    };

    auto tallestTile = [&](int w) {
        int h = 0;
        for (const PreviewTile *t : m_tiles)
            h = qMax(h, t->sizeForWidth(w).height());
        return h;
    };

    // All on screen: the column count that gives the widest tiles that still all fit.
    Layout best;
    const int chrome = m_tiles.first()->chromeHeight();
    for (int columns = 1; columns <= n; ++columns) {
        const int rows = (n + columns - 1) / columns;
        const int byWidth = (width - (columns - 1) * kSpacing) / columns;
        double pageHeights = 0; // sum over rows of the tallest page's height per width
        for (int first = 0; first < n; first += columns) {
            double row = 0;
            for (int i = first; i < qMin(n, first + columns); ++i)
                row = qMax(row, m_tiles.at(i)->heightPerWidth());
            pageHeights += row;
        }
        const double room = height - (rows - 1) * kSpacing - rows * chrome;
        int w = room > 0 ? qMin(byWidth, int(room / pageHeights) + 2 * PreviewTile::FrameWidth) : 0;
        while (w > 0 && gridHeight(columns, w) > height) // rounding
            --w;
        if (w > best.tileWidth)
            best = {columns, w, true};
    }
    if (best.tileWidth >= minWidth)
        return best;

    // Too many for the screen: the grid scrolls by rows. The column count that shows the most
    // whole tiles at once, no narrower than minWidth (larger tiles when equal).
    const int maxColumns = qBound(1, (width + kSpacing) / (minWidth + kSpacing), n);
    Layout scrolling;
    int bestShown = -1;
    for (int columns = 1; columns <= maxColumns; ++columns) {
        int w = (width - (columns - 1) * kSpacing) / columns;
        // A row taller than the screen: narrower tiles, if still usable, so one row shows.
        while (w > minWidth && tallestTile(w) > height)
            --w;
        const int rowHeight = tallestTile(w);
        const int rowsShown = (height + kSpacing) / (rowHeight + kSpacing);
        const int shown = qMin(n, columns * rowsShown);
        // None whole at any width: the smallest tiles come closest.
        if (shown > bestShown || (shown == 0 && bestShown == 0)) {
            bestShown = shown;
            scrolling = {columns, w, false};
        }
    }
    return scrolling;
}

void PreviewGrid::relayout()
{
    const QSize vp = m_scroll->viewport()->size();
    const int avail = qMax(100, vp.width() - 2 * kMargin);
    const int availH = qMax(100, vp.height() - 2 * kMargin);

    if (PreviewTile *big = tile(m_enlarged)) {
        for (PreviewTile *t : std::as_const(m_tiles))
            t->setVisible(t == big);
        // As large as the area allows while keeping the page's ratio.
        const int widthForHeight = int((availH - big->chromeHeight()) / big->heightPerWidth())
                + 2 * PreviewTile::FrameWidth;
        const int w = qMax(100, qMin(avail, widthForHeight));
        const QSize s = big->sizeForWidth(w);
        big->setGeometry(kMargin + (avail - s.width()) / 2, kMargin, s.width(), s.height());
        m_canvas->resize(vp.width(), qMax(vp.height(), s.height() + 2 * kMargin));
        big->ensureView();
        updateOnScreen();
        return;
    }

    const Layout layout = chooseLayout(avail, availH);
    m_columns = layout.columns;
    m_allFit = layout.allFit;
    const int tileWidth = layout.tileWidth;
    const int used = m_columns * tileWidth + (m_columns - 1) * kSpacing;
    const int left = kMargin + qMax(0, (avail - used) / 2); // centred

    int y = kMargin;
    int firstRow = 0;
    for (int row = 0; row * m_columns < m_tiles.size(); ++row) {
        int rowHeight = 0;
        for (int col = 0; col < m_columns; ++col) {
            const int i = row * m_columns + col;
            if (i >= m_tiles.size())
                break;
            PreviewTile *t = m_tiles.at(i);
            const QSize s = t->sizeForWidth(tileWidth);
            t->setGeometry(left + col * (tileWidth + kSpacing), y, s.width(), s.height());
            t->setVisible(true);
            rowHeight = qMax(rowHeight, s.height());
        }
        if (row == 0)
            firstRow = rowHeight;
        y += rowHeight + kSpacing;
    }
    m_canvas->resize(vp.width(), y - kSpacing + kMargin);
    // Scrolling goes by rows: a wheel notch moves one row, a page as many rows as show.
    const int pitch = firstRow + kSpacing;
    if (pitch > kSpacing) {
        QScrollBar *bar = m_scroll->verticalScrollBar();
        bar->setSingleStep(qMax(1, pitch / qMax(1, QApplication::wheelScrollLines())));
        bar->setPageStep(qMax(pitch, (availH + kSpacing) / pitch * pitch));
        m_rowsPerPage = qMax(1, bar->pageStep() / pitch);
    }
    createVisibleViews();
    updateOnScreen();
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

void PreviewGrid::updateOnScreen()
{
    // Tiles out of sight (scrolled away, behind an enlarged one, or the grid hidden) freeze.
    const bool shown = isVisible();
    const QRect visible(0, m_scroll->verticalScrollBar()->value(), m_scroll->viewport()->width(),
                        m_scroll->viewport()->height());
    for (PreviewTile *t : std::as_const(m_tiles)) {
        t->setPinned(shown && t->key() == m_enlarged);
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
    const bool plain = !(event->modifiers() & ~Qt::KeypadModifier);
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
    case Qt::Key_PageUp:
        moveCurrent(-rowStep * (enlarged ? 1 : m_rowsPerPage));
        break;
    case Qt::Key_PageDown:
        moveCurrent(rowStep * (enlarged ? 1 : m_rowsPerPage));
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
    case Qt::Key_Space:
    case Qt::Key_M:
    case Qt::Key_R:
        // Only the grid's own focus: keys a page leaves unused come up here too.
        if (!plain || m_tiles.isEmpty() || !hasFocus()) {
            ComparisonGrid::keyPressEvent(event);
            return;
        }
        if (event->key() == Qt::Key_Space) {
            if (m_playing)
                pauseAll();
            else
                playAll();
        } else if (event->key() == Qt::Key_M) {
            setMutedAll(!m_muted);
        } else {
            restartAll();
        }
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

void PreviewGrid::changeEvent(QEvent *event)
{
    ComparisonGrid::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateBar(); // icons in the new text colour
}

void PreviewGrid::hideEvent(QHideEvent *event)
{
    ComparisonGrid::hideEvent(event);
    updateOnScreen();
}

} // namespace PreviewDeck
