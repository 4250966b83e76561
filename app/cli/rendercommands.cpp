#include "rendercommands.h"

#include "clioutput.h"
#include "commandhost.h"
#include "engine.h"
#include "store.h"
#include "workfollower.h"

namespace PreviewDeck {

void RenderCommands::render(const QStringList &args)
{
    if (args.isEmpty() || args.size() > 2) {
        host().usage(tr("Use \"render JOB MEDIA_JOB\" (or \"render JOB\" for a template job)."));
        return;
    }
    const qint64 jobLocalId = resolveJob(args.at(0));
    const auto job = engine()->store()->job(jobLocalId);
    if (!job) {
        host().fail(tr("There is no job %1 in this computer's history.").arg(args.at(0)));
        return;
    }
    if (job->kind == JobKind::LinkPreviews && args.size() != 2) {
        host().usage(
                tr("Say which preview to render: its media_job (see \"job %1\").").arg(args.at(0)));
        return;
    }
    renderJob(jobLocalId, args.value(1));
}

void RenderCommands::download(const QStringList &args)
{
    bool ok = false;
    const qint64 renderLocalId = args.value(0).toLongLong(&ok);
    if (args.size() != 1 || !ok) {
        host().usage(tr("Use \"download RENDER_ID\" with the render's number from \"job\"."));
        return;
    }
    host().startDeadline();
    follower().download(renderLocalId);
}

void RenderCommands::renderJob(qint64 jobLocalId, const QString &mediaJob)
{
    const auto job = engine()->store()->job(jobLocalId);
    SpendGuard *guard = engine()->spendGuard();
    if (!host().confirmSpend(guard->estimateRender(jobLocalId), tr("Rendering")))
        return;
    const SpendGuard::RepeatOptions options = host().repeatOptions();
    SpendOperation *op = job->kind == JobKind::TemplatePreview
            ? guard->renderTemplate(jobLocalId, options)
            : guard->renderPreview(jobLocalId, mediaJob, options);
    host().runSpend(op, [this](SpendOperation *o) {
        const qint64 renderId = o->renderLocalId();
        if (o->isConfirmed())
            out().line(tr("Render %1 started.").arg(renderId));
        follower().followRender(renderId);
    });
}

} // namespace PreviewDeck
