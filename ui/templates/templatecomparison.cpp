#include "templates/templatecomparison.h"

#include "render/renderresultspane.h"

#include "grid/comparisongrid.h"
#include "engine.h"
#include "widgets/formmessages.h"
#include "grid/gridloader.h"
#include "previewrenders.h"
#include "render/rendertileflow.h"
#include "render/tilemarks.h"
#include "widgets/statustext.h"
#include "store.h"
#include "templatepreviewbatch.h"

#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace PreviewDeck {

TemplateComparison::TemplateComparison(Engine *engine, TemplatePreviewBatch *batch,
                                       FieldMessage *messages, QWidget *parent)
    : QWidget(parent),
      m_engine(engine),
      m_batch(batch),
      m_messages(messages),
      m_status(new QLabel(this)),
      m_grid(GridLoader::create(this))
{
    m_status->setObjectName(QStringLiteral("variantStatus"));
    m_status->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    // The finished render shows under the previews (picture, player, Open, Show in folder),
    // as on the job page.
    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_results = new RenderResultsPane(engine, splitter, this);
    splitter->addWidget(m_grid);
    splitter->addWidget(m_results);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);
    m_renderFlow = new RenderTileFlow(
            engine, m_grid, messages, this,
            [this](const QString &key) -> std::optional<RenderTileFlow::Tile> {
                const qint64 jobLocalId = key.toLongLong();
                if (!m_batch->contains(jobLocalId))
                    return std::nullopt;
                const QString variant = m_batch->batch().titleOf(jobLocalId);
                return RenderTileFlow::Tile{{jobLocalId, QString()},
                                            variant.isEmpty()
                                                    ? tr("Render this variant?")
                                                    : tr("Render \u201c%1\u201d?").arg(variant)};
            });
    connect(m_renderFlow, &RenderTileFlow::confirmationShown, this,
            &TemplateComparison::renderConfirmationShown);
    connect(m_renderFlow, &RenderTileFlow::renderStarted, this, &TemplateComparison::renderStarted);
    connect(m_engine->renders(), &PreviewRenders::startingChanged, this, [this](qint64 id) {
        if (m_batch->contains(id))
            m_renderFlow->showStates({QString::number(id)});
    });
    connect(m_grid, &ComparisonGrid::renderRequested, this, &TemplateComparison::requestRender);
    keepComparisonInStore();
}

// Marks, compare picks and hiding go to the store with each variant's job (the mark column of
// its one preview, as on the job page), so a reopened comparison is as the user left it.
void TemplateComparison::keepComparisonInStore()
{
    TileMarkStore::bind(
            m_grid, m_engine->store(), m_messages, this,
            {[this](const QString &key) {
                 const qint64 id = key.toLongLong();
                 return TileMarkStore::Target{id, previewOf(id)};
             },
             [this](qint64 id, const QString &) {
                 return m_batch->contains(id) ? QString::number(id) : QString();
             },
             // Every variant's job says it, so the batch reads the same from any of them.
             [this] { return m_batch->jobIds(); }});
}

QString TemplateComparison::previewOf(qint64 jobLocalId) const
{
    const auto job = m_engine->store()->job(jobLocalId);
    return job ? job->remoteId : QString();
}

void TemplateComparison::startOver()
{
    m_renderFlow->forget();
    m_grid->setPreviews({});
    m_results->clear();
}

void TemplateComparison::refresh()
{
    QList<PreviewTileInfo> tiles;
    QStringList waiting;
    int ready = 0;
    const TemplateBatch batch = m_batch->batch();
    for (const TemplateBatchEntry &entry : batch.entries) {
        const qint64 id = entry.jobLocalId;
        const auto job = m_engine->store()->job(id);
        if (!job)
            continue;
        const QString &title = entry.title;
        if (!job->previewUrl.isEmpty()) {
            ++ready;
            tiles << PreviewTileInfo{QString::number(id), title, batch.aspectRatio, job->previewUrl};
        } else {
            QString line = tr("%1: %2").arg(title, StatusText::job(*job));
            if (!job->failedReason.isEmpty())
                line += QStringLiteral(" — ") + job->failedReason;
            waiting << line;
        }
    }
    m_grid->setPreviews(tiles);
    // The comparison as it was left: marks, picks and hidden rejected variants.
    Store *store = m_engine->store();
    for (const PreviewTileInfo &tile : std::as_const(tiles)) {
        const qint64 id = tile.key.toLongLong();
        const QString preview = previewOf(id);
        m_grid->setMark(tile.key, tileMark(store->previewMark(id, preview)));
        m_grid->setPicked(tile.key, store->pickedToCompare(id).contains(preview));
    }
    m_grid->setHideRejected(!batch.entries.isEmpty()
                            && store->hidesRejected(batch.entries.constFirst().jobLocalId));
    m_results->addRendersOf(batch.jobIds());
    QStringList keys;
    for (const PreviewTileInfo &tile : std::as_const(tiles))
        keys << tile.key;
    m_renderFlow->showStates(keys);
    m_allReady = !batch.entries.isEmpty() && waiting.isEmpty();
    if (batch.entries.isEmpty())
        m_status->setText(tr("Previews of your variants appear here, side by side."));
    else if (waiting.isEmpty())
        m_status->setText(tr("All %1 previews are ready. Render the one you like best.").arg(ready));
    else
        m_status->setText(tr("%1 of %2 previews ready.").arg(ready).arg(batch.entries.size())
                          + QLatin1Char(' ') + waiting.join(QStringLiteral(" · ")));
    if (m_allReady)
        Q_EMIT previewsReady();
}

void TemplateComparison::requestRender(const QString &key)
{
    m_renderFlow->request(key);
}

} // namespace PreviewDeck
