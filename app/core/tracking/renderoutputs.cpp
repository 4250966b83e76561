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
    if (remote.outputs.isEmpty() && remote.mediaJob == render.mediaJob)
        found.entries << remote.topLevel; // the older schema: the top level is the latest render
    return found;
}

bool tookEffect(const RenderRecord &render)
{
    return !render.status.isAwaitingAnswer() && render.status != JobStatus::NotCreated;
}

// Where a render stands among this computer's renders of its preview that Creatify took (or
// may have): those made before it, oldest first, and whether any was made after it.
struct Place
{
    QList<RenderRecord> earlier;
    bool latest = true;
};

Place placeOf(const Store &store, const RenderRecord &render)
{
    Place place;
    for (const RenderRecord &other : store.renders(render.jobLocalId)) {
        if (other.mediaJob != render.mediaJob || other.localId == render.localId
            || !tookEffect(other))
            continue;
        if (other.localId < render.localId)
            place.earlier << other;
        else
            place.latest = false;
    }
    std::sort(place.earlier.begin(), place.earlier.end(),
              [](const RenderRecord &a, const RenderRecord &b) { return a.localId < b.localId; });
    return place;
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
    const Place place = placeOf(store, render);
    if (found.entries.size() > place.earlier.size()) {
        *out = found.entries.at(place.earlier.size()); // the n-th render is the n-th entry
        return true;
    }
    if (!place.earlier.isEmpty() && place.latest && !found.ownIds && found.entries.size() == 1
        && movedOn(found.entries.constFirst(), place.earlier.constLast())) {
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
    const QList<RenderRecord> before = placeOf(store, render).earlier;
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
