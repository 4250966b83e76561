#include "previewtile.h"

#include "elidedlabel.h"
#include "gridicons.h"
#include "pagescripts.h"
#include "webprofile.h"

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
// After a pause (or a fit): time for the page to paint its last frame before it is pictured
// and frozen.
constexpr int kFreezeDelayMs = 400;
// After the mouse leaves: a pointer passing by should not freeze and thaw a page at once.
constexpr int kLeaveDelayMs = 1500;
// A page scrolled out of view.
constexpr int kOffScreenDelayMs = 300;
// While a live page plays (or is in use): how often to look whether it still does.
constexpr int kPollMs = 2000;
// A thawed page stays under its still picture this long, so its first frame is not a blank.
constexpr int kRevealDelayMs = 150;
// A page whose videos have no frame yet is pictured once they do, or after this many polls.
constexpr int kReadyPollMs = 250;
constexpr int kReadyWaits = 16;
// Resizes come in bursts (window drags): fit once they stop.
constexpr int kFitDelayMs = 150;
constexpr int kRefreshDelayMs = 300;

QString titleTip(const PreviewTileInfo &info)
{
    return info.detail.isEmpty() ? info.title
                                 : QStringLiteral("%1 (%2)").arg(info.title, info.detail);
}
} // namespace

// The still picture of a frozen page, drawn over (and at the size of) the page area. Mouse
// events go through it to the view below, which is there as soon as the page thaws.
class PageSnapshot : public QWidget
{
public:
    explicit PageSnapshot(QWidget *parent) : QWidget(parent)
    {
        setObjectName(QStringLiteral("tileSnapshot"));
        setAttribute(Qt::WA_TransparentForMouseEvents);
        hide();
    }
    void setPixmap(const QPixmap &pixmap)
    {
        m_pixmap = pixmap;
        update();
    }
    bool isEmpty() const { return m_pixmap.isNull(); }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        p.drawPixmap(rect(), m_pixmap);
    }

private:
    QPixmap m_pixmap;
};

struct PreviewTile::FitStep
{
    int generation = 0;
    double zoom = MaxZoom;
    int round = 0; // zoom changes so far
    int waits = 0; // answers that came before the page was laid out at `zoom`
    double bestZoom = 0; // the widest zoom at which the width fits, once known
    double bestShown = 0; // share of the largest video inside the first screen there
};

PreviewTile::PreviewTile(const PreviewTileInfo &info, QWidget *parent)
    : QWidget(parent), m_info(info)
{
    setObjectName(QStringLiteral("previewTile"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(kFrame, kFrame, kFrame, kFrame);
    outer->setSpacing(2);

    // The title has the whole width: style names are what the user compares by.
    m_title = new ElidedLabel(info.title, this);
    m_title->setObjectName(QStringLiteral("tileTitle"));
    m_title->setToolTip(titleTip(info));
    m_title->setContentsMargins(4, 0, 4, 0);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    outer->addWidget(m_title);

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
    m_enlargeButton->setToolTip(tr("Enlarge: show only this preview (Enter)"));
    m_enlargeButton->setFocusPolicy(Qt::NoFocus);
    m_renderButton = new QPushButton(tr("Render"), this);
    m_renderButton->setObjectName(QStringLiteral("renderButton"));
    m_renderButton->setFocusPolicy(Qt::NoFocus); // keys belong to the grid
    footer->addWidget(m_enlargeButton);
    footer->addStretch(1);
    footer->addWidget(m_renderButton);
    outer->addLayout(footer);

    m_fitTimer = new QTimer(this);
    m_fitTimer->setSingleShot(true);
    m_fitTimer->setInterval(kFitDelayMs);
    connect(m_fitTimer, &QTimer::timeout, this, &PreviewTile::fitToWidth);
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
    setRenderState(TileRenderState::Available);
}

PreviewTile::~PreviewTile()
{
    m_alive.reset(); // script answers still under way find no tile
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
    const int footer = qMax(m_enlargeButton->sizeHint().height(),
                            m_renderButton->sizeHint().height());
    return m.top() + m.bottom() + m_title->sizeHint().height() + m_progress->height() + footer
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
    m_title->setText(info.title);
    m_title->setToolTip(titleTip(info));
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
            m_layoutWidth = 0;
            m_readyWaits = 0;
            m_framesShown = false;
            m_playPending = true;
            m_mutePending = true;
            applyMedia();
            fitToWidth();
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
    m_fitted = false;
    ++m_fitGeneration;
    ++m_checkGeneration;
    m_layoutWidth = 0;
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

// --- Zoom to fit ----------------------------------------------------------------------------

void PreviewTile::runScript(const QString &script, const std::function<void(const QVariant &)> &done)
{
    if (!m_page)
        return;
    std::weak_ptr<int> alive = m_alive;
    m_page->runJavaScript(script, QWebEngineScript::ApplicationWorld,
                          [alive, done](const QVariant &value) {
                              if (!alive.expired() && done)
                                  done(value);
                          });
}

void PreviewTile::fitToWidth()
{
    m_fitTimer->stop();
    if (!m_view || m_frozen || m_state != State::Loaded || m_view->width() < 16)
        return;
    m_fitted = false;
    FitStep step;
    step.generation = ++m_fitGeneration;
    // Laid out before at a known CSS width: start there, so a resize only scales the page.
    step.zoom = m_layoutWidth > 0 ? qBound(MinZoom, m_view->width() / m_layoutWidth, MaxZoom)
                                  : MaxZoom;
    m_page->setZoomFactor(step.zoom);
    measureFit(step);
}

void PreviewTile::measureFit(FitStep step)
{
    runScript(PageScripts::measure(), [this, step](const QVariant &answer) mutable {
        if (step.generation != m_fitGeneration || m_frozen || m_state != State::Loaded)
            return;
        const QVariantList v = answer.toList();
        if (v.size() < 6) {
            finishFit(step.zoom); // no document to measure: leave it as it is
            return;
        }
        const double scrollWidth = v.at(0).toDouble();
        const double clientWidth = v.at(1).toDouble();
        const double innerWidth = v.at(2).toDouble();
        const double clientHeight = v.at(3).toDouble();
        const double videoTop = v.at(4).toDouble();
        const double videoBottom = v.at(5).toDouble();
        // The zoom reaches the renderer on a way of its own: ask again until the page is laid
        // out at it (its CSS width is then the view's width over the zoom).
        if (qAbs(innerWidth * step.zoom - m_view->width()) > 3 && step.waits < 40) {
            ++step.waits;
            QTimer::singleShot(15, this, [this, step] { measureFit(step); });
            return;
        }
        step.waits = 0;

        double next = step.zoom;
        if (scrollWidth > clientWidth + 1) {
            // Wider than the tile: zoom out until the content width fits.
            next = step.zoom * clientWidth / scrollWidth;
        } else {
            // The width fits. If the largest video starts on the first screen but does not end
            // there, zoom out while that shows more of it; pages whose player grows with the
            // width gain nothing and go back to the best zoom.
            double shown = 1.0;
            if (videoTop >= 0 && videoTop < clientHeight && videoBottom > clientHeight + 1)
                shown = (clientHeight - videoTop) / (videoBottom - videoTop);
            if (step.bestZoom > 0 && shown < step.bestShown + 0.02) {
                finishFit(step.bestZoom);
                return;
            }
            step.bestZoom = step.zoom;
            step.bestShown = shown;
            if (shown >= 0.99) {
                finishFit(step.zoom);
                return;
            }
            next = step.zoom * clientHeight / videoBottom;
        }
        next = qMax(MinZoom, next * 0.995); // a hair under, so rounding cannot leave a pixel over
        if (next >= step.zoom - 0.005 || step.round >= 8) {
            finishFit(step.bestZoom > 0 ? step.bestZoom : step.zoom);
            return;
        }
        step.zoom = next;
        ++step.round;
        m_page->setZoomFactor(next);
        measureFit(step);
    });
}

void PreviewTile::finishFit(double zoom)
{
    if (qAbs(m_page->zoomFactor() - zoom) > 1e-3)
        m_page->setZoomFactor(zoom);
    // Remembered so that the next fit (a resize) starts at the same layout, only scaled.
    m_layoutWidth = zoom < MaxZoom - 1e-3 ? m_view->width() / zoom : 0;
    m_fitted = true;
    m_fittedSize = m_view->size();
    Q_EMIT fitted();
    if (m_snapshot->isVisible() && !m_frozen)
        m_revealTimer->start();
    scheduleIdleCheck(kFreezeDelayMs);
}

// --- Playback and freezing ------------------------------------------------------------------

void PreviewTile::applyMedia()
{
    if (!m_view || m_frozen || m_state != State::Loaded)
        return;
    if (!m_playPending && !m_mutePending && !m_restartPending)
        return;
    const int play = m_playPending ? (m_wantPlaying ? 1 : 0) : -1;
    const int muted = m_mutePending ? (m_muted ? 1 : 0) : -1;
    runScript(PageScripts::apply(play, muted, m_restartPending), {});
    m_playPending = false;
    m_mutePending = false;
    m_restartPending = false;
}

void PreviewTile::play()
{
    m_wantPlaying = true;
    m_playPending = true;
    if (m_frozen) {
        // Off-screen pages start when they come into view.
        if (m_onScreen || m_pinned)
            goLive();
        return;
    }
    applyMedia();
    scheduleIdleCheck(kPollMs);
}

void PreviewTile::pause()
{
    m_wantPlaying = false;
    m_playPending = true;
    m_restartPending = false;
    if (m_frozen)
        return; // frozen pages do not play; it is told when it thaws
    applyMedia();
    scheduleIdleCheck(kFreezeDelayMs);
}

void PreviewTile::restart()
{
    m_restartPending = true;
    play();
}

void PreviewTile::setMuted(bool muted)
{
    m_muted = muted;
    m_mutePending = true;
    applyMedia(); // a frozen page is told when it thaws
}

void PreviewTile::setOnScreen(bool onScreen)
{
    if (m_onScreen == onScreen)
        return;
    m_onScreen = onScreen;
    if (onScreen && m_frozen && (m_wantPlaying || snapshotIsStale()))
        goLive();
    scheduleIdleCheck(onScreen ? kFreezeDelayMs : kOffScreenDelayMs);
}

void PreviewTile::setPinned(bool pinned)
{
    if (m_pinned == pinned)
        return;
    m_pinned = pinned;
    if (pinned)
        goLive();
    else
        scheduleIdleCheck(kFreezeDelayMs);
}

bool PreviewTile::keptLive() const
{
    // Not the keyboard focus: a window that opens may put it into any page. Whoever types into
    // a page has the pointer over it, or had it there a moment ago.
    return m_hovered || m_pinned;
}

bool PreviewTile::snapshotIsStale() const
{
    return m_snapshot->isEmpty() || !m_snapshotComplete || m_snapshotSize != m_bodyWidget->size();
}

void PreviewTile::scheduleIdleCheck(int ms)
{
    if (!m_idleTimer->isActive() || m_idleTimer->remainingTime() > ms)
        m_idleTimer->start(ms);
}

void PreviewTile::idleCheck()
{
    if (!m_view || m_frozen || m_state != State::Loaded || !m_fitted)
        return; // loading or fitting: the fit schedules the next check
    const bool shown = m_onScreen && isVisible();
    if (!shown) {
        freezeNow();
        return;
    }
    if (keptLive()) {
        scheduleIdleCheck(kPollMs);
        return;
    }
    // On screen and left alone: frozen unless something plays.
    const int generation = ++m_checkGeneration;
    runScript(PageScripts::state(), [this, generation](const QVariant &answer) {
        if (generation != m_checkGeneration || m_frozen || m_state != State::Loaded)
            return;
        const QVariantMap state = answer.toMap();
        if (state.value(QStringLiteral("playing")).toInt() > 0) {
            m_wantPlaying = true; // also when the viewer started it in the page
            scheduleIdleCheck(kPollMs);
            return;
        }
        m_wantPlaying = false; // ended, or paused in the page
        if (m_onScreen && isVisible() && keptLive()) {
            scheduleIdleCheck(kPollMs);
            return;
        }
        // Pictured before its videos show their first frame, a tile would stay black: wait until
        // the page has presented a frame and the view shows it (within limits: a video may well
        // begin in black).
        const bool presented = state.value(QStringLiteral("ready"), true).toBool();
        QPixmap picture;
        if (m_view->isVisible() && (presented || m_readyWaits >= kReadyWaits))
            picture = m_view->grab();
        if (m_readyWaits < kReadyWaits
            && (!presented || !showsFrame(picture, state.value(QStringLiteral("box")).toList()))) {
            ++m_readyWaits;
            scheduleIdleCheck(kReadyPollMs);
            return;
        }
        m_framesShown = true; // (or waited long enough): later pictures are good as they come
        freezeNow(picture);
    });
}

bool PreviewTile::showsFrame(const QPixmap &picture, const QVariantList &box) const
{
    if (box.size() < 4 || picture.isNull())
        return true; // no video, or nothing to look at
    // The middle of the video (clear of its controls), from CSS to the picture's pixels.
    const double scale = zoomFactor() * picture.devicePixelRatio();
    const double left = box.at(0).toDouble(), top = box.at(1).toDouble();
    const double width = box.at(2).toDouble() - left, height = box.at(3).toDouble() - top;
    const QRect middle = QRectF((left + width * 0.25) * scale, (top + height * 0.2) * scale,
                                width * 0.5 * scale, height * 0.45 * scale)
                                 .toAlignedRect()
                                 .intersected(QRect(QPoint(0, 0), picture.size()));
    if (middle.width() < 4 || middle.height() < 4)
        return true;
    // No frame yet is black, or the player's grey "loading" panel: flat either way. A frame
    // has contrast.
    const QImage image = picture.copy(middle).toImage().convertToFormat(QImage::Format_RGB32);
    double sum = 0, sumOfSquares = 0;
    int n = 0;
    for (int y = 0; y < image.height(); y += 2) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); x += 2, ++n) {
            const double grey = qGray(line[x]);
            sum += grey;
            sumOfSquares += grey * grey;
        }
    }
    const double mean = sum / n;
    return sumOfSquares / n - mean * mean > 12.0 * 12.0; // standard deviation over 12 of 255
}

void PreviewTile::freezeNow(const QPixmap &picture)
{
    if (!m_view || m_frozen || m_state != State::Loaded)
        return;
    const QPixmap shot = !picture.isNull() || !m_view->isVisible() || m_view->size().isEmpty()
            ? picture
            : m_view->grab();
    if (!shot.isNull()) {
        m_snapshot->setPixmap(shot);
        m_snapshotSize = m_bodyWidget->size();
        // Frozen out of view right after loading, the picture may miss the video's first
        // frame: taken again when the tile comes into view.
        m_snapshotComplete = m_framesShown;
    }
    QWidget *focus = QApplication::focusWidget();
    if (focus && (focus == m_view || m_view->isAncestorOf(focus))) {
        // Hiding the view would hand the focus on to the next page (and make that tile the
        // current one): it goes to the grid instead.
        for (QWidget *w = parentWidget(); w; w = w->parentWidget()) {
            if (w->focusPolicy() & Qt::TabFocus) {
                w->setFocus(Qt::OtherFocusReason);
                break;
            }
        }
    }
    m_revealTimer->stop();
    m_fitTimer->stop();
    ++m_fitGeneration;
    ++m_checkGeneration;
    m_frozen = true;
    if (!m_snapshot->isEmpty()) {
        m_snapshot->setGeometry(m_bodyWidget->rect());
        m_snapshot->show();
        m_snapshot->raise();
    }
    showCurrentBody(); // hides the view: Chromium then takes the page as hidden
    m_page->setLifecycleState(QWebEnginePage::LifecycleState::Frozen);
    if (m_page->lifecycleState() != QWebEnginePage::LifecycleState::Frozen) {
        // Refused (DevTools open, say): stay live.
        m_frozen = false;
        m_snapshot->hide();
        showCurrentBody();
        m_view->show();
        return;
    }
    Q_EMIT frozenChanged(true);
    if (m_onScreen && isVisible() && snapshotIsStale())
        m_refreshTimer->start(); // resized while it was being pictured
}

void PreviewTile::goLive()
{
    if (!m_frozen || !m_view)
        return;
    m_frozen = false;
    ++m_checkGeneration;
    m_page->setLifecycleState(QWebEnginePage::LifecycleState::Active);
    // The view goes back below its picture, which stays until the page has painted.
    m_view->setGeometry(m_bodyWidget->rect());
    showCurrentBody();
    if (m_state != State::Error)
        m_view->show();
    m_playPending = true; // freezing paused whatever played
    Q_EMIT frozenChanged(false);
    if (m_state != State::Loaded)
        return;
    applyMedia();
    if (!m_fitted || m_view->size() != m_fittedSize)
        fitToWidth(); // uncovers when done
    else
        m_revealTimer->start();
    scheduleIdleCheck(kPollMs);
}

void PreviewTile::uncover()
{
    if (!m_frozen)
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
            m_fitted = false; // until fitted to the new size; nothing freezes meanwhile
            m_fitTimer->start();
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

void PreviewTile::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRect r = rect().adjusted(1, 1, -1, -1);
    if (m_selected) {
        QPen pen(palette().color(QPalette::Highlight), kFrame);
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
