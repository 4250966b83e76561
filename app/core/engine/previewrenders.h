#pragma once

#include "records.h"
#include "spendguard.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace PreviewDeck {

class SpendOperation;
class Store;

// One preview that can be rendered: a preview of a link job (its media_job), or a template
// preview job (mediaJob empty: the job is its own single preview).
struct PreviewRef
{
    qint64 jobLocalId = 0;
    QString mediaJob;

    friend bool operator==(const PreviewRef &a, const PreviewRef &b)
    {
        return a.jobLocalId == b.jobLocalId && a.mediaJob == b.mediaJob;
    }
};

inline size_t qHash(const PreviewRef &preview, size_t seed = 0)
{
    return qHashMulti(seed, preview.jobLocalId, preview.mediaJob);
}

// Where rendering one preview stands, read from the store (and from a start still in flight
// here). Typed: each front end puts it into its own words. Whether the user is being asked to
// confirm is the window's business, not the core's.
struct PreviewRenderState
{
    enum class Stage {
        CannotRender, // see blocker
        CanRender, // nothing rendered yet
        Sending, // the render request is on its way (or being started here)
        Checking, // its answer was lost: asking Creatify what became of it
        Waiting, // accepted, waiting in Creatify's queue
        Rendering, // see progress
        Rendered, // done; downloadedPath once the video is saved
        Failed, // ended without a video: renderStatus, failedReason, creditsCharged
    };
    enum class Blocker {
        None,
        NoSuchJob, // not in this computer's history
        Rejected, // Creatify rejected the previews
        Failed, // the previews failed (or were not created, or are no longer on Creatify)
        NotSure, // the previews' purchase was lost and Creatify cannot tell whether it was made
        NoPreviewPage, // no preview to render yet (not ready, or no such media_job)
    };

    Stage stage = Stage::CannotRender;
    Blocker blocker = Blocker::NoSuchJob;
    qint64 renderLocalId = 0; // the latest render of this preview; 0 when none
    JobStatus renderStatus;
    double progress = 0; // 0..1 while rendering
    QString failedReason;
    // A failed render: what Creatify charged when it accepted it (0: nothing known charged).
    // Creatify's docs do not say whether a failed render is refunded.
    double creditsCharged = 0;
    QString downloadedPath; // a rendered video saved on this computer

    bool isUnderWay() const
    {
        return stage == Stage::Sending || stage == Stage::Checking || stage == Stage::Waiting
                || stage == Stage::Rendering;
    }
    // Render (again) may be offered.
    bool canStart() const { return stage == Stage::CanRender || stage == Stage::Failed; }
};

// Rendering one preview, for every front end: its state from the store, its cost, and starting
// it through the spend guard so that a second start while one is in flight joins the running
// one instead of sending (and paying) twice.
class PreviewRenders : public QObject
{
    Q_OBJECT
public:
    PreviewRenders(Store *store, SpendGuard *guard, QObject *parent = nullptr);

    PreviewRenderState state(const PreviewRef &preview) const;
    // The same for one render of a preview (the latest or not).
    PreviewRenderState renderState(qint64 renderLocalId) const;
    // The same, for readers that hold only the store (a batch's progress).
    static PreviewRenderState renderState(const Store &store, qint64 renderLocalId);
    double cost(const PreviewRef &preview) const;
    // Starting it now with `options` would only carry on with an earlier purchase of the same
    // render (nothing new bought): no cost to confirm.
    bool buysNothingNew(const PreviewRef &preview, SpendGuard::RepeatOptions options) const;
    // Starts the render (a template job's when mediaJob is empty). While a start made here is
    // in flight, that same operation is returned. It is deleted after finished().
    SpendOperation *start(const PreviewRef &preview, SpendGuard::RepeatOptions options);
    bool isStarting(const PreviewRef &preview) const { return m_starting.contains(preview); }

Q_SIGNALS:
    // A start began or ended: the preview's state changed although the store may not have.
    void startingChanged(qint64 jobLocalId, const QString &mediaJob);

private:
    static PreviewRenderState stateOf(const Store &store, const RenderRecord &render);

    Store *m_store;
    SpendGuard *m_guard;
    QHash<PreviewRef, QPointer<SpendOperation>> m_starting;
};

} // namespace PreviewDeck
