#pragma once

#include <QObject>
#include <QSize>

#include <functional>

class QTimer;
class QWebEngineView;

namespace PreviewDeck {

// Zooms a preview page so that its content fits the view's width, with the largest video whole
// where zooming out shows it. A fit measures the page (PageScripts::measure()) and zooms until
// it fits; the page may answer late, so every step checks it is still wanted.
class PageFitter : public QObject
{
    Q_OBJECT
public:
    static constexpr double MinZoom = 0.25;
    static constexpr double MaxZoom = 1.0;

    // `canFit` tells whether the page may be measured now (loaded, live).
    PageFitter(QWebEngineView *view, std::function<bool()> canFit, QObject *parent);

    void fitNow();
    // After a resize: resizes come in bursts (window drags), so fit once they stop.
    void fitSoon();
    // Stops a fit under way (the page freezes, or loads anew).
    void cancel();
    // A new document: the next fit starts from 100 %.
    void forgetLayout();

    bool isFitted() const { return m_fitted; }
    void setUnfitted() { m_fitted = false; }
    QSize fittedSize() const { return m_fittedSize; }

Q_SIGNALS:
    void fitted();

private:
    struct Step;
    void measure(Step step);
    // Zooms to the chosen factor; fitted only once the page is laid out at it.
    void finish(Step step, double zoom);
    void markFitted(double zoom);

    QWebEngineView *m_view;
    std::function<bool()> m_canFit;
    QTimer *m_timer;
    bool m_fitted = false;
    int m_generation = 0;
    double m_layoutWidth = 0; // CSS width the page was laid out at when zoomed out; 0: none
    QSize m_fittedSize;
};

} // namespace PreviewDeck
