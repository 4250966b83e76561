#include "creditbalance.h"

#include "accountjobs.h"

#include <QPointer>

namespace PreviewDeck {

CreditBalance::CreditBalance(ApiClient *client, QObject *parent) : QObject(parent), m_client(client)
{
}

void CreditBalance::refresh()
{
    refreshThen(this, [](double) {});
}

void CreditBalance::refreshThen(QObject *context, const std::function<void(double)> &then)
{
    auto *job = new GetCreditsJob(m_client, this);
    QPointer<QObject> guard(context);
    connect(job, &ApiJob::finished, this, [this, guard, then](ApiJob *j) {
        if (j->succeeded()) {
            const double value = static_cast<GetCreditsJob *>(j)->remainingCredits();
            if (value != m_value) {
                m_value = value;
                Q_EMIT changed(m_value);
            }
        }
        if (guard)
            then(j->succeeded() ? m_value : -1);
    });
    job->start();
}

} // namespace PreviewDeck
