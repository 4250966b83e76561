#include "engine.h"

#include "apienums.h"
#include "apiclient.h"
#include "appsettings.h"
#include "creditbalance.h"
#include "downloadmanager.h"
#include "jobtracker.h"
#include "linkjobs.h"
#include "logging.h"
#include "mediafetcher.h"
#include "previewrenders.h"
#include "spendguard.h"
#include "store.h"

#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace PreviewDeck {

Engine::Engine(QObject *parent)
    : QObject(parent),
      m_client(new ApiClient(this)),
      m_store(new Store(this)),
      m_tracker(new JobTracker(m_client, m_store, this)),
      m_spendGuard(new SpendGuard(m_client, m_store, this)),
      m_downloads(new DownloadManager(this)),
      m_balance(new CreditBalance(m_client, this)),
      m_media(new MediaFetcher(this)),
      m_renders(new PreviewRenders(m_store, m_spendGuard, this)),
      m_downloadDirectory(AppSettings::defaultDownloadDirectory()),
      m_fileNamePattern(AppSettings::defaultFileNamePattern())
{
    connect(m_spendGuard, &SpendGuard::workAdded, m_tracker, &JobTracker::poke);
    connect(m_spendGuard, &SpendGuard::spendChanged, m_balance, &CreditBalance::refresh);
    connect(m_tracker, &JobTracker::renderFinished, this, &Engine::onRenderFinished);
    connect(m_client, &ApiClient::retrying, this, &Engine::serverRetrying);
    connect(m_client, &ApiClient::answering, this, &Engine::serverAnswering);
}

Engine::~Engine()
{
    // Interrupted downloads keep their .part so the next start resumes them.
    m_downloads->cancelAll(DownloadJob::PartialFile::Keep);
}

bool Engine::open(const QString &storePath, QString *error)
{
    if (!m_store->open(storePath, error))
        return false;
    // Presets used to be one JSON file for every profile: each profile's history takes a copy
    // once (a failure is logged and tried again next time).
    m_store->importLegacyTemplatePresets(Store::legacyTemplatePresetsPath());
    return true;
}

void Engine::resume()
{
    m_spendGuard->reconcileUnresolved();
    m_tracker->start();
    const QList<DownloadRecord> unfinished = m_store->unfinishedDownloads();
    for (const DownloadRecord &download : unfinished)
        downloadRender(download.renderLocalId);
    if (!m_autoDownload)
        return;
    const QList<JobRecord> jobs = m_store->jobs();
    for (const JobRecord &job : jobs) {
        for (const RenderRecord &render : m_store->renders(job.localId)) {
            if (render.status == JobStatus::Done && !render.videoOutput.isEmpty()
                && !m_store->downloadForRender(render.localId))
                downloadRender(render.localId);
        }
    }
}

void Engine::onRenderFinished(qint64 renderLocalId)
{
    Q_EMIT renderFinished(renderLocalId);
    const auto render = m_store->render(renderLocalId);
    // Result URLs may expire: save the file as soon as it exists.
    if (render && render->status == JobStatus::Done && m_autoDownload)
        downloadRender(renderLocalId);
}

QString Engine::targetPathFor(const RenderRecord &render) const
{
    // A batch's videos go into its folder, named after the product and the style.
    if (const auto row = m_store->batchRowOfRender(render.localId)) {
        if (const auto batch = m_store->batch(row->batchId))
            return batchTargetPath(*batch, *row, render.visualStyle);
    }
    const auto job = m_store->job(render.jobLocalId);
    QString name = job ? job->name : QString();
    if (name.isEmpty() && job) {
        if (auto link = m_store->link(job->linkId))
            name = link->title;
    }
    QMap<QString, QString> fields;
    fields.insert(QStringLiteral("name"), name.isEmpty() ? QStringLiteral("PreviewDeck") : name);
    // A template variant's render carries the variant's name as its "style": said once.
    fields.insert(QStringLiteral("style"),
                  render.visualStyle == name ? QString()
                                             : ApiEnums::visualStyleLabel(render.visualStyle));
    fields.insert(QStringLiteral("date"), QDate::currentDate().toString(Qt::ISODate));
    fields.insert(QStringLiteral("id"), render.mediaJob.left(8));
    const QString fileName = DownloadManager::sanitizedFileName(
            expandFileName(m_fileNamePattern, fields) + QLatin1String(".mp4"));
    // Only a name: the folder is made when the download starts writing (DownloadJob::start).
    return DownloadManager::uniqueTargetPath(m_downloadDirectory, fileName);
}

QString Engine::batchTargetPath(const Batch &batch, const BatchRow &row,
                                const QString &visualStyle) const
{
    const QString product = m_store->batchProductName(row);
    QString base = product;
    // Two products of the same name: the row number tells them apart, the same way every time.
    for (const BatchRow &other : batch.rows) {
        if (other.position != row.position && m_store->batchProductName(other) == product)
            base = tr("%1 (row %2)").arg(product).arg(row.position + 1);
    }
    const QString fileName = DownloadManager::sanitizedFileName(
            tr("%1 - %2").arg(base, ApiEnums::visualStyleLabel(visualStyle))
            + QLatin1String(".mp4"));
    const QString directory = batch.downloadDirectory.isEmpty() ? m_downloadDirectory
                                                                : batch.downloadDirectory;
    return DownloadManager::uniqueTargetPath(directory, fileName);
}

DownloadJob *Engine::runningDownload(qint64 renderLocalId) const
{
    return m_running.value(renderLocalId);
}

DownloadJob *Engine::downloadRender(qint64 renderLocalId)
{
    if (auto running = m_running.value(renderLocalId))
        return running;
    const auto render = m_store->render(renderLocalId);
    if (!render || render->videoOutput.isEmpty())
        return nullptr;

    DownloadRecord record;
    record.renderLocalId = renderLocalId;
    record.url = render->videoOutput;
    const auto existing = m_store->downloadForRender(renderLocalId);
    // Keep the name chosen the first time so an interrupted .part is found again.
    if (existing && existing->status != JobStatus::Done && !existing->targetPath.isEmpty())
        record.targetPath = existing->targetPath;
    else
        record.targetPath = targetPathFor(*render);
    record.status = JobStatus::Running;
    m_store->upsertDownload(record); // recorded before the first byte is fetched

    DownloadRequest request;
    request.url = record.url;
    request.targetPath = record.targetPath;
    DownloadJob *job = m_downloads->enqueue(request);
    m_running.insert(renderLocalId, job);
    connect(job, &DownloadJob::progress, this,
            [this, renderLocalId](qint64 received, qint64 total, qint64 speed, qint64 left) {
                Q_EMIT downloadProgress(renderLocalId, received, total, speed, left);
            });
    connect(job, &DownloadJob::retrying, this,
            [this, renderLocalId](DownloadJob *, int delayMs, const DownloadError &error) {
                Q_EMIT downloadRetrying(renderLocalId, delayMs, error.detail);
            });
    connect(job, &DownloadJob::finished, this, [this, renderLocalId, job, record]() mutable {
        m_running.remove(renderLocalId);
        record.bytesReceived = job->bytesReceived();
        record.bytesTotal = job->bytesTotal();
        if (job->error().isError()) {
            // A cancelled download (app closing) stays "running" so the next start resumes it.
            if (job->error().kind == DownloadError::Kind::Cancelled)
                return;
            record.status = JobStatus::Failed;
            record.error = job->errorMessage();
            m_store->upsertDownload(record);
            Q_EMIT downloadFailed(renderLocalId, record.error);
        } else {
            record.status = JobStatus::Done;
            record.targetPath = job->targetPath();
            record.error.clear();
            m_store->upsertDownload(record);
            qCInfo(lcTracking).noquote() << "saved" << QDir::toNativeSeparators(record.targetPath);
            Q_EMIT downloadFinished(renderLocalId, record.targetPath);
        }
    });
    return job;
}

ApiJob *Engine::updateLink(const Link &link, const LinkParams &changes, QObject *parent)
{
    auto *job = new UpdateLinkJob(m_client, link, changes, parent ? parent : this);
    // Connected first, so it runs before any caller's slot sees the answer.
    connect(job, &ApiJob::finished, this, [this](ApiJob *j) {
        if (j->succeeded())
            recordLink(static_cast<UpdateLinkJob *>(j)->link());
    });
    return job;
}

ApiJob *Engine::fetchLink(const QString &linkId, QObject *parent)
{
    auto *job = new GetLinkJob(m_client, linkId, parent ? parent : this);
    connect(job, &ApiJob::finished, this, [this](ApiJob *j) {
        if (j->succeeded())
            recordLink(static_cast<GetLinkJob *>(j)->link());
    });
    return job;
}

void Engine::recordLink(const Link &link)
{
    if (!m_store->saveLink(link))
        qCWarning(lcTracking) << "could not record link" << link.id;
}

} // namespace PreviewDeck
