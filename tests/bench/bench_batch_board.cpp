// The board half of bench_batch: a 100-row board of finished previews against the single grid
// of 9 tiles, each opened in a fresh child process (so one's web-engine processes do not count
// in the other's memory), in the same window size; and what the open board's keys and the
// store's bursts (the page's setRows with nothing changed) cost on the main thread.

#include "bench_batch_board.h"

#include "batch/batchboard.h"
#include "benchcommon.h"
#include "coretesthelpers.h"
#include "grid/comparisongrid.h"
#include "grid/gridloader.h"
#include "grid/web/previewgrid.h"
#include "grid/web/previewtile.h"
#include "linkedwebgrid.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QKeyEvent>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

using namespace PreviewDeck;
using BenchCommon::pssTree;
using BenchCommon::settled;
using BenchCommon::spin;
using BenchCommon::waitUntil;

namespace {

constexpr QSize kWindow(1600, 1000);
constexpr int kBoardRows = 100;
constexpr int kSettleMs = 2000; // pages keep working (videos start) after "loaded"

// One finished preview job of 9 styles on this process's sandbox (it serves the pages).
QList<PreviewTileInfo> makePreviews(Sandbox::SandboxServer &sandbox)
{
    sandbox.setStepIntervalMs(10);
    sandbox.setCredits(1e6);
    if (!sandbox.listen())
        return {};
    ApiClient client;
    TestHelpers::pointAt(&client, sandbox);
    const QString linkId = TestHelpers::createLink(&client);
    const QStringList styles = {QStringLiteral("VanillaTemplate"),
                                QStringLiteral("FullScreenTemplate"),
                                QStringLiteral("DynamicProductTemplate"),
                                QStringLiteral("DramaticTemplate"),
                                QStringLiteral("MotionCardsTemplate"),
                                QStringLiteral("OverCardsTemplate"),
                                QStringLiteral("SideBySideTemplate"),
                                QStringLiteral("TwitterFrameTemplate"),
                                QStringLiteral("VlogTemplate")};
    std::unique_ptr<CreatePreviewListJob> create(TestHelpers::runToEnd(
            new CreatePreviewListJob(&client, TestHelpers::previewRequest(linkId, styles))));
    if (!create->succeeded())
        return {};
    VideoJob job;
    if (!waitUntil(
                [&] {
                    std::unique_ptr<GetVideoJobJob> get(
                            TestHelpers::runToEnd(new GetVideoJobJob(&client, create->job().id)));
                    job = get->job();
                    return job.status == JobStatus::Done;
                },
                30000))
        return {};
    QList<PreviewTileInfo> infos;
    for (const Preview &p : std::as_const(job.previews))
        infos.append({p.visualStyle, p.visualStyle, p.aspectRatio, p.url});
    return infos;
}

struct Opened
{
    qint64 ms = -1; // until every page made is loaded and fitted
    double mb = 0;
    int processes = 0;
    int views = 0;
};

// Waits for the grids to settle (loaded and fitted, then frozen) and measures.
template<typename Grids>
Opened measure(const QElapsedTimer &timer, Grids grids)
{
    Opened o;
    const auto allSettled = [&](bool frozen) {
        int views = 0;
        const QList<PreviewGrid *> list = grids();
        if (list.isEmpty())
            return false;
        for (const PreviewGrid *grid : list) {
            if (!grid || !settled(*grid, frozen, &views))
                return false;
        }
        o.views = views;
        return views > 0;
    };
    if (!waitUntil([&] { return allSettled(false); }, 120000))
        return o;
    o.ms = timer.elapsed();
    if (!waitUntil([&] { return allSettled(true); }, 60000)) {
        o.ms = -1;
        return o;
    }
    spin(kSettleMs);
    const auto pss = pssTree();
    o.processes = pss.first;
    o.mb = pss.second;
    return o;
}

QStringList keysOf(const QList<PreviewTileInfo> &infos)
{
    QStringList keys;
    for (const PreviewTileInfo &info : infos)
        keys << info.key;
    return keys;
}

QList<BoardRow> boardRows(const QList<PreviewTileInfo> &three)
{
    QList<BoardRow> rows;
    for (int i = 0; i < kBoardRows; ++i) {
        BoardRow row;
        row.position = i;
        row.title = QStringLiteral("Product %1").arg(i + 1);
        row.status = QStringLiteral("Previews ready");
        row.kind = BoardRow::Kind::Ready;
        row.previews = three;
        rows << row;
    }
    return rows;
}

QList<PreviewGrid *> liveGrids(const BatchBoard &board)
{
    QList<PreviewGrid *> grids;
    for (int i = 0; i < board.rowCount(); ++i) {
        if (ComparisonGrid *grid = board.gridOfRow(i))
            grids << TestHelpers::webGrid(grid);
    }
    return grids;
}

Opened openBoard(const QList<PreviewTileInfo> &infos)
{
    const QList<PreviewTileInfo> three = infos.mid(0, 3);
    BatchBoard board;
    board.resize(kWindow);
    QElapsedTimer timer;
    timer.start();
    board.setStyles(keysOf(three));
    board.setRows(boardRows(three));
    board.show();
    return measure(timer, [&board] { return liveGrids(board); });
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

// Main-thread wall time of one step and what it posts (layout, paint), median of `times`.
template<typename Step>
double medianMs(int times, Step step)
{
    QList<double> ms;
    for (int i = 0; i < times; ++i) {
        QElapsedTimer timer;
        timer.start();
        step(i);
        QCoreApplication::sendPostedEvents();
        ms << timer.nsecsElapsed() / 1e6;
        QCoreApplication::processEvents(); // the pages' own work, outside the measured step
    }
    return median(ms);
}

// The open board (loaded): arrow keys across columns and across the first two lines, and the
// page's setRows with the same rows (a store burst that changed nothing of the board).
int boardKeys(const QList<PreviewTileInfo> &infos)
{
    const QList<PreviewTileInfo> three = infos.mid(0, 3);
    const QList<BoardRow> rows = boardRows(three);
    BatchBoard board;
    board.resize(kWindow);
    board.setStyles(keysOf(three));
    board.setRows(rows);
    board.show();
    board.setFocus();
    const auto loaded = [&board] {
        const QList<PreviewGrid *> grids = liveGrids(board);
        return !grids.isEmpty()
                && std::all_of(grids.cbegin(), grids.cend(),
                               [](const PreviewGrid *g) { return settled(*g, false); });
    };
    if (!waitUntil(loaded, 120000))
        return 3;
    spin(kSettleMs);
    const auto press = [&board](int key) {
        QKeyEvent event(QEvent::KeyPress, key, Qt::NoModifier);
        QCoreApplication::sendEvent(&board, &event);
    };
    constexpr int kTimes = 60;
    const double across = medianMs(kTimes,
                                   [&](int i) { press(i % 2 ? Qt::Key_Left : Qt::Key_Right); });
    const double down = medianMs(kTimes, [&](int i) { press(i % 2 ? Qt::Key_Up : Qt::Key_Down); });
    const double burst = medianMs(kTimes, [&](int) { board.setRows(rows); });
    std::printf("KEYS %.3f %.3f %.3f %d\n", across, down, burst, int(liveGrids(board).size()));
    std::fflush(stdout);
    return 0;
}

Opened openGrid(const QList<PreviewTileInfo> &infos)
{
    PreviewGrid grid;
    grid.resize(kWindow);
    QElapsedTimer timer;
    timer.start();
    grid.setPreviews(infos);
    grid.show();
    return measure(timer, [&grid] { return QList<PreviewGrid *>{&grid}; });
}

Opened parseResult(const QByteArray &output)
{
    Opened o;
    for (const QByteArray &line : output.split('\n')) {
        if (!line.startsWith("RESULT "))
            continue;
        const QList<QByteArray> v = line.split(' ');
        o.ms = v.value(1).toLongLong();
        o.mb = v.value(2).toDouble();
        o.processes = v.value(3).toInt();
        o.views = v.value(4).toInt();
    }
    return o;
}

QByteArray runChildOutput(const QString &mode)
{
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!env.contains(QStringLiteral("QT_QPA_PLATFORM")))
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    if (geteuid() == 0)
        env.insert(QStringLiteral("QTWEBENGINE_DISABLE_SANDBOX"), QStringLiteral("1"));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child"), mode});
    if (!child.waitForFinished(300000)) {
        child.kill();
        child.waitForFinished(5000);
        return {};
    }
    return child.readAllStandardOutput();
}

Opened runChild(const QString &mode)
{
    return parseResult(runChildOutput(mode));
}

} // namespace

namespace BenchBatchBoard {

int childMain(int argc, char *argv[])
{
    GridLoader::applyRecommendedChromiumFlags(); // as the app starts
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestHelpers::useLinkedWebGrid();
    const QString mode = QString::fromLocal8Bit(argv[2]);
    Sandbox::SandboxServer sandbox;
    const QList<PreviewTileInfo> infos = makePreviews(sandbox);
    if (infos.size() != 9) {
        std::fprintf(stderr, "only %d previews\n", int(infos.size()));
        return 2;
    }
    if (mode == QLatin1String("keys"))
        return boardKeys(infos);
    const Opened o = mode == QLatin1String("board") ? openBoard(infos) : openGrid(infos);
    std::printf("RESULT %lld %.1f %d %d\n", static_cast<long long>(o.ms), o.mb, o.processes,
                o.views);
    std::fflush(stdout);
    return o.ms >= 0 ? 0 : 3;
}

bool measure(QTextStream &out)
{
    const Opened grid = runChild(QStringLiteral("grid"));
    const Opened board = runChild(QStringLiteral("board"));
    out << QStringLiteral("\nBoard of %1 finished rows × 3 styles vs the single grid of 9 tiles, "
                          "%2 × %3 window, PSS of all processes once loaded and frozen:\n")
                    .arg(kBoardRows)
                    .arg(kWindow.width())
                    .arg(kWindow.height());
    out << "what        web views  processes  PSS MB  open ms\n";
    for (const auto &[name, o] : {std::pair{QStringLiteral("grid 9"), grid},
                                  std::pair{QStringLiteral("board 100"), board}}) {
        out << QStringLiteral("%1  %2  %3  %4  %5\n")
                        .arg(name, -10)
                        .arg(o.views, 9)
                        .arg(o.processes, 9)
                        .arg(o.mb, 6, 'f', 0)
                        .arg(o.ms, 7);
    }
    if (grid.ms < 0 || board.ms < 0 || grid.mb <= 0) {
        out << "BOARD OR GRID DID NOT OPEN\n";
        return false;
    }
    const double ratio = board.mb / grid.mb;
    out << QStringLiteral("board / grid memory: %1× (target ≤ 1.3×)%2\n")
                    .arg(ratio, 0, 'f', 2)
                    .arg(ratio <= 1.3 ? QString() : QStringLiteral(" OFF TARGET"));
    out.flush();
    return ratio <= 1.3;
}

bool measureKeys(QTextStream &out)
{
    QList<QByteArray> figures;
    for (const QByteArray &line : runChildOutput(QStringLiteral("keys")).split('\n')) {
        if (line.startsWith("KEYS "))
            figures = line.split(' ');
    }
    if (figures.size() < 5) {
        out << "BOARD KEYS: THE BOARD DID NOT OPEN\n";
        return false;
    }
    out << QStringLiteral("\nOpen board of %1 rows × 3 styles, %2 live grids, main-thread ms "
                          "(median of 60, with what each posts):\n"
                          "arrow left/right %3, arrow up/down %4, setRows with nothing changed "
                          "%5\n")
                    .arg(kBoardRows)
                    .arg(QString::fromLatin1(figures.at(4)), QString::fromLatin1(figures.at(1)),
                         QString::fromLatin1(figures.at(2)), QString::fromLatin1(figures.at(3)));
    out.flush();
    return true;
}

} // namespace BenchBatchBoard
