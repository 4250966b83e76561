#pragma once

#include "apierror.h"
#include "apitypes.h"
#include "records.h"

#include <QDateTime>
#include <QHash>
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
        Existing, // not sent: the same purchase was made before; carry on with it (see
                  // isFinishedBefore(), startedAt())
        Refused, // the server said no: nothing was charged (see error())
        Absent, // the answer was lost and the server has no trace of it: nothing charged
        Unknown, // the answer was lost and the server could not be asked yet; the guard
                 // keeps reconciling in the background (follow() waits for the end)
        NotSure, // the answer was lost and the documented API cannot tell whether it was
                 // made: a repeat is refused unless the user says so (SendAgainIfNotSure)
        Blocked, // not sent: it cannot be bought now (see message())
    };
    Q_ENUM(Outcome)

    Outcome outcome() const { return m_outcome; }
    bool isConfirmed() const { return m_outcome == Outcome::Confirmed; }
    // Something was bought, now or before, and can be followed (job, render or link).
    bool carriesOn() const
    {
        return m_outcome == Outcome::Confirmed || m_outcome == Outcome::Existing;
    }
    // Existing: whether the earlier purchase already finished (done, failed or rejected).
    bool isFinishedBefore() const { return m_finishedBefore; }
    // When the purchase followed was first asked for.
    QDateTime startedAt() const { return m_startedAt; }
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
    // Creatify asked to wait (429): the same request goes out again in `seconds`.
    void waiting(int seconds, const QString &message);

private:
    friend class SpendGuard;
    explicit SpendOperation(QObject *parent) : QObject(parent) { }
    void finish(Outcome outcome);

    Outcome m_outcome = Outcome::Unknown;
    bool m_reconciled = false;
    bool m_finished = false;
    bool m_finishedBefore = false;
    ApiError m_error;
    QString m_text; // overrides the default sentence for the outcome
    qint64 m_spendId = 0;
    qint64 m_jobLocalId = 0;
    qint64 m_renderLocalId = 0;
    QDateTime m_startedAt;
    Link m_link;
};

// Every POST that costs credits goes through here, with one policy:
// - the intent is recorded in the store first; if it cannot be, nothing is sent;
// - a request is sent once; after a 429 ("not processed") the same request is sent again after
//   its Retry-After, a few times at most (operation->waiting() says so meanwhile);
// - a lost answer (timeout, lost connection, 5xx) is reconciled from the server's state through
//   documented endpoints, looking several times as the server may still be working; where the
//   API cannot tell (template previews), the purchase stays "not sure";
// - the same purchase asked for again (same options) carries on with the earlier one instead of
//   buying it twice, unless the caller says otherwise (RepeatOptions).
class SpendGuard : public QObject
{
    Q_OBJECT
public:
    enum RepeatOption {
        CarryOn = 0x0, // never buy the same thing twice: carry on with an earlier purchase
        BuyAgainIfFinished = 0x1, // the earlier one finished: buy a new one
        SendAgainIfNotSure = 0x2, // the earlier one is "not sure": send anyway
    };
    Q_DECLARE_FLAGS(RepeatOptions, RepeatOption)

    SpendGuard(ApiClient *client, Store *store, QObject *parent = nullptr);
    ~SpendGuard() override;

    // Interval for retrying reconciliations that could not reach the server.
    void setReconcileRetryMs(int ms) { m_reconcileRetry.setInterval(ms); }
    // A request we stopped waiting for may still be running on a slow server: the server's
    // state is read after this delay, and again after twice as long, and so on, for
    // setReconcileLooks() looks, before concluding that it never arrived.
    void setReconcileGraceMs(int ms) { m_graceMs = ms; }
    void setReconcileLooks(int looks) { m_looks = qMax(2, looks); }

    SpendOperation *createLink(const QUrl &productUrl, RepeatOptions options = CarryOn);
    SpendOperation *createLinkWithParams(const LinkParams &params);
    SpendOperation *requestPreviews(const PreviewListRequest &request,
                                    RepeatOptions options = CarryOn);
    SpendOperation *renderPreview(qint64 jobLocalId, const QString &mediaJob,
                                  RepeatOptions options = CarryOn);
    SpendOperation *requestTemplatePreview(const TemplateJobRequest &request,
                                           int templateDurationSeconds = 30,
                                           RepeatOptions options = CarryOn);
    SpendOperation *renderTemplate(qint64 jobLocalId, RepeatOptions options = CarryOn);
    // An operation that finishes when this spend is settled (confirmed, absent, refused or not
    // sure); at once if it already is.
    SpendOperation *follow(qint64 spendId);

    // Finds out what became of spends left pending or unknown (e.g. by a crash). Call at start.
    void reconcileUnresolved();

    double estimateRender(qint64 jobLocalId) const;

Q_SIGNALS:
    void spendChanged(qint64 spendId);
    // Confirmed work the tracker should start following.
    void workAdded();

private:
    SpendOperation *blocked(const QString &reason);
    SpendOperation *existingPurchase(const QString &dedupKey, RepeatOptions options);
    bool purchaseFinished(const SpendRecord &spend) const;
    SpendOperation *begin(SpendKind kind, const QString &dedupKey, const QJsonObject &request,
                          double estimate, ApiJob *job, SpendOperation *operation);
    void onAnswer(ApiJob *job, SpendOperation *operation, SpendKind kind);
    void applyConfirmed(ApiJob *job, SpendOperation *operation, SpendKind kind);
    void applyRefused(SpendOperation *operation, const ApiError &error);
    void adoptRemoteJob(qint64 jobLocalId, const QString &remoteId, const JobStatus &status,
                        double creditsUsed);
    void reconcile(qint64 spendId, SpendOperation *operation, int look = 1);
    void onReconciled(qint64 spendId, SpendOperation *operation, ApiJob *job, int look);
    bool findInAnswer(const SpendRecord &spend, ApiJob *job, SpendOperation *operation,
                      QString *resultId);
    void lookAgainLater(qint64 spendId, SpendOperation *operation, int nextLook);
    void markUnknown(qint64 spendId, const QString &why);
    void markAbsent(qint64 spendId);
    void markUnsure(qint64 spendId);
    void setLocalStatus(qint64 spendId, const JobStatus &status, const QString &reason);
    void settleFollowers(qint64 spendId);

    ApiClient *m_client;
    Store *m_store;
    QTimer m_reconcileRetry;
    QSet<qint64> m_reconciling;
    QSet<qint64> m_inFlight; // sent by this guard, answer not in yet
    QMultiHash<qint64, QPointer<SpendOperation>> m_followers;
    int m_graceMs = 3000;
    int m_looks = 5;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(SpendGuard::RepeatOptions)

} // namespace PreviewDeck
