#pragma once

#include "spendledger.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace PreviewDeck {

class ApiClient;
class ApiJob;
class SpendOperation;
class Store;

// Finds out what became of a spend whose answer was lost, from the server's state through
// documented endpoints. A slow server may still be working, so it looks several times, each
// look waiting twice as long as the one before, before concluding that the request never
// arrived. Template previews have no documented list: the list is tried, and where it is
// missing (or silent) the purchase stays "not sure". Owned and driven by SpendGuard.
class SpendReconciler : public QObject
{
    Q_OBJECT
public:
    SpendReconciler(ApiClient *client, Store *store, QObject *parent = nullptr);

    void setRetryMs(int ms) { m_retry.setInterval(ms); }
    void setGraceMs(int ms) { m_graceMs = ms; }
    void setLooks(int looks) { m_looks = qMax(2, looks); }

    // A request just lost its answer: look once the grace period has passed.
    void reconcileAfterGrace(qint64 spendId, SpendOperation *operation);
    // Look now (`look` counts the looks so far, from 1). `operation`, if any, is finished with
    // the outcome.
    void reconcile(qint64 spendId, SpendOperation *operation, int look = 1);
    bool isReconciling(qint64 spendId) const { return m_reconciling.contains(spendId); }

Q_SIGNALS:
    void spendChanged(qint64 spendId);
    void workAdded();
    // The server could not be asked: time to try every unresolved spend again.
    void retryDue();

private:
    void lookAgainLater(qint64 spendId, SpendOperation *operation, int nextLook);
    void onReconciled(qint64 spendId, SpendOperation *operation, ApiJob *job, int look);
    bool findInAnswer(const SpendRecord &spend, ApiJob *job, SpendOperation *operation,
                      QString *resultId, bool *cannotTell);
    void settleUnsure(qint64 spendId, SpendOperation *operation);

    ApiClient *m_client;
    Store *m_store;
    SpendLedger m_ledger;
    QTimer m_retry;
    QSet<qint64> m_reconciling;
    int m_graceMs = 3000;
    int m_looks = 5;
};

} // namespace PreviewDeck
