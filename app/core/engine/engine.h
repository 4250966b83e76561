#pragma once

#include "apierror.h"
#include "batchrecords.h"
#include "records.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace PreviewDeck {

struct Link;
struct LinkParams;
class ApiClient;
class ApiJob;
class CreditBalance;
class DownloadJob;
class DownloadManager;
class JobTracker;
class MediaFetcher;
class PreviewRenders;
class SpendGuard;
class Store;

// The core assembled: API client, store, job tracker, spend guard and downloads, wired so that
// finished renders download by themselves and whatever was unfinished at the last exit carries
// on. The GUI and the CLI each build one; neither wires the parts by hand.
class Engine : public QObject
{
    Q_OBJECT
public:
    explicit Engine(QObject *parent = nullptr);
    ~Engine() override;

    bool open(const QString &storePath, QString *error = nullptr);

    ApiClient *client() const { return m_client; }
    Store *store() const { return m_store; }
    JobTracker *tracker() const { return m_tracker; }
    SpendGuard *spendGuard() const { return m_spendGuard; }
    DownloadManager *downloads() const { return m_downloads; }
    // Refreshed by itself after every confirmed or refused spend.
    CreditBalance *balance() const { return m_balance; }
    // Rendering one preview: its state, its cost, starting it once.
    PreviewRenders *renders() const { return m_renders; }
    // Pictures, sound samples and address checks for the windows (not the API's own calls).
    MediaFetcher *media() const { return m_media; }

    void setDownloadDirectory(const QString &directory) { m_downloadDirectory = directory; }
    QString downloadDirectory() const { return m_downloadDirectory; }
    void setFileNamePattern(const QString &pattern) { m_fileNamePattern = pattern; }
    void setAutoDownload(bool autoDownload) { m_autoDownload = autoDownload; }
    bool autoDownload() const { return m_autoDownload; }

    // Picks up where the last run stopped: reconciles spends whose answer never came, polls
    // unfinished jobs, resumes interrupted downloads and fetches finished renders not yet saved.
    void resume();

    // Downloads a finished render into the download directory (resuming a .part if one is
    // there). Returns the running job, or nullptr when there is nothing to download.
    DownloadJob *downloadRender(qint64 renderLocalId);
    DownloadJob *runningDownload(qint64 renderLocalId) const;

    // Link calls that cost nothing but change what the store knows. Each returns the job, not
    // started: connect to ApiJob::finished, then start() it. The engine records the answer in
    // the store (which signals linkChanged) before finished() reaches those connections, so no
    // caller writes the store itself.
    // PUT: edits the scraped data of `link` on Creatify.
    ApiJob *updateLink(const Link &link, const LinkParams &changes, QObject *parent = nullptr);
    // GET: reads the link as Creatify has it now.
    ApiJob *fetchLink(const QString &linkId, QObject *parent = nullptr);

Q_SIGNALS:
    void renderFinished(qint64 renderLocalId);
    void downloadProgress(qint64 renderLocalId, qint64 received, qint64 total,
                          qint64 bytesPerSecond, qint64 secondsLeft);
    void downloadFinished(qint64 renderLocalId, const QString &path);
    void downloadFailed(qint64 renderLocalId, const QString &message);
    // The download's connection dropped; it resumes by itself in `delayMs`.
    void downloadRetrying(qint64 renderLocalId, int delayMs, const QString &reason);
    // A read of Creatify's state (polling, lists) failed and goes out again in `delayMs`;
    // serverAnswering() once a request gets through again.
    void serverRetrying(int delayMs, const PreviewDeck::ApiError &error);
    void serverAnswering();

private:
    void onRenderFinished(qint64 renderLocalId);
    QString targetPathFor(const RenderRecord &render) const;
    QString batchTargetPath(const Batch &batch, const BatchRow &row,
                            const QString &visualStyle) const;
    void recordLink(const Link &link);

    ApiClient *m_client;
    Store *m_store;
    JobTracker *m_tracker;
    SpendGuard *m_spendGuard;
    DownloadManager *m_downloads;
    CreditBalance *m_balance;
    MediaFetcher *m_media;
    PreviewRenders *m_renders;
    QString m_downloadDirectory;
    QString m_fileNamePattern;
    bool m_autoDownload = true;
    QHash<qint64, QPointer<DownloadJob>> m_running;
};

} // namespace PreviewDeck
