#pragma once

// Runs the real previewdeck-cli executable (PREVIEWDECK_CLI_EXE) as a script would, for the CLI
// suites: its own data (history, settings) kept inside the test's folder.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

namespace CliTest {

// What one run of the CLI left: its exit code (-1 when it crashed or was killed) and output.
struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    // The rows of a `batch ... --json` answer.
    QJsonArray rows() const { return json().value(QLatin1String("rows")).toArray(); }
    // `field` of the first item of the JSON answer's array `list`.
    QString firstOf(const char *list, const char *field) const
    {
        return json()
                .value(QLatin1String(list))
                .toArray()
                .first()
                .toObject()
                .value(QLatin1String(field))
                .toString();
    }
    // Where a `render --wait --json` saved the video.
    QString savedPath() const
    {
        return json()
                .value(QLatin1String("download"))
                .toObject()
                .value(QLatin1String("path"))
                .toString();
    }
};

// The system's environment with an account's API ID and key, as a script would set them.
inline QProcessEnvironment accountEnvironment(const QString &apiId, const QString &apiKey)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CREATIFY_API_ID"), apiId);
    env.insert(QStringLiteral("CREATIFY_API_KEY"), apiKey);
    return env;
}

class CliRunner
{
public:
    // The CLI's data goes under `dataRoot` (the test's folder).
    void setDataRoot(const QString &dataRoot) { m_dataRoot = dataRoot; }

    // Starts the CLI with `env` (the system's when empty); `parent` owns the process.
    QProcess *start(const QStringList &args, const QProcessEnvironment &env = {},
                    QObject *parent = nullptr) const
    {
        auto *process = new QProcess(parent);
        QProcessEnvironment environment = env.isEmpty() ? QProcessEnvironment::systemEnvironment()
                                                        : env;
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dataRoot + QStringLiteral("/data"));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                           m_dataRoot + QStringLiteral("/config"));
        process->setProcessEnvironment(environment);
        process->start(QStringLiteral(PREVIEWDECK_CLI_EXE), args);
        return process;
    }

    // Waits for `process` to end (killed after `timeoutMs`) and reads what it left. The event
    // loop keeps running meanwhile: a sandbox in the test process answers from it.
    static Run finish(QProcess *process, int timeoutMs = 60000)
    {
        if (!QTest::qWaitFor([&] { return process->state() == QProcess::NotRunning; }, timeoutMs)) {
            process->kill();
            process->waitForFinished();
            qWarning("previewdeck-cli %s did not finish",
                     qPrintable(process->arguments().join(QLatin1Char(' '))));
        }
        Run run;
        run.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
        run.out = process->readAllStandardOutput();
        run.err = process->readAllStandardError();
        process->deleteLater();
        return run;
    }

    Run run(const QStringList &args, const QProcessEnvironment &env = {},
            int timeoutMs = 60000) const
    {
        return finish(start(args, env), timeoutMs);
    }

    // SIGKILL, as a crash would stop it: no chance to tidy up. False if it did not end.
    static bool kill(QProcess *process)
    {
        process->kill();
        const bool ended = QTest::qWaitFor([&] { return process->state() == QProcess::NotRunning; },
                                           10000);
        process->deleteLater();
        return ended;
    }

private:
    QString m_dataRoot;
};

} // namespace CliTest
