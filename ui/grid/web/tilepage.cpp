// The page side of a preview tile: scripts, playback, and freezing pages that nobody looks at
// (and their still pictures). The widget side (header, body, footer, events) is previewtile.cpp.

#include "grid/web/pagefitter.h"
#include "grid/web/pagescripts.h"
#include "grid/web/pagesnapshot.h"
#include "grid/web/previewtile.h"

#include <QApplication>
#include <QTimer>
#include <QWebEngineScript>
#include <QWebEngineView>

namespace PreviewDeck {

namespace {
// After a pause (or a fit): time for the page to paint its last frame before it is pictured
// and frozen.
constexpr int kFreezeDelayMs = 400;
// A page scrolled out of view.
constexpr int kOffScreenDelayMs = 300;
// While a live page plays (or is in use): how often to look whether it still does.
constexpr int kPollMs = 2000;
// A page whose videos have no frame yet is pictured once they do, or after this many polls.
constexpr int kReadyPollMs = 250;
constexpr int kReadyWaits = 16;
} // namespace

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

bool PreviewTile::isFitted() const
{
    return m_fitter && m_fitter->isFitted();
}

void PreviewTile::onFitted()
{
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
    if (!m_view || m_frozen || m_state != State::Loaded || !m_fitter->isFitted())
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
            && (!presented
                || !PageSnapshot::showsFrame(picture, state.value(QStringLiteral("box")).toList(),
                                             zoomFactor()))) {
            ++m_readyWaits;
            scheduleIdleCheck(kReadyPollMs);
            return;
        }
        m_framesShown = true; // (or waited long enough): later pictures are good as they come
        freezeNow(picture);
    });
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
    m_fitter->cancel();
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
    if (!m_fitter->isFitted() || m_view->size() != m_fitter->fittedSize())
        m_fitter->fitNow(); // uncovers when done
    else
        m_revealTimer->start();
    scheduleIdleCheck(kPollMs);
}

void PreviewTile::uncover()
{
    if (!m_frozen)
        m_snapshot->hide();
}

} // namespace PreviewDeck
