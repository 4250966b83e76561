#pragma once

#include "apierror.h"
#include "apitypes.h"
#include "records.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace PreviewDeck {

class ApiClient;
class ApiJob;
class Store;

// The result of one credit-spending request, reported once through finished().
class SpendOperation : public QObject
{
    Q_OBJECT
public:
    enum class Outcome {
        Confirmed, // the server took it (possibly found out by reconciling a lost answer)
        Refused, // the server said no: nothing was charged (see error())
        Absent, // the answer was lost and the server has no trace of it: nothing charged
        Unknown, // the answer was lost and the server could not be asked yet; the guard
                 // keeps reconciling in the background and blocks any repeat meanwhile
        Blocked, // not sent: the same purchase is already made or in progress
    };
    Q_ENUM(Outcome)

    Outcome outcome() const { return m_outcome; }
    bool isConfirmed() const { return m_outcome == Outcome::Confirmed; }
    // Whether a lost answer had to be reconciled with the server's state.
    bool wasReconciled() const { return m_reconciled; }
    const ApiError &error() const { return m_error; }
    QString message() const; // a sentence for the user
    qint64 spendId() const { return m_spendId; }
    qint64 jobLocalId() const { return m_jobLocalId; }
    qint64 renderLocalId() const { return m_renderLocalId; }
    const Link &link() const { return m_link; } // CreateLink operations

Q_SIGNALS:
    void finished(PreviewDeck::SpendOperation *operation);

private:
    friend class SpendGuard;
    explicit SpendOperation(QObject *parent) : QObject(parent) { }
    void finish(Outcome outcome);

    Outcome m_outcome = Outcome::Unknown;
    bool m_reconciled = false;
    bool m_finished = false;
    ApiError m_error;
    QString m_blockedReason;
    qint64 m_spendId = 0;
    qint64 m_jobLocalId = 0;
    qint64 m_renderLocalId = 0;
    Link m_link;
};

// Every POST that costs credits goes through here: the intent is recorded in the store first,
// the request is sent exactly once and never retried by itself, and when its outcome is
// unknown (timeout, lost connection, 5xx) the server's state is read to find out whether it
// took effect before anyone may try again. Nothing is charged twice because the network
// hiccupped, and a double click cannot buy the same render twice.
class SpendGuard : public QObject
{
    Q_OBJECT
public:
    SpendGuard(ApiClient *client, Store *store, QObject *parent = nullptr);
    ~SpendGuard() override;

    // Interval for retrying reconciliations that could not reach the server.
    void setReconcileRetryMs(int ms) { m_reconcileRetry.setInterval(ms); }
    // A request we stopped waiting for may still be running on a slow server: the server's
    // state is read after this delay, and "it never arrived" is concluded only when a second
    // look, as long again after the first, still finds nothing.
    void setReconcileGraceMs(int ms) { m_graceMs = ms; }

    SpendOperation *createLink(const QUrl &productUrl);
    SpendOperation *createLinkWithParams(const LinkParams &params);
    SpendOperation *requestPreviews(const PreviewListRequest &request);
    SpendOperation *renderPreview(qint64 jobLocalId, const QString &mediaJob);
    SpendOperation *requestTemplatePreview(const TemplateJobRequest &request,
                                           int templateDurationSeconds = 30);
    SpendOperation *renderTemplate(qint64 jobLocalId);

    // Finds out what became of spends left pending or unknown (e.g. by a crash). Call at start.
    void reconcileUnresolved();

    double estimateRender(qint64 jobLocalId) const;

Q_SIGNALS:
    void spendChanged(qint64 spendId);
    // Confirmed work the tracker should start following.
    void workAdded();

private:
    struct Context;
    SpendOperation *blocked(const QString &reason);
    SpendOperation *begin(SpendKind kind, const QString &dedupKey, const QJsonObject &request,
                          double estimate, ApiJob *job, SpendOperation *operation);
    void onAnswer(ApiJob *job, SpendOperation *operation, SpendKind kind);
    void applyConfirmed(ApiJob *job, SpendOperation *operation, SpendKind kind);
    void applyRefused(SpendOperation *operation, const ApiError &error);
    void adoptRemoteJob(qint64 jobLocalId, const QString &remoteId, JobStatus status,
                        double creditsUsed);
    void reconcile(qint64 spendId, SpendOperation *operation, int look = 1);
    void onReconciled(qint64 spendId, SpendOperation *operation, ApiJob *job, int look);
    void markUnknown(qint64 spendId, const QString &why);
    void markAbsent(qint64 spendId);
    void setLocalStatus(qint64 spendId, const QString &status, const QString &reason);

    ApiClient *m_client;
    Store *m_store;
    QTimer m_reconcileRetry;
    QSet<qint64> m_reconciling;
    int m_graceMs = 3000;
};

} // namespace PreviewDeck
