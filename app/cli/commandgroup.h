#pragma once

#include "apitypes.h"

#include <QObject>
#include <QStringList>

namespace PreviewDeck {

struct InputProblem;
class CliOutput;
class CommandHost;
class Engine;
class WorkFollower;

// The base of a group of commands: the host a command works and ends through, the follower it
// hands its waits to, and short ways to read the command line.
class CommandGroup : public QObject
{
    Q_OBJECT
public:
    CommandGroup(CommandHost &host, WorkFollower &follower, QObject *parent);

protected:
    CommandHost &host() const { return m_host; }
    WorkFollower &follower() const { return m_follower; }
    Engine *engine() const;
    CliOutput &out() const;

    bool isSet(const char *option) const;
    QString value(const char *option) const;
    QStringList values(const char *option) const;
    // --styles, --aspect, --length, --language, --model, … as a preview request (no link).
    PreviewListRequest singleVideoOptions() const;
    // A job named by its Creatify id or by its number in this computer's history; 0 if neither.
    qint64 resolveJob(const QString &idOrLocalId) const;
    // When a request has problems, ends the run as bad usage (nothing was sent): true.
    bool refused(const QList<InputProblem> &problems);

private:
    CommandHost &m_host;
    WorkFollower &m_follower;
};

} // namespace PreviewDeck
