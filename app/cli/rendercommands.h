#pragma once

#include "commandgroup.h"
#include "previewrenders.h"

namespace PreviewDeck {

// render JOB [MEDIA_JOB] and download RENDER_ID: buying the video of a preview or of a template
// job, and saving it.
class RenderCommands : public CommandGroup
{
    Q_OBJECT
public:
    using CommandGroup::CommandGroup;

    void render(const QStringList &args);
    void download(const QStringList &args);
    // Buys the render of a preview (its media_job) or of a template job (no media_job) and
    // follows it; the demo's last step too.
    void renderJob(qint64 jobLocalId, const QString &mediaJob);

private:
    // Ends the run saying why nothing can be rendered (nothing was sent).
    void whyNot(PreviewRenderState::Blocker blocker, const QString &mediaJob);
};

} // namespace PreviewDeck
