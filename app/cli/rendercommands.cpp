#include "rendercommands.h"

#include "clioutput.h"
#include "commandhost.h"
#include "engine.h"
#include "previewrenders.h"
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
    PreviewRenders *renders = engine()->renders();
    const PreviewRef preview{jobLocalId,
                             job && job->kind == JobKind::TemplatePreview ? QString() : mediaJob};
    const SpendGuard::RepeatOptions options = host().repeatOptions();
    const bool nothingNew = renders->buysNothingNew(preview, options);
    // An earlier render of it is carried on whatever became of the previews since.
    if (!nothingNew) {
        const PreviewRenderState state = renders->state(preview);
        if (state.stage == PreviewRenderState::Stage::CannotRender) {
            whyNot(state.blocker, mediaJob);
            return;
        }
    }
    if (!host().confirmSpend(renders->cost(preview), tr("Rendering"), nothingNew))
        return;
    host().runSpend(renders->start(preview, options), [this](SpendOperation *o) {
        const qint64 renderId = o->renderLocalId();
        if (o->isConfirmed())
            out().line(tr("Render %1 started.").arg(renderId));
        follower().followRender(renderId);
    });
}

void RenderCommands::whyNot(PreviewRenderState::Blocker blocker, const QString &mediaJob)
{
    using Blocker = PreviewRenderState::Blocker;
    switch (blocker) {
    case Blocker::Rejected:
        host().fail(tr("Creatify rejected these previews, so they cannot be rendered."));
        return;
    case Blocker::Failed:
        host().fail(tr("These previews failed on Creatify's side, so they cannot be rendered."));
        return;
    case Blocker::NotSure:
        host().fail(tr("It is not sure these previews were made, so nothing can be rendered of "
                       "them yet."));
        return;
    case Blocker::NoPreviewPage:
        if (mediaJob.isEmpty())
            host().fail(tr("The preview is not ready yet."));
        else
            host().usage(tr("This job has no preview %1 (see \"job\").").arg(mediaJob));
        return;
    case Blocker::NoSuchJob:
    case Blocker::None:
        break;
    }
    host().fail(tr("There is no such job in this computer's history."));
}

} // namespace PreviewDeck
