#include "webprofile.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QWebEngineDownloadRequest>
#include <QWebEngineProfile>
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
        settings->setAttribute(QWebEngineSettings::PlaybackRequiresUserGesture, true);
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
