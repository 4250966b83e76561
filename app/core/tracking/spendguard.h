#pragma once

#include "apitypes.h"
#include "costestimate.h"
#include "records.h"
#include "spendledger.h"
#include "spendoperation.h"
#include "spendreconciler.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <optional>

namespace PreviewDeck {

class ApiClient;
class ApiJob;
class Store;

// Every POST that costs credits goes through here, with one policy:
// - the intent is recorded in the store first; if it cannot be, nothing is sent;
// - a request is sent once; after a 429 ("not processed") the same request is sent again after
//   its Retry-After, a few times at most (operation->waiting() says so meanwhile);
// - a lost answer (timeout, lost connection, 5xx) is reconciled from the server's state through
//   documented endpoints (SpendReconciler), looking several times as the server may still be
//   working; where the API cannot tell (template previews), the purchase stays "not sure";
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
    void setReconcileRetryMs(int ms) { m_reconciler->setRetryMs(ms); }
    // A request we stopped waiting for may still be running on a slow server: the server's
    // state is read after this delay, and again after twice as long, and so on, for
    // setReconcileLooks() looks, before concluding that it never arrived.
    void setReconcileGraceMs(int ms) { m_reconciler->setGraceMs(ms); }
    void setReconcileLooks(int looks) { m_reconciler->setLooks(looks); }

    SpendOperation *createLink(const QUrl &productUrl, RepeatOptions options = CarryOn);
    SpendOperation *createLinkWithParams(const LinkParams &params);
    SpendOperation *requestPreviews(const PreviewListRequest &request,
                                    RepeatOptions options = CarryOn);
    SpendOperation *renderPreview(qint64 jobLocalId, const QString &mediaJob,
                                  RepeatOptions options = CarryOn);
    SpendOperation *requestTemplatePreview(const TemplateJobRequest &request,
                                           int templateDurationSeconds
                                           = CostEstimate::kAssumedTemplateSeconds,
                                           RepeatOptions options = CarryOn);
    SpendOperation *renderTemplate(qint64 jobLocalId, RepeatOptions options = CarryOn);
    // An operation that finishes when this spend is settled (confirmed, absent, refused or not
    // sure); at once if it already is.
    SpendOperation *follow(qint64 spendId);

    // Finds out what became of spends left pending or unknown (e.g. by a crash). Call at start.
    void reconcileUnresolved();

    double estimateRender(qint64 jobLocalId) const;

    // Whether asking for this purchase now, with `options`, would buy nothing new: it carries on
    // with an earlier identical purchase (or stops at one that is not sure). A front end then
    // has no cost to confirm.
    bool buysNothingNew(const QUrl &productUrl, RepeatOptions options) const;
    bool buysNothingNew(const PreviewListRequest &request, RepeatOptions options) const;
    bool buysNothingNew(const TemplateJobRequest &request, RepeatOptions options) const;
    // The render of a preview (mediaJob) or, with an empty mediaJob, of a template job.
    bool rendersNothingNew(qint64 jobLocalId, const QString &mediaJob, RepeatOptions options) const;

Q_SIGNALS:
    void spendChanged(qint64 spendId);
    // Confirmed work the tracker should start following.
    void workAdded();

private:
    SpendOperation *blocked(const QString &reason);
    SpendOperation *existingPurchase(const QString &dedupKey, RepeatOptions options);
    // The earlier purchase a new one with this key would carry on with (or stop at).
    std::optional<SpendRecord> earlierPurchase(const QString &dedupKey, RepeatOptions options) const;
    // Empty when the job is not known or not on Creatify yet (nothing can have been bought).
    QString renderKey(qint64 jobLocalId, const QString &mediaJob) const;
    bool purchaseFinished(const SpendRecord &spend) const;
    SpendOperation *begin(SpendKind kind, const QString &dedupKey, const QJsonObject &request,
                          double estimate, ApiJob *job, SpendOperation *operation);
    void onAnswer(ApiJob *job, SpendOperation *operation, SpendKind kind);
    void applyConfirmed(ApiJob *job, SpendOperation *operation, SpendKind kind);
    void applyRefused(SpendOperation *operation, const ApiError &error);
    void markUnknown(qint64 spendId, const QString &why);
    void settleFollowers(qint64 spendId);

    ApiClient *m_client;
    Store *m_store;
    SpendLedger m_ledger;
    SpendReconciler *m_reconciler; // finds out what became of spends whose answer was lost
    QSet<qint64> m_inFlight; // sent by this guard, answer not in yet
    QMultiHash<qint64, QPointer<SpendOperation>> m_followers;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(SpendGuard::RepeatOptions)

} // namespace PreviewDeck
