#pragma once

#include "apierror.h"
#include "apitypes.h"
#include "records.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace PreviewDeck {

class ApiClient;
class ApiJob;
class Store;

// Keeps every unfinished job and render in the store current.
//
// One single-shot timer is re-armed after each round, so rounds never overlap. A round asks
// for all unfinished jobs of a kind with `GET …/?ids=a,b,…` (≤100 ids per request; one GET per
// id if the list form fails), so its cost grows with ⌈jobs/100⌉. Rounds slow down while
// nothing changes and everything waits while a 429's Retry-After runs.
class JobTracker : public QObject
{
    Q_OBJECT
public:
    JobTracker(ApiClient *client, Store *store, QObject *parent = nullptr);
    ~JobTracker() override;

    void setBaseIntervalMs(int ms) { m_baseIntervalMs = ms; }
    void setMaxIntervalMs(int ms) { m_maxIntervalMs = ms; }
    int currentIntervalMs() const { return m_intervalMs; }

    // Starts polling if anything is unfinished; call again whenever work is added.
    void start();
    void stop();
    // New work arrived: poll soon at the base interval.
    void poke();

    bool isRoundRunning() const { return m_pendingRequests > 0; }
    int roundsCompleted() const { return m_rounds; }

Q_SIGNALS:
    void jobUpdated(qint64 jobLocalId);
    void jobFinished(qint64 jobLocalId);
    void renderUpdated(qint64 renderLocalId);
    void renderFinished(qint64 renderLocalId);
    void roundFinished(bool changed);
    void idle(); // nothing left to track

private:
    void runRound();
    void scheduleNext();
    // One list request for these ids, or one GET each once the list form proved unsupported.
    void requestJobs(const QStringList &ids, bool video);
    void requestOne(const QString &id, bool video);
    void onListFinished(ApiJob *job, bool video, const QStringList &ids);
    void onSingleFinished(ApiJob *job, bool video, const QString &id);
    void requestDone();
    // A failed request whose retry is the next round (the window says so meanwhile).
    void noteFailure(const ApiError &error);
    bool applyVideoJob(const VideoJob &remote);
    bool applyTemplateJob(const TemplateJob &remote);
    bool markLost(const QString &remoteId);
    QStringList idsToTrack(JobKind kind) const;

    ApiClient *m_client;
    Store *m_store;
    QTimer m_timer;
    int m_baseIntervalMs = 2000;
    int m_maxIntervalMs = 30000;
    int m_intervalMs = 2000;
    int m_pendingRequests = 0;
    int m_rounds = 0;
    bool m_roundChanged = false;
    ApiError m_roundFailure; // the last request of this round that failed and will be retried
    bool m_running = false;
    bool m_videoListUnsupported = false;
    bool m_templateListUnsupported = false;
};

} // namespace PreviewDeck
