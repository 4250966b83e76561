#include "appsettings.h"

#include "settingslogging.h"

#include <QDir>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>

namespace PreviewDeck {

namespace {

const QString kApiMode = QStringLiteral("api/mode");
const QString kCustomApiBase = QStringLiteral("api/customBase");
const QString kDownloadDirectory = QStringLiteral("downloads/directory");
const QString kFileNamePattern = QStringLiteral("downloads/fileNamePattern");
const QString kAutoDownload = QStringLiteral("downloads/auto");
const QString kNotifyOnFinish = QStringLiteral("notifications/onFinish");
const QString kPollInterval = QStringLiteral("polling/intervalSeconds");

// Stored as words, so a hand-edited or older file stays readable.
QString modeToString(AppSettings::ApiMode mode)
{
    switch (mode) {
    case AppSettings::ApiMode::Live:
        return QStringLiteral("live");
    case AppSettings::ApiMode::Custom:
        return QStringLiteral("custom");
    case AppSettings::ApiMode::Sandbox:
        break;
    }
    return QStringLiteral("sandbox");
}

AppSettings::ApiMode modeFromString(const QString &text)
{
    if (text == QLatin1String("live"))
        return AppSettings::ApiMode::Live;
    if (text == QLatin1String("custom"))
        return AppSettings::ApiMode::Custom;
    return AppSettings::ApiMode::Sandbox;
}

QUrl normalizedBase(const QUrl &url)
{
    QUrl base = url.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (base.path() == QLatin1String("/"))
        base.setPath(QString());
    return base;
}

// Leaves room for " (2)" and ".mp4.part" within the common 255-byte file name limit.
constexpr int MaxFileNameBytes = 200;

// Cuts at a code point boundary so that the UTF-8 form fits in maxBytes.
QString truncateUtf8(const QString &text, int maxBytes)
{
    int bytes = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        const char32_t ucs = text.at(i).isHighSurrogate() && i + 1 < text.size()
                ? QChar::surrogateToUcs4(text.at(i), text.at(i + 1))
                : text.at(i).unicode();
        const int width = ucs < 0x80 ? 1 : ucs < 0x800 ? 2 : ucs < 0x10000 ? 3 : 4;
        if (bytes + width > maxBytes)
            break;
        bytes += width;
        i += ucs >= 0x10000 ? 2 : 1;
    }
    return text.left(i);
}

QString sanitizeForFileName(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c == QLatin1Char('/') || c == QLatin1Char('\\')
            || c == QLatin1Char(':') || c == QLatin1Char('*') || c == QLatin1Char('?')
            || c == QLatin1Char('"') || c == QLatin1Char('<') || c == QLatin1Char('>')
            || c == QLatin1Char('|')) {
            out += QLatin1Char('_');
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

AppSettings::AppSettings(QObject *parent)
    : QObject(parent),
      m_settings(std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::UserScope,
                                             QStringLiteral("PreviewDeck"),
                                             QStringLiteral("PreviewDeck")))
{
}

AppSettings::AppSettings(const QString &iniFilePath, QObject *parent)
    : QObject(parent), m_settings(std::make_unique<QSettings>(iniFilePath, QSettings::IniFormat))
{
}

AppSettings::~AppSettings() = default;

AppSettings::ApiMode AppSettings::apiMode() const
{
    return modeFromString(m_settings->value(kApiMode).toString());
}

void AppSettings::setApiMode(ApiMode mode)
{
    const ApiMode before = apiMode();
    if (mode == before)
        return;
    m_settings->setValue(kApiMode, modeToString(mode));
    Q_EMIT changed(Key::ApiMode);
}

QUrl AppSettings::customApiBase() const
{
    return QUrl(m_settings->value(kCustomApiBase).toString(), QUrl::StrictMode);
}

void AppSettings::setCustomApiBase(const QUrl &url)
{
    const QUrl wanted = isUsableApiBase(url) ? normalizedBase(url) : QUrl();
    const QUrl before = customApiBase();
    if (wanted == before)
        return;
    if (url.isValid() && !url.isEmpty() && wanted.isEmpty())
        qCWarning(lcSettings) << "Ignoring unusable custom API base" << url;
    if (wanted.isEmpty())
        m_settings->remove(kCustomApiBase);
    else
        m_settings->setValue(kCustomApiBase, wanted.toString());
    Q_EMIT changed(Key::CustomApiBase);
}

bool AppSettings::isUsableApiBase(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty()
            && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}

QUrl AppSettings::liveApiBase()
{
    return QUrl(QStringLiteral("https://api.creatify.ai"));
}

QUrl AppSettings::effectiveApiBase() const
{
    switch (apiMode()) {
    case ApiMode::Live:
        return liveApiBase();
    case ApiMode::Custom: {
        const QUrl base = customApiBase();
        return isUsableApiBase(base) ? base : QUrl();
    }
    case ApiMode::Sandbox:
        break;
    }
    return QUrl();
}

QString AppSettings::defaultDownloadDirectory()
{
    const QStandardPaths::StandardLocation candidates[] = {QStandardPaths::MoviesLocation,
                                                           QStandardPaths::DownloadLocation,
                                                           QStandardPaths::HomeLocation};
    for (const auto location : candidates) {
        const QString base = QStandardPaths::writableLocation(location);
        if (!base.isEmpty())
            return QDir::cleanPath(base + QStringLiteral("/PreviewDeck"));
    }
    return QDir::cleanPath(QDir::homePath() + QStringLiteral("/PreviewDeck"));
}

QString AppSettings::downloadDirectory() const
{
    const QString stored = m_settings->value(kDownloadDirectory).toString();
    // Unset means "the default", so the default can follow the platform's folders.
    return stored.isEmpty() ? defaultDownloadDirectory() : stored;
}

void AppSettings::setDownloadDirectory(const QString &path)
{
    const QString before = downloadDirectory();
    const QString cleaned = path.trimmed().isEmpty() ? QString() : QDir::cleanPath(path.trimmed());
    if (cleaned.isEmpty())
        m_settings->remove(kDownloadDirectory);
    else
        m_settings->setValue(kDownloadDirectory, cleaned);
    if (downloadDirectory() != before)
        Q_EMIT changed(Key::DownloadDirectory);
}

QString AppSettings::defaultFileNamePattern()
{
    return QStringLiteral("{name} - {style} - {date}");
}

QString AppSettings::fileNamePattern() const
{
    const QString stored = m_settings->value(kFileNamePattern).toString();
    return stored.trimmed().isEmpty() ? defaultFileNamePattern() : stored;
}

void AppSettings::setFileNamePattern(const QString &pattern)
{
    const QString before = fileNamePattern();
    const QString wanted = pattern.trimmed();
    if (wanted.isEmpty() || wanted == defaultFileNamePattern())
        m_settings->remove(kFileNamePattern);
    else
        m_settings->setValue(kFileNamePattern, wanted);
    if (fileNamePattern() != before)
        Q_EMIT changed(Key::FileNamePattern);
}

bool AppSettings::autoDownload() const
{
    return m_settings->value(kAutoDownload, true).toBool();
}

void AppSettings::setAutoDownload(bool enabled)
{
    if (enabled == autoDownload())
        return;
    m_settings->setValue(kAutoDownload, enabled);
    Q_EMIT changed(Key::AutoDownload);
}

bool AppSettings::notifyOnFinish() const
{
    return m_settings->value(kNotifyOnFinish, true).toBool();
}

void AppSettings::setNotifyOnFinish(bool enabled)
{
    if (enabled == notifyOnFinish())
        return;
    m_settings->setValue(kNotifyOnFinish, enabled);
    Q_EMIT changed(Key::NotifyOnFinish);
}

int AppSettings::pollIntervalSeconds() const
{
    bool ok = false;
    const int stored = m_settings->value(kPollInterval).toInt(&ok);
    if (!ok)
        return DefaultPollIntervalSeconds;
    // A hand-edited file must not make the app hammer the API (or never poll).
    return qBound(MinPollIntervalSeconds, stored, MaxPollIntervalSeconds);
}

void AppSettings::setPollIntervalSeconds(int seconds)
{
    const int clamped = qBound(MinPollIntervalSeconds, seconds, MaxPollIntervalSeconds);
    if (clamped == pollIntervalSeconds())
        return;
    m_settings->setValue(kPollInterval, clamped);
    Q_EMIT changed(Key::PollInterval);
}

void AppSettings::sync()
{
    m_settings->sync();
}

QString expandFileName(const QString &pattern, const QMap<QString, QString> &fields)
{
    static const QRegularExpression token(QStringLiteral("\\{([A-Za-z0-9_]+)\\}"));

    // Literal text between two tokens is a separator: it is written only when a value stands
    // on both sides of it, so missing fields leave no " -  - " behind.
    QString result;
    QString pendingSeparator;
    bool haveValue = false;
    bool sawToken = false;
    qsizetype position = 0;
    auto it = token.globalMatch(pattern);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const QString literal = pattern.mid(position, match.capturedStart() - position);
        if (!sawToken)
            result += literal; // prefix: always kept
        else if (pendingSeparator.isEmpty())
            pendingSeparator = literal;
        sawToken = true;
        position = match.capturedEnd();

        const QString value = fields.value(match.captured(1)).simplified();
        if (value.isEmpty())
            continue;
        if (haveValue)
            result += pendingSeparator;
        pendingSeparator.clear();
        result += value;
        haveValue = true;
    }
    result += pattern.mid(position); // suffix: always kept

    result = sanitizeForFileName(result).simplified();
    result = truncateUtf8(result, MaxFileNameBytes);
    // No hidden files, and no trailing dots or spaces (Windows drops them; "a." != "a").
    while (!result.isEmpty()
           && (result.front() == QLatin1Char('.') || result.front().isSpace()
               || result.front() == QLatin1Char('-')))
        result.remove(0, 1);
    while (!result.isEmpty() && (result.back() == QLatin1Char('.') || result.back().isSpace()))
        result.chop(1);
    return result.isEmpty() ? QStringLiteral("video") : result;
}

} // namespace PreviewDeck
