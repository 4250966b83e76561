#include "renderoutputs.h"

#include "store.h"

namespace PreviewDeck::RenderOutputs {

namespace {
// The outputs[] entries that may be renders of the preview `render` was made of, in the order
// the job lists them; the top level when the job predates outputs[] (older schema).
QList<RenderOutput> candidates(const VideoJob &remote, const Store &store,
                               const RenderRecord &render)
{
    QList<RenderOutput> found;
    for (const RenderOutput &output : remote.outputs)
        if (output.mediaJob == render.mediaJob)
            found << output;
    if (!found.isEmpty())
        return found;
    QString aspectRatio;
    for (const PreviewRecord &preview : store.previews(render.jobLocalId))
        if (preview.mediaJob == render.mediaJob)
            aspectRatio = preview.aspectRatio;
    for (const RenderOutput &output : remote.outputs) {
        if (render.visualStyle.isEmpty() || output.visualStyle != render.visualStyle)
            continue;
        if (!aspectRatio.isEmpty() && !output.aspectRatio.isEmpty()
            && output.aspectRatio != aspectRatio)
            continue;
        found << output;
    }
    if (remote.outputs.isEmpty() && remote.mediaJob == render.mediaJob) {
        RenderOutput top;
        top.mediaJob = remote.mediaJob;
        top.status = remote.status;
        top.progress = remote.progress;
        top.videoOutput = remote.videoOutput;
        top.videoThumbnail = remote.videoThumbnail;
        top.failedReason = remote.failedReason;
        top.duration = remote.duration;
        found << top;
    }
    return found;
}

// Renders of the same preview that Creatify took (or may have taken), made before (`before`)
// or after `render` on this computer.
int otherRenders(const Store &store, const RenderRecord &render, bool before)
{
    int count = 0;
    for (const RenderRecord &other : store.renders(render.jobLocalId)) {
        if (other.localId == render.localId || other.mediaJob != render.mediaJob
            || (other.localId < render.localId) != before)
            continue;
        if (!other.status.isAwaitingAnswer() && other.status != JobStatus::NotCreated)
            ++count;
    }
    return count;
}
} // namespace

bool find(const VideoJob &remote, const Store &store, const RenderRecord &render, RenderOutput *out)
{
    const QList<RenderOutput> found = candidates(remote, store, render);
    const qsizetype index = found.size() - 1 - otherRenders(store, render, false);
    if (index < 0)
        return false;
    *out = found.at(index);
    return true;
}

bool arrived(const VideoJob &remote, const Store &store, const RenderRecord &render)
{
    return candidates(remote, store, render).size() > otherRenders(store, render, true);
}

} // namespace PreviewDeck::RenderOutputs
