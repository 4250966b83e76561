#include "creditscommand.h"

#include "accountjobs.h"
#include "clioutput.h"
#include "commandhost.h"
#include "engine.h"

namespace PreviewDeck {

void CreditsCommand::run()
{
    host().runJob(new GetCreditsJob(engine()->client(), this), [this](ApiJob *job) {
        const double remaining = static_cast<GetCreditsJob *>(job)->remainingCredits();
        out().line(tr("Remaining credits: %1").arg(CliOutput::formatCredits(remaining)));
        out().result(QJsonObject{{QStringLiteral("remaining_credits"), remaining}});
        host().succeed();
    });
}

} // namespace PreviewDeck
