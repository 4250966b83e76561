#pragma once

// In-memory workspace: credits, links, link_to_videos jobs and template jobs. Job progress is
// computed lazily from elapsed time, so no timers run (and a workspace reloaded by statefile.h
// carries on by itself).

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace Sandbox {

enum class Outcome { Done, Failed, Rejected };

// One timed stretch of a job: `steps` steps of the step interval, then a terminal outcome.
struct Phase
{
    qint64 startMs = 0;
    int steps = 3;
    Outcome outcome = Outcome::Done;
    QString failedReason;
};

struct Link
{
    QString id;
    QString innerId;
    QString url;
    QString title;
    QString description;
    QString aiSummary;
    QStringList imageUrls;
    QStringList videoUrls;
    QJsonValue reviews;
    QJsonValue logoUrl; // string or null
    QJsonValue aiTargetAudiences;
};

struct Preview
{
    QString mediaJob;
    QString visualStyle;
    QString aspectRatio;
    int duration = 0;
};

struct Render
{
    QString mediaJob;
    QString visualStyle;
    QString aspectRatio;
    int duration = 0;
    Phase phase;
};

struct VideoJob
{
    QString id;
    QJsonObject echo; // request fields as the API echoes them
    QString linkId;
    int videoLength = 30;
    QString modelVersion;
    QString scriptStyle;
    QList<Preview> previews;
    Phase previewPhase;
    QList<Render> renders;
    int creditsUsed = 0;
    QDateTime createdAt;
};

struct TemplateJob
{
    QString id;
    QString templateId;
    QJsonObject variables;
    QJsonValue name;
    QJsonValue webhookUrl;
    QString modelVersion;
    bool isHidden = false;
    int duration = 0;
    QString previewMediaJob;
    Phase previewPhase;
    bool rendered = false;
    QString renderMediaJob;
    Phase renderPhase;
    int creditsUsed = 0;
    QDateTime createdAt;
};

class SandboxState
{
public:
    double credits() const { return m_credits; }
    void setCredits(double c) { m_credits = c; }
    bool canAfford(double cost) const { return cost <= m_credits + 1e-9; }
    void charge(double cost) { m_credits -= cost; }

    int stepMs() const { return m_stepMs; }
    void setStepMs(int ms) { m_stepMs = qMax(1, ms); }
    static qint64 nowMs();

    // Status and progress of a phase at `now`.
    QString status(const Phase &p, qint64 now) const;
    double progress(const Phase &p, qint64 now) const;
    int stepOf(const Phase &p, qint64 now) const;
    qint64 lastChangeMs(const Phase &p, qint64 now) const;
    // Previews listed so far: one per step while the job runs, all once it is over.
    int visiblePreviews(const VideoJob &job, qint64 now) const;

    QHash<QString, Link> links;
    QStringList linkOrder;
    QHash<QString, VideoJob> videoJobs;
    QStringList videoJobOrder;
    QHash<QString, TemplateJob> templateJobs;
    QStringList templateJobOrder;

    // Preview page lookup: media_job → owning job id (link_to_videos or template).
    QHash<QString, QString> previewOwner;

private:
    double m_credits = 100;
    int m_stepMs = 1500;
};

} // namespace Sandbox
