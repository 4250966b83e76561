#include "previewlookup.h"

#include "catalog.h"
#include "jsonviews.h"
#include "sandboxstate.h"

#include <QRegularExpression>

namespace Sandbox {

bool findPreviewContent(const SandboxState &state, const QString &layout, const QString &base,
                        PreviewContent *out)
{
    static const QRegularExpression layoutRe(
            QStringLiteral("^videos/\\d{8}/([0-9a-fA-F-]{36})\\.json$"));
    const auto m = layoutRe.match(layout);
    const QString mediaJob = m.captured(1);
    const QString owner = m.hasMatch() ? state.previewOwner.value(mediaJob) : QString();
    PreviewContent &c = *out;
    c = {};
    bool found = false;
    if (auto it = state.videoJobs.constFind(owner); it != state.videoJobs.constEnd()) {
        const VideoJob &job = it.value();
        const Link link = state.links.value(job.linkId);
        for (const Preview &p : job.previews) {
            if (p.mediaJob != mediaJob)
                continue;
            c.title = link.title;
            c.description = link.description;
            c.imageUrls = link.imageUrls;
            c.visualStyle = p.visualStyle;
            c.aspectRatio = p.aspectRatio;
            c.scriptStyle = job.scriptStyle;
            c.duration = p.duration;
            c.videoUrl = JsonViews::renderUrl(base, p.aspectRatio, p.mediaJob);
            found = true;
        }
    } else if (auto tj = state.templateJobs.constFind(owner); tj != state.templateJobs.constEnd()) {
        const TemplateJob &job = tj.value();
        const Catalog::Template *t = Catalog::findTemplate(job.templateId);
        if (t) {
            c.title = t->name;
            c.visualStyle = t->name;
            c.aspectRatio = t->aspectRatio;
            c.duration = t->duration;
            c.scriptStyle = QStringLiteral("Template");
            c.videoUrl = JsonViews::renderUrl(base, t->aspectRatio, mediaJob);
            for (const auto &v : t->variables) {
                QString value = job.variables.value(v.name)
                                        .toObject()
                                        .value(QStringLiteral("properties"))
                                        .toObject()
                                        .value(Catalog::propertyKey(v.type))
                                        .toString(v.defaultValue);
                if (value.startsWith(QLatin1Char('/')))
                    value = base + value;
                if (v.type == QLatin1String("text")) {
                    c.textVariables.append({v.name, value});
                    if (c.description.isEmpty())
                        c.description = value;
                } else if (v.type == QLatin1String("image")) {
                    c.imageUrls.append(value);
                } else {
                    c.textVariables.append({v.name, v.type + QStringLiteral(": ") + value});
                }
            }
            found = true;
        }
    }
    return found;
}

} // namespace Sandbox
