// Figures of batches of products. Prints tables; not part of the test run. Run offscreen (the
// board's children default to it).
//  - round: what one polling round's job changes cost in a 100-row batch (the store's writes
//    and everything listening: the batch runner and, when the widgets are built, the history),
//    without network;
//  - batch: 150 products × 3 styles on the sandbox with the client's own polling intervals: GETs
//    to the job list per polling round while the previews are made (target: ⌈tracked/100⌉; the
//    previews take long enough for more than 100 jobs to be unfinished at once), the most
//    purchases in flight at once, and the client's overhead over the sandbox's own preview time;
//  - board (when the widgets are built): a 100-row board of finished previews against the
//    single grid of 9 tiles: memory (PSS of all processes) and time to open
//    (bench_batch_board.cpp);
//  - keys (when the widgets are built, only when named): arrow keys and a store burst that
//    changes nothing, on the open 100-row board (main-thread time).
//   bench_batch [round] [batch] [board] [keys]   those sections; round, batch, board by default

#include "coretesthelpers.h"

#ifdef PREVIEWDECK_BENCH_BOARD
#    include "bench_batch_board.h"
#    include "history/historymodel.h"
#endif

#include "batchprogress.h"
#include "batchrunner.h"
#include "engine.h"
#include "jobtracker.h"
#include "sandboxserver.h"
#include "spendguard.h"
#include "store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <ctime>

using namespace PreviewDeck;

namespace {

constexpr int kProducts = 150;
// Preview jobs take (styles + 2) steps on the sandbox (app/sandbox/videojobroutes.cpp): 25 s,
// longer than buying 150 links and 150 previews three at a time, so that more than 100 jobs are
// unfinished at once and the list is asked for in two requests.
constexpr int kStepMs = 5000;
constexpr int kRoundRows = 100;
constexpr int kRounds = 5;

struct Round
{
    int number = 0;
    qint64 endMs = 0; // since the batch started
    int listGets = 0; // GET /api/link_to_videos/?ids=…
    int singleGets = 0; // GET /api/link_to_videos/{id}/ (the fallback; should stay 0)
    int tracked = 0; // ids asked for in the round
};

bool isJobList(const Sandbox::RequestLogEntry &entry)
{
    return entry.method == "GET" && entry.path == QLatin1String("/api/link_to_videos/");
}

bool isSingleJob(const Sandbox::RequestLogEntry &entry)
{
    return entry.method == "GET" && entry.path.startsWith(QLatin1String("/api/link_to_videos/"))
            && entry.path != QLatin1String("/api/link_to_videos/");
}

int idsIn(const QString &query)
{
    for (const QString &part : query.split(QLatin1Char('&'))) {
        if (part.startsWith(QLatin1String("ids=")))
            return int(
                    part.mid(4)
                            .replace(QLatin1String("%2C"), QLatin1String(","), Qt::CaseInsensitive)
                            .split(QLatin1Char(','), Qt::SkipEmptyParts)
                            .size());
    }
    return 0;
}

QList<BatchRow> products(int count)
{
    QList<BatchRow> rows;
    for (int i = 0; i < count; ++i) {
        BatchRow row;
        row.url = QStringLiteral("https://shop.example.com/products/item-%1").arg(i + 1);
        rows << row;
    }
    return rows;
}

PreviewListRequest threeStyles()
{
    PreviewListRequest options;
    options.visualStyles = {QStringLiteral("VanillaTemplate"),
                            QStringLiteral("DynamicProductTemplate"),
                            QStringLiteral("FullScreenTemplate")};
    options.aspectRatio = QStringLiteral("9x16");
    options.videoLength = 30;
    return options;
}

// CPU time of this thread in ms: waits for the disk and other processes do not count.
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

// One polling round's job changes in a batch of kRoundRows rows, without network: every row's
// job gets a new progress, then the event loop runs until what listens has caught up. The
// median of kRounds rounds, in ms of this thread's CPU time on an in-memory store (the machine
// is shared: wall time and disk writes vary too much to see the listeners' share), first with
// nothing listening (the writes alone), then with what listens in the app.
bool measureRound(QTextStream &out)
{
    Engine engine; // not resumed: no tracker, no network
    if (!engine.open(QStringLiteral(":memory:")))
        return false;
    Batch batch;
    batch.name = QStringLiteral("Round");
    batch.request = threeStyles().toJson();
    QList<JobRecord> jobs;
    for (int i = 0; i < kRoundRows; ++i) {
        JobRecord job;
        job.kind = JobKind::LinkPreviews;
        job.linkId = QStringLiteral("link-%1").arg(i);
        job.remoteId = QStringLiteral("job-%1").arg(i);
        job.request = batch.request;
        job.status = JobStatus::Running;
        job.localId = engine.store()->insertJob(job);
        jobs << job;
        BatchRow row = products(kRoundRows).at(i);
        row.linkId = job.linkId;
        row.jobLocalId = job.localId;
        row.stage = BatchRowStage::Previewing;
        batch.rows << row;
    }
    if (engine.store()->insertBatch(batch) <= 0)
        return false;
    int round = 0;
    const auto medianRound = [&] {
        QCoreApplication::processEvents();
        QList<double> ms;
        for (int i = 0; i < kRounds; ++i) {
            ++round;
            const double started = threadCpuMs();
            for (JobRecord &job : jobs) {
                job.progress = round / 100.0;
                engine.store()->updateJob(job);
            }
            QCoreApplication::processEvents(); // coalesced refreshes run here
            ms << threadCpuMs() - started;
        }
        std::sort(ms.begin(), ms.end());
        return ms.at(ms.size() / 2);
    };
    const double alone = medianRound();
    BatchRunner runner(&engine);
#ifdef PREVIEWDECK_BENCH_BOARD
    HistoryModel history(&engine);
    const QString listening = QStringLiteral("the batch runner and the history");
#else
    const QString listening = QStringLiteral("the batch runner");
#endif
    const double listened = medianRound();
    out << QStringLiteral("One polling round in a %1-row batch (%1 job changes written; median "
                          "of %2 rounds, CPU ms of the main thread): %3 ms with nothing "
                          "listening, %4 ms with %5: %6 ms for what listens\n\n")
                    .arg(kRoundRows)
                    .arg(kRounds)
                    .arg(alone, 0, 'f', 1)
                    .arg(listened, 0, 'f', 1)
                    .arg(listening)
                    .arg(listened - alone, 0, 'f', 1);
    out.flush();
    return true;
}

bool measureBatch(QTextStream &out, const QTemporaryDir &dir)
{
    Sandbox::SandboxServer sandbox;
    if (!sandbox.listen()) {
        out << "could not start the sandbox\n";
        return false;
    }
    sandbox.setCredits(1e6);
    sandbox.setStepIntervalMs(kStepMs);
    const PreviewListRequest options = threeStyles();
    const qint64 previewMs = qint64(options.visualStyles.size() + 2) * kStepMs;

    Engine engine; // the tracker keeps its own intervals: this is what a user gets
    if (!engine.open(dir.filePath(QStringLiteral("bench.sqlite")))) {
        out << "could not open the store\n";
        return false;
    }
    TestHelpers::pointAt(engine.client(), sandbox);
    engine.setDownloadDirectory(dir.filePath(QStringLiteral("downloads")));
    BatchRunner runner(&engine);
    const qint64 id = runner.create(QStringLiteral("Bench"), options, products(kProducts),
                                    dir.filePath(QStringLiteral("batch")));
    if (id <= 0) {
        out << "could not record the batch\n";
        return false;
    }

    // The most purchases in flight at once, as the runner counts them, on every change of a
    // spend (a purchase recorded, sent, answered).
    int mostInFlight = 0;
    QObject::connect(engine.spendGuard(), &SpendGuard::spendChanged, &runner,
                     [&] { mostInFlight = qMax(mostInFlight, runner.inFlight()); });
    QList<Round> rounds;
    qsizetype logSeen = 0;
    QElapsedTimer wall;
    QObject::connect(engine.tracker(), &JobTracker::roundFinished, &runner, [&] {
        const QList<Sandbox::RequestLogEntry> log = sandbox.requestLog();
        Round round;
        round.number = int(rounds.size()) + 1;
        round.endMs = wall.elapsed();
        for (qsizetype i = logSeen; i < log.size(); ++i) {
            if (isJobList(log.at(i))) {
                ++round.listGets;
                round.tracked += idsIn(log.at(i).query);
            } else if (isSingleJob(log.at(i))) {
                ++round.singleGets;
                ++round.tracked;
            }
        }
        logSeen = log.size();
        rounds << round;
    });

    sandbox.clearRequestLog();
    const QDateTime started = QDateTime::currentDateTimeUtc();
    wall.start();
    if (!runner.run(id)) {
        out << "the batch did not start\n";
        return false;
    }
    const auto summary = [&] {
        return BatchProgress::summarize(*engine.store()->batch(id), *engine.store());
    };
    if (!QTest::qWaitFor([&] { return summary().previewsSettled(); }, 600000)) {
        out << "the previews did not settle within 10 minutes\n";
        return false;
    }
    const qint64 wallMs = wall.elapsed();
    const BatchProgress::Summary done = summary();

    // When the sandbox took the last preview purchase: no batch can end before it + previewMs.
    const QList<Sandbox::RequestLogEntry> log = sandbox.requestLog();
    QDateTime firstPost;
    QDateTime lastPost;
    for (const auto &entry : log) {
        if (entry.method == "POST" && entry.path.contains(QLatin1String("preview_list_async"))) {
            if (!firstPost.isValid())
                firstPost = entry.receivedAt;
            lastPost = entry.receivedAt;
        }
    }
    const qint64 lastPostMs = started.msecsTo(lastPost);
    const qint64 floorMs = lastPostMs + previewMs;

    out << QStringLiteral("Batch: %1 products × %2 styles, sandbox step %3 ms, preview job %4 ms\n")
                    .arg(kProducts)
                    .arg(options.visualStyles.size())
                    .arg(kStepMs)
                    .arg(previewMs);
    out << "round  ends ms  tracked  list GETs  single GETs  target  on target\n";
    bool allOnTarget = true;
    int roundsWithJobs = 0;
    int mostTracked = 0;
    for (const Round &round : std::as_const(rounds)) {
        if (round.tracked == 0)
            continue;
        ++roundsWithJobs;
        mostTracked = qMax(mostTracked, round.tracked);
        const int target = (round.tracked + 99) / 100;
        const bool onTarget = round.listGets + round.singleGets == target;
        allOnTarget &= onTarget;
        out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7\n")
                        .arg(round.number, 5)
                        .arg(round.endMs, 7)
                        .arg(round.tracked, 7)
                        .arg(round.listGets, 9)
                        .arg(round.singleGets, 11)
                        .arg(target, 6)
                        .arg(onTarget ? QStringLiteral("yes") : QStringLiteral("NO"), 9);
    }
    out << QStringLiteral("rows ready %1 of %2, previews %3 of %4, %5 polling rounds, at most %6 "
                          "jobs tracked in one round%7\n")
                    .arg(done.rowsReady)
                    .arg(done.rows)
                    .arg(done.previewsReady)
                    .arg(done.previewsExpected)
                    .arg(roundsWithJobs)
                    .arg(mostTracked)
                    .arg(mostTracked > 100 ? QString()
                                           : QStringLiteral(" (NOT over 100: one request "
                                                            "always suffices here)"));
    out << QStringLiteral("most purchases in flight at once: %1 (BatchRunner::inFlight() on "
                          "every spend change; its limit is %2)\n")
                    .arg(mostInFlight)
                    .arg(int(BatchRunner::DefaultMaxInFlight));
    out << "wall ms  preview job ms  overhead ms  first purchase ms  last purchase ms  floor ms  "
           "after floor ms\n";
    out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7\n")
                    .arg(wallMs, 7)
                    .arg(previewMs, 14)
                    .arg(wallMs - previewMs, 11)
                    .arg(started.msecsTo(firstPost), 17)
                    .arg(lastPostMs, 16)
                    .arg(floorMs, 8)
                    .arg(wallMs - floorMs, 14);
    out << "(overhead = wall − preview job time; purchase = the sandbox receiving a product's "
           "preview POST; floor = last purchase + preview job "
           "time, the earliest the sandbox could finish; after floor = polling lag)\n";
    const bool complete = done.rowsReady == kProducts && done.previewsReady == kProducts * 3;
    out << (allOnTarget ? "all rounds on target\n" : "OFF TARGET\n");
    if (!complete)
        out << "INCOMPLETE: not every product has its previews\n";
    out.flush();
    return allOnTarget && complete;
}

} // namespace

int main(int argc, char *argv[])
{
#ifdef PREVIEWDECK_BENCH_BOARD
    if (argc >= 3 && qstrcmp(argv[1], "--child") == 0)
        return BenchBatchBoard::childMain(argc, argv);
#endif
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QTextStream out(stdout);
    QTemporaryDir dir;
    QStringList sections = app.arguments().mid(1);
    if (sections.isEmpty())
        sections = {QStringLiteral("round"), QStringLiteral("batch"), QStringLiteral("board")};
    bool ok = dir.isValid();
    if (ok && sections.contains(QLatin1String("round")))
        ok = measureRound(out) && ok;
    if (ok && sections.contains(QLatin1String("batch")))
        ok = measureBatch(out, dir) && ok;
#ifdef PREVIEWDECK_BENCH_BOARD
    if (sections.contains(QLatin1String("board")))
        ok = BenchBatchBoard::measure(out) && ok;
    if (sections.contains(QLatin1String("keys")))
        ok = BenchBatchBoard::measureKeys(out) && ok;
#endif
    return ok ? 0 : 1;
}
