// Memory and load time of the preview grid (one QWebEngineView per preview) against one web
// view showing the same previews as iframes of a single page. Not a test: prints figures.
//
//   bench_grid            runs every configuration, each in a fresh child process
//   bench_grid --child MODE N FLAGS FILE   (internal) one measurement; MODE grid|lazy|iframes
//
// Run offscreen: QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 ./bench_grid

#include "coretesthelpers.h"
#include "gridloader.h"
#include "previewgrid.h"
#include "previewtile.h"
#include "webprofile.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QWebEngineView>

#include <cstdio>

using namespace PreviewDeck;

namespace {

constexpr int kTileWidth = 240; // what the grid gives a 9x16 tile
constexpr int kSettleMs = 2000; // pages keep working (videos start) after "loaded"

// A real event loop until `done` holds (bench code only): a sleeping wait such as
// QTest::qWaitFor starves the in-process sandbox that streams the pages' media.
template<typename Pred>
bool waitUntil(Pred done, int timeoutMs)
{
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    poll.start(20);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!done())
        loop.exec();
    return done();
}

void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

struct Figures
{
    qint64 ms = -1;
    double mb = 0;
    int processes = 0;
    int views = 0;
};

// PSS of this process and every child (the web-engine processes), via the shared tool.
QPair<int, double> pssTree()
{
    QProcess p;
    p.start(QStringLiteral("/work/shared/tools/pss-tree"),
            {QString::number(QCoreApplication::applicationPid())});
    p.waitForFinished(20000);
    const QString out = QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed();
    int processes = 0;
    double kib = 0;
    for (const QString &part : out.split(QLatin1Char(' '))) {
        if (part.startsWith(QLatin1String("processes=")))
            processes = part.mid(10).toInt();
        else if (part.startsWith(QLatin1String("pss_kib=")))
            kib = part.mid(8).toDouble();
    }
    return {processes, kib / 1024.0};
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

// A sandbox in this process with 16 previews; writes them to `file` (key, title, ratio, URL).
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
    std::unique_ptr<CreatePreviewListJob> create(TestHelpers::runToEnd(
            new CreatePreviewListJob(&client, TestHelpers::previewRequest(linkId, styles))));
    if (!create->succeeded()) {
        std::fprintf(stderr, "preview list: %s\n", qPrintable(create->error().message()));
        return false;
    }
    VideoJob job;
    if (!waitUntil(
                [&] {
                    std::unique_ptr<GetVideoJobJob> get(
                            TestHelpers::runToEnd(new GetVideoJobJob(&client, create->job().id)));
                    job = get->job();
                    return job.status == JobStatus::Done;
                },
                30000))
        return false;
    {
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly))
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

    void print() const
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
    for (const bool flags : {true, false}) {
        for (const int n : {1, 9, 16}) {
            runner.steps.append({QStringLiteral("grid"), n, flags});
            runner.steps.append({QStringLiteral("iframes"), n, flags});
        }
        runner.steps.append({QStringLiteral("lazy"), 16, flags});
    }
    runner.next();
    return app.exec();
}
