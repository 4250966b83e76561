#pragma once

#include "apitypes.h"
#include "batchrecords.h"
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
    static constexpr int SchemaVersion = 5;

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
    // What reading the job's product page (its link) cost, counted with the first job of that
    // link only, so that a link used for more previews is not counted twice. 0 when none.
    double linkCreditsOfJob(qint64 jobLocalId) const;

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
    // Previews picked to compare side by side (the focus view), apart from their mark; a change
    // is signalled as previewMarkChanged.
    bool setPickedToCompare(qint64 jobLocalId, const QString &mediaJob, bool picked);
    QStringList pickedToCompare(qint64 jobLocalId) const; // media_jobs, in the previews' order

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

    // Template presets, per profile (storetemplates.cpp). False when not written (empty name
    // or template, or SQL failed); templatePresetsChanged only when something changed.
    QList<TemplatePreset> templatePresets(const QString &templateId) const; // sorted by name
    std::optional<TemplatePreset> templatePreset(const QString &templateId,
                                                 const QString &name) const;
    bool saveTemplatePreset(const TemplatePreset &preset); // adds or replaces (same name)
    bool removeTemplatePreset(const QString &templateId, const QString &name); // true if gone
    // Presets of the old JSON file (all profiles shared it), copied once into this profile;
    // presets already here win and the file is left alone. The count copied, -1 on failure
    // (an unreadable file is tried again next time).
    int importLegacyTemplatePresets(const QString &jsonPath);
    static QString legacyTemplatePresetsPath(); // AppDataLocation/template-presets.json

    // Template variant batches: the jobs of one "preview all", their titles and the
    // template's aspect ratio. 0 / false when not written; templateBatchChanged only when
    // something changed. A removed job leaves its batch.
    qint64 insertTemplateBatch(const TemplateBatch &batch);
    // Replaces the batch's jobs (e.g. a variant sent again takes its old job's place).
    bool setTemplateBatchEntries(qint64 batchId, const QList<TemplateBatchEntry> &entries);
    std::optional<TemplateBatch> templateBatch(qint64 batchId) const;
    // The newest batch with this job (a job previewed again with the same values is reused).
    std::optional<TemplateBatch> templateBatchOfJob(qint64 jobLocalId) const;

    // Batches of products (storebatches.cpp). Writes report whether they happened; batchChanged
    // comes only when something changed (a row, its picks or the batch itself).
    qint64 insertBatch(const Batch &batch); // with its rows; 0 when not written
    std::optional<Batch> batch(qint64 batchId) const; // with rows and picks
    std::optional<Batch> batchByKey(const QString &key) const; // the newest with this key
    QList<Batch> batches() const; // newest first, with rows
    // One row with its picks, read alone (a job's change touches one row of a long batch).
    std::optional<BatchRow> batchRow(qint64 batchId, int position) const;
    bool updateBatchRow(const BatchRow &row); // the row and its picks
    bool setBatchDownloadDirectory(qint64 batchId, const QString &directory);
    // The row whose previews are this job, or whose pick is this render.
    std::optional<BatchRow> batchRowOfJob(qint64 jobLocalId) const;
    std::optional<BatchRow> batchRowOfRender(qint64 renderLocalId) const;
    // What a row's product is called: its name, else its title, else its page's, else its number.
    QString batchProductName(const BatchRow &row) const;

    // The server this history is kept for now answers at `server` (the built-in sandbox may get
    // another port after a restart): the saved addresses under the origin recorded last time
    // (previews, renders, downloads, links) are moved to this one, and this one is recorded.
    // Read before anything is shown; *moved: how many records changed. False when not written.
    bool followServerOrigin(const QUrl &server, int *moved = nullptr);

Q_SIGNALS:
    void batchChanged(qint64 batchId);
    void jobChanged(qint64 localId);
    void jobRemoved(qint64 localId);
    void renderChanged(qint64 localId);
    void downloadChanged(qint64 localId);
    void linkChanged(const QString &id);
    void previewMarkChanged(qint64 jobLocalId, const QString &mediaJob);
    void hideRejectedChanged(qint64 jobLocalId);
    void templatePresetsChanged(const QString &templateId);
    void templateBatchChanged(qint64 batchId);

private:
    bool migrate(QString *error);
    // The previews' mark column: the mark, and whether it is picked to compare.
    bool writeMarkColumn(qint64 jobLocalId, const QString &mediaJob, PreviewMark mark, bool picked);
    bool addTemplatePreviewRow(qint64 jobLocalId, const QString &mediaJob);
    QString markColumnOf(qint64 jobLocalId, const QString &mediaJob) const;
    bool exec(const QString &sql, const QVariantList &values = {}) const;
    int execCount(const QString &sql, const QVariantList &values = {}) const; // rows, -1 failed

    QString m_connectionName;
    QString m_path;
};

} // namespace PreviewDeck
