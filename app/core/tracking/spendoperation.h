#pragma once

#include "apierror.h"
#include "apitypes.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

namespace PreviewDeck {

class ApiJob;

// The result of one credit-spending request. Follows the job contract of docs/decisions.md
// ("One job contract"): finished(this) exactly once, then deleted unless setAutoDelete(false);
// cancel() finishes with Outcome::Cancelled and an ApiError of kind Cancelled.
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
        Cancelled, // cancel() was called; error().outcomeUnknown when the request may have
                   // reached Creatify (the guard then reconciles it in the background)
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

    bool isFinished() const { return m_finished; }
    // Tests and the CLI keep a finished operation around to read it; default true.
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }
    // Stops waiting and finishes with Outcome::Cancelled (a no-op once finished). A request
    // not yet sent is not sent; one on the wire is aborted and, since it may have been taken,
    // reconciled like any lost answer, so it is never bought twice unknowingly.
    void cancel();

Q_SIGNALS:
    void finished(PreviewDeck::SpendOperation *operation);
    // The last attempt failed with `error` (a 429: nothing was processed) and the same request
    // goes out again in `delayMs`.
    void retrying(PreviewDeck::SpendOperation *operation, int delayMs,
                  const PreviewDeck::ApiError &error);
    // The same as retrying(), with the wait in seconds and a sentence for the user.
    void waiting(int seconds, const QString &message);

private:
    friend class SpendGuard;
    friend class SpendReconciler;
    explicit SpendOperation(QObject *parent) : QObject(parent) { }
    void finish(Outcome outcome);

    Outcome m_outcome = Outcome::Unknown;
    bool m_reconciled = false;
    bool m_finished = false;
    bool m_finishedBefore = false;
    bool m_autoDelete = true;
    bool m_cancelRequested = false;
    bool m_sent = false; // the guard sent (or was about to send) a request of its own
    QPointer<ApiJob> m_request; // while the request waits or is on the wire
    ApiError m_error;
    QString m_text; // overrides the default sentence for the outcome
    qint64 m_spendId = 0;
    qint64 m_jobLocalId = 0;
    qint64 m_renderLocalId = 0;
    QDateTime m_startedAt;
    Link m_link;
};

} // namespace PreviewDeck
