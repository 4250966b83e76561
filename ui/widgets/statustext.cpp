#include "widgets/statustext.h"

#include "store.h"
#include "widgets/formmessages.h"

#include <cmath>

namespace PreviewDeck {

namespace {
int percent(double fraction)
{
    return int(std::lround(qBound(0.0, fraction, 1.0) * 100));
}
} // namespace

QString StatusText::jobTitle(const Store *store, const JobRecord &job)
{
    if (!job.name.isEmpty())
        return job.name;
    if (job.kind == JobKind::LinkPreviews && store && !job.linkId.isEmpty()) {
        if (const auto link = store->link(job.linkId); link && !link->title.isEmpty())
            return link->title;
    }
    if (job.kind == JobKind::TemplatePreview && !job.templateId.isEmpty())
        return tr("Template %1").arg(job.templateId.left(8));
    return job.kind == JobKind::TemplatePreview ? tr("Template video") : tr("Product video");
}

QString StatusText::common(const JobStatus &status, const QString &reason)
{
    switch (status.value()) {
    case JobStatus::Submitting:
        return tr("Submitting…");
    case JobStatus::Reconciling:
        return tr("Checking with Creatify…");
    case JobStatus::Pending:
    case JobStatus::InQueue:
        return tr("Waiting in Creatify's queue");
    case JobStatus::Failed:
        return reason.isEmpty() ? tr("Failed") : tr("Failed: %1").arg(reason);
    case JobStatus::Rejected:
        return tr("Rejected by Creatify");
    case JobStatus::NotCreated:
        return reason.isEmpty() ? tr("Not created") : tr("Not created: %1").arg(reason);
    case JobStatus::Lost:
        return tr("No longer on Creatify");
    case JobStatus::Unsure:
        return tr("Answer lost: not sure it was made");
    case JobStatus::Running:
    case JobStatus::Done:
    case JobStatus::Queued:
    case JobStatus::Other:
        break;
    }
    return QString();
}

QString StatusText::job(const JobRecord &job)
{
    // Creatify keeps a job "pending" while it fills in its previews (creatify-api.md §7): with
    // progress under way it is working on them, not waiting in its queue.
    const bool working = job.status == JobStatus::Running
            || ((job.status == JobStatus::Pending || job.status == JobStatus::InQueue)
                && job.progress > 0);
    if (working) {
        return job.kind == JobKind::TemplatePreview
                ? tr("Rendering preview %1%").arg(percent(job.progress))
                : tr("Rendering previews %1%").arg(percent(job.progress));
    }
    const QString common = StatusText::common(job.status, job.failedReason);
    if (!common.isEmpty())
        return common;
    if (job.status == JobStatus::Done)
        return job.kind == JobKind::TemplatePreview ? tr("Preview ready") : tr("Previews ready");
    return job.status.name(); // a status this build does not know, as Creatify wrote it
}

QString StatusText::render(const RenderRecord &render,
                           const std::optional<DownloadRecord> &download, double downloadFraction)
{
    const QString common = StatusText::common(render.status, render.failedReason);
    if (!common.isEmpty())
        return common;
    if (render.status == JobStatus::Running)
        return tr("Rendering %1%").arg(percent(render.progress));
    if (render.status == JobStatus::Done) {
        if (!download)
            return tr("Video ready");
        if (download->status == JobStatus::Done)
            return tr("Saved");
        if (download->status == JobStatus::Failed)
            return tr("Download failed");
        if (downloadFraction < 0 && download->bytesTotal > 0)
            downloadFraction = double(download->bytesReceived) / double(download->bytesTotal);
        return downloading(downloadFraction);
    }
    return render.status.name();
}

QString StatusText::renderFailure(const JobStatus &status, const QString &reason,
                                  double creditsCharged)
{
    // Creatify's docs do not say whether a failed render is refunded: say what is known.
    const QString charged = creditsCharged > 0 ? QLatin1Char(' ')
                    + tr("Creatify charged %1 when it accepted this render.")
                              .arg(creditsText(creditsCharged))
                                               : QString();
    if (status == JobStatus::Failed)
        return (reason.isEmpty()
                        ? tr("Creatify could not make this video.")
                        : asSentence(tr("Creatify could not make this video: %1").arg(reason)))
                + charged;
    if (status == JobStatus::Rejected)
        return tr("Creatify rejected this video. No file was made.") + charged;
    if (status == JobStatus::NotCreated)
        return reason.isEmpty() ? tr("The render was not created.") : reason;
    if (status == JobStatus::Lost)
        return tr("Creatify no longer knows this render.");
    if (status == JobStatus::Unsure)
        return common(status, reason);
    return QString();
}

QString StatusText::downloadRetrying(int delayMs, const QString &reason)
{
    const int seconds = qMax(1, (delayMs + 999) / 1000);
    return reason.isEmpty()
            ? tr("The connection dropped; the download goes on in %n s.", nullptr, seconds)
            : tr("The connection dropped (%1); the download goes on in %n s.", nullptr, seconds)
                      .arg(reason.toLower());
}

QString StatusText::downloading(double fraction)
{
    return tr("Downloading %1%").arg(percent(qMax(0.0, fraction)));
}

QString StatusText::aspectRatio(const QString &ratio)
{
    if (ratio == QLatin1String("16x9"))
        return tr("wide 16:9");
    if (ratio == QLatin1String("9x16"))
        return tr("tall 9:16");
    if (ratio == QLatin1String("1x1"))
        return tr("square 1:1");
    return ratio;
}

QString StatusText::aspectRatios(const QStringList &ratios)
{
    QStringList names;
    for (const QString &ratio : ratios)
        names << aspectRatio(ratio);
    if (names.size() < 2)
        return names.join(QString());
    const QString last = names.takeLast();
    return tr("%1 and %2").arg(names.join(QLatin1String(", ")), last);
}

} // namespace PreviewDeck
