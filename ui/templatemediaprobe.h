#pragma once

#include <QMap>
#include <QObject>
#include <QSet>
#include <QStringList>

class QNetworkAccessManager;

namespace PreviewDeck {

// Checks, before anything is spent, that the media addresses a template job will use can be
// reached: one HEAD request per distinct address (no API call, no credits). Only answers that
// show the address is really wrong count as problems (no connection, 404, 410): many media
// hosts refuse HEAD or signed URLs for it (403, 405), and those files may still be fine.
class TemplateMediaProbe : public QObject
{
    Q_OBJECT
public:
    explicit TemplateMediaProbe(QNetworkAccessManager *network, QObject *parent = nullptr);

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // Starts the checks; finished() follows once every address answered (also for none).
    void probe(const QStringList &urls);
    bool isRunning() const { return !m_pending.isEmpty(); }
    // Address -> what is wrong with it, in plain words.
    QMap<QString, QString> problems() const { return m_problems; }

Q_SIGNALS:
    void finished();

private:
    QNetworkAccessManager *m_network;
    QSet<QString> m_pending;
    QMap<QString, QString> m_problems;
    int m_timeoutMs = 10000;
    int m_generation = 0;
};

} // namespace PreviewDeck
