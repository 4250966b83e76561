#include "creditsused.h"

namespace PreviewDeck::CreditsUsed {

bool renderWasCharged(const RenderRecord &render)
{
    return render.status != JobStatus::NotCreated && !render.status.isAwaitingAnswer()
            && render.status != JobStatus::Unsure;
}

double ofJob(const JobRecord &job, double linkCredits, const QList<RenderRecord> &renders)
{
    if (job.creditsUsed <= 0)
        return 0;
    double used = job.creditsUsed + linkCredits;
    for (const RenderRecord &render : renders)
        if (renderWasCharged(render))
            used += render.estimatedCredits;
    return used;
}

} // namespace PreviewDeck::CreditsUsed
