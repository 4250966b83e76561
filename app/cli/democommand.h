#pragma once

#include "commandgroup.h"

namespace PreviewDeck {

struct Link;

// demo [URL]: the whole loop in one command: a link, three previews, the first one rendered and
// its MP4 saved.
class DemoCommand : public CommandGroup
{
    Q_OBJECT
public:
    using CommandGroup::CommandGroup;

    void run(const QStringList &args);

private:
    void requestPreviews(const Link &link);
    void renderFirstPreview(qint64 jobLocalId);
};

} // namespace PreviewDeck
