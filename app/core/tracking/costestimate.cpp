#include "costestimate.h"

#include <QtMath>

namespace PreviewDeck::CostEstimate {

int thirtySecondBlocks(int seconds)
{
    return qMax(1, (seconds + 29) / 30);
}

double link()
{
    return 1;
}

double previewList(int previewCount, int videoLengthSeconds)
{
    return double(qMax(0, previewCount)) * thirtySecondBlocks(videoLengthSeconds);
}

double render(int videoLengthSeconds, const QString &modelVersion)
{
    if (modelVersion == QLatin1String("aurora_v1"))
        return qCeil(1.0 * qMax(1, videoLengthSeconds));
    if (modelVersion == QLatin1String("aurora_v1_fast"))
        return qCeil(0.5 * qMax(1, videoLengthSeconds));
    return 4.0 * thirtySecondBlocks(videoLengthSeconds);
}

double templatePreview(int durationSeconds)
{
    return thirtySecondBlocks(durationSeconds);
}

double templateRender(int durationSeconds, const QString &modelVersion)
{
    return render(durationSeconds, modelVersion);
}

} // namespace PreviewDeck::CostEstimate
