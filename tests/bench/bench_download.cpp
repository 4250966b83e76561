// Downloads a 512 MiB blob from a standalone sandbox with curl and with DownloadManager, and
// prints throughput, the ratio and this process's peak memory growth. Not a ctest test.
//   bench_download [--size-mib N] [--runs N]

#include "downloadmanager.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>

#include <cstdio>

using namespace PreviewDeck;

namespace {

qint64 vmHwmKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

// Spot-checks the sandbox's blob pattern (byte i == (i * 31 + 7) % 251) at a few offsets.
bool looksRight(const QString &path, qint64 size)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || f.size() != size)
        return false;
    for (qint64 pos : {qint64(0), size / 3, size / 2 + 12345, size - 4096}) {
        f.seek(pos);
        const QByteArray chunk = f.read(4096);
        for (int i = 0; i < chunk.size(); ++i) {
            if (uchar(chunk.at(i)) != uchar(((pos + i) * 31 + 7) % 251))
                return false;
        }
    }
    return true;
}

double mibPerSecond(qint64 bytes, qint64 ms)
{
    return ms > 0 ? double(bytes) / (1024.0 * 1024.0) / (double(ms) / 1000.0) : 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int sizeMiB = 512;
    int runs = 3;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--size-mib"))
            sizeMiB = args.at(i + 1).toInt();
        else if (args.at(i) == QLatin1String("--runs"))
            runs = args.at(i + 1).toInt();
    }
    const qint64 size = qint64(sizeMiB) * 1024 * 1024;

    QTemporaryDir tmp;
    if (!tmp.isValid()) {
        std::fprintf(stderr, "no temp dir\n");
        return 1;
    }

    const quint16 port = freePort();
    QProcess sandbox;
    sandbox.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    sandbox.start(QStringLiteral(PREVIEWDECK_SANDBOX_EXE),
                  {QStringLiteral("--port"), QString::number(port), QStringLiteral("--blob"),
                   QStringLiteral("big:%1M").arg(sizeMiB)});
    if (!sandbox.waitForStarted(10000)) {
        std::fprintf(stderr, "cannot start %s\n", PREVIEWDECK_SANDBOX_EXE);
        return 1;
    }
    // The sandbox prints its URL(s) on start; take the blob's if printed, else the base URL.
    static const QRegularExpression blobRe(QStringLiteral(R"((https?://\S+/media/blob/big)\b)"));
    static const QRegularExpression baseRe(QStringLiteral(R"((https?://[^\s/]+))"));
    QByteArray printed;
    QUrl url;
    QElapsedTimer wait;
    wait.start();
    while (url.isEmpty() && wait.elapsed() < 15000 && sandbox.waitForReadyRead(15000)) {
        printed += sandbox.readAllStandardOutput();
        const QString text = QString::fromUtf8(printed);
        if (const auto m = blobRe.match(text); m.hasMatch())
            url = QUrl(m.captured(1));
        else if (const auto b = baseRe.match(text); b.hasMatch() && text.contains(u'\n'))
            url = QUrl(b.captured(1) + QStringLiteral("/media/blob/big"));
    }
    if (url.isEmpty()) {
        std::fprintf(stderr, "sandbox printed no URL: %s\n", printed.constData());
        return 1;
    }
    std::printf("sandbox: %s (%d MiB blob)\n", qPrintable(url.toString()), sizeMiB);

    // curl and DownloadManager runs alternate, so both see the same background load.
    const auto runCurl = [&](int run) -> qint64 {
        const QString file = tmp.filePath(QStringLiteral("curl.bin"));
        QElapsedTimer t;
        t.start();
        const int rc = QProcess::execute(
                QStringLiteral("curl"),
                {QStringLiteral("-s"), QStringLiteral("-o"), file, url.toString()});
        const qint64 ms = t.elapsed();
        if (rc != 0 || QFileInfo(file).size() != size) {
            std::fprintf(stderr, "curl failed (rc %d)\n", rc);
            return -1;
        }
        QFile::remove(file);
        std::printf("curl run %d: %lld ms, %.1f MiB/s\n", run + 1, ms, mibPerSecond(size, ms));
        return ms;
    };
    const auto runManager = [&](int run) -> qint64 {
        DownloadManager manager;
        DownloadRequest req;
        req.url = url;
        req.targetPath = tmp.filePath(QStringLiteral("dm.bin"));
        req.expectedSize = size;
        QElapsedTimer t;
        t.start();
        DownloadJob *job = manager.enqueue(req);
        job->setAutoDelete(false); // read below
        QEventLoop loop; // fine in a benchmark's main(), never in library code
        QObject::connect(job, &DownloadJob::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const qint64 ms = t.elapsed();
        if (job->error().isError() || !looksRight(job->targetPath(), size)) {
            std::fprintf(stderr, "DownloadManager failed: %s (%s)\n",
                         qPrintable(job->errorMessage()), qPrintable(job->error().detail));
            return -1;
        }
        QFile::remove(job->targetPath());
        std::printf("DownloadManager run %d: %lld ms, %.1f MiB/s\n", run + 1, ms,
                    mibPerSecond(size, ms));
        return ms;
    };

    const qint64 hwmBefore = vmHwmKiB();
    qint64 curlBest = -1;
    qint64 dmBest = -1;
    for (int run = 0; run < runs; ++run) {
        const qint64 curlMs = runCurl(run);
        const qint64 dmMs = runManager(run);
        if (curlMs < 0 || dmMs < 0)
            return 1;
        if (curlBest < 0 || curlMs < curlBest)
            curlBest = curlMs;
        if (dmBest < 0 || dmMs < dmBest)
            dmBest = dmMs;
    }
    const qint64 hwmAfter = vmHwmKiB();

    sandbox.terminate();
    if (!sandbox.waitForFinished(5000))
        sandbox.kill();
    sandbox.waitForFinished(2000);

    const double curlRate = mibPerSecond(size, curlBest);
    const double dmRate = mibPerSecond(size, dmBest);
    const double ratio = curlRate > 0 ? dmRate / curlRate : 0;
    const double growthMiB = double(hwmAfter - hwmBefore) / 1024.0;
    std::printf("\ncurl (best of %d):            %.1f MiB/s\n", runs, curlRate);
    std::printf("DownloadManager (best of %d): %.1f MiB/s\n", runs, dmRate);
    std::printf("ratio: %.2fx curl (target >= 0.90) %s\n", ratio, ratio >= 0.9 ? "OK" : "SLOW");
    std::printf("peak memory growth (VmHWM): %.1f MiB (before %lld KiB, after %lld KiB; target "
                "< 64 MiB) %s\n",
                growthMiB, hwmBefore, hwmAfter, growthMiB < 64 ? "OK" : "HIGH");
    return 0;
}
