#pragma once

#include <QElapsedTimer>
#include <QUrl>
#include <QWebEnginePage>

namespace PreviewDeck {

// The policy every preview tile's page follows (docs/grid.md):
// - the main frame stays on the preview's origin (scheme, host, port); other main-frame
//   navigations are refused, and link clicks among them go to the system browser;
// - no new windows: target=_blank / window.open (with a user gesture; the shared profile
//   blocks script popups) hands the URL to the system browser instead;
// - every feature permission (camera, microphone, location, notifications, screen capture,
//   mouse lock), file-system access and protocol-handler request is denied;
// - a renderer that dies is reported (renderProcessTerminated) so the tile can offer a reload.
class PreviewWebPage : public QWebEnginePage
{
    Q_OBJECT
public:
    explicit PreviewWebPage(QWebEngineProfile *profile, QObject *parent = nullptr);

    // The origin the main frame may show; taken from the preview URL by the tile.
    void setAllowedOrigin(const QUrl &url);
    QUrl allowedOrigin() const { return m_origin; }
    bool isAllowed(const QUrl &url) const;

    // When on (the default), externalLinkRequested is followed by QDesktopServices::openUrl.
    // Tests switch it off and only observe the signal.
    void setOpenExternalLinks(bool open) { m_openExternal = open; }
    bool openExternalLinks() const { return m_openExternal; }

    // Minimum time between two URLs handed to the system browser, so a page that loops on
    // `location = ...` cannot flood it with tabs. Default 1000 ms.
    void setExternalOpenIntervalMs(int ms) { m_externalIntervalMs = ms; }

Q_SIGNALS:
    // A URL the user wanted that may not be shown in the tile (other host, new window).
    void externalLinkRequested(const QUrl &url);
    // A permission request that was answered "denied".
    void featureDenied(const QUrl &securityOrigin, QWebEnginePage::Feature feature);
    // A main-frame navigation that was refused (and not sent out either).
    void navigationRefused(const QUrl &url);

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override;
    QWebEnginePage *createWindow(WebWindowType type) override;

private:
    void requestExternal(const QUrl &url);

    QUrl m_origin;
    bool m_openExternal = true;
    int m_externalIntervalMs = 1000;
    QElapsedTimer m_lastExternal;
};

} // namespace PreviewDeck
