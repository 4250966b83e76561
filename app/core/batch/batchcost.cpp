#include "batchcost.h"

#include "batchprogress.h"
#include "costestimate.h"

namespace PreviewDeck {

BatchCost BatchCost::estimate(int products, const PreviewListRequest &options)
{
    BatchCost cost;
    cost.products = products;
    cost.styles = int(options.visualStyles.size());
    cost.previews = cost.products * cost.styles;
    cost.linkCredits = products * CostEstimate::link();
    cost.previewCredits = CostEstimate::previewList(cost.previews, options.videoLength);
    cost.renderOnePerProduct = renders(products, options);
    return cost;
}

double BatchCost::renders(int picks, const PreviewListRequest &options)
{
    return picks * CostEstimate::render(options.videoLength, options.modelVersion);
}

double BatchCost::renders(int picks, const Batch &batch)
{
    return renders(picks, PreviewListRequest::fromJson(batch.request));
}

double BatchCost::retryRow(const Batch &batch, const BatchRow &row, const Store &store)
{
    const PreviewListRequest options = PreviewListRequest::fromJson(batch.request);
    switch (BatchProgress::rowState(row, store)) {
    case BatchProgress::RowState::Failed: {
        const BatchCost previews = estimate(1, options);
        return previews.previewCredits + (row.linkId.isEmpty() ? previews.linkCredits : 0);
    }
    case BatchProgress::RowState::Ready:
        return renders(int(BatchProgress::rendersToRetry(row, store).size()), options);
    default:
        return 0;
    }
}

QString BatchCost::credits(double amount)
{
    return QString::number(amount, 'g', 10);
}

QString BatchCost::summary() const
{
    // Plural words spelled out: without a translation loaded, tr()'s %n keeps "(s)".
    const auto count = [](int n, const QString &one, const QString &many) {
        return (n == 1 ? one : many).arg(n);
    };
    const auto amount = [](double value) {
        return (value == 1 ? tr("%1 credit") : tr("%1 credits")).arg(credits(value));
    };
    return tr("%1 × %2 = %3: %4; reading the product pages: %5; rendering one per product: %6 "
              "more")
            .arg(count(products, tr("%1 product"), tr("%1 products")),
                 count(styles, tr("%1 style"), tr("%1 styles")),
                 count(previews, tr("%1 preview"), tr("%1 previews")), amount(previewCredits),
                 amount(linkCredits), amount(renderOnePerProduct));
}

} // namespace PreviewDeck
