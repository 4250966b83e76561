#include "render/rendertileflow.h"

#include "engine.h"
#include "grid/comparisongrid.h"
#include "render/renderconfirmation.h"
#include "spendoperation.h"
#include "widgets/formmessages.h"
#include "widgets/statustext.h"

#include <QMessageBox>

namespace PreviewDeck {

namespace {
TileRenderState tileStateOf(const PreviewRenderState &state)
{
    using Stage = PreviewRenderState::Stage;
    switch (state.stage) {
    case Stage::CannotRender:
        return TileRenderState::Unavailable;
    case Stage::CanRender:
        return TileRenderState::Available;
    case Stage::Sending:
    case Stage::Checking:
    case Stage::Waiting:
    case Stage::Rendering:
        return TileRenderState::Busy;
    case Stage::Rendered:
        return TileRenderState::Rendered;
    case Stage::Failed:
        return TileRenderState::Failed;
    }
    return TileRenderState::Unavailable;
}
} // namespace

RenderTileFlow::RenderTileFlow(Engine *engine, ComparisonGrid *grid, FieldMessage *messages,
                               QWidget *dialogParent, Resolver resolver)
    : QObject(dialogParent),
      m_engine(engine),
      m_grid(grid),
      m_messages(messages),
      m_dialogParent(dialogParent),
      m_resolver(std::move(resolver))
{
}

TileRenderState RenderTileFlow::tileState(const QString &key) const
{
    // Asked first: a refresh while the dialog is open must not turn it into "Busy".
    if (m_confirming.contains(key))
        return TileRenderState::Confirming;
    const std::optional<Tile> tile = m_resolver(key);
    if (!tile)
        return TileRenderState::Unavailable;
    return tileStateOf(m_engine->renders()->state(tile->preview));
}

void RenderTileFlow::showStates(const QStringList &keys)
{
    for (const QString &key : keys) {
        m_grid->setRenderState(key, tileState(key));
        const std::optional<Tile> tile = m_resolver(key);
        if (!tile)
            continue;
        const PreviewRenderState state = m_engine->renders()->state(tile->preview);
        const auto before = m_shown.value(key, state.stage);
        m_shown.insert(key, state.stage);
        if (state.stage == PreviewRenderState::Stage::Failed
            && before != PreviewRenderState::Stage::Failed)
            m_messages->showError(StatusText::renderFailure(state.renderStatus, state.failedReason,
                                                            state.creditsCharged));
    }
}

void RenderTileFlow::request(const QString &key)
{
    if (m_confirming.contains(key))
        return; // its confirmation is open already
    const std::optional<Tile> tile = m_resolver(key);
    if (!tile || !m_engine->renders()->state(tile->preview).canStart()) {
        showStates({key}); // under way, done or impossible: the tile says which
        return;
    }
    const PreviewRef preview = tile->preview;
    m_confirming.insert(key);
    m_grid->setRenderState(key, TileRenderState::Confirming);
    const int generation = m_generation;
    confirmSpendWithBalance(
            m_dialogParent, m_engine->balance(),
            renderQuestion(tile->question, m_engine->renders()->cost(preview)),
            [this, key](QMessageBox *dialog) {
                m_dialogs.insert(key, dialog);
                Q_EMIT confirmationShown(dialog);
            },
            [this, key, preview] {
                m_confirming.remove(key);
                m_dialogs.remove(key);
                confirmed(key, preview); // forget() closes the dialog first: never stale here
            },
            [this, key] {
                m_confirming.remove(key);
                m_dialogs.remove(key);
                showStates({key});
            },
            // The page moved on while the balance was read (forget()): the question is not
            // asked over other previews, so nothing can be confirmed that is not then bought.
            [this, generation] { return generation == m_generation; });
}

void RenderTileFlow::confirmed(const QString &key, const PreviewRef &preview)
{
    // The user confirmed this price for this preview: an earlier finished render of it is no
    // reason not to buy another.
    SpendOperation *operation = m_engine->renders()->start(preview, SpendGuard::BuyAgainIfFinished);
    showWaitsOf(operation, m_messages);
    const int generation = m_generation;
    connect(operation, &SpendOperation::finished, this, [this, key, generation](SpendOperation *o) {
        if (generation != m_generation)
            return;
        showOutcome(o);
        showStates({key});
    });
    showStates({key});
}

void RenderTileFlow::showOutcome(SpendOperation *operation)
{
    if (!operation->carriesOn()) {
        m_messages->showError(operation->message());
        return;
    }
    if (operation->wasReconciled() || operation->outcome() == SpendOperation::Outcome::Existing)
        m_messages->showInfo(operation->message());
    Q_EMIT renderStarted(operation->renderLocalId());
}

void RenderTileFlow::forget()
{
    ++m_generation;
    m_shown.clear();
    const auto dialogs = m_dialogs;
    for (const QPointer<QWidget> &dialog : dialogs)
        if (auto *box = qobject_cast<QMessageBox *>(dialog.data()))
            box->reject();
    m_dialogs.clear();
    m_confirming.clear();
}

} // namespace PreviewDeck
