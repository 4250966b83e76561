#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringView>

QT_BEGIN_NAMESPACE
class QDebug;
QT_END_NAMESPACE

namespace PreviewDeck {

// The state of one piece of work: a job, a render or a download. It holds the API's statuses
// (creatify-api.md §7) and the states only PreviewDeck knows. The value is a class, not a bare
// enum, so that a status this build does not know (a server adds one) keeps its text: it is
// stored, shown and compared as the server wrote it, and never counts as finished.
// Stored in SQLite by name(); the names are the ones the database has always held.
class JobStatus
{
public:
    enum Value {
        Other, // a name this build does not know; name() is its text
        // The API's statuses
        Pending, // "pending"
        InQueue, // "in_queue"
        Running, // "running" (also the API's "processing")
        Done, // "done"
        Failed, // "failed" (also the API's "error")
        Rejected, // "rejected"
        // PreviewDeck's own
        Submitting, // "submitting": intent recorded, the POST is out
        Reconciling, // "unknown": the answer was lost; asking the server what became of it
        NotCreated, // "not_created": the server did not take it
        Lost, // "lost": the server no longer knows the job
        Unsure, // "unsure": answer lost, and the API cannot tell whether it was made
        Queued, // "queued": a download waiting for a slot
    };

    JobStatus() = default;
    // Implicit, so that `status = JobStatus::Done` and `status == JobStatus::Done` read naturally.
    JobStatus(Value value) : m_value(value) { } // NOLINT(google-explicit-constructor)

    // From a stored name. A name this build does not know becomes Other and keeps its text.
    static JobStatus fromName(const QString &name);
    // From an API answer: only the API's own names (and the aliases some servers send) map to
    // a value; anything else, including a local name such as "unknown", stays Other.
    static JobStatus fromApiName(const QString &name);
    // Every value with a name of its own (all but Other), for round trips and queries.
    static QList<JobStatus> knownValues();

    Value value() const { return m_value; }
    QString name() const;

    // No more change will come: done, failed, rejected, not created, lost or not sure.
    bool isFinished() const;
    // Finished without a result, and known not to have made one: failed, rejected, not
    // created, lost. (Unsure is finished but not known to have failed.)
    bool isFailure() const;
    // Accepted by the server and waiting for a worker: pending, in_queue.
    bool isWaiting() const { return m_value == Pending || m_value == InQueue; }
    // Sent, but the server's answer is not in yet: submitting, or reconciling a lost answer.
    bool isAwaitingAnswer() const { return m_value == Submitting || m_value == Reconciling; }

    friend bool operator==(const JobStatus &a, const JobStatus &b)
    {
        return a.m_value == b.m_value && a.m_other == b.m_other;
    }
    friend bool operator!=(const JobStatus &a, const JobStatus &b) { return !(a == b); }
    // By stored name, the language of scripts, the CLI's JSON and the tests.
    friend bool operator==(const JobStatus &status, QStringView name)
    {
        return status.name() == name;
    }
    friend bool operator!=(const JobStatus &status, QStringView name) { return !(status == name); }
    friend bool operator==(const JobStatus &status, QLatin1StringView name)
    {
        return status.name() == name;
    }
    friend bool operator!=(const JobStatus &status, QLatin1StringView name)
    {
        return !(status == name);
    }

private:
    Value m_value = Other;
    QString m_other; // Other's text
};

// For QCOMPARE's failure messages (found by argument-dependent lookup).
char *toString(const JobStatus &status);
QDebug operator<<(QDebug debug, const JobStatus &status);

} // namespace PreviewDeck

Q_DECLARE_METATYPE(PreviewDeck::JobStatus)
