#include "render/tilemarks.h"

#include "grid/comparisongrid.h"
#include "store.h"
#include "widgets/formmessages.h"

namespace PreviewDeck {

void TileMarkStore::bind(ComparisonGrid *grid, Store *store, FieldMessage *messages,
                         QObject *context, const Tiles &tiles)
{
    QObject::connect(
            grid, &ComparisonGrid::markRequested, context,
            [store, messages, tiles](const QString &key, TileMark mark) {
                const Target target = tiles.targetOf(key);
                if (!store->setPreviewMark(target.jobLocalId, target.preview, previewMark(mark)))
                    messages->showError(tr("The mark could not be saved in the job history."));
            });
    QObject::connect(grid, &ComparisonGrid::pickChanged, context,
                     [store, messages, tiles](const QString &key, bool picked) {
                         const Target target = tiles.targetOf(key);
                         if (!store->setPickedToCompare(target.jobLocalId, target.preview, picked))
                             messages->showError(
                                     tr("The pick could not be saved in the job history."));
                     });
    QObject::connect(grid, &ComparisonGrid::hideRejectedRequested, context,
                     [store, messages, tiles](bool hide) {
                         bool saved = true;
                         const QList<qint64> jobs = tiles.jobs();
                         for (const qint64 id : jobs)
                             saved &= store->setHideRejected(id, hide);
                         if (!saved)
                             messages->showError(tr("Hiding the rejected previews could not be "
                                                    "saved in the job history."));
                     });
    QObject::connect(store, &Store::previewMarkChanged, context,
                     [grid, store, tiles](qint64 id, const QString &preview) {
                         const QString key = tiles.keyOf(id, preview);
                         if (!key.isEmpty())
                             grid->setMark(key, tileMark(store->previewMark(id, preview)));
                     });
    QObject::connect(store, &Store::hideRejectedChanged, context, [grid, store, tiles](qint64 id) {
        if (tiles.jobs().contains(id))
            grid->setHideRejected(store->hidesRejected(id));
    });
}

} // namespace PreviewDeck
