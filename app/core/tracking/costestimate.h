#pragma once

#include <QString>

namespace PreviewDeck {

// Credit prices as documented (creatify-api.md §1–§3), for showing the cost before spending.
// Where the documentation disagrees with itself we show the higher figure, so the user is
// never charged more than we said (docs/decisions.md).
namespace CostEstimate {

// The API gives no template's duration before its first preview: costs assume this many
// seconds until a preview says otherwise.
constexpr int kAssumedTemplateSeconds = 30;

int thirtySecondBlocks(int seconds);
double link();
// preview_list_async: 1 credit per 30 s per preview.
double previewList(int previewCount, int videoLengthSeconds);
// render / render_single_preview: 4 credits per 30 s for `standard`; Aurora models are billed
// per second (aurora_v1 1 credit/s, aurora_v1_fast 0.5 credit/s), rounded up.
double render(int videoLengthSeconds, const QString &modelVersion);
double templatePreview(int durationSeconds);
double templateRender(int durationSeconds, const QString &modelVersion);

} // namespace CostEstimate
} // namespace PreviewDeck
