#include "previewcommands.h"

#include "clioutput.h"
#include "commandhost.h"
#include "costestimate.h"
#include "engine.h"
#include "jobtracker.h"
#include "requestcheck.h"
#include "store.h"
#include "workfollower.h"

#include <QJsonArray>

namespace PreviewDeck {

void PreviewCommands::previews(const QStringList &args)
{
    if (args.size() != 1 || !isSet("styles")) {
        host().usage(tr("Use \"previews LINK_ID --styles StyleA,StyleB\"."));
        return;
    }
    PreviewListRequest request = singleVideoOptions();
    request.linkId = args.at(0);
    if (refused(RequestCheck::previewList(request)))
        return;
    const int count = int(request.visualStyles.size());
    const double cost = CostEstimate::previewList(count, request.videoLength);
    SpendGuard *guard = engine()->spendGuard();
    if (!host().confirmSpend(cost, tr("%n preview(s)", nullptr, count),
                             guard->buysNothingNew(request, host().repeatOptions())))
        return;
    host().runSpend(guard->requestPreviews(request, host().repeatOptions()),
                    [this](SpendOperation *op) { follower().followPreviews(op->jobLocalId()); });
}

void PreviewCommands::job(const QStringList &args)
{
    if (args.size() != 1) {
        host().usage(tr("Use \"job JOB\" with a job id or its number from \"jobs\"."));
        return;
    }
    const qint64 localId = resolveJob(args.at(0));
    if (!localId) {
        host().fail(tr("There is no job %1 in this computer's history.").arg(args.at(0)));
        return;
    }
    // One polling round brings it up to date before printing.
    JobTracker *tracker = engine()->tracker();
    connect(tracker, &JobTracker::roundFinished, this,
            [this, localId] { follower().printJob(localId); });
    connect(tracker, &JobTracker::idle, this, [this, localId] { follower().printJob(localId); });
    tracker->poke();
}

void PreviewCommands::jobs()
{
    const Store &store = *engine()->store();
    const QList<JobRecord> jobs = store.jobs();
    QJsonArray array;
    for (const JobRecord &job : jobs) {
        out().line(CliOutput::describe(job, store));
        array.append(CliOutput::toJson(job, store));
    }
    if (jobs.isEmpty())
        out().line(tr("No jobs yet."));
    out().result(QJsonObject{{QStringLiteral("jobs"), array}});
    host().succeed();
}

} // namespace PreviewDeck
