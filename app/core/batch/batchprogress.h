#pragma once

#include "batchrecords.h"
#include "previewrenders.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

namespace PreviewDeck {

class Store;

// How a batch stands, read from the store alone (rows, their jobs, renders and downloads), so
// that the CLI, a board and a restart all see the same thing.
class BatchProgress
{
    Q_DECLARE_TR_FUNCTIONS(BatchProgress)
public:
    BatchProgress() = delete;

    enum class RowState { Queued, Reading, LinkFailed, Previewing, Ready, Failed, Dropped };
    static QString rowStateName(RowState state); // "queued", "reading", "blocked", …
    static RowState rowState(const BatchRow &row, const Store &store);
    // Nothing more will happen to the row unless the user acts (fix, drop, retry).
    static bool isSettled(RowState state)
    {
        return state == RowState::Ready || state == RowState::Failed
                || state == RowState::LinkFailed || state == RowState::Dropped;
    }
    // Why the row failed (its own error, or its job's reason); empty when it did not.
    static QString rowError(const BatchRow &row, const Store &store);

    enum class PickStage { Waiting, Rendering, Rendered, Downloading, Done, Failed };
    // The names the CLI and the report use: waiting, rendering, rendered (not saved),
    // downloading, done, failed.
    static QString pickStageName(PickStage stage);
    // What trying a failed pick again does.
    enum class PickRetry {
        None, // not failed, or nothing to try (the row itself failed, or there is no preview)
        Download, // the render is fine, its file was not saved: free
        Send, // Creatify never took the render: nothing was charged, sending it costs once
        BuyAgain, // Creatify took the render and it failed: rendering again is charged again
    };

    struct PickState
    {
        QString visualStyle;
        PickStage stage = PickStage::Waiting;
        PickRetry retry = PickRetry::None;
        PreviewRenderState render; // the render's own state (PreviewRenders), once bought
        QString path; // the saved video
        QString error;
        qint64 renderLocalId = 0;
        double credits = 0; // the render's price, once bought
        QString status() const { return pickStageName(stage); }
        bool isSettled() const
        {
            return stage == PickStage::Done || stage == PickStage::Failed
                    || stage == PickStage::Rendered;
        }
    };
    static PickState pickState(const BatchRow &row, const BatchPick &pick, const Store &store);

    // A row that can still have previews to render (not dropped, blocked or failed).
    static bool mayHavePreviews(RowState state)
    {
        return state != RowState::Dropped && state != RowState::LinkFailed
                && state != RowState::Failed;
    }
    // Nothing was bought for this pick yet: no render, or only one Creatify never took (nothing
    // charged), and nothing stands in its way. What a confirmation covers.
    static bool awaitsPurchase(const BatchPick &pick, const Store &store);
    struct PickRef
    {
        int position = 0;
        QString visualStyle;
    };
    // The picks a confirmation to render would cover, in rows that can still have previews:
    // those awaiting purchase and not confirmed yet, and those whose render Creatify refused
    // (asked again: sending it now costs its price). Confirmed picks waiting for their previews
    // are bought without asking again.
    static QList<PickRef> picksToConfirm(const Batch &batch, const Store &store);
    // Picks of ready rows whose render Creatify took and failed: rendering them again (retrying
    // the row, or the CLI's --again) is charged again.
    static QList<PickRef> rendersToBuyAgain(const Batch &batch, const Store &store);
    static QStringList rendersToBuyAgain(const BatchRow &row, const Store &store);
    // What "Try again" on a ready row buys (and its question lists): the renders to buy again
    // and those Creatify never took. A failed download is fetched again for free.
    static QStringList rendersToRetry(const BatchRow &row, const Store &store);

    // The name its videos and lines carry: the row's name, else the product's title.
    static QString productName(const BatchRow &row, const Store &store);
    // The row's preview in this style (its media_job); empty when there is none.
    static QString mediaJobFor(const BatchRow &row, const QString &visualStyle, const Store &store);

    // What Creatify charged for a row (CreditsUsed::ofJob for its job): its previews with the
    // product page read before them, and its accepted renders by style.
    struct RowCredits
    {
        double previews = 0;
        QHash<QString, double> renders; // by visual style
        double total() const;
    };
    static RowCredits rowCreditsUsed(const BatchRow &row, const Store &store);
    // The whole batch: every link once, every preview job, every accepted render (dropped rows
    // too: they were charged). What the history and the CSV show as used.
    static double creditsUsed(const Batch &batch, const Store &store);

    struct Summary
    {
        int rows = 0; // not dropped
        int rowsReady = 0;
        int rowsFailed = 0; // blocked shops, refused or rejected previews
        int rowsBlocked = 0; // of those, the shops whose page could not be read
        int rowsSettled = 0;
        int previewsExpected = 0; // styles × the rows that can still have previews
        int previewsReady = 0;
        int picks = 0;
        int picksConfirmed = 0; // the user confirmed rendering them (bought or to be bought)
        int picksDone = 0; // saved (or rendered, when not saving)
        int picksFailed = 0;
        int picksSettled = 0;

        bool previewsSettled() const { return rowsSettled == rows; }
        bool rendersSettled() const { return picksSettled == picks; }
        // Some render was confirmed: the progress is the renders', no longer the previews'.
        bool isRendering() const { return picksConfirmed > 0; }
        // "36 of 36 previews ready · 1 product blocked · 9 picked"
        QString text() const;
        // "7 of 9 videos saved", "8 of 9 videos finished, 1 failed"
        QString rendersText() const;
        // "10 of 12 products ready, 1 blocked, 1 failed": blocked and failed rows wait for the
        // user, so they count as settled and are named apart.
        QString productsText() const;
    };
    static Summary summarize(const Batch &batch, const Store &store);
};

} // namespace PreviewDeck
