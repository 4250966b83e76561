#pragma once

#include "records.h"

#include <QList>

namespace PreviewDeck {

// What Creatify charged for a job, as far as it has said: the previews (the job's reported
// figure), the product page read before them (the link's price, which callers pass for the
// link's first job only, so a link shared by several jobs counts once) and every render Creatify
// accepted (charged then, whatever became of it). Nothing before Creatify reports the previews'
// figure: until then callers show the estimate.
namespace CreditsUsed {

bool renderWasCharged(const RenderRecord &render);
double ofJob(const JobRecord &job, double linkCredits, const QList<RenderRecord> &renders);

} // namespace CreditsUsed
} // namespace PreviewDeck
