#include "grid/web/previewpage.h"

#include <QDesktopServices>
#include <QWebEngineFileSystemAccessRequest>
#include <QWebEngineRegisterProtocolHandlerRequest>

#include <functional>

namespace PreviewDeck {

namespace {

bool isWebUrl(const QUrl &url)
{
    return url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https");
}

// Receives the first navigation of a would-be new window, hands its URL over and dies: the
// window itself is never shown.
class WindowCatcher : public QWebEnginePage
{
public:
    WindowCatcher(QWebEngineProfile *profile, PreviewWebPage *owner,
                  std::function<void(const QUrl &)> onUrl)
        : QWebEnginePage(profile, owner), m_onUrl(std::move(onUrl))
    {
    }

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType, bool isMainFrame) override
    {
        if (isMainFrame && m_onUrl) {
            auto onUrl = std::move(m_onUrl);
            m_onUrl = nullptr;
            onUrl(url);
            deleteLater();
        }
        return false;
    }

private:
    std::function<void(const QUrl &)> m_onUrl;
};

} // namespace

PreviewWebPage::PreviewWebPage(QWebEngineProfile *profile, QObject *parent)
    : QWebEnginePage(profile, parent)
{
    connect(this, &QWebEnginePage::featurePermissionRequested, this,
            [this](const QUrl &origin, QWebEnginePage::Feature feature) {
                setFeaturePermission(origin, feature, QWebEnginePage::PermissionDeniedByUser);
                Q_EMIT featureDenied(origin, feature);
            });
    connect(this, &QWebEnginePage::fileSystemAccessRequested, this,
            [](QWebEngineFileSystemAccessRequest request) { request.reject(); });
    connect(this, &QWebEnginePage::registerProtocolHandlerRequested, this,
            [](QWebEngineRegisterProtocolHandlerRequest request) { request.reject(); });
    connect(this, &PreviewWebPage::externalLinkRequested, this, [this](const QUrl &url) {
        if (m_openExternal)
            QDesktopServices::openUrl(url);
    });
}

void PreviewWebPage::setAllowedOrigin(const QUrl &url)
{
    m_origin = url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                            | QUrl::RemoveUserInfo);
}

bool PreviewWebPage::isAllowed(const QUrl &url) const
{
    return isWebUrl(url) && url.scheme() == m_origin.scheme()
            && url.host().compare(m_origin.host(), Qt::CaseInsensitive) == 0
            && url.port(url.scheme() == QLatin1String("https") ? 443 : 80)
            == m_origin.port(m_origin.scheme() == QLatin1String("https") ? 443 : 80);
}

bool PreviewWebPage::acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame)
{
    // Sub-frames (an embedded player, say) may come from elsewhere; the page itself may not.
    if (!isMainFrame || isAllowed(url))
        return true;
    Q_EMIT navigationRefused(url);
    // Only what looks like the user's own wish leaves the app, and only as a web address.
    if (isWebUrl(url) && (type == NavigationTypeLinkClicked || type == NavigationTypeFormSubmitted))
        requestExternal(url);
    return false;
}

QWebEnginePage *PreviewWebPage::createWindow(WebWindowType type)
{
    Q_UNUSED(type);
    return new WindowCatcher(profile(), this, [this](const QUrl &url) {
        if (isWebUrl(url))
            requestExternal(url);
    });
}

void PreviewWebPage::requestExternal(const QUrl &url)
{
    if (m_lastExternal.isValid() && m_lastExternal.elapsed() < m_externalIntervalMs)
        return;
    m_lastExternal.start();
    Q_EMIT externalLinkRequested(url);
}

} // namespace PreviewDeck
