#pragma once

#include "apicredentials.h"
#include "clioutput.h"

#include <QCommandLineParser>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace Sandbox {
class SandboxServer;
}

namespace PreviewDeck {

class ApiJob;
class Engine;
class SpendOperation;

// previewdeck-cli: the core driven from a terminal or a script. run() parses the command line,
// connects to the live API, a given server or an embedded sandbox, and runs one command
// asynchronously; exitRequested() carries the process exit code.
class CliApp : public QObject
{
    Q_OBJECT
public:
    enum ExitCode { Ok = 0, Failed = 1, Usage = 2, TimedOut = 3 };

    explicit CliApp(QObject *parent = nullptr);
    ~CliApp() override;

    void run(const QStringList &arguments);

Q_SIGNALS:
    void exitRequested(int code);

private:
    bool setUp(QString *error);
    static QString profilePath(const QString &profile); // its history database
    void connectAndDispatch();
    void dispatch();
    void finish(int code);
    void fail(const QString &sentence, int code = Failed);
    void usage(const QString &sentence);

    // Runs an API job and hands it to onSuccess, or reports its error and exits.
    void runJob(ApiJob *job, const std::function<void(ApiJob *)> &onSuccess);
    // Reports a spend's outcome: waits out 429s and unresolved answers, and calls onCarryOn
    // with what was bought, now or by an earlier run of the same command.
    void runSpend(SpendOperation *operation, const std::function<void(SpendOperation *)> &onCarryOn);
    // --again / --send-again as the spend guard's repeat options.
    int repeatOptions() const;
    bool confirmSpend(double credits, const QString &what);

    void cmdCredits();
    void cmdLink(const QStringList &args);
    void cmdPreviews(const QStringList &args);
    void cmdJob(const QStringList &args);
    void cmdJobs();
    void cmdRender(const QStringList &args);
    void cmdDownload(const QStringList &args);
    void cmdTemplates();
    void cmdTemplate(const QStringList &args);
    void cmdDemo(const QStringList &args);

    void followPreviews(SpendOperation *op);
    void waitForPreviews(qint64 jobLocalId, const std::function<void()> &then);
    void waitForRender(qint64 renderLocalId);
    void onRenderEnded(qint64 renderLocalId);
    void startDownload(qint64 renderLocalId);
    void printJob(qint64 jobLocalId);
    qint64 resolveJob(const QString &idOrLocalId) const;
    void renderAndWait(qint64 jobLocalId, const QString &mediaJob);

    QCommandLineParser m_parser;
    std::unique_ptr<CliOutput> m_out;
    Engine *m_engine = nullptr;
    Sandbox::SandboxServer *m_sandbox = nullptr;
    QTimer m_deadline;
    QStringList m_positional;
    ApiCredentials m_keychainCredentials;
    bool m_wait = false;
    bool m_finished = false;
};

} // namespace PreviewDeck
