#include "apierror.h"

#include <QCoreApplication>

namespace PreviewDeck {

namespace {
QString joinedFieldErrors(const QMap<QString, QStringList> &fieldErrors)
{
    QStringList parts;
    for (auto it = fieldErrors.cbegin(); it != fieldErrors.cend(); ++it)
        parts << it.key() + QLatin1String(": ") + it.value().join(QLatin1Char(' '));
    return parts.join(QLatin1String("; "));
}
} // namespace

QString ApiError::message() const
{
    switch (kind) {
    case Kind::None:
        return QString();
    case Kind::Auth:
        return tr("Creatify did not accept the API ID and key. Check them in Settings (they "
                  "are on your Creatify API settings page).");
    case Kind::Validation: {
        QStringList parts = messages;
        if (!fieldErrors.isEmpty())
            parts << joinedFieldErrors(fieldErrors);
        if (parts.isEmpty() && !detail.isEmpty())
            parts << detail;
        if (parts.isEmpty())
            return tr("Creatify refused the request as invalid. Check the values and try again.");
        return tr("Creatify refused the request: %1").arg(parts.join(QLatin1String("; ")));
    }
    case Kind::NotFound:
        return tr("Creatify has no such item any more (it may have been deleted).");
    case Kind::RateLimited:
        // Final only after the job's own bounded waits: the request was not processed.
        return tr("Creatify is receiving too many requests and did not take this one, even "
                  "after waiting. Nothing was charged; try again in a minute.");
    case Kind::OutOfCredits:
        return detail.isEmpty()
                ? tr("Your Creatify workspace does not have enough credits for this. Top up "
                     "your credits, then try again.")
                : tr("Your Creatify workspace does not have enough credits for this (%1). Top "
                     "up your credits, then try again.")
                          .arg(detail);
    case Kind::Server:
        return tr("Creatify had a problem on its side (HTTP %1). Try again in a moment.")
                .arg(httpStatus);
    case Kind::Network:
        return tr("Could not reach Creatify. Check your internet connection.");
    case Kind::Timeout:
        return tr("Creatify did not answer in time. Check your connection; nothing is repeated "
                  "without your say.");
    case Kind::BadResponse:
        return tr("Creatify sent an answer PreviewDeck could not read%1. Try again later.")
                .arg(httpStatus ? tr(" (HTTP %1)").arg(httpStatus) : QString());
    case Kind::Cancelled:
        return tr("Cancelled.");
    }
    return QString();
}

QString ApiError::retryingMessage(int delayMs) const
{
    const int seconds = qMax(1, (delayMs + 999) / 1000);
    switch (kind) {
    case Kind::RateLimited:
        return waitMessage(seconds);
    case Kind::Network:
        return detail.isEmpty()
                ? tr("Can't reach Creatify; trying again in %n s.", nullptr, seconds)
                : tr("Can't reach Creatify (%1); trying again in %n s.", nullptr, seconds)
                          .arg(detail.toLower());
    case Kind::Server:
        return tr("Creatify has a problem on its side (HTTP %1); trying again in %n s.", nullptr,
                  seconds)
                .arg(httpStatus);
    case Kind::Timeout:
        return tr("Creatify did not answer in time; trying again in %n s.", nullptr, seconds);
    default:
        break;
    }
    return tr("Creatify sent an answer PreviewDeck could not read; trying again in %n s.", nullptr,
              seconds);
}

QString ApiError::waitMessage(int seconds)
{
    return tr("Creatify asked us to wait %n s; sending again then.", nullptr, seconds);
}

QString ApiError::kindName() const
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Auth:
        return QStringLiteral("auth");
    case Kind::Validation:
        return QStringLiteral("validation");
    case Kind::NotFound:
        return QStringLiteral("not_found");
    case Kind::RateLimited:
        return QStringLiteral("rate_limited");
    case Kind::OutOfCredits:
        return QStringLiteral("out_of_credits");
    case Kind::Server:
        return QStringLiteral("server");
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::BadResponse:
        return QStringLiteral("bad_response");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QString();
}

} // namespace PreviewDeck
