#include "grid/web/previewtile.h"

#include "grid/web/gridicons.h"
#include "grid/web/pagefitter.h"
#include "grid/web/pagescripts.h"
#include "grid/web/pagesnapshot.h"
#include "grid/web/tileheader.h"
#include "grid/web/webprofile.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedLayout>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWebEngineLoadingInfo>
#include <QWebEngineScript>
#include <QWebEngineView>

namespace PreviewDeck {

namespace {
constexpr int kFrame = PreviewTile::FrameWidth;
// After the mouse leaves: a pointer passing by should not freeze and thaw a page at once.
constexpr int kLeaveDelayMs = 1500;
// A thawed page stays under its still picture this long, so its first frame is not a blank.
constexpr int kRevealDelayMs = 150;
constexpr int kRefreshDelayMs = 300;

QString titleTip(const PreviewTileInfo &info)
{
    return info.detail.isEmpty() ? info.title
                                 : QStringLiteral("%1 (%2)").arg(info.title, info.detail);
}
} // namespace

PreviewTile::PreviewTile(const PreviewTileInfo &info, QWidget *parent)
    : QWidget(parent), m_info(info)
{
    setObjectName(QStringLiteral("previewTile"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(kFrame, kFrame, kFrame, kFrame);
    outer->setSpacing(2);

    // Style names are what the user compares by: the title has all the width the marks leave.
    m_header = new TileHeader(this);
    m_header->setTitle(info.title, titleTip(info));
    outer->addWidget(m_header);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->setTextVisible(false);
    m_progress->setFixedHeight(4);
    // Keeps its place when hidden so the tile does not jump when loading ends.
    QSizePolicy keep = m_progress->sizePolicy();
    keep.setRetainSizeWhenHidden(true);
    m_progress->setSizePolicy(keep);
    m_progress->hide();
    outer->addWidget(m_progress);

    m_bodyWidget = new QWidget(this);
    m_body = new QStackedLayout(m_bodyWidget);
    m_placeholder = new QLabel(tr("Loading preview…"), m_bodyWidget);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setAutoFillBackground(true);
    m_body->addWidget(m_placeholder);

    m_errorPanel = new QWidget(m_bodyWidget);
    m_errorPanel->setObjectName(QStringLiteral("tileError"));
    auto *errorLayout = new QVBoxLayout(m_errorPanel);
    errorLayout->addStretch();
    m_errorLabel = new QLabel(m_errorPanel);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setAlignment(Qt::AlignCenter);
    errorLayout->addWidget(m_errorLabel);
    m_reloadButton = new QPushButton(tr("Reload"), m_errorPanel);
    m_reloadButton->setObjectName(QStringLiteral("reloadButton"));
    errorLayout->addWidget(m_reloadButton, 0, Qt::AlignHCenter);
    errorLayout->addStretch();
    m_body->addWidget(m_errorPanel);
    // Not in the stack: it lies over the view, which stays in place below it.
    m_snapshot = new PageSnapshot(m_bodyWidget);
    m_bodyWidget->installEventFilter(this);
    outer->addWidget(m_bodyWidget, 1);

    auto *footer = new QHBoxLayout;
    footer->setContentsMargins(0, 0, 0, 0);
    m_enlargeButton = new QToolButton(this);
    m_enlargeButton->setObjectName(QStringLiteral("enlargeButton"));
    m_enlargeButton->setText(tr("Enlarge"));
    m_enlargeButton->setIcon(gridIcon(GridIcon::Enlarge, palette()));
    m_enlargeButton->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_enlargeButton->setAutoRaise(true);
    m_enlargeButton->setToolTip(
            tr("Enlarge: show only this preview (double-click, or Enter when none is picked)"));
    m_enlargeButton->setFocusPolicy(Qt::NoFocus);
    m_renderButton = new QPushButton(tr("Render"), this);
    m_renderButton->setObjectName(QStringLiteral("renderButton"));
    m_renderButton->setFocusPolicy(Qt::NoFocus); // keys belong to the grid
    footer->addWidget(m_enlargeButton);
    footer->addStretch(1);
    footer->addWidget(m_renderButton);
    outer->addLayout(footer);

    m_idleTimer = new QTimer(this);
    m_idleTimer->setSingleShot(true);
    connect(m_idleTimer, &QTimer::timeout, this, &PreviewTile::idleCheck);
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(kRefreshDelayMs);
    connect(m_refreshTimer, &QTimer::timeout, this, [this] {
        // A frozen page whose picture no longer matches the tile's size: draw it anew.
        if (m_frozen && m_onScreen && isVisible() && snapshotIsStale())
            goLive();
    });
    m_revealTimer = new QTimer(this);
    m_revealTimer->setSingleShot(true);
    m_revealTimer->setInterval(kRevealDelayMs);
    connect(m_revealTimer, &QTimer::timeout, this, &PreviewTile::uncover);

    connect(m_renderButton, &QPushButton::clicked, this, [this] {
        Q_EMIT activated();
        requestRender();
    });
    connect(m_enlargeButton, &QToolButton::clicked, this, [this] {
        Q_EMIT activated();
        Q_EMIT enlargeRequested();
    });
    connect(m_reloadButton, &QPushButton::clicked, this, &PreviewTile::reload);
    connect(m_header, &TileHeader::markRequested, this, [this](TileMark mark) {
        Q_EMIT activated();
        Q_EMIT markRequested(m_info.key, mark);
    });
    connect(m_header, &TileHeader::compareToggled, this, [this](bool checked) {
        Q_EMIT activated();
        Q_EMIT compareToggled(m_info.key, checked);
    });
    setRenderState(TileRenderState::Available);
}

PreviewTile::~PreviewTile()
{
    m_alive.reset(); // script answers still under way find no tile
    delete m_fitter; // its answers too: a page being deleted calls them
}

double PreviewTile::heightPerWidth(const QString &aspectRatio)
{
    const QStringList parts = aspectRatio.split(QLatin1Char('x'));
    if (parts.size() == 2) {
        const double w = parts.at(0).toDouble();
        const double h = parts.at(1).toDouble();
        if (w > 0 && h > 0)
            return h / w;
    }
    return 9.0 / 16.0;
}

int PreviewTile::chromeHeight() const
{
    // Everything but the page area, as the layout will really place it.
    const QMargins m = layout()->contentsMargins();
    const int footer = m_renderButton->isHidden() // a board tile has no buttons
            ? -layout()->spacing()
            : qMax(m_enlargeButton->sizeHint().height(), m_renderButton->sizeHint().height());
    return m.top() + m.bottom() + m_header->sizeHint().height() + m_progress->height() + footer
            + 3 * layout()->spacing();
}

QSize PreviewTile::sizeForWidth(int width) const
{
    const int pageWidth = qMax(1, width - 2 * kFrame);
    return QSize(width, chromeHeight() + qRound(pageWidth * heightPerWidth()));
}

void PreviewTile::setInfo(const PreviewTileInfo &info)
{
    const bool urlChanged = info.url != m_info.url;
    m_info = info;
    m_header->setTitle(info.title, titleTip(info));
    if (urlChanged && m_view)
        startLoad();
}

void PreviewTile::ensureView()
{
    if (m_view)
        return;
    m_view = new QWebEngineView(m_bodyWidget);
    m_view->setObjectName(QStringLiteral("tileView"));
    m_page = new PreviewWebPage(sharedPreviewProfile(), m_view);
    m_view->setPage(m_page);
    m_body->insertWidget(1, m_view);
    m_view->installEventFilter(this);
    m_snapshot->raise();
    m_fitter = new PageFitter(
            m_view, [this] { return !m_frozen && m_state == State::Loaded; }, this);
    connect(m_fitter, &PageFitter::fitted, this, &PreviewTile::onFitted);

    connect(m_page, &QWebEnginePage::loadProgress, m_progress, &QProgressBar::setValue);
    connect(m_page, &QWebEnginePage::loadingChanged, this, [this](const QWebEngineLoadingInfo &i) {
        switch (i.status()) {
        case QWebEngineLoadingInfo::LoadStartedStatus:
            // A reload of a crashed page also passes here.
            if (m_state != State::Loaded)
                setState(State::Loading);
            break;
        case QWebEngineLoadingInfo::LoadSucceededStatus:
            setState(State::Loaded);
            // A new document: its media start paused (and muted as the grid is), then the page
            // is zoomed to the tile.
            m_fitter->forgetLayout();
            m_readyWaits = 0;
            m_framesShown = false;
            m_playPending = true;
            m_mutePending = true;
            applyMedia();
            m_fitter->fitNow();
            break;
        case QWebEngineLoadingInfo::LoadFailedStatus:
            m_errorLabel->setToolTip(i.errorString());
            setState(State::Error,
                     tr("This preview could not be loaded. Check the connection and try again."));
            break;
        case QWebEngineLoadingInfo::LoadStoppedStatus:
            // Stopped before it ever showed: nothing to compare, so say so.
            if (m_state == State::Loading)
                setState(State::Error, tr("Loading this preview was stopped."));
            break;
        }
    });
    connect(m_page, &QWebEnginePage::renderProcessTerminated, this,
            [this](QWebEnginePage::RenderProcessTerminationStatus status, int) {
                if (status == QWebEnginePage::NormalTerminationStatus)
                    return;
                m_errorLabel->setToolTip(QString());
                setState(State::Error,
                         status == QWebEnginePage::KilledTerminationStatus
                                 ? tr("This preview stopped because its page was closed by the "
                                      "system.")
                                 : tr("This preview stopped because its page crashed."));
            });
    connect(m_page, &PreviewWebPage::externalLinkRequested, this,
            &PreviewTile::externalLinkRequested);
    startLoad();
}

void PreviewTile::startLoad()
{
    if (m_frozen) {
        // Navigating needs a live page.
        m_frozen = false;
        m_page->setLifecycleState(QWebEnginePage::LifecycleState::Active);
        Q_EMIT frozenChanged(false);
    }
    m_snapshot->hide();
    m_snapshot->setPixmap(QPixmap());
    m_fitter->forgetLayout();
    ++m_checkGeneration;
    m_page->setAllowedOrigin(m_info.url);
    setState(State::Loading);
    m_view->setUrl(m_info.url);
}

void PreviewTile::reload()
{
    if (!m_view) {
        ensureView();
        return;
    }
    startLoad();
}

QString PreviewTile::errorText() const
{
    return m_state == State::Error ? m_errorLabel->text() : QString();
}

bool PreviewTile::isShowingPage() const
{
    return m_state != State::Error && (!m_view || m_view->isVisible() || m_snapshot->isVisible());
}

double PreviewTile::zoomFactor() const
{
    return m_page ? m_page->zoomFactor() : 1.0;
}

void PreviewTile::setState(State state, const QString &error)
{
    const bool wasLoaded = m_state == State::Loaded;
    if (state == State::Error)
        m_errorLabel->setText(error);
    m_progress->setVisible(state == State::Loading);
    if (state == State::Loading)
        m_progress->setValue(0);
    const bool changed = state != m_state;
    m_state = state;
    showCurrentBody();
    if (!changed)
        return;
    Q_EMIT stateChanged(state);
    if (wasLoaded != (state == State::Loaded))
        Q_EMIT loadedChanged(state == State::Loaded);
}

void PreviewTile::showCurrentBody()
{
    // The view stays visible while loading: Chromium paints and lays out only shown views.
    QWidget *current = m_state == State::Error
            ? m_errorPanel
            : (m_view ? static_cast<QWidget *>(m_view) : m_placeholder);
    m_body->setCurrentWidget(current);
    if (current == m_view && m_frozen)
        m_view->hide(); // a shown page cannot be frozen; its picture stands in for it
    if (m_state == State::Error)
        m_snapshot->hide();
}

// --- Events ---------------------------------------------------------------------------------

bool PreviewTile::event(QEvent *event)
{
    switch (event->type()) {
    case QEvent::PaletteChange:
        m_enlargeButton->setIcon(gridIcon(GridIcon::Enlarge, palette()));
        break;
    case QEvent::Enter:
        // The pointer over a tile: its page may be used (controls, scrolling), so it is live.
        m_hovered = true;
        goLive();
        break;
    case QEvent::Leave:
        m_hovered = false;
        scheduleIdleCheck(kLeaveDelayMs);
        break;
    default:
        break;
    }
    return QWidget::event(event);
}

bool PreviewTile::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize) {
        if (watched == m_view && !m_frozen && m_state == State::Loaded) {
            m_fitter->fitSoon();
        } else if (watched == m_bodyWidget) {
            m_snapshot->setGeometry(m_bodyWidget->rect());
            if (m_frozen && m_onScreen)
                m_refreshTimer->start();
        }
    }
    return QWidget::eventFilter(watched, event);
}

// --- Render and selection -------------------------------------------------------------------

void PreviewTile::setRenderState(TileRenderState state)
{
    m_renderState = state;
    switch (state) {
    case TileRenderState::Available:
        m_renderButton->setText(tr("Render"));
        m_renderButton->setEnabled(true);
        break;
    case TileRenderState::Confirming:
        m_renderButton->setText(tr("Confirm the cost…"));
        m_renderButton->setEnabled(false);
        break;
    case TileRenderState::Busy:
        m_renderButton->setText(tr("Rendering…"));
        m_renderButton->setEnabled(false);
        break;
    case TileRenderState::Rendered:
        m_renderButton->setText(tr("Rendered"));
        m_renderButton->setEnabled(false);
        break;
    case TileRenderState::Failed:
        m_renderButton->setText(tr("Render again"));
        m_renderButton->setEnabled(true);
        break;
    case TileRenderState::Unavailable:
        m_renderButton->setText(tr("Cannot render"));
        m_renderButton->setEnabled(false);
        break;
    }
    m_renderButton->setToolTip(state == TileRenderState::Unavailable
                                       ? tr("Creatify did not make these previews, so they "
                                            "cannot be rendered.")
                                       : QString());
}

bool PreviewTile::requestRender()
{
    if (m_renderState != TileRenderState::Available && m_renderState != TileRenderState::Failed)
        return false;
    // Not available first, so whatever the signal triggers (a confirmation) cannot lead to a
    // second one.
    setRenderState(TileRenderState::Confirming);
    Q_EMIT renderRequested(m_info.key);
    return true;
}

void PreviewTile::setSelected(bool selected)
{
    if (m_selected == selected)
        return;
    m_selected = selected;
    update();
}

void PreviewTile::setMark(TileMark mark)
{
    m_mark = mark;
    m_header->setMark(mark);
    update();
}

void PreviewTile::setMarksEnabled(bool enabled)
{
    m_header->setMarksEnabled(enabled);
}

void PreviewTile::setPickedForCompare(bool picked)
{
    m_picked = picked;
    m_header->setCompareChecked(picked);
}

void PreviewTile::setBoardTile(bool boardTile)
{
    m_enlargeButton->setVisible(!boardTile);
    m_renderButton->setVisible(!boardTile);
    m_header->setCompareLabel(boardTile ? tr("Pick") : QString(),
                              boardTile ? tr("Pick this preview for rendering (P or Space)")
                                        : QString());
}

void PreviewTile::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRect r = rect().adjusted(1, 1, -1, -1);
    // A mark tints the tile behind its header and buttons.
    if (m_mark != TileMark::None) {
        p.fillRect(rect(),
                   m_mark == TileMark::Favourite ? QColor(247, 201, 72, 90)
                                                 : QColor(192, 57, 43, 60));
    }
    if (m_selected || m_mark != TileMark::None) {
        const QColor colour = m_selected        ? palette().color(QPalette::Highlight)
                : m_mark == TileMark::Favourite ? QColor(215, 160, 20)
                                                : QColor(192, 57, 43);
        QPen pen(colour, kFrame);
        pen.setJoinStyle(Qt::MiterJoin);
        p.setPen(pen);
        p.drawRect(rect().adjusted(kFrame / 2, kFrame / 2, -(kFrame + 1) / 2, -(kFrame + 1) / 2));
    } else {
        p.setPen(palette().color(QPalette::Mid));
        p.drawRect(r.adjusted(1, 1, -1, -1));
    }
}

void PreviewTile::mousePressEvent(QMouseEvent *event)
{
    // Ctrl+click picks the tile for the focus view (as its Compare check does).
    if (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ControlModifier)) {
        Q_EMIT activated();
        Q_EMIT compareToggled(m_info.key, !m_picked);
        event->accept();
        return;
    }
    Q_EMIT activated();
    QWidget::mousePressEvent(event);
}

void PreviewTile::mouseDoubleClickEvent(QMouseEvent *event)
{
    Q_EMIT activated();
    Q_EMIT enlargeRequested();
    event->accept();
}

} // namespace PreviewDeck
