// Time from launch to an interactive main window: previewdeck (on its built-in sandbox) against
// an empty QMainWindow program built the same way. Target: at most 1.5x. Prints a table.

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

namespace {

qint64 launchUntilReady(const QString &program, const QStringList &arguments,
                        const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    QElapsedTimer timer;
    timer.start();
    process.start(program, arguments);
    qint64 readyAt = -1;
    while (timer.elapsed() < 60000 && readyAt < 0) {
        if (!process.waitForReadyRead(100) && process.state() == QProcess::NotRunning)
            break;
        while (process.canReadLine()) {
            if (process.readLine().trimmed() == "ready") {
                readyAt = timer.elapsed();
                break;
            }
        }
    }
    process.kill();
    process.waitForFinished(5000);
    return readyAt;
}

qint64 median(QList<qint64> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? -1 : values.at(values.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir home;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!environment.contains(QStringLiteral("DISPLAY")))
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("PREVIEWDECK_REPORT_READY"), QStringLiteral("1"));
    environment.insert(QStringLiteral("QTWEBENGINE_DISABLE_SANDBOX"), QStringLiteral("1"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));

    const int runs = 7;
    QList<qint64> app_ms;
    QList<qint64> empty_ms;
    QList<qint64> form_ms;
    // Alternate the two so that both see the same background load; the first run of each
    // warms the page cache and is dropped.
    for (int i = 0; i <= runs; ++i) {
        const qint64 a = launchUntilReady(QStringLiteral(PREVIEWDECK_EXE),
                                          {QStringLiteral("--sandbox")}, environment);
        const qint64 e = launchUntilReady(QStringLiteral(EMPTY_WINDOW_EXE), {}, environment);
        const qint64 f = launchUntilReady(QStringLiteral(EMPTY_WINDOW_EXE),
                                          {QStringLiteral("--form")}, environment);
        if (i == 0)
            continue;
        app_ms << a;
        empty_ms << e;
        form_ms << f;
    }
    const qint64 appMedian = median(app_ms);
    const qint64 emptyMedian = median(empty_ms);
    const qint64 formMedian = median(form_ms);
    const double ratio = emptyMedian > 0 ? double(appMedian) / double(emptyMedian) : -1;
    const double formRatio = emptyMedian > 0 ? double(formMedian) / double(emptyMedian) : -1;
    QTextStream out(stdout);
    out << "platform: "
        << environment.value(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"))
        << ", runs: " << runs << " (median)\n";
    out << "empty QMainWindow          " << emptyMedian << " ms\n";
    out << "QMainWindow, minimal form  " << formMedian << " ms  ("
        << QString::number(formRatio, 'f', 2) << "x the empty one)\n";
    out << "previewdeck                " << appMedian << " ms\n";
    out << "ratio                      " << QString::number(ratio, 'f', 2)
        << "  (target <= 1.50)\n";
    return appMedian > 0 && emptyMedian > 0 ? 0 : 1;
}
