#include "sandboxstate.h"

namespace Sandbox {

qint64 SandboxState::nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

int SandboxState::stepOf(const Phase &p, qint64 now) const
{
    return int(qMax<qint64>(0, now - p.startMs) / m_stepMs);
}

QString SandboxState::status(const Phase &p, qint64 now) const
{
    const int step = stepOf(p, now);
    if (step >= p.steps) {
        switch (p.outcome) {
        case Outcome::Done:
            return QStringLiteral("done");
        case Outcome::Failed:
            return QStringLiteral("failed");
        case Outcome::Rejected:
            return QStringLiteral("rejected");
        }
    }
    if (step == p.steps - 1)
        return QStringLiteral("running");
    if (step == p.steps - 2)
        return QStringLiteral("in_queue");
    return QStringLiteral("pending");
}

double SandboxState::progress(const Phase &p, qint64 now) const
{
    const double total = double(p.steps) * m_stepMs;
    const double done = double(qMax<qint64>(0, now - p.startMs));
    if (done >= total)
        return p.outcome == Outcome::Done ? 1.0 : 0.0;
    return qBound(0.0, done / total, 0.99);
}

qint64 SandboxState::lastChangeMs(const Phase &p, qint64 now) const
{
    const int step = qMin(stepOf(p, now), p.steps);
    return p.startMs + qint64(step) * m_stepMs;
}

int SandboxState::visiblePreviews(const VideoJob &job, qint64 now) const
{
    const int n = int(job.previews.size());
    return qMin(n, stepOf(job.previewPhase, now));
}

} // namespace Sandbox
