#include "templates/templatecomparison.h"

#include "render/renderresultspane.h"

#include "grid/comparisongrid.h"
#include "engine.h"
#include "widgets/formmessages.h"
#include "grid/gridloader.h"
#include "jobtracker.h"
#include "render/renderconfirmation.h"
#include "spendguard.h"
#include "widgets/statustext.h"
#include "store.h"
#include "templatepreviewbatch.h"

#include <QLabel>
#include <QMessageBox>
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
    connect(m_grid, &ComparisonGrid::renderRequested, this, &TemplateComparison::requestRender);
}

void TemplateComparison::startOver()
{
    m_pendingRenderKeys.clear();
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
    m_results->addRendersOf(batch.jobIds());
    for (const PreviewTileInfo &tile : std::as_const(tiles))
        m_grid->setRenderState(tile.key, tileStateFor(tile.key.toLongLong()));
    if (batch.entries.isEmpty())
        m_status->setText(tr("Previews of your variants appear here, side by side."));
    else if (waiting.isEmpty())
        m_status->setText(tr("All %1 previews are ready. Render the one you like best.").arg(ready));
    else
        m_status->setText(tr("%1 of %2 previews ready.").arg(ready).arg(batch.entries.size())
                          + QLatin1Char(' ') + waiting.join(QStringLiteral(" · ")));
}

TileRenderState TemplateComparison::tileStateFor(qint64 jobLocalId) const
{
    if (m_pendingRenderKeys.contains(QString::number(jobLocalId)))
        return TileRenderState::Busy;
    TileRenderState state = TileRenderState::Available;
    for (const RenderRecord &render : m_engine->store()->renders(jobLocalId)) {
        if (render.status == JobStatus::Done)
            state = TileRenderState::Rendered;
        else if (render.status.isFinished())
            state = TileRenderState::Failed;
        else
            state = TileRenderState::Busy;
    }
    return state;
}

void TemplateComparison::requestRender(const QString &key)
{
    const qint64 jobLocalId = key.toLongLong();
    if (!m_batch->contains(jobLocalId) || m_pendingRenderKeys.contains(key))
        return; // a confirmation or a request for this variant is already under way
    m_pendingRenderKeys.insert(key);
    m_grid->setRenderState(key, TileRenderState::Confirming);
    const QString variant = m_batch->batch().titleOf(jobLocalId);
    // The tracker keeps the template's real length, so the guard's estimate is the price.
    confirmRenderWithBalance(
            this, m_engine->balance(),
            variant.isEmpty() ? tr("Render this variant?")
                              : tr("Render \u201c%1\u201d?").arg(variant),
            m_engine->spendGuard()->estimateRender(jobLocalId),
            [this](QMessageBox *dialog) { Q_EMIT renderConfirmationShown(dialog); },
            [this, key] {
                m_grid->setRenderState(key, TileRenderState::Busy);
                startRender(key);
            },
            [this, key] {
                m_pendingRenderKeys.remove(key);
                m_grid->setRenderState(key, tileStateFor(key.toLongLong()));
            });
}

void TemplateComparison::startRender(const QString &key)
{
    SpendOperation *op = m_engine->spendGuard()->renderTemplate(key.toLongLong(),
                                                                SpendGuard::BuyAgainIfFinished);
    showWaitsOf(op, m_messages);
    connect(op, &SpendOperation::finished, this, [this, key](SpendOperation *o) {
        m_pendingRenderKeys.remove(key);
        if (o->carriesOn()) {
            m_engine->tracker()->poke();
            if (o->wasReconciled() || o->outcome() == SpendOperation::Outcome::Existing)
                m_messages->showInfo(o->message());
            Q_EMIT renderStarted(o->renderLocalId());
        } else {
            m_messages->showError(o->message());
        }
        refresh();
    });
}

} // namespace PreviewDeck
