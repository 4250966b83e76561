#pragma once

#include "commandgroup.h"

namespace PreviewDeck {

// previews LINK_ID --styles …, job JOB and jobs: buying previews of a link, and the history of
// the jobs this computer started.
class PreviewCommands : public CommandGroup
{
    Q_OBJECT
public:
    using CommandGroup::CommandGroup;

    void previews(const QStringList &args);
    void job(const QStringList &args);
    void jobs();
};

} // namespace PreviewDeck
