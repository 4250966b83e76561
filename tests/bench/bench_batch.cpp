// A batch of 100 products × 3 styles on the sandbox with the client's own polling intervals:
// GETs to the job list per polling round while the previews are made (target: ⌈tracked/100⌉),
// and the client's overhead over the sandbox's own preview time; then (when the widgets are
// built) a 100-row board of finished previews against the single grid of 9 tiles: memory (PSS
// of all processes) and time to open (bench_batch_board.cpp). Prints tables; not part of the
// test run. Run offscreen (the board's children default to it).

#include "coretesthelpers.h"

#ifdef PREVIEWDECK_BENCH_BOARD
#    include "bench_batch_board.h"
#endif

#include "batchprogress.h"
#include "batchrunner.h"
#include "engine.h"
#include "jobtracker.h"
#include "sandboxserver.h"
#include "store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace PreviewDeck;

namespace {

constexpr int kProducts = 100;
// Preview jobs take (styles + 2) steps on the sandbox (app/sandbox/videojobroutes.cpp).
constexpr int kStepMs = 1000;

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
    Sandbox::SandboxServer sandbox;
    if (!dir.isValid() || !sandbox.listen()) {
        out << "could not start the sandbox\n";
        return 1;
    }
    sandbox.setCredits(1e6);
    sandbox.setStepIntervalMs(kStepMs);
    const PreviewListRequest options = threeStyles();
    const qint64 previewMs = qint64(options.visualStyles.size() + 2) * kStepMs;

    Engine engine; // the tracker keeps its own intervals: this is what a user gets
    if (!engine.open(dir.filePath(QStringLiteral("bench.sqlite")))) {
        out << "could not open the store\n";
        return 1;
    }
    TestHelpers::pointAt(engine.client(), sandbox);
    engine.setDownloadDirectory(dir.filePath(QStringLiteral("downloads")));
    BatchRunner runner(&engine);
    const qint64 id = runner.create(QStringLiteral("Bench"), options, products(kProducts),
                                    dir.filePath(QStringLiteral("batch")));
    if (id <= 0) {
        out << "could not record the batch\n";
        return 1;
    }

    QList<Round> rounds;
    qsizetype logSeen = 0;
    QElapsedTimer wall;
    QObject::connect(engine.tracker(), &JobTracker::roundFinished, &app, [&] {
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
        return 1;
    }
    const auto summary = [&] {
        return BatchProgress::summarize(*engine.store()->batch(id), *engine.store());
    };
    if (!QTest::qWaitFor([&] { return summary().previewsSettled(); }, 600000)) {
        out << "the previews did not settle within 10 minutes\n";
        return 1;
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
    for (const Round &round : std::as_const(rounds)) {
        if (round.tracked == 0)
            continue;
        ++roundsWithJobs;
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
    out << QStringLiteral("rows ready %1 of %2, previews %3 of %4, %5 polling rounds\n")
                    .arg(done.rowsReady)
                    .arg(done.rows)
                    .arg(done.previewsReady)
                    .arg(done.previewsExpected)
                    .arg(roundsWithJobs);
    out << "wall ms  preview job ms  overhead ms  first/last purchase at ms  floor ms  after floor "
           "ms\n";
    out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7\n")
                    .arg(wallMs, 7)
                    .arg(previewMs, 14)
                    .arg(wallMs - previewMs, 11)
                    .arg(started.msecsTo(firstPost), 12)
                    .arg(lastPostMs, 12)
                    .arg(floorMs, 8)
                    .arg(wallMs - floorMs, 14);
    out << "(overhead = wall − preview job time; purchase = the sandbox receiving a product's "
           "preview POST, three purchases in flight at most; floor = last purchase + preview job "
           "time, the earliest the sandbox could finish; after floor = polling lag)\n";
    const bool complete = done.rowsReady == kProducts && done.previewsReady == kProducts * 3;
    out << (allOnTarget ? "all rounds on target\n" : "OFF TARGET\n");
    if (!complete)
        out << "INCOMPLETE: not every product has its previews\n";
    out.flush();
    bool boardOnTarget = true;
#ifdef PREVIEWDECK_BENCH_BOARD
    boardOnTarget = BenchBatchBoard::measure(out);
#endif
    return allOnTarget && complete && boardOnTarget ? 0 : 1;
}
