#include "jobstatus.h"

#include <QDebug>

#include <array>
#include <utility>

namespace PreviewDeck {

namespace {

// The one table of names: what the database holds and what the API sends.
constexpr std::array<std::pair<JobStatus::Value, const char *>, 12> kNames{{
        {JobStatus::Pending, "pending"},
        {JobStatus::InQueue, "in_queue"},
        {JobStatus::Running, "running"},
        {JobStatus::Done, "done"},
        {JobStatus::Failed, "failed"},
        {JobStatus::Rejected, "rejected"},
        {JobStatus::Submitting, "submitting"},
        {JobStatus::Reconciling, "unknown"},
        {JobStatus::NotCreated, "not_created"},
        {JobStatus::Lost, "lost"},
        {JobStatus::Unsure, "unsure"},
        {JobStatus::Queued, "queued"},
}};

bool isApiValue(JobStatus::Value value)
{
    return value >= JobStatus::Pending && value <= JobStatus::Rejected;
}

} // namespace

JobStatus JobStatus::fromName(const QString &name)
{
    for (const auto &[value, text] : kNames) {
        if (name == QLatin1String(text))
            return value;
    }
    JobStatus other;
    other.m_other = name;
    return other;
}

JobStatus JobStatus::fromApiName(const QString &name)
{
    const QString folded = name.trimmed().toLower();
    // Some clients report these; Creatify's schemas do not list them (creatify-api.md §7).
    if (folded == QLatin1String("processing"))
        return Running;
    if (folded == QLatin1String("error"))
        return Failed;
    const JobStatus status = fromName(folded);
    if (isApiValue(status.m_value))
        return status;
    JobStatus other;
    other.m_other = name;
    return other;
}

QList<JobStatus> JobStatus::knownValues()
{
    QList<JobStatus> values;
    for (const auto &entry : kNames)
        values << entry.first;
    return values;
}

QString JobStatus::name() const
{
    for (const auto &[value, text] : kNames) {
        if (value == m_value)
            return QLatin1String(text);
    }
    return m_other;
}

bool JobStatus::isFinished() const
{
    return m_value == Done || m_value == Unsure || isFailure();
}

bool JobStatus::isFailure() const
{
    return m_value == Failed || m_value == Rejected || m_value == NotCreated || m_value == Lost;
}

char *toString(const JobStatus &status)
{
    const QByteArray text = status.value() == JobStatus::Other
            ? "Other(\"" + status.name().toUtf8() + "\")"
            : status.name().toUtf8();
    return qstrdup(text.constData());
}

QDebug operator<<(QDebug debug, const JobStatus &status)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "JobStatus(" << status.name() << ')';
    return debug;
}

} // namespace PreviewDeck
