#include "grid/web/pagescripts.h"

#include <QWebEngineScript>

namespace PreviewDeck::PageScripts {

QWebEngineScript mediaGuard()
{
    static const char source[] = R"JS((function () {
    'use strict';
    if (window.__previewDeck)
        return;
    var pd = { playing: false, framed: new WeakSet() };
    window.__previewDeck = pd;
    var media = function () {
        return Array.prototype.slice.call(document.querySelectorAll('video, audio'));
    };
    var adopt = function (el) {
        if (el.autoplay)
            el.autoplay = false;
        // Whether a frame has reached the screen: a picture taken before it would be black.
        if (el.requestVideoFrameCallback && !pd.framed.has(el))
            el.requestVideoFrameCallback(function () { pd.framed.add(el); });
    };
    new MutationObserver(function (records) {
        records.forEach(function (r) {
            r.addedNodes.forEach(function (n) {
                if (n.nodeType !== 1)
                    return;
                if (n.matches('video, audio'))
                    adopt(n);
                n.querySelectorAll('video, audio').forEach(adopt);
            });
        });
    }).observe(document, { childList: true, subtree: true });
    // Playback the page starts by itself is stopped; the viewer's click and apply() may play.
    document.addEventListener('play', function (e) {
        if (pd.playing || (navigator.userActivation && navigator.userActivation.isActive))
            return;
        e.target.pause();
    }, true);
    pd.state = function () {
        var list = media();
        var box = null, area = 0;
        list.forEach(function (m) {
            var r = m.getBoundingClientRect();
            if (m.tagName === 'VIDEO' && r.width * r.height > area) {
                area = r.width * r.height;
                box = [r.left, r.top, r.right, r.bottom];
            }
        });
        return {
            box: box, // the largest video, in CSS pixels of the viewport
            media: list.length,
            playing: list.filter(function (m) { return !m.paused && !m.ended; }).length,
            muted: list.filter(function (m) { return m.muted; }).length,
            // Every video has shown a frame (or never will: an error, no source).
            ready: list.every(function (m) {
                return m.tagName !== 'VIDEO' || pd.framed.has(m) || m.error
                    || m.networkState === 3 || !m.requestVideoFrameCallback;
            })
        };
    };
    pd.apply = function (play, muted, restart) {
        pd.playing = play;
        media().forEach(function (m) {
            if (muted >= 0)
                m.muted = muted > 0;
            if (restart)
                m.currentTime = 0;
            if (play) {
                var p = m.play();
                if (p && p.catch)
                    p.catch(function () {});
            } else {
                m.pause();
            }
        });
        return pd.state();
    };
})();)JS";
    QWebEngineScript script;
    script.setName(QStringLiteral("previewdeck-media-guard"));
    script.setInjectionPoint(QWebEngineScript::DocumentCreation);
    script.setWorldId(QWebEngineScript::ApplicationWorld);
    script.setRunsOnSubFrames(false);
    script.setSourceCode(QString::fromUtf8(source));
    return script;
}

QString apply(bool play, int muted, bool restart)
{
    return QStringLiteral("window.__previewDeck ? window.__previewDeck.apply(%1, %2, %3) : null")
            .arg(play ? QLatin1String("true") : QLatin1String("false"))
            .arg(muted)
            .arg(restart ? QLatin1String("true") : QLatin1String("false"));
}

QString state()
{
    return QStringLiteral("window.__previewDeck ? window.__previewDeck.state() : null");
}

QString measure()
{
    return QStringLiteral(R"JS((function () {
    var d = document.documentElement;
    if (!d)
        return null;
    var best = null, area = 0;
    document.querySelectorAll('video').forEach(function (v) {
        var r = v.getBoundingClientRect();
        if (r.width * r.height > area) {
            area = r.width * r.height;
            best = r;
        }
    });
    return [d.scrollWidth, d.clientWidth, window.innerWidth, d.clientHeight,
            best ? best.top + window.scrollY : -1, best ? best.bottom + window.scrollY : -1];
})())JS");
}

} // namespace PreviewDeck::PageScripts
