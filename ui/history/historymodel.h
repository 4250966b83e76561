#pragma once

#include "batchrecords.h"
#include "records.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <optional>

namespace PreviewDeck {

class Engine;
class Store;

// Everything the user started, one row per job, newest first; a batch of products is one row
// (the first of its jobs listed stands for it, and opening it opens the batch). Rows are read from
// the store and re-read on its change signals, one row at a time; the model holds only a copy of what
// the store says (plus the live percentage of running downloads, which the store does not keep).
// A batch's entry is read again once after a burst of changes to its jobs (one event loop turn).
class HistoryModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        TitleRole = Qt::UserRole + 1, // name, link title or template name
        StylesRole, // QStringList of visual styles
        StatusTextRole, // status in words
        StatusRole, // the job's JobStatus::name()
        RenderStatusRole, // the latest render's JobStatus::name() ("" when none)
        DownloadStatusRole, // its download's JobStatus::name() ("" when none)
        ProgressRole, // 0..1 of the running work, -1 when nothing runs
        ActiveRole, // bool: work is running (a progress bar makes sense)
        EstimatedCreditsRole, // double: link, job and render estimates
        CreditsUsedRole, // double: link, previews and accepted renders
        PreviewCountRole, // int
        RenderCountRole, // int
        RenderIdsRole, // QVariantList of qint64, oldest first
        LatestRenderIdRole, // qint64, 0 when none
        RenderFilesRole, // QStringList of saved files
        JobIdRole, // qint64 local id
        KindRole, // int (JobKind)
        CreatedRole, // QDateTime
        SecondaryTextRole, // "status · credits · created", for the delegate
        SearchTextRole, // everything the filter field matches against
    };
    Q_ENUM(Role)

    explicit HistoryModel(Store *store, QObject *parent = nullptr);
    // Also follows the engine's live download progress ("Downloading 30%").
    explicit HistoryModel(Engine *engine, QObject *parent = nullptr);
    ~HistoryModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int rowOfJob(qint64 jobLocalId) const; // -1 when not listed
    int rowOfBatch(qint64 batchId) const { return findBatchRow(batchId); }
    QModelIndex indexOfJob(qint64 jobLocalId) const;
    qint64 jobIdAt(int row) const;

    // Re-reads everything (e.g. after the store was reopened). Changes never need it.
    void reload();

private:
    struct Row
    {
        JobRecord job;
        QString title;
        QStringList styles;
        int previewCount = 0;
        double linkCredits = 0; // the product page read, on the link's first job
        QList<RenderRecord> renders;
        QHash<qint64, DownloadRecord> downloads; // by render local id
        qint64 batchId = 0; // the row stands for this batch of products
        QString batchStatus; // "37 of 40 previews ready · 9 picked · 3 of 9 videos saved"
        double batchProgress = -1; // 0..1 of what the batch is doing now, -1 when idle
        double batchCredits = 0; // every row's link, previews and accepted renders
        // The batch's renders and their downloads' local ids (0: none yet), so that a
        // download changing refreshes the entry although it lists no render of its own.
        QHash<qint64, qint64> batchDownloads;
    };

    void connectStore();
    Row readRow(const JobRecord &job) const;
    // The entry of a batch: its title, styles, status and progress (historymodelbatches.cpp).
    void readBatch(Row *row, const Batch &batch) const;
    int findRow(qint64 jobLocalId) const;
    int findBatchRow(qint64 batchId) const;
    void onBatchChanged(qint64 batchId);
    void refreshJob(qint64 jobLocalId);
    void refreshDueBatches();
    void onJobRemoved(qint64 jobLocalId);
    void onRenderChanged(qint64 renderLocalId);
    void onDownloadChanged(qint64 downloadLocalId);
    // The batch entry whose render this download is, -1 when none is listed.
    int findBatchRowOfDownload(qint64 downloadLocalId) const;
    void onLinkChanged(const QString &linkId);
    void onDownloadProgress(qint64 renderLocalId, qint64 received, qint64 total);
    QString statusText(const Row &row) const;
    double progress(const Row &row) const;
    bool isActive(const Row &row) const;

    QPointer<Store> m_store;
    QList<Row> m_rows; // newest (highest local id) first
    QHash<qint64, double> m_downloadFraction; // render local id -> 0..1, running downloads only
    QSet<qint64> m_batchesDue; // batches whose entry is read again on m_batchRefresh
    QTimer m_batchRefresh;
};

} // namespace PreviewDeck
