#include "commandgroup.h"

#include "commandhost.h"
#include "engine.h"
#include "requestcheck.h"
#include "store.h"

#include <QCommandLineParser>

namespace PreviewDeck {

CommandGroup::CommandGroup(CommandHost &host, WorkFollower &follower, QObject *parent)
    : QObject(parent), m_host(host), m_follower(follower)
{
}

Engine *CommandGroup::engine() const
{
    return m_host.engine();
}

CliOutput &CommandGroup::out() const
{
    return m_host.out();
}

bool CommandGroup::isSet(const char *option) const
{
    return m_host.options().isSet(QString::fromLatin1(option));
}

QString CommandGroup::value(const char *option) const
{
    return m_host.options().value(QString::fromLatin1(option));
}

QStringList CommandGroup::values(const char *option) const
{
    return m_host.options().values(QString::fromLatin1(option));
}

PreviewListRequest CommandGroup::singleVideoOptions() const
{
    PreviewListRequest request;
    request.visualStyles = value("styles").split(QLatin1Char(','), Qt::SkipEmptyParts);
    request.aspectRatio = value("aspect");
    request.videoLength = value("length").toInt();
    request.language = value("language");
    request.modelVersion = value("model");
    request.scriptStyle = value("script-style");
    request.targetPlatform = value("platform");
    request.targetAudience = value("audience");
    request.name = value("name");
    return request;
}

qint64 CommandGroup::resolveJob(const QString &idOrLocalId) const
{
    const Store *store = engine()->store();
    if (const auto job = store->jobByRemoteId(idOrLocalId))
        return job->localId;
    bool ok = false;
    const qint64 localId = idOrLocalId.toLongLong(&ok);
    if (ok && store->job(localId))
        return localId;
    return 0;
}

bool CommandGroup::refused(const QList<InputProblem> &problems)
{
    if (problems.isEmpty())
        return false;
    m_host.usage(tr("Nothing was sent: %1").arg(RequestCheck::summary(problems)));
    return true;
}

} // namespace PreviewDeck
