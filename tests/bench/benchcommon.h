#pragma once

// Helpers the web-view benchmarks share (bench_grid, bench_batch's board). Bench code only.

#include "grid/web/previewgrid.h"
#include "grid/web/previewtile.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QPair>
#include <QProcess>
#include <QString>
#include <QTimer>

namespace BenchCommon {

// A real event loop until `done` holds: a sleeping wait such as QTest::qWaitFor starves the
// in-process sandbox that serves the pages and streams their media.
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

inline void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// Processes and PSS in MB of this process and every child (the web-engine processes), via the
// shared tool.
inline QPair<int, double> pssTree()
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

// Every tile that has a page has loaded and been fitted, and (if `frozen`) is frozen; `views`
// (when given) gets the tiles with a page added.
inline bool settled(const PreviewDeck::PreviewGrid &grid, bool frozen, int *views = nullptr)
{
    for (int i = 0; i < grid.tileCount(); ++i) {
        const PreviewDeck::PreviewTile *t = grid.tileAt(i);
        if (!t->hasView())
            continue;
        if (views)
            ++*views;
        if (!t->isLoaded() || !t->isFitted() || (frozen && !t->isFrozen()))
            return false;
    }
    return true;
}

} // namespace BenchCommon
