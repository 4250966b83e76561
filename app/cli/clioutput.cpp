#include "clioutput.h"

#include "store.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace PreviewDeck {

CliOutput::CliOutput(bool json) : m_json(json), m_out(stdout), m_err(stderr) { }

void CliOutput::line(const QString &text)
{
    if (m_json)
        return;
    m_out << text << Qt::endl;
}

void CliOutput::progress(const QString &text)
{
    if (m_json)
        return;
    m_err << text << Qt::endl;
}

void CliOutput::note(const QString &text)
{
    m_err << text << Qt::endl;
}

void CliOutput::error(const QString &sentence)
{
    m_err << "error: " << sentence << Qt::endl;
}

void CliOutput::result(const QJsonObject &object)
{
    if (!m_json)
        return;
    m_out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
    m_out.flush();
}

QJsonObject CliOutput::toJson(const Link &link)
{
    return QJsonObject{{QStringLiteral("id"), link.id},
                       {QStringLiteral("url"), link.url.toString()},
                       {QStringLiteral("title"), link.title},
                       {QStringLiteral("description"), link.description},
                       {QStringLiteral("image_urls"), QJsonArray::fromStringList(link.imageUrls)},
                       {QStringLiteral("ai_summary"), link.aiSummary}};
}

QJsonObject CliOutput::toJson(const RenderRecord &render, const Store &store)
{
    QJsonObject object{{QStringLiteral("render_id"), render.localId},
                       {QStringLiteral("media_job"), render.mediaJob},
                       {QStringLiteral("visual_style"), render.visualStyle},
                       {QStringLiteral("status"), render.status.name()},
                       {QStringLiteral("progress"), render.progress},
                       {QStringLiteral("video_output"), render.videoOutput.toString()},
                       {QStringLiteral("video_thumbnail"), render.videoThumbnail.toString()},
                       {QStringLiteral("failed_reason"), render.failedReason},
                       {QStringLiteral("estimated_credits"), render.estimatedCredits}};
    if (const auto download = store.downloadForRender(render.localId)) {
        object.insert(QStringLiteral("download"),
                      QJsonObject{{QStringLiteral("status"), download->status.name()},
                                  {QStringLiteral("path"), download->targetPath},
                                  {QStringLiteral("error"), download->error}});
    }
    return object;
}

QJsonObject CliOutput::toJson(const JobRecord &job, const Store &store)
{
    QJsonArray previews;
    for (const PreviewRecord &p : store.previews(job.localId)) {
        previews.append(QJsonObject{{QStringLiteral("media_job"), p.mediaJob},
                                    {QStringLiteral("visual_style"), p.visualStyle},
                                    {QStringLiteral("aspect_ratio"), p.aspectRatio},
                                    {QStringLiteral("url"), p.url.toString()}});
    }
    QJsonArray renders;
    for (const RenderRecord &r : store.renders(job.localId))
        renders.append(toJson(r, store));
    return QJsonObject{{QStringLiteral("local_id"), job.localId},
                       {QStringLiteral("id"), job.remoteId},
                       {QStringLiteral("kind"), jobKindToString(job.kind)},
                       {QStringLiteral("name"), job.name},
                       {QStringLiteral("link"), job.linkId},
                       {QStringLiteral("template_id"), job.templateId},
                       {QStringLiteral("status"), job.status.name()},
                       {QStringLiteral("progress"), job.progress},
                       {QStringLiteral("failed_reason"), job.failedReason},
                       {QStringLiteral("estimated_credits"), job.estimatedCredits},
                       {QStringLiteral("credits_used"), job.creditsUsed},
                       {QStringLiteral("preview"), job.previewUrl.toString()},
                       {QStringLiteral("previews"), previews},
                       {QStringLiteral("renders"), renders},
                       {QStringLiteral("created_at"), job.createdAt.toString(Qt::ISODate)}};
}

QJsonObject CliOutput::toJson(const CustomTemplate &t)
{
    QJsonObject variables;
    for (const TemplateVariable &v : t.variables) {
        variables.insert(v.name,
                         QJsonObject{{QStringLiteral("type"), variableTypeToString(v.type)},
                                     {QStringLiteral("required"), v.required},
                                     {QStringLiteral("properties"), v.properties}});
    }
    QJsonObject object{{QStringLiteral("template_id"), t.id},
                       {QStringLiteral("name"), t.name},
                       {QStringLiteral("aspect_ratio"), t.aspectRatio},
                       {QStringLiteral("preview"), t.preview.toString()}};
    if (!t.variables.isEmpty())
        object.insert(QStringLiteral("variables"), variables);
    return object;
}

QString CliOutput::describe(const RenderRecord &render, const Store &store)
{
    QString text = QStringLiteral("  render %1  %2  %3")
                           .arg(render.localId)
                           .arg(render.visualStyle, render.status.name());
    if (!render.failedReason.isEmpty())
        text += QStringLiteral("  (%1)").arg(render.failedReason);
    if (const auto download = store.downloadForRender(render.localId))
        text += QStringLiteral("  file: %1 [%2]").arg(download->targetPath, download->status.name());
    return text;
}

QString CliOutput::describe(const JobRecord &job, const Store &store)
{
    QStringList lines;
    lines << QStringLiteral("job %1  %2  %3  %4%")
                     .arg(job.localId)
                     .arg(job.remoteId.isEmpty() ? QStringLiteral("-") : job.remoteId,
                          job.status.name())
                     .arg(qRound(job.progress * 100));
    if (!job.name.isEmpty())
        lines << QStringLiteral("  name: %1").arg(job.name);
    if (!job.failedReason.isEmpty())
        lines << QStringLiteral("  reason: %1").arg(job.failedReason);
    if (!job.previewUrl.isEmpty())
        lines << QStringLiteral("  preview: %1").arg(job.previewUrl.toString());
    for (const PreviewRecord &p : store.previews(job.localId))
        lines << QStringLiteral("  preview %1  %2  %3")
                         .arg(p.mediaJob, p.visualStyle, p.url.toString());
    for (const RenderRecord &r : store.renders(job.localId))
        lines << describe(r, store);
    return lines.join(QLatin1Char('\n'));
}

QString CliOutput::formatCredits(double amount)
{
    return QString::number(amount, 'g', 6);
}

QString CliOutput::creditsText(double amount)
{
    return amount == 1
            ? QCoreApplication::translate("CliOutput", "1 credit")
            : QCoreApplication::translate("CliOutput", "%1 credits").arg(formatCredits(amount));
}

} // namespace PreviewDeck
