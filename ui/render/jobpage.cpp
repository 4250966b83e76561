#include "render/jobpage.h"

#include "apienums.h"
#include "engine.h"
#include "widgets/formmessages.h"
#include "widgets/statustext.h"
#include "grid/gridloader.h"
#include "grid/comparisongrid.h"
#include "render/renderresultspane.h"
#include "render/renderresultwidget.h"
#include "render/rendertileflow.h"
#include "render/tilemarks.h"
#include "previewrenders.h"
#include "store.h"

#include <QLabel>
#include <QProgressBar>
#include <QSplitter>
#include <QVBoxLayout>

namespace PreviewDeck {

JobPage::JobPage(Engine *engine, QWidget *parent)
    : QWidget(parent),
      m_engine(engine),
      m_title(new QLabel(this)),
      m_status(new QLabel(this)),
      m_progress(new QProgressBar(this)),
      m_message(new FieldMessage(this)),
      m_grid(GridLoader::create(this))
{
    m_message->setObjectName(QStringLiteral("jobMessage"));
    m_status->setObjectName(QStringLiteral("jobStatus"));
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(240);
    m_progress->setAccessibleName(tr("Job progress"));

    auto *header = new QHBoxLayout();
    header->addWidget(m_title, 1);
    header->addWidget(m_status);
    header->addWidget(m_progress);

    m_splitter = new QSplitter(Qt::Vertical, this);
    auto *splitter = m_splitter;
    m_results = new RenderResultsPane(m_engine, splitter, this);
    splitter->addWidget(m_grid);
    splitter->addWidget(m_results);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    m_renderFlow = new RenderTileFlow(
            m_engine, m_grid, m_message, this,
            [this](const QString &key) -> std::optional<RenderTileFlow::Tile> {
                const auto job = m_engine->store()->job(m_jobLocalId);
                if (!job)
                    return std::nullopt;
                // A template job is its own single preview, whatever its tile is called.
                const QString mediaJob = job->kind == JobKind::TemplatePreview ? QString() : key;
                return RenderTileFlow::Tile{{m_jobLocalId, mediaJob}, renderQuestion(key)};
            });
    connect(m_renderFlow, &RenderTileFlow::confirmationShown, this,
            &JobPage::renderConfirmationShown);
    connect(m_renderFlow, &RenderTileFlow::renderStarted, this, &JobPage::renderStarted);
    connect(m_engine->renders(), &PreviewRenders::startingChanged, this, [this](qint64 id) {
        if (id == m_jobLocalId)
            refreshRenders();
    });
    connect(m_grid, &ComparisonGrid::renderRequested, this, &JobPage::requestRender);
    // Marks and hiding go to the store; the grid shows them when the store says they changed.
    TileMarkStore::bind(m_grid, m_engine->store(), m_message, this,
                        {[this](const QString &key) {
                             return TileMarkStore::Target{m_jobLocalId, key};
                         },
                         [this](qint64 id, const QString &mediaJob) {
                             return id == m_jobLocalId ? mediaJob : QString();
                         },
                         [this] { return QList<qint64>{m_jobLocalId}; }});
    connect(m_engine->store(), &Store::jobChanged, this, [this](qint64 id) {
        if (id == m_jobLocalId)
            refreshJob();
    });
    connect(m_engine->store(), &Store::renderChanged, this, [this](qint64 id) {
        const auto render = m_engine->store()->render(id);
        if (render && render->jobLocalId == m_jobLocalId)
            refreshRenders();
    });
    connect(m_engine->store(), &Store::jobRemoved, this, [this](qint64 id) {
        if (id == m_jobLocalId)
            showJob(0);
    });
}

void JobPage::showJob(qint64 jobLocalId)
{
    if (jobLocalId == m_jobLocalId)
        return;
    m_jobLocalId = jobLocalId;
    m_renderFlow->forget();
    m_message->clearMessage();
    m_grid->setPreviews({});
    m_results->clear();
    refreshJob();
    refreshRenders();
}

void JobPage::refreshJob()
{
    const auto job = m_engine->store()->job(m_jobLocalId);
    if (!job) {
        m_title->clear();
        m_status->clear();
        m_progress->hide();
        return;
    }
    m_title->setText(StatusText::jobTitle(m_engine->store(), *job));
    updateHeader();
    if (!job->failedReason.isEmpty() && job->status.isFinished() && job->status != JobStatus::Done)
        m_message->showError(job->failedReason);

    QList<PreviewTileInfo> tiles;
    if (job->kind == JobKind::TemplatePreview) {
        if (!job->previewUrl.isEmpty())
            tiles << PreviewTileInfo{job->remoteId, job->name.isEmpty() ? tr("Preview") : job->name,
                                     job->recorded().aspectRatio(), job->previewUrl};
    } else {
        for (const PreviewRecord &preview : m_engine->store()->previews(m_jobLocalId))
            tiles << PreviewTileInfo{preview.mediaJob,
                                     ApiEnums::visualStyleLabel(preview.visualStyle),
                                     preview.aspectRatio, preview.url, preview.visualStyle};
    }
    m_grid->setPreviews(tiles);
    // The comparison as it was left: marks and hidden rejected previews (link jobs only: a
    // template job has one preview, nothing to narrow down).
    const bool markable = job->kind == JobKind::LinkPreviews;
    m_grid->setMarksEnabled(markable);
    const QHash<QString, PreviewMark> marks = m_engine->store()->previewMarks(m_jobLocalId);
    const QStringList picked = m_engine->store()->pickedToCompare(m_jobLocalId);
    for (const PreviewTileInfo &tile : std::as_const(tiles)) {
        m_grid->setMark(tile.key, tileMark(marks.value(tile.key)));
        if (markable)
            m_grid->setPicked(tile.key, picked.contains(tile.key));
    }
    m_renderFlow->showStates(tileKeys());
    m_grid->setHideRejected(markable && m_engine->store()->hidesRejected(m_jobLocalId));
}

void JobPage::updateHeader()
{
    const auto job = m_engine->store()->job(m_jobLocalId);
    if (!job)
        return;
    for (const RenderRecord &render : m_engine->store()->renders(m_jobLocalId)) {
        if (render.status.isFinished())
            continue;
        const QString what = job->kind == JobKind::TemplatePreview
                ? StatusText::jobTitle(m_engine->store(), *job)
                : ApiEnums::visualStyleLabel(render.visualStyle);
        const int percent = qRound(render.progress * 100);
        QString text;
        if (render.status == JobStatus::Submitting)
            text = tr("Sending the render of %1…").arg(what);
        else if (render.status == JobStatus::Reconciling)
            text = tr("Checking with Creatify whether %1 is rendering…").arg(what);
        else if (render.status == JobStatus::Running)
            text = tr("Rendering %1 %2%").arg(what).arg(percent);
        else // pending, in_queue: no progress yet, and this says why
            text = tr("%1 is waiting in Creatify's queue").arg(what);
        m_status->setText(text);
        m_progress->setVisible(true);
        m_progress->setValue(percent);
        return;
    }
    m_status->setText(StatusText::job(*job));
    m_progress->setVisible(!job->status.isFinished());
    m_progress->setValue(qRound(job->progress * 100));
}

QStringList JobPage::tileKeys() const
{
    const auto job = m_engine->store()->job(m_jobLocalId);
    if (!job)
        return {};
    if (job->kind == JobKind::TemplatePreview)
        return {job->remoteId};
    QStringList keys;
    for (const PreviewRecord &preview : m_engine->store()->previews(m_jobLocalId))
        keys << preview.mediaJob;
    return keys;
}

void JobPage::refreshRenders()
{
    m_results->addRendersOf({m_jobLocalId});
    m_renderFlow->showStates(tileKeys());
    updateHeader();
}

void JobPage::requestRender(const QString &key)
{
    m_renderFlow->request(key);
}

// Names what is rendered, so the cost is attached to something the user recognises.
QString JobPage::renderQuestion(const QString &key) const
{
    const auto job = m_engine->store()->job(m_jobLocalId);
    if (!job)
        return tr("Render this preview?");
    const QString product = StatusText::jobTitle(m_engine->store(), *job);
    if (job->kind == JobKind::TemplatePreview)
        return tr("Render \u201c%1\u201d?").arg(product);
    for (const PreviewRecord &preview : m_engine->store()->previews(m_jobLocalId))
        if (preview.mediaJob == key)
            return tr("Render \u201c%1\u201d for %2?")
                    .arg(ApiEnums::visualStyleLabel(preview.visualStyle), product);
    return tr("Render this preview of %1?").arg(product);
}

} // namespace PreviewDeck
