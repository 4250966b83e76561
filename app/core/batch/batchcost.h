#pragma once

#include "apitypes.h"

#include <QCoreApplication>
#include <QString>

namespace PreviewDeck {

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
    double renderEach = 0; // one render of one preview
    double renderOnePerProduct = 0;

    double beforeRendering() const { return linkCredits + previewCredits; }
    // "12 products × 4 styles = 48 previews: 48 credits; reading the 12 product pages: 12
    // credits; rendering one per product: 48 credits more".
    QString summary() const;

    static BatchCost estimate(int products, const PreviewListRequest &options);
    // Rendering `picks` previews made with these options.
    static double renders(int picks, const PreviewListRequest &options);
    // 4, 0.5, 12.25: as people write them.
    static QString credits(double amount);
};

} // namespace PreviewDeck
