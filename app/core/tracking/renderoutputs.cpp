#include "renderoutputs.h"

#include "store.h"

#include <QSet>

namespace PreviewDeck::RenderOutputs {

namespace {
struct Candidates
{
    QList<RenderOutput> entries; // in the order the job lists them
    bool ownIds = false; // matched by style: every render has a media_job of its own
    bool ambiguous = false; // the style's previews in several ratios, the entries without one
};

Candidates candidates(const VideoJob &remote, const Store &store, const RenderRecord &render)
{
    Candidates found;
    for (const RenderOutput &output : remote.outputs)
        if (output.mediaJob == render.mediaJob)
            found.entries << output;
    if (!found.entries.isEmpty())
        return found;
    QString aspectRatio;
    QSet<QString> ratiosOfStyle;
    for (const PreviewRecord &preview : store.previews(render.jobLocalId)) {
        if (preview.mediaJob == render.mediaJob)
            aspectRatio = preview.aspectRatio;
        if (preview.visualStyle == render.visualStyle)
            ratiosOfStyle.insert(preview.aspectRatio);
    }
    for (const RenderOutput &output : remote.outputs) {
        if (render.visualStyle.isEmpty() || output.visualStyle != render.visualStyle)
            continue;
        if (output.aspectRatio.isEmpty() && ratiosOfStyle.size() > 1)
            found.ambiguous = true;
        if (!aspectRatio.isEmpty() && !output.aspectRatio.isEmpty()
            && output.aspectRatio != aspectRatio)
            continue;
        found.entries << output;
        found.ownIds = true;
    }
    if (found.ambiguous)
        found.entries.clear();
    if (remote.outputs.isEmpty() && remote.mediaJob == render.mediaJob) {
        RenderOutput top; // the older schema: the top level is the latest render
        top.mediaJob = remote.mediaJob;
        top.status = remote.status;
        top.progress = remote.progress;
        top.videoOutput = remote.videoOutput;
        top.videoThumbnail = remote.videoThumbnail;
        top.failedReason = remote.failedReason;
        top.duration = remote.duration;
        found.entries << top;
    }
    return found;
}

bool tookEffect(const RenderRecord &render)
{
    return !render.status.isAwaitingAnswer() && render.status != JobStatus::NotCreated;
}

// This computer's renders of the same preview that Creatify took (or may have), oldest first.
QList<RenderRecord> rendersOfPreview(const Store &store, const RenderRecord &render)
{
    QList<RenderRecord> out;
    for (const RenderRecord &other : store.renders(render.jobLocalId))
        if (other.mediaJob == render.mediaJob
            && (other.localId == render.localId || tookEffect(other)))
            out << other;
    std::sort(out.begin(), out.end(),
              [](const RenderRecord &a, const RenderRecord &b) { return a.localId < b.localId; });
    return out;
}

// One entry per preview, updated in place: it stands for a later render once it no longer
// shows how the earlier one ended.
bool movedOn(const RenderOutput &entry, const RenderRecord &earlier)
{
    return !entry.status.isFinished() || entry.status != earlier.status
            || entry.videoOutput != earlier.videoOutput
            || entry.failedReason != earlier.failedReason;
}
} // namespace

bool find(const VideoJob &remote, const Store &store, const RenderRecord &render, RenderOutput *out)
{
    const Candidates found = candidates(remote, store, render);
    const QList<RenderRecord> mine = rendersOfPreview(store, render);
    const qsizetype place = std::find_if(mine.cbegin(), mine.cend(),
                                         [&](const RenderRecord &r) {
                                             return r.localId == render.localId;
                                         })
            - mine.cbegin();
    if (found.entries.size() > place) {
        *out = found.entries.at(place);
        return true;
    }
    const bool latest = place == mine.size() - 1;
    if (place > 0 && latest && !found.ownIds && found.entries.size() == 1
        && movedOn(found.entries.constFirst(), mine.at(place - 1))) {
        *out = found.entries.constFirst();
        return true;
    }
    return false;
}

Trace trace(const VideoJob &remote, const Store &store, const RenderRecord &render)
{
    const Candidates found = candidates(remote, store, render);
    if (found.ambiguous)
        return Trace::CannotTell;
    QList<RenderRecord> before = rendersOfPreview(store, render);
    before.erase(std::remove_if(before.begin(), before.end(),
                                [&](const RenderRecord &r) { return r.localId >= render.localId; }),
                 before.end());
    if (found.entries.size() > before.size())
        return Trace::Listed;
    // Entries of their own per render, or more than one for the preview: one per render.
    if (before.isEmpty() || found.ownIds || found.entries.size() > 1)
        return Trace::NotListed;
    if (found.entries.isEmpty())
        return Trace::CannotTell;
    return movedOn(found.entries.constFirst(), before.constLast()) ? Trace::Listed
                                                                   : Trace::CannotTell;
}

} // namespace PreviewDeck::RenderOutputs
