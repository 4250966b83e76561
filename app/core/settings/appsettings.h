#pragma once

#include <QMap>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace PreviewDeck {

// Typed application settings over QSettings (organization and application "PreviewDeck").
// Holds no credentials: those live only in CredentialStore (the system keychain).
// Setters persist at once and emit changed() only when the value really changes.
class AppSettings : public QObject
{
    Q_OBJECT
public:
    enum class ApiMode {
        Sandbox, // the embedded sandbox: no key, no credits, no internet (the default)
        Live, // https://api.creatify.ai
        Custom, // customApiBase(), e.g. a standalone previewdeck-sandbox
    };
    Q_ENUM(ApiMode)

    enum class Key {
        ApiMode,
        CustomApiBase,
        DownloadDirectory,
        FileNamePattern,
        AutoDownload,
        NotifyOnFinish,
        PollInterval,
    };
    Q_ENUM(Key)

    static constexpr int MinPollIntervalSeconds = 2;
    static constexpr int MaxPollIntervalSeconds = 60;
    static constexpr int DefaultPollIntervalSeconds = 5;

    // The user's settings (native format, user scope).
    explicit AppSettings(QObject *parent = nullptr);
    // An INI file at iniFilePath, for tests and portable setups.
    explicit AppSettings(const QString &iniFilePath, QObject *parent = nullptr);
    ~AppSettings() override;

    ApiMode apiMode() const;
    void setApiMode(ApiMode mode);

    // Stored without a trailing slash; only http(s) URLs with a host are accepted.
    QUrl customApiBase() const;
    void setCustomApiBase(const QUrl &url);
    static bool isUsableApiBase(const QUrl &url);

    static QUrl liveApiBase(); // https://api.creatify.ai
    // Live -> liveApiBase(); Custom -> customApiBase(); Sandbox, or Custom without a usable URL
    // -> empty QUrl, meaning "start the embedded sandbox" (costs nothing if misconfigured).
    QUrl effectiveApiBase() const;

    QString downloadDirectory() const;
    // Empty resets to the default.
    void setDownloadDirectory(const QString &path);
    // <Movies>/PreviewDeck, else <Downloads>/PreviewDeck, else <Home>/PreviewDeck.
    static QString defaultDownloadDirectory();

    QString fileNamePattern() const;
    // Empty resets to the default.
    void setFileNamePattern(const QString &pattern);
    static QString defaultFileNamePattern(); // "{name} - {style} - {date}"

    bool autoDownload() const;
    void setAutoDownload(bool enabled);

    bool notifyOnFinish() const;
    void setNotifyOnFinish(bool enabled);

    // Clamped to [MinPollIntervalSeconds, MaxPollIntervalSeconds] on read and write.
    int pollIntervalSeconds() const;
    void setPollIntervalSeconds(int seconds);

    // Writes pending changes to disk now (they are also written on destruction).
    void sync();

Q_SIGNALS:
    void changed(PreviewDeck::AppSettings::Key key);

private:
    std::unique_ptr<QSettings> m_settings;
};

// Fills "{field}" tokens of pattern from fields and returns a safe base file name (no
// extension, no directory). Missing or empty fields drop out together with the separator
// before them ("{name} - {style} - {date}" without style gives "name - date"); characters that
// are unsafe in file names become '_'; an empty result becomes "video".
QString expandFileName(const QString &pattern, const QMap<QString, QString> &fields);

} // namespace PreviewDeck
