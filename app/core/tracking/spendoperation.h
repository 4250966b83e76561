#pragma once

#include "apierror.h"
#include "apitypes.h"

#include <QDateTime>
#include <QObject>

namespace PreviewDeck {

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
    friend class SpendReconciler;
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

} // namespace PreviewDeck
