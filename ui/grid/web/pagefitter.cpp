#include "grid/web/pagefitter.h"

#include "grid/web/pagescripts.h"

#include <QPointer>
#include <QTimer>
#include <QWebEnginePage>
#include <QWebEngineScript>
#include <QWebEngineView>

namespace PreviewDeck {

namespace {
constexpr int kFitDelayMs = 150;
// How long the settling step waits for the page to be laid out at the chosen zoom (in 15 ms
// steps): a busy machine may take seconds, and marking the old layout fitted would freeze or
// check the wrong page.
constexpr int kLayoutWaits = 100;
// A trying round waits far less: a late answer costs at most another round, which the
// settling step then checks.
constexpr int kRoundWaits = 20;
} // namespace

struct PageFitter::Step
{
    int generation = 0;
    double zoom = MaxZoom;
    int round = 0; // zoom changes so far
    int waits = 0; // answers that came before the page was laid out at `zoom`
    double bestZoom = 0; // the widest zoom at which the width fits, once known
    double bestShown = 0; // share of the largest video inside the first screen there
    bool settling = false; // the zoom is chosen: only waiting for the page to be laid out at it
    bool laidOut = false; // the last answer was measured at `zoom` (not a late layout)
};

PageFitter::PageFitter(QWebEngineView *view, std::function<bool()> canFit, QObject *parent)
    : QObject(parent), m_view(view), m_canFit(std::move(canFit)), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(kFitDelayMs);
    connect(m_timer, &QTimer::timeout, this, &PageFitter::fitNow);
}

void PageFitter::fitSoon()
{
    m_fitted = false; // until fitted to the new size; nothing freezes meanwhile
    m_timer->start();
}

void PageFitter::cancel()
{
    m_timer->stop();
    ++m_generation;
}

void PageFitter::forgetLayout()
{
    cancel();
    m_fitted = false;
    m_layoutWidth = 0;
}

void PageFitter::fitNow()
{
    m_timer->stop();
    if (!m_canFit() || m_view->width() < 16)
        return;
    m_fitted = false;
    Step step;
    step.generation = ++m_generation;
    // Laid out before at a known CSS width: start there, so a resize only scales the page.
    step.zoom = m_layoutWidth > 0 ? qBound(MinZoom, m_view->width() / m_layoutWidth, MaxZoom)
                                  : MaxZoom;
    m_view->page()->setZoomFactor(step.zoom);
    measure(step);
}

void PageFitter::measure(Step step)
{
    QPointer<PageFitter> self(this);
    auto answered = [self, step](const QVariant &answer) mutable {
        if (!self || step.generation != self->m_generation || !self->m_canFit())
            return;
        PageFitter *f = self;
        const QVariantList v = answer.toList();
        if (v.size() < 6) {
            f->markFitted(step.zoom); // no document to measure: leave it as it is
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
        const int width = f->m_view->width();
        const bool laidOut = qAbs(innerWidth * step.zoom - width) <= 3;
        if (!laidOut && step.waits < (step.settling ? kLayoutWaits : kRoundWaits)) {
            ++step.waits;
            QTimer::singleShot(15, f, [f, step] { f->measure(step); });
            return;
        }
        step.waits = 0;
        step.laidOut = laidOut;
        if (step.settling) {
            f->markFitted(step.zoom);
            return;
        }

        double next = step.zoom;
        if (scrollWidth > clientWidth) {
            // Wider than the tile: zoom out until the content width fits. Not a pixel over:
            // one is a horizontal scroll bar. (The page's scroll bar keeps its size in screen
            // pixels, so a page that fitted may overflow by one when only scaled.)
            next = step.zoom * clientWidth / scrollWidth;
        } else {
            // The width fits. If the largest video starts on the first screen but does not end
            // there, zoom out while that shows more of it; pages whose player grows with the
            // width gain nothing and go back to the best zoom.
            double shown = 1.0;
            if (videoTop >= 0 && videoTop < clientHeight && videoBottom > clientHeight + 1)
                shown = (clientHeight - videoTop) / (videoBottom - videoTop);
            if (step.bestZoom > 0 && shown < step.bestShown + 0.02) {
                f->finish(step, step.bestZoom);
                return;
            }
            step.bestZoom = step.zoom;
            step.bestShown = shown;
            if (shown >= 0.99) {
                f->finish(step, step.zoom);
                return;
            }
            next = step.zoom * clientHeight / videoBottom;
        }
        next = qMax(MinZoom, next * 0.995); // a hair under, so rounding cannot leave a pixel over
        if (next >= step.zoom - 0.005 || step.round >= 8) {
            f->finish(step, step.bestZoom > 0 ? step.bestZoom : step.zoom);
            return;
        }
        step.zoom = next;
        ++step.round;
        f->m_view->page()->setZoomFactor(next);
        f->measure(step);
    };
    m_view->page()->runJavaScript(PageScripts::measure(), QWebEngineScript::ApplicationWorld,
                                  answered);
}

void PageFitter::finish(Step step, double zoom)
{
    QWebEnginePage *page = m_view->page();
    if (qAbs(page->zoomFactor() - zoom) > 1e-3 || !step.laidOut) {
        // Back to an earlier zoom, or the last try was measured late: fitted once the renderer
        // has laid the page out at it, so that nobody (a freeze's picture, a check) sees the
        // layout of another try.
        page->setZoomFactor(zoom);
        step.zoom = zoom;
        step.settling = true;
        step.waits = 0;
        measure(step);
        return;
    }
    markFitted(zoom);
}

void PageFitter::markFitted(double zoom)
{
    // Remembered so that the next fit (a resize) starts at the same layout, only scaled.
    m_layoutWidth = zoom < MaxZoom - 1e-3 ? m_view->width() / zoom : 0;
    m_fitted = true;
    m_fittedSize = m_view->size();
    Q_EMIT fitted();
}

} // namespace PreviewDeck
