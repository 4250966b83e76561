#pragma once

#include "apitypes.h"
#include "previewmark.h"
#include "records.h"

#include <QHash>
#include <QObject>
#include <QSqlDatabase>

#include <optional>

namespace PreviewDeck {

// The one source of truth: every link, job, preview, render, spend and download, in SQLite.
// The core writes here before it acts and after every answer; views read from here and
// refresh on the change signals.
class Store : public QObject
{
    Q_OBJECT
public:
    static constexpr int SchemaVersion = 2;

    explicit Store(QObject *parent = nullptr);
    ~Store() override;

    // Creates or upgrades the schema. ":memory:" works for throwaway stores.
    bool open(const QString &path, QString *error = nullptr);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    int schemaVersion() const;

    // Links
    // Every write reports whether it happened; a change is signalled only when it did.
    bool saveLink(const Link &link);
    std::optional<Link> link(const QString &id) const;
    QList<Link> links() const;

    // Spends
    // 0 when the intent could not be written: then nothing may be sent.
    qint64 recordSpendIntent(SpendKind kind, const QString &dedupKey, const QJsonObject &request,
                             double estimatedCredits);
    bool setSpendState(qint64 id, SpendState state, const QString &resultId = QString(),
                       const QString &error = QString());
    std::optional<SpendRecord> spend(qint64 id) const;
    // The latest spend with this key that blocks a new one (pending, unknown, unsure or
    // confirmed).
    std::optional<SpendRecord> blockingSpend(const QString &dedupKey) const;
    QList<SpendRecord> unresolvedSpends() const; // pending or unknown
    QList<SpendRecord> spends() const;

    // Jobs
    qint64 insertJob(const JobRecord &job);
    bool updateJob(const JobRecord &job);
    std::optional<JobRecord> job(qint64 localId) const;
    std::optional<JobRecord> jobByRemoteId(const QString &remoteId) const;
    QList<JobRecord> jobs() const; // newest first
    QList<JobRecord> unfinishedJobs(JobKind kind) const; // with a remote id, not terminal
    bool removeJob(qint64 localId);

    // Upserts: a preview listed again keeps its mark.
    bool setPreviews(qint64 jobLocalId, const QList<PreviewRecord> &previews);
    QList<PreviewRecord> previews(qint64 jobLocalId) const;

    // The comparison as the user left it (previewmarks.cpp): a mark per preview and whether the
    // rejected ones are hidden. False when not written (no such preview or job, or SQL failed);
    // the signals come only when something changed.
    bool setPreviewMark(qint64 jobLocalId, const QString &mediaJob, PreviewMark mark);
    PreviewMark previewMark(qint64 jobLocalId, const QString &mediaJob) const;
    QHash<QString, PreviewMark> previewMarks(qint64 jobLocalId) const; // by media_job
    bool setHideRejected(qint64 jobLocalId, bool hide);
    bool hidesRejected(qint64 jobLocalId) const;

    // Renders
    qint64 insertRender(const RenderRecord &render);
    bool updateRender(const RenderRecord &render);
    std::optional<RenderRecord> render(qint64 localId) const;
    QList<RenderRecord> renders(qint64 jobLocalId) const;
    QList<RenderRecord> unfinishedRenders() const; // confirmed, not terminal

    // Downloads
    qint64 upsertDownload(const DownloadRecord &download); // one per render; 0 on failure
    std::optional<DownloadRecord> downloadForRender(qint64 renderLocalId) const;
    QList<DownloadRecord> unfinishedDownloads() const;

Q_SIGNALS:
    void jobChanged(qint64 localId);
    void jobRemoved(qint64 localId);
    void renderChanged(qint64 localId);
    void downloadChanged(qint64 localId);
    void linkChanged(const QString &id);
    void previewMarkChanged(qint64 jobLocalId, const QString &mediaJob);
    void hideRejectedChanged(qint64 jobLocalId);

private:
    bool migrate(QString *error);
    bool exec(const QString &sql, const QVariantList &values = {}) const;
    int execCount(const QString &sql, const QVariantList &values = {}) const; // rows, -1 failed

    QString m_connectionName;
    QString m_path;
};

} // namespace PreviewDeck
