#include "spendoperation.h"

#include "apijob.h"
#include "spendguard.h"
#include "spendledger.h"

#include <QLocale>

namespace PreviewDeck {

namespace {
QString timeOfDay(const QDateTime &when)
{
    return QLocale().toString(when.toLocalTime().time(), QLocale::ShortFormat);
}
} // namespace

QString SpendOperation::message() const
{
    if (!m_text.isEmpty())
        return m_text;
    switch (m_outcome) {
    case Outcome::Confirmed:
        return m_reconciled ? SpendGuard::tr("The answer was lost, but Creatify did receive the "
                                             "request; it is being followed.")
                            : QString();
    case Outcome::Existing:
        return m_finishedBefore
                ? SpendGuard::tr("This was already bought at %1; nothing was charged again.")
                          .arg(timeOfDay(m_startedAt))
                : SpendGuard::tr("Carrying on with the one started at %1; nothing is charged "
                                 "again.")
                          .arg(timeOfDay(m_startedAt));
    case Outcome::Refused:
        return m_error.message();
    case Outcome::Absent:
        return m_error.isError()
                ? m_error.message() + QLatin1Char(' ') + SpendLedger::absentReason()
                : SpendLedger::absentReason();
    case Outcome::Unknown:
        return SpendLedger::unknownReason();
    case Outcome::Cancelled:
        if (m_error.outcomeUnknown)
            return SpendGuard::tr("Cancelled after the request was sent; PreviewDeck checks with "
                                  "Creatify whether it was bought, so it is not bought twice.");
        return m_sent ? SpendGuard::tr("Cancelled before it was sent; nothing was charged.")
                      : SpendGuard::tr("Stopped waiting; the purchase carries on and shows in "
                                       "the history.");
    case Outcome::NotSure:
    case Outcome::Blocked:
        return QString();
    }
    return QString();
}

void SpendOperation::finish(Outcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_outcome = outcome;
    m_request = nullptr;
    Q_EMIT finished(this);
    if (m_autoDelete)
        deleteLater();
}

void SpendOperation::cancel()
{
    if (m_finished || m_cancelRequested)
        return;
    m_cancelRequested = true;
    if (m_request) {
        m_request->cancel(); // SpendGuard::onAnswer finishes this operation
        return;
    }
    m_error.kind = ApiError::Kind::Cancelled; // keeps outcomeUnknown of a lost answer
    finish(Outcome::Cancelled);
}

} // namespace PreviewDeck
