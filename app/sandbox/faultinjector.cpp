#include "faultinjector.h"

#include <QRegularExpression>

namespace Sandbox {

namespace {

bool isJobKind(Fault::Kind k)
{
    return k == Fault::Kind::JobFailed || k == Fault::Kind::JobRejected;
}

bool parseInt(const QString &v, qint64 min, qint64 *out)
{
    bool ok = false;
    const qint64 n = v.toLongLong(&ok);
    if (!ok || n < min)
        return false;
    *out = n;
    return true;
}

} // namespace

bool Fault::fromSpec(const QString &spec, Fault *out, QString *error)
{
    auto fail = [error](const QString &msg) {
        if (error)
            *error = msg;
        return false;
    };
    const QStringList parts = spec.split(QLatin1Char(','));
    const QString kindName = parts.value(0).trimmed().toLower();
    Fault f;
    static const QList<QPair<QString, Kind>> kinds = {
            {QStringLiteral("rate-limit"), Kind::RateLimit},
            {QStringLiteral("server-error"), Kind::ServerError},
            {QStringLiteral("html"), Kind::HtmlError},
            {QStringLiteral("slow"), Kind::Slow},
            {QStringLiteral("drop"), Kind::DropConnection},
            {QStringLiteral("lose-response"), Kind::LoseResponse},
            {QStringLiteral("job-failed"), Kind::JobFailed},
            {QStringLiteral("job-rejected"), Kind::JobRejected},
    };
    bool known = false;
    for (const auto &k : kinds) {
        if (k.first == kindName) {
            f.kind = k.second;
            known = true;
        }
    }
    if (!known)
        return fail(QStringLiteral("unknown fault kind \"%1\"").arg(kindName));
    if (f.kind == Kind::HtmlError)
        f.status = 502;

    for (int i = 1; i < parts.size(); ++i) {
        const QString part = parts.at(i).trimmed();
        const int eq = part.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return fail(QStringLiteral("expected key=value, got \"%1\"").arg(part));
        const QString key = part.left(eq).trimmed().toLower();
        const QString value = part.mid(eq + 1).trimmed();
        qint64 n = 0;
        if (key == QLatin1String("method")) {
            f.method = value.toUpper().toLatin1();
        } else if (key == QLatin1String("path")) {
            if (!QRegularExpression(value).isValid())
                return fail(QStringLiteral("invalid path regex \"%1\"").arg(value));
            f.pathPattern = value;
        } else if (key == QLatin1String("body")) {
            if (!QRegularExpression(value).isValid())
                return fail(QStringLiteral("invalid body regex \"%1\"").arg(value));
            f.bodyPattern = value;
        } else if (key == QLatin1String("skip")) {
            if (!parseInt(value, 0, &n))
                return fail(QStringLiteral("skip must be a number >= 0"));
            f.skip = int(n);
        } else if (key == QLatin1String("count")) {
            if (!parseInt(value, -1, &n) || n == 0)
                return fail(QStringLiteral("count must be >= 1 or -1"));
            f.count = int(n);
        } else if (key == QLatin1String("every")) {
            if (!parseInt(value, 1, &n))
                return fail(QStringLiteral("every must be a number >= 1"));
            f.every = int(n);
        } else if (key == QLatin1String("retry-after")) {
            if (!parseInt(value, 0, &n))
                return fail(QStringLiteral("retry-after must be a number >= 0"));
            f.retryAfterSeconds = int(n);
        } else if (key == QLatin1String("status")) {
            if (!parseInt(value, 100, &n) || n > 599)
                return fail(QStringLiteral("status must be an HTTP status"));
            f.status = int(n);
        } else if (key == QLatin1String("delay-ms")) {
            if (!parseInt(value, 0, &n))
                return fail(QStringLiteral("delay-ms must be a number >= 0"));
            f.delayMs = int(n);
        } else if (key == QLatin1String("after")) {
            if (!parseInt(value, 0, &n))
                return fail(QStringLiteral("after must be a number >= 0"));
            f.dropAfterBytes = n;
        } else if (key == QLatin1String("reason")) {
            f.reason = value;
        } else {
            return fail(QStringLiteral("unknown fault option \"%1\"").arg(key));
        }
    }
    if (out)
        *out = f;
    return true;
}

void FaultInjector::add(const Fault &fault)
{
    m_entries.append(Entry{fault});
}

void FaultInjector::clear()
{
    m_entries.clear();
}

bool FaultInjector::matches(const Fault &f, const QByteArray &method, const QString &path,
                            const QByteArray &body)
{
    if (!f.method.isEmpty() && f.method.compare(method, Qt::CaseInsensitive) != 0)
        return false;
    if (!f.pathPattern.isEmpty() && !QRegularExpression(f.pathPattern).match(path).hasMatch())
        return false;
    return f.bodyPattern.isEmpty()
            || QRegularExpression(f.bodyPattern).match(QString::fromUtf8(body)).hasMatch();
}

bool FaultInjector::fires(Entry &e)
{
    const int index = e.seen++;
    if (index < e.fault.skip)
        return false;
    if ((index - e.fault.skip) % qMax(1, e.fault.every) != 0)
        return false;
    if (e.fault.count >= 0 && e.hits >= e.fault.count)
        return false;
    ++e.hits;
    return true;
}

bool FaultInjector::matchTransport(const QByteArray &method, const QString &path,
                                   const QByteArray &body, Fault *hit, int *delayMs)
{
    bool found = false;
    for (auto &e : m_entries) {
        if (isJobKind(e.fault.kind) || !matches(e.fault, method, path, body))
            continue;
        if (e.fault.kind == Fault::Kind::Slow) {
            if (fires(e))
                *delayMs += e.fault.delayMs;
            continue;
        }
        if (found)
            continue; // one answering fault per request; later ones keep their schedule
        if (fires(e)) {
            *hit = e.fault;
            found = true;
        }
    }
    return found;
}

bool FaultInjector::matchJob(const QByteArray &method, const QString &path, const QByteArray &body,
                             Fault *hit)
{
    for (auto &e : m_entries) {
        if (isJobKind(e.fault.kind) && matches(e.fault, method, path, body) && fires(e)) {
            *hit = e.fault;
            return true;
        }
    }
    return false;
}

} // namespace Sandbox
