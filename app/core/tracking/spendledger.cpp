#include "spendledger.h"

#include "spendguard.h"
#include "store.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace PreviewDeck {

qint64 SpendLedger::jobLocalIdOf(const SpendRecord &spend)
{
    return qint64(spend.request.value(SpendKeys::jobLocalId).toDouble());
}

qint64 SpendLedger::renderLocalIdOf(const SpendRecord &spend)
{
    return qint64(spend.request.value(SpendKeys::renderLocalId).toDouble());
}

void SpendLedger::markUnknown(qint64 spendId, const QString &why)
{
    m_store->setSpendState(spendId, SpendState::Unknown, QString(), why);
    setLocalStatus(spendId, JobStatus::Reconciling, unknownReason());
}

void SpendLedger::markAbsent(qint64 spendId)
{
    m_store->setSpendState(spendId, SpendState::Absent, QString(), absentReason());
    setLocalStatus(spendId, JobStatus::NotCreated, absentReason());
}

void SpendLedger::markUnsure(qint64 spendId)
{
    const auto spend = m_store->spend(spendId);
    if (!spend)
        return;
    const QString why = notSureReason(
            spend->request.value(SpendKeys::body).toObject().value(QLatin1String("name")).toString());
    m_store->setSpendState(spendId, SpendState::Unsure, QString(), why);
    setLocalStatus(spendId, JobStatus::Unsure, why);
}

void SpendLedger::markRefused(qint64 spendId, const QString &message)
{
    m_store->setSpendState(spendId, SpendState::Refused, QString(), message);
    setLocalStatus(spendId, JobStatus::NotCreated, message);
}

QString SpendLedger::absentReason()
{
    return SpendGuard::tr("Creatify has no trace of the request, so nothing was charged. You can "
                          "try again.");
}

QString SpendLedger::unknownReason()
{
    return SpendGuard::tr("The answer from Creatify was lost. PreviewDeck is checking whether "
                          "the request went through before you can try again.");
}

QString SpendLedger::notRecordedReason()
{
    return SpendGuard::tr("PreviewDeck could not write this purchase into its history (is the "
                          "disk full or read-only?), so nothing was sent and nothing was "
                          "charged.");
}

QString SpendLedger::notSureReason(const QString &sentName)
{
    return SpendGuard::tr("The answer from Creatify was lost, and Creatify offers no way to "
                          "check whether this template preview was made. Look in Creatify's "
                          "web app for a job named \"%1\": if it is there, it was charged. "
                          "Sending it again may charge again.")
            .arg(sentName);
}

QStringList SpendLedger::sortedStyles(const QJsonValue &value)
{
    QStringList styles;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        styles << item.toString();
    styles.sort();
    return styles;
}

QString SpendLedger::comparableUrl(const QString &text)
{
    return QUrl(text)
            .adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments | QUrl::RemoveUserInfo
                      | QUrl::RemoveFragment)
            .toString(QUrl::FullyEncoded);
}

void SpendLedger::adoptRemoteJob(qint64 jobLocalId, const QString &remoteId,
                                 const JobStatus &status, double creditsUsed)
{
    auto local = m_store->job(jobLocalId);
    if (!local)
        return;
    local->remoteId = remoteId;
    // A job found already finished still needs its previews read: the tracker does that for
    // jobs it sees as unfinished.
    local->status = status.isFinished() ? JobStatus::Pending : status;
    local->creditsUsed = creditsUsed;
    local->failedReason.clear();
    m_store->updateJob(*local);
}

void SpendLedger::setLocalStatus(qint64 spendId, const JobStatus &status, const QString &reason)
{
    const auto spend = m_store->spend(spendId);
    if (!spend)
        return;
    const qint64 renderId = renderLocalIdOf(*spend);
    if (renderId) {
        if (auto render = m_store->render(renderId)) {
            render->status = status;
            render->failedReason = reason;
            m_store->updateRender(*render);
        }
        return;
    }
    const qint64 jobId = jobLocalIdOf(*spend);
    if (auto job = jobId ? m_store->job(jobId) : std::nullopt) {
        job->status = status;
        job->failedReason = reason;
        m_store->updateJob(*job);
    }
}

namespace {
QString identity(const QString &prefix, const QJsonObject &object)
{
    return prefix
            + QString::fromLatin1(
                    QCryptographicHash::hash(QJsonDocument(object).toJson(QJsonDocument::Compact),
                                             QCryptographicHash::Sha1)
                            .toHex());
}

} // namespace

QString SpendLedger::linkKey(const QUrl &productUrl)
{
    return QLatin1String("link:") + SpendLedger::comparableUrl(productUrl.toString());
}

QString SpendLedger::previewsKey(const PreviewListRequest &request)
{
    QJsonObject identityFields = request.toJson();
    identityFields.insert(QStringLiteral("visual_styles"),
                          QJsonArray::fromStringList(SpendLedger::sortedStyles(
                                  identityFields.value(QLatin1String("visual_styles")))));
    return identity(QStringLiteral("previews:"), identityFields);
}

QString SpendLedger::batchKey(const PreviewListRequest &options, const QList<BatchRow> &rows)
{
    QJsonObject optionFields = options.toJson();
    optionFields.insert(QStringLiteral("visual_styles"),
                        QJsonArray::fromStringList(SpendLedger::sortedStyles(
                                optionFields.value(QLatin1String("visual_styles")))));
    QJsonArray products;
    for (const BatchRow &row : rows)
        products.append(QJsonArray{comparableUrl(row.url), row.name, row.title, row.description,
                                   QJsonArray::fromStringList(row.imageUrls)});
    return identity(QStringLiteral("batch:"),
                    QJsonObject{{QStringLiteral("options"), optionFields},
                                {QStringLiteral("products"), products}});
}

QString SpendLedger::templatePreviewKey(const TemplateJobRequest &request)
{
    QJsonObject identityFields = request.toJson();
    identityFields.insert(QStringLiteral("template_id"), request.templateId);
    return identity(QStringLiteral("template-preview:"), identityFields);
}

QString SpendLedger::renderKey(const JobRecord &job, const QString &mediaJob)
{
    if (job.remoteId.isEmpty())
        return QString();
    if (job.kind == JobKind::TemplatePreview)
        return QLatin1String("template-render:") + job.remoteId;
    return QLatin1String("render:") + job.remoteId + QLatin1Char(':') + mediaJob;
}

} // namespace PreviewDeck
