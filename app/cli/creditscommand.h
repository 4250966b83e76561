#pragma once

#include "commandgroup.h"

namespace PreviewDeck {

// credits: the account's remaining credits.
class CreditsCommand : public CommandGroup
{
    Q_OBJECT
public:
    using CommandGroup::CommandGroup;

    void run();
};

} // namespace PreviewDeck
