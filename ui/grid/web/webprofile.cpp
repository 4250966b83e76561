#include "grid/web/webprofile.h"

#include "grid/web/pagescripts.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QWebEngineDownloadRequest>
#include <QWebEngineProfile>
#include <QWebEngineScriptCollection>
#include <QWebEngineSettings>

namespace PreviewDeck {

QWebEngineProfile *sharedPreviewProfile()
{
    static QWebEngineProfile *profile = [] {
        auto *p = new QWebEngineProfile(QStringLiteral("previews"), qApp);
        p->setCachePath(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)
                        + QLatin1String("/web"));
        p->setPersistentStoragePath(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                    + QLatin1String("/web"));
        p->setHttpCacheType(QWebEngineProfile::DiskHttpCache);
        // Preview pages never need to store anything of their own on this machine.
        p->setPersistentCookiesPolicy(QWebEngineProfile::NoPersistentCookies);
        QWebEngineSettings *settings = p->settings();
        settings->setAttribute(QWebEngineSettings::JavascriptCanOpenWindows, false);
        settings->setAttribute(QWebEngineSettings::JavascriptCanAccessClipboard, false);
        settings->setAttribute(QWebEngineSettings::JavascriptCanPaste, false);
        settings->setAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls, false);
        // Pages never play by themselves: the media guard removes autoplay and stops what a
        // page starts on its own. What plays is what the viewer asked for, by a click in the
        // page or with the grid's Play all, which Chromium cannot see as a gesture; with this
        // on, Play all could not start a video with sound.
        settings->setAttribute(QWebEngineSettings::PlaybackRequiresUserGesture, false);
        p->scripts()->insert(PageScripts::mediaGuard());
        settings->setAttribute(QWebEngineSettings::ScreenCaptureEnabled, false);
        settings->setAttribute(QWebEngineSettings::PdfViewerEnabled, false);
        // Tiles cannot download files by themselves.
        QObject::connect(p, &QWebEngineProfile::downloadRequested, p,
                         [](QWebEngineDownloadRequest *download) { download->cancel(); });
        return p;
    }();
    return profile;
}

} // namespace PreviewDeck
