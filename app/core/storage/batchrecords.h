#pragma once

#include "recordedrequest.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace PreviewDeck {

// Where a batch row's own work stands. What happens after the previews were bought is the job's
// status (JobRecord), not repeated here: BatchProgress reads both.
enum class BatchRowStage {
    Queued, // nothing bought yet
    Reading, // the product page is being read (link purchase sent)
    Read, // the link exists; the previews are not asked for yet
    Previewing, // the previews were asked for: the row's job says the rest
    LinkFailed, // the page could not be read (e.g. the shop blocks it): fix by hand or drop
    Failed, // the previews could not be bought (see error)
    Dropped, // left out by the user
};
QString batchRowStageToString(BatchRowStage stage);
BatchRowStage batchRowStageFromString(const QString &text);

// One visual style picked for rendering in a row, and its render once bought.
struct BatchPick
{
    QString visualStyle;
    qint64 renderLocalId = 0; // 0 until the render is asked for
    QString error; // why it could not be rendered (no render record says so)
    // The user confirmed (and was shown the cost of) rendering this pick: only such a pick is
    // ever bought, now or once its row's previews are ready, also after a restart. A pick made
    // later is not, until the user confirms again.
    bool renderConfirmed = false;

    bool operator==(const BatchPick &o) const
    {
        return visualStyle == o.visualStyle && renderLocalId == o.renderLocalId && error == o.error
                && renderConfirmed == o.renderConfirmed;
    }
    bool operator!=(const BatchPick &o) const { return !(*this == o); }
};

// One product of a batch.
struct BatchRow
{
    qint64 batchId = 0;
    int position = 0; // 0-based, in the order of the imported file
    QString url; // the product page (may be empty for a product entered by hand)
    QString name; // the video's name; empty: the product's title
    // A product entered by hand (or fixed after its page could not be read).
    QString title;
    QString description;
    QStringList imageUrls;
    QString linkId;
    qint64 linkSpendId = 0; // the link purchase, so a restart follows it instead of buying again
    qint64 jobLocalId = 0; // the previews' job
    BatchRowStage stage = BatchRowStage::Queued;
    QString error;
    QList<BatchPick> picks;

    // Images make a product entered by hand (with a title and a description): its link is made
    // from this data instead of reading the page.
    bool isEnteredByHand() const { return !imageUrls.isEmpty(); }
    bool operator==(const BatchRow &o) const
    {
        return batchId == o.batchId && position == o.position && url == o.url && name == o.name
                && title == o.title && description == o.description && imageUrls == o.imageUrls
                && linkId == o.linkId && linkSpendId == o.linkSpendId && jobLocalId == o.jobLocalId
                && stage == o.stage && error == o.error && picks == o.picks;
    }
    bool operator!=(const BatchRow &o) const { return !(*this == o); }
};

// Many products with the same single-video options (the recorded preview request, without a
// link or a name), previewed in one go and rendered by picks.
struct Batch
{
    qint64 id = 0;
    QString name;
    // Same key = the same batch asked for again (file rows and options): carried on, not
    // created twice.
    QString key;
    QJsonObject request; // a PreviewListRequest's JSON: styles, aspect ratio, length, …
    QString downloadDirectory; // where its videos are saved
    QDateTime createdAt;
    QList<BatchRow> rows; // by position

    RecordedRequest recorded() const { return RecordedRequest(request); }
};

} // namespace PreviewDeck
