#pragma once

#include "grid/previewtileinfo.h"
#include "previewmark.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <functional>

class QObject;

namespace PreviewDeck {

class ComparisonGrid;
class FieldMessage;
class Store;

// The store's marks as the grid shows them, and back (job page and template page alike).
inline TileMark tileMark(PreviewMark mark)
{
    switch (mark) {
    case PreviewMark::Favourite:
        return TileMark::Favourite;
    case PreviewMark::Rejected:
        return TileMark::Rejected;
    case PreviewMark::None:
        break;
    }
    return TileMark::None;
}

inline PreviewMark previewMark(TileMark mark)
{
    switch (mark) {
    case TileMark::Favourite:
        return PreviewMark::Favourite;
    case TileMark::Rejected:
        return PreviewMark::Rejected;
    case TileMark::None:
        break;
    }
    return PreviewMark::None;
}

// The grid's marks, compare picks and "hide rejected" kept in the store, and the store's changes
// shown on the grid (job page and template comparison alike): the grid holds nothing the store
// does not have, so a reopened comparison is as the user left it.
class TileMarkStore
{
    Q_DECLARE_TR_FUNCTIONS(PreviewDeck::TileMarkStore)
public:
    // Where a tile's marks are kept: a job and one of its previews (its media job).
    struct Target
    {
        qint64 jobLocalId = 0;
        QString preview;
    };
    struct Tiles
    {
        std::function<Target(const QString &key)> targetOf;
        // The tile showing this preview of this job; empty when the grid does not show it.
        std::function<QString(qint64 jobLocalId, const QString &preview)> keyOf;
        // The jobs the grid shows: each keeps "hide rejected", so any of them reads it back.
        std::function<QList<qint64>()> jobs;
    };

    // Connections live as long as `context`; a write that fails is said in `messages`.
    static void bind(ComparisonGrid *grid, Store *store, FieldMessage *messages, QObject *context,
                     const Tiles &tiles);
};

} // namespace PreviewDeck
