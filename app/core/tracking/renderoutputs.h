#pragma once

#include "apitypes.h"
#include "records.h"

namespace PreviewDeck {

class Store;

// Which entry of a link job's outputs[] is which render made on this computer. Creatify's docs
// do not say whether a render keeps its preview's media_job, nor how a second render of one
// preview is listed: appended with a media_job of its own (the sandbox, docs/decisions.md),
// appended with the preview's, or one entry per preview updated in place (or only the top
// level, in the older schema). Entries are looked for by the preview's media_job, else by
// visual style (and aspect ratio); the n-th render of a preview is the n-th entry listed. One
// entry for a preview rendered before stands for a later render only once it differs from how
// the earlier one ended.
namespace RenderOutputs {

// Where this render stands on Creatify; false while the job does not list it (yet).
bool find(const VideoJob &remote, const Store &store, const RenderRecord &render, RenderOutput *out);

// What the job says of a render whose answer was lost.
enum class Trace {
    Listed, // it arrived
    NotListed, // it is not there (looked at again later before concluding it never arrived)
    CannotTell, // the job's layout cannot show it apart from an earlier render of the preview
};
Trace trace(const VideoJob &remote, const Store &store, const RenderRecord &render);

} // namespace RenderOutputs
} // namespace PreviewDeck
