#pragma once

#include "downloadjob.h"

#include <QList>
#include <QObject>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
QT_END_NAMESPACE

namespace PreviewDeck {

// Runs DownloadJobs with bounded concurrency; extra jobs wait in FIFO order.
class DownloadManager : public QObject
{
    Q_OBJECT
public:
    explicit DownloadManager(QObject *parent = nullptr);
    // Uses nam (not owned) instead of an own QNetworkAccessManager.
    explicit DownloadManager(QNetworkAccessManager *nam, QObject *parent = nullptr);
    ~DownloadManager() override;

    // The job is started from the event loop, so connecting to it right after is safe. A request
    // for a target that is already queued or running returns that job.
    DownloadJob *enqueue(const DownloadRequest &request);

    void setMaxConcurrent(int max); // default 2, at least 1
    int maxConcurrent() const { return m_maxConcurrent; }
    // No byte for this long fails a job with Kind::Timeout. Default 30 s. Applies to new jobs.
    void setInactivityTimeout(int ms);
    int inactivityTimeout() const { return m_inactivityMs; }

    int runningCount() const;
    int queuedCount() const;
    QList<DownloadJob *> jobs() const; // unfinished jobs, running first

    // Cancels every unfinished job (the .part files stay by default, so they resume later).
    void cancelAll(DownloadJob::PartialFile partial = DownloadJob::PartialFile::Keep);

    // A safe single file name: no path separators, control or reserved characters, no Windows
    // device names, no leading/trailing dots or spaces, at most 150 characters keeping the
    // extension; never empty ("download").
    static QString sanitizedFileName(const QString &name);
    // dir/fileName, or "name (1).ext", "name (2).ext"... when the file or its .part exists.
    static QString uniqueTargetPath(const QString &dir, const QString &fileName);

Q_SIGNALS:
    void jobStarted(PreviewDeck::DownloadJob *job);
    void jobFinished(PreviewDeck::DownloadJob *job);

private:
    void schedulePump();
    void pump();
    void onJobFinished(DownloadJob *job);

    QNetworkAccessManager *m_nam;
    QList<QPointer<DownloadJob>> m_queued;
    QList<QPointer<DownloadJob>> m_running;
    int m_maxConcurrent = 2;
    int m_inactivityMs = 30000;
    bool m_pumpScheduled = false;
};

} // namespace PreviewDeck
