#include "window/notifier.h"

#include "apienums.h"
#include "engine.h"
#include "widgets/statustext.h"
#include "store.h"

#include <QDir>
#include <QSystemTrayIcon>

namespace PreviewDeck {

Notifier::Notifier(Engine *engine, QSystemTrayIcon *tray, QObject *parent)
    : QObject(parent), m_engine(engine), m_tray(tray)
{
    connect(engine, &Engine::renderFinished, this, &Notifier::onRenderFinished);
    connect(engine, &Engine::downloadFinished, this, &Notifier::onDownloadFinished);
    connect(engine, &Engine::downloadFailed, this, &Notifier::onDownloadFailed);
}

Notifier::~Notifier() = default;

QString Notifier::renderName(qint64 renderLocalId) const
{
    Store *store = m_engine->store();
    const auto render = store->render(renderLocalId);
    if (!render)
        return tr("your video");
    const auto job = store->job(render->jobLocalId);
    QString name = job ? StatusText::jobTitle(store, *job) : QString();
    const QString style = ApiEnums::visualStyleLabel(render->visualStyle);
    if (!render->visualStyle.isEmpty() && render->visualStyle != name)
        name = name.isEmpty() ? style : name + QStringLiteral(" (") + style + QLatin1Char(')');
    return name.isEmpty() ? tr("your video") : name;
}

void Notifier::onRenderFinished(qint64 renderLocalId)
{
    if (!m_engine)
        return;
    const auto render = m_engine->store()->render(renderLocalId);
    if (!render)
        return;
    if (render->status == JobStatus::Done) {
        // With automatic downloads the message waits until the file is on disk.
        if (!m_engine->autoDownload() || render->videoOutput.isEmpty())
            notify(tr("Your video is ready: %1").arg(renderName(renderLocalId)),
                   tr("It can be downloaded now."), false);
        return;
    }
    QString reason = render->failedReason;
    if (reason.isEmpty()) {
        reason = render->status == JobStatus::Rejected ? tr("Creatify rejected the video")
                                                       : StatusText::render(*render, std::nullopt);
    }
    notify(tr("Render failed: %1").arg(reason), renderName(renderLocalId), true);
}

void Notifier::onDownloadFinished(qint64 renderLocalId, const QString &path)
{
    if (!m_engine)
        return;
    notify(tr("Your video is ready: %1").arg(renderName(renderLocalId)),
           tr("Saved to %1").arg(QDir::toNativeSeparators(path)), false);
}

void Notifier::onDownloadFailed(qint64 renderLocalId, const QString &message)
{
    if (!m_engine)
        return;
    notify(tr("Download failed: %1").arg(renderName(renderLocalId)), message, true);
}

void Notifier::notify(const QString &title, const QString &text, bool warning)
{
    if (!m_enabled)
        return;
    if (m_tray && QSystemTrayIcon::isSystemTrayAvailable() && m_tray->isVisible()
        && QSystemTrayIcon::supportsMessages()) {
        m_tray->showMessage(title, text,
                            warning ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
    }
    Q_EMIT notified(title, text);
}

} // namespace PreviewDeck
