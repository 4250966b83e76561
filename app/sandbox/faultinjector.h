#pragma once

// Decides which configured faults hit a request, honouring each fault's skip/count/every schedule.

#include "sandboxserver.h"

#include <QList>

namespace Sandbox {

class FaultInjector
{
public:
    void add(const Fault &fault);
    void clear();

    // Transport faults (everything but JobFailed/JobRejected) for one request. Slow faults add up
    // into *delayMs; the first other fault that fires is returned through *hit.
    bool matchTransport(const QByteArray &method, const QString &path, const QByteArray &body,
                        Fault *hit, int *delayMs);
    // JobFailed/JobRejected for a job being created or rendered by this request.
    bool matchJob(const QByteArray &method, const QString &path, const QByteArray &body, Fault *hit);

private:
    struct Entry
    {
        Fault fault;
        int seen = 0;
        int hits = 0;
    };
    static bool matches(const Fault &f, const QByteArray &method, const QString &path,
                        const QByteArray &body);
    static bool fires(Entry &e);

    QList<Entry> m_entries;
};

} // namespace Sandbox
