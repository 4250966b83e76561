#pragma once

#include <QObject>
#include <QPointer>
#include <QSystemTrayIcon>

namespace PreviewDeck {

class Engine;

// Tells the user when a video is ready or failed, through the tray icon's messages. Where no
// tray exists the message is still emitted as notified(), which the window or tests may show.
class Notifier : public QObject
{
    Q_OBJECT
public:
    // tray may be null; it is not owned.
    Notifier(Engine *engine, QSystemTrayIcon *tray, QObject *parent = nullptr);
    ~Notifier() override;

    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool isEnabled() const { return m_enabled; }
    void setTrayIcon(QSystemTrayIcon *tray) { m_tray = tray; }

Q_SIGNALS:
    // Emitted for every message, whether or not a tray showed it.
    void notified(const QString &title, const QString &text);

private:
    void onRenderFinished(qint64 renderLocalId);
    void onDownloadFinished(qint64 renderLocalId, const QString &path);
    void onDownloadFailed(qint64 renderLocalId, const QString &message);
    QString renderName(qint64 renderLocalId) const;
    void notify(const QString &title, const QString &text, bool warning);

    QPointer<Engine> m_engine;
    QPointer<QSystemTrayIcon> m_tray;
    bool m_enabled = true;
};

} // namespace PreviewDeck
