// Figures of the preview grid (one QWebEngineView per preview). Not a test: prints figures.
//  - compare: memory and load time against one web view showing the same previews as iframes
//    of a single page, with and without the recommended Chromium flags;
//  - cpu: CPU of the whole process tree over 10 s with 9 loaded tiles paused (frozen), then
//    with all 9 playing;
//  - memory: PSS of all processes with 9, 16 and 28 tiles loaded and paused in a 1600 x 1000
//    grid (28 do not fit: the grid is scrolled through so that every page loads).
//
//   bench_grid [compare] [cpu] [memory]   runs those sections (all by default), each
//                                         measurement in a fresh child process
//   bench_grid --child MODE N FLAGS FILE  (internal) one measurement;
//                                         MODE grid|lazy|iframes|cpu|memory
//
// Run offscreen: QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 ./bench_grid

#include "benchcommon.h"
#include "coretesthelpers.h"
#include "grid/gridloader.h"
#include "grid/web/previewgrid.h"
#include "grid/web/previewtile.h"
#include "grid/web/webprofile.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEnterEvent>
#include <QEventLoop>
#include <QTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QWebEngineView>

#include <cstdio>
#include <memory>
#include <unistd.h>

using namespace PreviewDeck;
using BenchCommon::pssTree;
using BenchCommon::settled;
using BenchCommon::spin;
using BenchCommon::waitUntil;

namespace {

constexpr int kTileWidth = 240; // what the grid gives a 9x16 tile
constexpr int kSettleMs = 2000; // pages keep working (videos start) after "loaded"

struct Figures
{
    qint64 ms = -1;
    double mb = 0;
    int processes = 0;
    int views = 0;
    double cpuPaused = -1; // % of one core
    double cpuLive = -1; // paused, but every page kept live (the pointer over it)
    double cpuPausedAgain = -1; // frozen again after that
    double cpuPlaying = -1;
    int playing = 0; // tiles whose videos played during the measurement
    int columns = 0;
};

constexpr QSize kWindow(1600, 1000);
constexpr int kCpuSeconds = 10;
constexpr int kCpuSettleMs = 5000; // before each CPU measurement: loading's after-work is over

// utime + stime (clock ticks) of a process and all its descendants (the web-engine processes),
// from /proc/<pid>/stat; the same tree as /work/shared/tools/pss-tree.
qint64 cpuTicksOfTree(qint64 root)
{
    QHash<qint64, QList<qint64>> children;
    QHash<qint64, qint64> ticks;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (!ok)
            continue;
        QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray stat = f.readAll();
        // "pid (comm) state ppid ..."; comm may hold spaces, so count from the last ')'.
        const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
        if (fields.size() < 13)
            continue;
        children[fields.at(1).toLongLong()].append(pid);
        ticks.insert(pid, fields.at(11).toLongLong() + fields.at(12).toLongLong());
    }
    qint64 total = 0;
    QList<qint64> todo{root};
    while (!todo.isEmpty()) {
        const qint64 pid = todo.takeLast();
        total += ticks.value(pid);
        todo += children.value(pid);
    }
    return total;
}

// Share of one core the process tree used while the event loop ran for `seconds`.
double cpuPercent(int seconds)
{
    const qint64 pid = QCoreApplication::applicationPid();
    const qint64 before = cpuTicksOfTree(pid);
    QElapsedTimer timer;
    timer.start();
    spin(seconds * 1000);
    const qint64 used = cpuTicksOfTree(pid) - before;
    return 100.0 * double(used) / double(sysconf(_SC_CLK_TCK)) / (timer.elapsed() / 1000.0);
}

// Runs a script in a page (main world) and waits for its value with a real event loop.
QVariant evalJs(QWebEnginePage *page, const QString &script)
{
    auto result = std::make_shared<QPair<bool, QVariant>>(false, QVariant());
    page->runJavaScript(script, [result](const QVariant &v) {
        result->first = true;
        result->second = v;
    });
    waitUntil([&] { return result->first; }, 10000);
    return result->second;
}

// Tiles whose page is live and whose videos all play (not paused, past time 0).
int tilesPlaying(const PreviewGrid &grid)
{
    int n = 0;
    for (int i = 0; i < grid.tileCount(); ++i) {
        PreviewTile *t = grid.tileAt(i);
        if (!t->hasView() || t->isFrozen())
            continue;
        const QVariantList v
                = evalJs(t->page(),
                         QStringLiteral(
                                 "Array.from(document.querySelectorAll('video'))"
                                 ".map(function (v) { return v.paused ? -1 : v.currentTime; })"))
                          .toList();
        bool all = !v.isEmpty();
        for (const QVariant &time : v)
            all = all && time.toDouble() > 0;
        n += all ? 1 : 0;
    }
    return n;
}

int viewsOf(const PreviewGrid &grid)
{
    int n = 0;
    for (int i = 0; i < grid.tileCount(); ++i)
        n += grid.tileAt(i)->hasView() ? 1 : 0;
    return n;
}

QList<PreviewTileInfo> readPreviews(const QString &file, int n)
{
    QList<PreviewTileInfo> infos;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return infos;
    QTextStream in(&f);
    while (!in.atEnd() && infos.size() < n) {
        const QStringList parts = in.readLine().split(QLatin1Char('\t'));
        if (parts.size() == 4)
            infos.append({parts.at(0), parts.at(1), parts.at(2), QUrl(parts.at(3))});
    }
    return infos;
}

// A sandbox in this process with 32 previews; writes them to `file` (key, title, ratio, URL).
bool makePreviews(Sandbox::SandboxServer &sandbox, const QString &file)
{
    sandbox.setStepIntervalMs(10);
    if (!sandbox.listen())
        return false;
    ApiClient client;
    TestHelpers::pointAt(&client, sandbox);
    const QString linkId = TestHelpers::createLink(&client);
    const QStringList styles = {QStringLiteral("AvatarBubbleTemplate"),
                                QStringLiteral("DramaticTemplate"),
                                QStringLiteral("DynamicProductTemplate"),
                                QStringLiteral("EnhancedVanillaTemplate"),
                                QStringLiteral("FullScreenTemplate"),
                                QStringLiteral("MotionCardsTemplate"),
                                QStringLiteral("OverCardsTemplate"),
                                QStringLiteral("SideBySideTemplate"),
                                QStringLiteral("TwitterFrameTemplate"),
                                QStringLiteral("VanillaTemplate"),
                                QStringLiteral("VlogTemplate"),
                                QStringLiteral("ScribbleTemplate"),
                                QStringLiteral("QuickTransitionTemplate"),
                                QStringLiteral("LegoTemplate"),
                                QStringLiteral("GreenScreenEffectTemplate"),
                                QStringLiteral("SimpleAvatarOverlayTemplate")};
    // Two jobs of 16 styles: 32 distinct previews.
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    for (int round = 0; round < 2; ++round) {
        std::unique_ptr<CreatePreviewListJob> create(TestHelpers::runToEnd(
                new CreatePreviewListJob(&client, TestHelpers::previewRequest(linkId, styles))));
        if (!create->succeeded()) {
            std::fprintf(stderr, "preview list: %s\n", qPrintable(create->error().message()));
            return false;
        }
        VideoJob job;
        if (!waitUntil(
                    [&] {
                        std::unique_ptr<GetVideoJobJob> get(TestHelpers::runToEnd(
                                new GetVideoJobJob(&client, create->job().id)));
                        job = get->job();
                        return job.status == JobStatus::Done;
                    },
                    30000))
            return false;
        for (const Preview &p : std::as_const(job.previews))
            f.write(QStringLiteral("%1\t%2\t%3\t%4\n")
                            .arg(p.mediaJob, p.visualStyle, p.aspectRatio, p.url.toString())
                            .toUtf8());
    }
    return true;
}

int runChild(const QString &mode, int n, const QString &file)
{
    // Own sandbox: the pages are served by this process's event loop, for grid and reference
    // alike (a sandbox in a parent that blocks would starve them).
    Sandbox::SandboxServer sandbox;
    if (!makePreviews(sandbox, file))
        return 2;
    const QList<PreviewTileInfo> infos = readPreviews(file, n);
    if (infos.size() != n) {
        std::fprintf(stderr, "only %d previews\n", int(infos.size()));
        return 2;
    }
    const int columns = qMin(n, 4);
    const int rows = (n + columns - 1) / columns;
    Figures fig;
    QElapsedTimer timer;

    // Warm-up: start the web engine (browser process, GPU thread) outside the timed part.
    {
        QWebEngineView warm;
        warm.resize(200, 200);
        warm.show();
        bool done = false;
        QObject::connect(&warm, &QWebEngineView::loadFinished, [&] { done = true; });
        warm.setHtml(QStringLiteral("<p>warm</p>"));
        if (!waitUntil([&] { return done; }, 30000))
            return 3;
    }
    spin(500);

    if (mode == QLatin1String("cpu") || mode == QLatin1String("memory")) {
        PreviewGrid grid;
        grid.resize(kWindow);
        timer.start();
        grid.setPreviews(infos);
        grid.show();
        // A grid taller than the window is scrolled through, a screen at a time, so that every
        // page loads (and those scrolled away freeze).
        QScrollBar *bar = grid.scrollArea()->verticalScrollBar();
        while (true) {
            if (!waitUntil([&] { return settled(grid, false); }, 60000))
                return 4;
            if (bar->value() >= bar->maximum())
                break;
            bar->setValue(bar->value() + bar->pageStep());
        }
        fig.ms = timer.elapsed();
        if (!waitUntil([&] { return settled(grid, true); }, 60000))
            return 5;
        fig.views = viewsOf(grid);
        fig.columns = grid.columnCount();
        spin(kSettleMs);
        if (mode == QLatin1String("memory")) {
            const auto pss = pssTree();
            fig.processes = pss.first;
            fig.mb = pss.second;
        } else {
            spin(kCpuSettleMs - kSettleMs);
            fig.cpuPaused = cpuPercent(kCpuSeconds);
            // For comparison: the same paused pages, not frozen (as if the pointer were over
            // each of them).
            for (int i = 0; i < grid.tileCount(); ++i) {
                const QPointF at(5, 5);
                QEnterEvent enter(at, at, at);
                QCoreApplication::sendEvent(grid.tileAt(i), &enter);
            }
            spin(kCpuSettleMs);
            fig.cpuLive = cpuPercent(kCpuSeconds);
            for (int i = 0; i < grid.tileCount(); ++i) {
                QEvent leave(QEvent::Leave);
                QCoreApplication::sendEvent(grid.tileAt(i), &leave);
            }
            // And frozen again, to see the order of the measurements does not matter.
            if (!waitUntil([&] { return settled(grid, true); }, 60000))
                return 6;
            spin(kCpuSettleMs);
            fig.cpuPausedAgain = cpuPercent(kCpuSeconds);
            grid.playAll();
            spin(kSettleMs);
            const int before = tilesPlaying(grid);
            fig.cpuPlaying = cpuPercent(kCpuSeconds);
            fig.playing = qMin(before, tilesPlaying(grid));
            grid.pauseAll();
            fig.processes = pssTree().first;
        }
        std::printf("RESULT %lld %.1f %d %d %.2f %.2f %d %d %.2f %.2f\n",
                    static_cast<long long>(fig.ms), fig.mb, fig.processes, fig.views, fig.cpuPaused,
                    fig.cpuPlaying, fig.playing, fig.columns, fig.cpuLive, fig.cpuPausedAgain);
        return 0;
    }

    if (mode == QLatin1String("grid") || mode == QLatin1String("lazy")) {
        PreviewGrid grid;
        const int tileHeight = int(kTileWidth * 16 / 9) + 40;
        // "grid": every tile on screen. "lazy": a 600 px high window; the rest is scrolled.
        const int height = mode == QLatin1String("grid") ? rows * (tileHeight + 12) + 24 : 600;
        grid.resize(columns * (kTileWidth + 12) + 24 + 20, height);
        timer.start();
        grid.setPreviews(infos);
        grid.show();
        auto created = [&] {
            int c = 0;
            for (int i = 0; i < grid.tileCount(); ++i)
                c += grid.tileAt(i)->hasView() ? 1 : 0;
            return c;
        };
        auto loadedCreated = [&] {
            int c = 0;
            for (int i = 0; i < grid.tileCount(); ++i)
                c += grid.tileAt(i)->isLoaded() ? 1 : 0;
            return c == created();
        };
        if (!waitUntil(loadedCreated, 60000))
            return 4;
        fig.ms = timer.elapsed();
        fig.views = created();
        spin(kSettleMs);
        const auto pss = pssTree();
        fig.processes = pss.first;
        fig.mb = pss.second;
    } else {
        QString html = QStringLiteral("<!DOCTYPE html><html><body style=\"margin:12px\">");
        for (const PreviewTileInfo &info : infos)
            html += QStringLiteral("<iframe src=\"%1\" width=\"%2\" height=\"%3\" "
                                   "style=\"border:1px solid #ccc;margin:4px\"></iframe>")
                            .arg(info.url.toString().toHtmlEscaped())
                            .arg(kTileWidth)
                            .arg(kTileWidth * 16 / 9);
        html += QStringLiteral("</body></html>");
        QWebEngineView view;
        view.setPage(new QWebEnginePage(sharedPreviewProfile(), &view));
        view.resize(columns * (kTileWidth + 12) + 24 + 20, rows * (kTileWidth * 16 / 9 + 16) + 24);
        bool done = false;
        // The main frame's load event waits for every iframe.
        QObject::connect(&view, &QWebEngineView::loadFinished, [&] { done = true; });
        timer.start();
        view.show();
        view.setHtml(html, infos.first().url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery));
        if (!waitUntil([&] { return done; }, 60000))
            return 4;
        fig.ms = timer.elapsed();
        fig.views = 1;
        spin(kSettleMs);
        const auto pss = pssTree();
        fig.processes = pss.first;
        fig.mb = pss.second;
    }
    std::printf("RESULT %lld %.1f %d %d\n", static_cast<long long>(fig.ms), fig.mb, fig.processes,
                fig.views);
    return 0;
}

Figures parseResult(const QByteArray &output)
{
    Figures fig;
    for (const QByteArray &line : output.split('\n')) {
        if (!line.startsWith("RESULT "))
            continue;
        const QList<QByteArray> v = line.split(' ');
        fig.ms = v.value(1).toLongLong();
        fig.mb = v.value(2).toDouble();
        fig.processes = v.value(3).toInt();
        fig.views = v.value(4).toInt();
        fig.cpuPaused = v.value(5, "-1").toDouble();
        fig.cpuPlaying = v.value(6, "-1").toDouble();
        fig.playing = v.value(7).toInt();
        fig.columns = v.value(8).toInt();
        fig.cpuLive = v.value(9, "-1").toDouble();
        fig.cpuPausedAgain = v.value(10, "-1").toDouble();
    }
    return fig;
}

// Runs the measurements one child process after another. The sandbox serves the pages from
// this process, so it runs a real event loop meanwhile (a polling wait starves the server).
class Runner : public QObject
{
public:
    struct Step
    {
        QString mode;
        int n;
        bool flags;
    };
    QList<Step> steps;
    QList<Figures> results;
    QString file;

    void next()
    {
        if (results.size() == steps.size()) {
            print();
            QCoreApplication::quit();
            return;
        }
        const Step &s = steps.at(results.size());
        auto *child = new QProcess(this);
        connect(child, &QProcess::finished, this, [this, child, s] {
            Figures fig = parseResult(child->readAllStandardOutput());
            if (fig.ms < 0)
                std::fprintf(stderr, "%s %d failed (exit %d)\n", qPrintable(s.mode), s.n,
                             child->exitCode());
            results.append(fig);
            child->deleteLater();
            next();
        });
        child->start(QCoreApplication::applicationFilePath(),
                     {QStringLiteral("--child"), s.mode, QString::number(s.n),
                      s.flags ? QStringLiteral("flags") : QStringLiteral("noflags"), file});
    }

    Figures find(const QString &mode, int n, bool flags) const
    {
        for (int i = 0; i < results.size(); ++i) {
            const Step &s = steps.at(i);
            if (s.mode == mode && s.n == n && s.flags == flags)
                return results.at(i);
        }
        return {};
    }

    bool has(const QString &mode) const
    {
        for (const Step &s : steps) {
            if (s.mode == mode)
                return true;
        }
        return false;
    }

    void print() const
    {
        if (has(QStringLiteral("grid")))
            printCompare();
        if (has(QStringLiteral("cpu"))) {
            const Figures c = find(QStringLiteral("cpu"), 9, true);
            std::printf("\nCPU of the whole process tree over %d s, 9 tiles in a %d x %d grid "
                        "(%d columns), %% of one core:\n",
                        kCpuSeconds, kWindow.width(), kWindow.height(), c.columns);
            std::printf("  paused (every page frozen): %6.2f %%, measured again later: %.2f %%\n",
                        c.cpuPaused, c.cpuPausedAgain);
            std::printf("  paused, pages kept live (not frozen): %6.2f %%\n", c.cpuLive);
            std::printf("  all playing (%d of 9 seen playing): %6.2f %%\n", c.playing, c.cpuPlaying);
            std::printf("  processes: %d\n", c.processes);
        }
        if (has(QStringLiteral("memory"))) {
            std::printf("\nMemory, all pages loaded and paused (frozen), %d x %d grid, PSS of all "
                        "processes:\n",
                        kWindow.width(), kWindow.height());
            std::printf("%5s | %7s | %5s | %7s | %5s | %s\n", "tiles", "columns", "views", "MB",
                        "procs", "load ms");
            for (const int n : {9, 16, 28}) {
                const Figures m = find(QStringLiteral("memory"), n, true);
                std::printf("%5d | %7d | %5d | %7.0f | %5d | %lld\n", n, m.columns, m.views, m.mb,
                            m.processes, static_cast<long long>(m.ms));
            }
        }
        std::fflush(stdout);
    }

    void printCompare() const
    {
        for (const bool flags : {true, false}) {
            std::printf("\nChromium flags: %s\n",
                        flags ? GridLoader::recommendedChromiumFlags().constData() : "(none)");
            std::printf("%5s | %7s | %7s | %5s | %6s | %6s | %5s | %5s\n", "tiles", "grid ms",
                        "grid MB", "procs", "ref ms", "ref MB", "procs", "ratio");
            for (const int n : {1, 9, 16}) {
                const Figures g = find(QStringLiteral("grid"), n, flags);
                const Figures r = find(QStringLiteral("iframes"), n, flags);
                std::printf("%5d | %7lld | %7.0f | %5d | %6lld | %6.0f | %5d | %5.2f\n", n,
                            static_cast<long long>(g.ms), g.mb, g.processes,
                            static_cast<long long>(r.ms), r.mb, r.processes,
                            r.mb > 0 ? g.mb / r.mb : 0.0);
            }
            const Figures lazy = find(QStringLiteral("lazy"), 16, flags);
            std::printf("16 tiles in a 600 px high window (lazy views): %d views created, "
                        "%lld ms, %.0f MB, %d processes\n",
                        lazy.views, static_cast<long long>(lazy.ms), lazy.mb, lazy.processes);
        }
        std::fflush(stdout);
    }
};

} // namespace

int main(int argc, char **argv)
{
    const bool child = argc >= 6 && qstrcmp(argv[1], "--child") == 0;
    if (child && qstrcmp(argv[4], "flags") == 0)
        GridLoader::applyRecommendedChromiumFlags();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    if (child)
        return runChild(QString::fromLocal8Bit(argv[2]), QByteArray(argv[3]).toInt(),
                        QString::fromLocal8Bit(argv[5]));

    QTemporaryDir dir;
    Runner runner;
    runner.file = dir.filePath(QStringLiteral("previews.tsv"));
    QStringList sections = app.arguments().mid(1);
    if (sections.isEmpty())
        sections = {QStringLiteral("compare"), QStringLiteral("cpu"), QStringLiteral("memory")};
    if (sections.contains(QLatin1String("compare"))) {
        for (const bool flags : {true, false}) {
            for (const int n : {1, 9, 16}) {
                runner.steps.append({QStringLiteral("grid"), n, flags});
                runner.steps.append({QStringLiteral("iframes"), n, flags});
            }
            runner.steps.append({QStringLiteral("lazy"), 16, flags});
        }
    }
    if (sections.contains(QLatin1String("cpu")))
        runner.steps.append({QStringLiteral("cpu"), 9, true});
    if (sections.contains(QLatin1String("memory"))) {
        for (const int n : {9, 16, 28})
            runner.steps.append({QStringLiteral("memory"), n, true});
    }
    runner.next();
    return app.exec();
}
