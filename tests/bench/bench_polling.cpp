// Requests per polling round for 1, 10, 100 and 250 unfinished jobs (target: ⌈n/100⌉), and
// how long a round takes. Prints a table; not part of the test run.

#include "coretesthelpers.h"

#include "jobtracker.h"
#include "store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTextStream>

using namespace PreviewDeck;

namespace {

bool waitFor(QObject *sender, const char *signal, int timeoutMs)
{
    QSignalSpy spy(sender, signal);
    return spy.wait(timeoutMs);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QTextStream out(stdout);
    out << "jobs  requests/round  target  round ms (median of 5)\n";
    bool allOnTarget = true;
    for (const int jobs : {1, 10, 100, 250}) {
        Sandbox::SandboxServer sandbox;
        sandbox.listen();
        sandbox.setCredits(1e9);
        sandbox.setStepIntervalMs(3600000); // nothing finishes while we measure
        ApiClient client;
        TestHelpers::pointAt(&client, sandbox);
        Store store;
        store.open(QStringLiteral(":memory:"));
        const QString linkId = TestHelpers::createLink(&client);
        for (int i = 0; i < jobs; ++i) {
            std::unique_ptr<CreatePreviewListJob> create(TestHelpers::runToEnd(
                    new CreatePreviewListJob(&client,
                                             TestHelpers::previewRequest(
                                                     linkId, {QStringLiteral("VanillaTemplate")}))));
            JobRecord job;
            job.remoteId = create->job().id;
            job.status = JobStatus::Pending;
            store.insertJob(job);
        }
        JobTracker tracker(&client, &store);
        tracker.setBaseIntervalMs(0);
        tracker.setMaxIntervalMs(0);
        QList<qint64> roundMs;
        int requests = 0;
        for (int round = 0; round < 5; ++round) {
            sandbox.clearRequestLog();
            QElapsedTimer timer;
            timer.start();
            tracker.start();
            if (!waitFor(&tracker, SIGNAL(roundFinished(bool)), 30000)) {
                out << "round did not finish\n";
                return 1;
            }
            roundMs << timer.elapsed();
            tracker.stop();
            requests = int(sandbox.requestLog().size());
        }
        std::sort(roundMs.begin(), roundMs.end());
        const int target = (jobs + 99) / 100;
        allOnTarget &= requests == target;
        out << QStringLiteral("%1  %2  %3  %4\n")
                        .arg(jobs, 4)
                        .arg(requests, 14)
                        .arg(target, 6)
                        .arg(roundMs.at(2), 8);
        out.flush();
    }
    out << (allOnTarget ? "all rounds on target\n" : "OFF TARGET\n");
    return allOnTarget ? 0 : 1;
}
