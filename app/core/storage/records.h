#pragma once

#include "jobstatus.h"
#include "recordedrequest.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace PreviewDeck {

enum class JobKind { LinkPreviews, TemplatePreview };
QString jobKindToString(JobKind kind);
JobKind jobKindFromString(const QString &text);

// PreviewDeck's own states by their old names (JobStatus has them all); kept because callers
// and tests name them so.
namespace LocalStatus {
inline JobStatus submitting()
{
    return JobStatus::Submitting;
}
inline JobStatus unknown()
{
    return JobStatus::Reconciling;
}
inline JobStatus notCreated()
{
    return JobStatus::NotCreated;
}
inline JobStatus lost()
{
    return JobStatus::Lost;
}
inline JobStatus unsure()
{
    return JobStatus::Unsure;
}
} // namespace LocalStatus

struct JobRecord
{
    qint64 localId = 0;
    JobKind kind = JobKind::LinkPreviews;
    QString remoteId; // empty until the server answered
    QString linkId;
    QString templateId;
    QString name;
    QJsonObject request; // the body sent; read it through recorded()
    JobStatus status;
    double progress = 0;
    QString failedReason;
    double estimatedCredits = 0;
    double creditsUsed = 0;
    QUrl previewUrl; // template previews
    QString mediaJob;
    QDateTime createdAt;
    QDateTime updatedAt;

    RecordedRequest recorded() const { return RecordedRequest(request); }
};

struct PreviewRecord
{
    qint64 jobLocalId = 0;
    QString mediaJob;
    QString visualStyle;
    QString aspectRatio;
    QUrl url;
    int position = 0;
};

struct RenderRecord
{
    qint64 localId = 0;
    qint64 jobLocalId = 0;
    QString mediaJob; // the preview rendered (link jobs); the job's media_job for templates
    QString visualStyle;
    JobStatus status;
    double progress = 0;
    QUrl videoOutput;
    QUrl videoThumbnail;
    QString failedReason;
    double estimatedCredits = 0;
    qint64 spendId = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
};

enum class SpendState {
    Pending, // recorded before sending; no answer yet (or the app stopped meanwhile)
    Confirmed, // the server took it
    Refused, // the server answered no: nothing was charged
    Unknown, // no usable answer: must be reconciled before anyone may try again
    Absent, // reconciled: the server has no trace of it, nothing was charged
    Unsure, // lost, and the documented endpoints cannot tell: a repeat needs the user's say
};
QString spendStateToString(SpendState state);
SpendState spendStateFromString(const QString &text);

enum class SpendKind { CreateLink, PreviewList, RenderPreview, TemplatePreview, TemplateRender };
QString spendKindToString(SpendKind kind);
SpendKind spendKindFromString(const QString &text);

// One credit-spending POST: the audit trail and the guard against paying twice.
struct SpendRecord
{
    qint64 id = 0;
    SpendKind kind = SpendKind::CreateLink;
    QString dedupKey; // same key = same purchase (e.g. render:<job>:<media_job>)
    QJsonObject request; // what was (to be) sent, plus the path parameters
    double estimatedCredits = 0;
    SpendState state = SpendState::Pending;
    QString resultId;
    QString error;
    QDateTime createdAt;
    QDateTime updatedAt;
};

struct DownloadRecord
{
    qint64 localId = 0;
    qint64 renderLocalId = 0;
    QUrl url;
    QString targetPath;
    JobStatus status; // Queued, Running, Done or Failed
    qint64 bytesReceived = 0;
    qint64 bytesTotal = -1;
    QString error;
    QDateTime updatedAt;
};

// Values of one template's variables saved under a name, to fill its form again later. Kept per
// profile in the store (table template_presets).
struct TemplatePreset
{
    QString name;
    QString templateId;
    QString modelVersion;
    QMap<QString, QString> values; // variable name -> text, as typed

    bool operator==(const TemplatePreset &other) const
    {
        return name == other.name && templateId == other.templateId
                && modelVersion == other.modelVersion && values == other.values;
    }
    bool operator!=(const TemplatePreset &other) const { return !(*this == other); }
};

// One variant's preview job in a template batch, with the title its tile shows.
struct TemplateBatchEntry
{
    qint64 jobLocalId = 0;
    QString title; // the variant's label, e.g. "Variant 2"

    bool operator==(const TemplateBatchEntry &other) const
    {
        return jobLocalId == other.jobLocalId && title == other.title;
    }
    bool operator!=(const TemplateBatchEntry &other) const { return !(*this == other); }
};

// The variants of one "preview all" of a template, compared side by side; kept so that the
// comparison can be opened again (e.g. from the history after a restart).
struct TemplateBatch
{
    qint64 id = 0;
    QString templateId;
    QString aspectRatio; // the template's, for the tiles ("16x9", "1x1", "9x16")
    QList<TemplateBatchEntry> entries; // in variant order
    QDateTime createdAt;

    QList<qint64> jobIds() const
    {
        QList<qint64> ids;
        for (const TemplateBatchEntry &entry : entries)
            ids << entry.jobLocalId;
        return ids;
    }
    QString titleOf(qint64 jobLocalId) const
    {
        for (const TemplateBatchEntry &entry : entries)
            if (entry.jobLocalId == jobLocalId)
                return entry.title;
        return QString();
    }
};

} // namespace PreviewDeck
