#pragma once

// Finds what a /preview page shows: the preview (of a link_to_videos job or a template job)
// named by the page's `layout` query parameter.

#include "previewpage.h"

namespace Sandbox {

class SandboxState;

// False when `layout` names no preview the workspace knows.
bool findPreviewContent(const SandboxState &state, const QString &layout, const QString &base,
                        PreviewContent *out);

} // namespace Sandbox
