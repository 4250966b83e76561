#pragma once

#include "spendguard.h"

#include <QString>

#include <functional>

QT_BEGIN_NAMESPACE
class QCommandLineParser;
QT_END_NAMESPACE

namespace PreviewDeck {

class ApiJob;
class BatchRunner;
class CliOutput;
class Engine;
class SpendOperation;

// What a command works through: the options it was given, the engine, the output, and the ways
// a run ends or spends. CliApp provides it; the commands never see how it was set up
// (credentials, sandbox, the --timeout countdown) nor each other.
class CommandHost
{
public:
    virtual const QCommandLineParser &options() const = 0;
    virtual Engine *engine() const = 0;
    // The connection's batch runner, on that engine.
    virtual BatchRunner *batchRunner() const = 0;
    virtual CliOutput &out() const = 0;
    // --wait, or a command that always waits (the demo).
    virtual bool waits() const = 0;
    // Once the run has ended, late signals must neither print nor end it again.
    virtual bool hasFinished() const = 0;

    // Ends the run with exit code 0; the result is printed already.
    virtual void succeed() = 0;
    // One sentence on stderr (and in the --json result), then exit code 1.
    virtual void fail(const QString &sentence) = 0;
    // Exit code 1 after a result was printed (some of many items failed): the sentence goes to
    // stderr, the --json result stays the one printed.
    virtual void partlyFailed(const QString &sentence) = 0;
    // The same with exit code 2: the command line was wrong and nothing was sent.
    virtual void usage(const QString &sentence) = 0;
    // (Re)starts the --timeout countdown for a wait that begins now.
    virtual void startDeadline() = 0;

    // Asks before spending (unless --yes, or in the sandbox); false when the run has ended.
    // Nothing is asked when the command only carries on with an earlier identical purchase
    // (buysNothingNew): nothing new is bought, and runSpend() says so.
    virtual bool confirmSpend(double credits, const QString &what, bool buysNothingNew) = 0;
    // --again / --send-again as the spend guard's repeat options.
    virtual SpendGuard::RepeatOptions repeatOptions() const = 0;
    // Runs an API job and hands it to onSuccess, or reports its error and ends the run.
    virtual void runJob(ApiJob *job, const std::function<void(ApiJob *)> &onSuccess) = 0;
    // Reports a spend's outcome: waits out 429s and unresolved answers, and calls onCarryOn
    // with what was bought, now or by an earlier run of the same command.
    virtual void runSpend(SpendOperation *operation,
                          const std::function<void(SpendOperation *)> &onCarryOn)
            = 0;

protected:
    ~CommandHost() = default;
};

} // namespace PreviewDeck
