#pragma once

#include "apitypes.h"
#include "records.h"

namespace PreviewDeck {

class Store;

// Which entry of a link job's outputs[] is which render made on this computer. Creatify's docs
// do not say whether a render keeps its preview's media_job, nor how a second render of one
// preview is listed; the sandbox gives each render a media_job of its own (docs/decisions.md).
// So a render is looked for by its preview's media_job, else by its visual style (and aspect
// ratio, when both sides give one), and when several entries match, by order: outputs[] lists
// renders in the order they were made, so the latest entry is the latest render.
namespace RenderOutputs {

// Where this render stands on Creatify; false while the job does not list it (yet).
bool find(const VideoJob &remote, const Store &store, const RenderRecord &render, RenderOutput *out);
// A render whose answer was lost is on Creatify: the job lists more renders of its preview
// than this computer had made before it.
bool arrived(const VideoJob &remote, const Store &store, const RenderRecord &render);

} // namespace RenderOutputs
} // namespace PreviewDeck
