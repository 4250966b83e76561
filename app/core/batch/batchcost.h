#pragma once

#include "apitypes.h"
#include "batchrecords.h"

#include <QCoreApplication>
#include <QString>

namespace PreviewDeck {

class Store;

// What a batch costs before anything is spent, from CostEstimate's documented prices (no rules
// of its own): reading each product page, one preview per product and style, and rendering.
struct BatchCost
{
    Q_DECLARE_TR_FUNCTIONS(BatchCost)
public:
    int products = 0;
    int styles = 0;
    int previews = 0; // products × styles
    double linkCredits = 0; // reading the product pages (or entering them by hand)
    double previewCredits = 0;
    double renderOnePerProduct = 0;

    double beforeRendering() const { return linkCredits + previewCredits; }
    // "12 products × 4 styles = 48 previews: 48 credits; reading the 12 product pages: 12
    // credits; rendering one per product: 48 credits more".
    QString summary() const;

    static BatchCost estimate(int products, const PreviewListRequest &options);
    // Rendering `picks` previews made with these options (or this batch's).
    static double renders(int picks, const PreviewListRequest &options);
    static double renders(int picks, const Batch &batch);
    // What trying a row again (BatchRunner::retryRow) spends, for its question: previews
    // Creatify failed are bought again, and so are the renders of BatchProgress::rendersToRetry.
    // Reading a blocked page again was covered by the batch's confirmation; a download is free.
    static double retryRow(const Batch &batch, const BatchRow &row, const Store &store);
    // 4, 0.5, 12.25: as people write them.
    static QString credits(double amount);
};

} // namespace PreviewDeck
