#pragma once

#include "grid/previewtileinfo.h"
#include "previewrenders.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <optional>

class QWidget;

namespace PreviewDeck {

class ComparisonGrid;
class Engine;
class FieldMessage;

// Rendering from a comparison grid, the same on every page that shows one: the tile's state
// (from the core's PreviewRenders, plus the confirmation open here), the confirmation naming
// what is rendered with its cost and the balance after it, the spend, and what is said
// meanwhile and after (Creatify's waits, a purchase carried on, a render that failed and what
// it cost). The page only says which preview a tile key stands for.
class RenderTileFlow : public QObject
{
    Q_OBJECT
public:
    struct Tile
    {
        PreviewRef preview;
        QString question; // the confirmation's title, e.g. "Render “Bold”?"
    };
    using Resolver = std::function<std::optional<Tile>(const QString &key)>;

    // `messages`: the page's message line; `dialogParent`: the page.
    RenderTileFlow(Engine *engine, ComparisonGrid *grid, FieldMessage *messages,
                   QWidget *dialogParent, Resolver resolver);

    TileRenderState tileState(const QString &key) const;
    // Puts these tiles' states on the grid (after the page set its previews, or a change).
    void showStates(const QStringList &keys);
    // The user pressed Render on a tile.
    void request(const QString &key);
    // The page shows other previews now: what was under way for the old ones is no longer
    // said here (a dialog still open closes as cancelled; one still waiting for the balance is
    // not opened).
    void forget();

Q_SIGNALS:
    // A confirmation dialog is open (tests answer it).
    void confirmationShown(QWidget *dialog);
    void renderStarted(qint64 renderLocalId);

private:
    void confirmed(const QString &key, const PreviewRef &preview);
    void showOutcome(SpendOperation *operation);

    Engine *m_engine;
    ComparisonGrid *m_grid;
    FieldMessage *m_messages;
    QWidget *m_dialogParent;
    Resolver m_resolver;
    QSet<QString> m_confirming; // keys whose confirmation is open
    QHash<QString, QPointer<QWidget>> m_dialogs;
    // The stage each tile last showed, so that a render failing now is said once, not every
    // time a failed one is shown again.
    QHash<QString, PreviewRenderState::Stage> m_shown;
    int m_generation = 0; // bumped by forget(): answers for older previews are not said
};

} // namespace PreviewDeck
