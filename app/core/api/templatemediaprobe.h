#pragma once

#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace PreviewDeck {

class MediaFetch;
class MediaFetcher;

// Checks, before anything is spent, that the media addresses a template job will use can be
// reached: one HEAD request per distinct address (no API call, no credits). Only answers that
// show the address is really wrong count as problems (no connection, 404, 410): many media
// hosts refuse HEAD or signed URLs for it (403, 405), and those files may still be fine.
class TemplateMediaProbe : public QObject
{
    Q_OBJECT
public:
    explicit TemplateMediaProbe(MediaFetcher *fetcher, QObject *parent = nullptr);

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // Starts the checks; finished() follows once every address answered (also for none).
    // A new probe cancels the one still running.
    void probe(const QStringList &urls);
    bool isRunning() const { return m_pending > 0; }
    // Address -> what is wrong with it, in plain words.
    QMap<QString, QString> problems() const { return m_problems; }

Q_SIGNALS:
    void finished();

private:
    void cancelRunning();

    MediaFetcher *m_fetcher;
    QList<QPointer<MediaFetch>> m_running;
    QMap<QString, QString> m_problems;
    int m_pending = 0;
    int m_timeoutMs = 10000;
};

} // namespace PreviewDeck
