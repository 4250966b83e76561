#pragma once

#include "clioutput.h"
#include "commandhost.h"

#include <QCommandLineParser>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace PreviewDeck {

class ApiJob;
class AppSettings;
class Engine;
class SandboxStarter;
class ServerConnection;
class SpendOperation;
class WorkFollower;

// previewdeck-cli: the core driven from a terminal or a script. run() parses the command line,
// connects to the live API, a given server or an embedded sandbox, and hands one command to its
// group (LinkCommands, PreviewCommands…), which runs it asynchronously through CommandHost;
// exitRequested() carries the process exit code.
class CliApp : public QObject, private CommandHost
{
    Q_OBJECT
public:
    enum ExitCode { Ok = 0, Failed = 1, Usage = 2, TimedOut = 3 };

    // sandbox: starts the built-in sandbox for --sandbox, or when no key is set up.
    explicit CliApp(SandboxStarter *sandbox, QObject *parent = nullptr);
    ~CliApp() override;

    void run(const QStringList &arguments);

Q_SIGNALS:
    void exitRequested(int code);

private:
    void connectAndDispatch();
    void dispatch();
    template<class Group>
    Group *newGroup();
    void finish(int code);
    void failWith(const QString &sentence, int code);

    // CommandHost
    const QCommandLineParser &options() const override { return m_parser; }
    Engine *engine() const override;
    BatchRunner *batchRunner() const override;
    CliOutput &out() const override { return *m_out; }
    bool waits() const override { return m_wait; }
    bool hasFinished() const override { return m_finished; }
    void succeed() override { finish(Ok); }
    void fail(const QString &sentence) override { failWith(sentence, Failed); }
    void usage(const QString &sentence) override { failWith(sentence, Usage); }
    void partlyFailed(const QString &sentence) override;
    void startDeadline() override { m_deadline.start(); }
    bool confirmSpend(double credits, const QString &what, bool buysNothingNew) override;
    SpendGuard::RepeatOptions repeatOptions() const override;
    void runJob(ApiJob *job, const std::function<void(ApiJob *)> &onSuccess) override;
    void runSpend(SpendOperation *operation,
                  const std::function<void(SpendOperation *)> &onCarryOn) override;

    QCommandLineParser m_parser;
    std::unique_ptr<CliOutput> m_out;
    AppSettings *m_settings;
    ServerConnection *m_connection;
    WorkFollower *m_follower = nullptr;
    QTimer m_deadline;
    QStringList m_positional;
    bool m_wait = false;
    bool m_finished = false;
};

} // namespace PreviewDeck
