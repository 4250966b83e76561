#pragma once

#include "apitypes.h"
#include "batchrecords.h"
#include "records.h"

#include <QJsonValue>
#include <QLatin1String>
#include <QString>
#include <QStringList>

namespace PreviewDeck {

class Store;

// Keys of a spend record's request object: the body sent plus where its results live.
namespace SpendKeys {
constexpr QLatin1String body("body");
constexpr QLatin1String jobLocalId("job_local_id");
constexpr QLatin1String renderLocalId("render_local_id");
constexpr QLatin1String jobId("job_id");
constexpr QLatin1String mediaJob("media_job");
constexpr QLatin1String tag("tag");
} // namespace SpendKeys

// What the spend guard and its reconciler write about a purchase: the spend's state, and the
// status of the job or render row it bought, always together. Also the words for those states
// and the comparisons both sides make. Callers signal the change themselves.
class SpendLedger
{
public:
    explicit SpendLedger(Store *store) : m_store(store) { }

    static qint64 jobLocalIdOf(const SpendRecord &spend);
    static qint64 renderLocalIdOf(const SpendRecord &spend);

    // The answer was lost: the purchase is being reconciled.
    void markUnknown(qint64 spendId, const QString &why);
    // Reconciled: the server has no trace of it.
    void markAbsent(qint64 spendId);
    // Reconciled as far as the API allows, and still not known.
    void markUnsure(qint64 spendId);
    // The server said no.
    void markRefused(qint64 spendId, const QString &message);
    // The job row recorded with the intent becomes the server's job.
    void adoptRemoteJob(qint64 jobLocalId, const QString &remoteId, const JobStatus &status,
                        double creditsUsed);

    static QString absentReason();
    static QString unknownReason();
    static QString notRecordedReason();
    static QString notSureReason(const QString &sentName);

    // The keys that make the same purchase asked for twice one purchase.
    static QString linkKey(const QUrl &productUrl);
    static QString previewsKey(const PreviewListRequest &request);
    static QString templatePreviewKey(const TemplateJobRequest &request);
    // A preview's render (mediaJob) or a template job's; empty before the job is on Creatify.
    static QString renderKey(const JobRecord &job, const QString &mediaJob);
    // A batch: the same products (however their addresses are spelled) with the same options,
    // styles in any order, are the same batch.
    static QString batchKey(const PreviewListRequest &options, const QList<BatchRow> &rows);

    static QStringList sortedStyles(const QJsonValue &value);
    // Servers differ in how they spell the same address: a trailing slash, the host's case
    // (QUrl folds it), percent-encoding.
    static QString comparableUrl(const QString &text);

private:
    void setLocalStatus(qint64 spendId, const JobStatus &status, const QString &reason);

    Store *m_store;
};

} // namespace PreviewDeck
