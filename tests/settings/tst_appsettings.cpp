#include "appsettings.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using PreviewDeck::AppSettings;
using PreviewDeck::expandFileName;

class TestAppSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void defaults()
    {
        AppSettings settings(freshPath());
        QCOMPARE(settings.apiMode(), AppSettings::ApiMode::Sandbox);
        QVERIFY(settings.effectiveApiBase().isEmpty());
        QVERIFY(settings.customApiBase().isEmpty());
        QCOMPARE(settings.downloadDirectory(), AppSettings::defaultDownloadDirectory());
        QVERIFY(settings.downloadDirectory().endsWith(QLatin1String("/PreviewDeck")));
        const QString movies = QStandardPaths::writableLocation(QStandardPaths::MoviesLocation);
        if (!movies.isEmpty())
            QCOMPARE(settings.downloadDirectory(), movies + QStringLiteral("/PreviewDeck"));
        QCOMPARE(settings.fileNamePattern(), QStringLiteral("{name} - {style} - {date}"));
        QCOMPARE(settings.autoDownload(), true);
        QCOMPARE(settings.notifyOnFinish(), true);
        QCOMPARE(settings.pollIntervalSeconds(), 5);
    }

    void apiModes()
    {
        AppSettings settings(freshPath());
        QSignalSpy spy(&settings, &AppSettings::changed);

        settings.setApiMode(AppSettings::ApiMode::Live);
        QCOMPARE(settings.effectiveApiBase(), QUrl(QStringLiteral("https://api.creatify.ai")));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<AppSettings::Key>(), AppSettings::Key::ApiMode);

        settings.setApiMode(AppSettings::ApiMode::Live); // unchanged: no signal
        QCOMPARE(spy.count(), 1);

        // Custom without a usable URL falls back to the sandbox rather than to a paid API.
        settings.setApiMode(AppSettings::ApiMode::Custom);
        QVERIFY(settings.effectiveApiBase().isEmpty());
        settings.setCustomApiBase(QUrl(QStringLiteral("ftp://example.org")));
        QVERIFY(settings.customApiBase().isEmpty());
        settings.setCustomApiBase(QUrl(QStringLiteral("http://127.0.0.1:8123/")));
        QCOMPARE(settings.customApiBase(), QUrl(QStringLiteral("http://127.0.0.1:8123")));
        QCOMPARE(settings.effectiveApiBase(), QUrl(QStringLiteral("http://127.0.0.1:8123")));
        QCOMPARE(spy.last().at(0).value<AppSettings::Key>(), AppSettings::Key::CustomApiBase);

        settings.setApiMode(AppSettings::ApiMode::Sandbox);
        QVERIFY(settings.effectiveApiBase().isEmpty());
        QCOMPARE(settings.customApiBase(), QUrl(QStringLiteral("http://127.0.0.1:8123")));
    }

    void persistsAcrossInstances()
    {
        const QString path = freshPath();
        const QString downloads = m_dir.filePath(QStringLiteral("videos"));
        {
            AppSettings settings(path);
            settings.setApiMode(AppSettings::ApiMode::Custom);
            settings.setCustomApiBase(QUrl(QStringLiteral("https://sandbox.example:9000")));
            settings.setDownloadDirectory(downloads + QStringLiteral("/"));
            settings.setFileNamePattern(QStringLiteral("{date}_{name}"));
            settings.setAutoDownload(false);
            settings.setNotifyOnFinish(false);
            settings.setPollIntervalSeconds(17);
        }
        AppSettings settings(path);
        QCOMPARE(settings.apiMode(), AppSettings::ApiMode::Custom);
        QCOMPARE(settings.effectiveApiBase(), QUrl(QStringLiteral("https://sandbox.example:9000")));
        QCOMPARE(settings.downloadDirectory(), downloads);
        QCOMPARE(settings.fileNamePattern(), QStringLiteral("{date}_{name}"));
        QCOMPARE(settings.autoDownload(), false);
        QCOMPARE(settings.notifyOnFinish(), false);
        QCOMPARE(settings.pollIntervalSeconds(), 17);

        // Empty values reset to the defaults.
        settings.setDownloadDirectory(QString());
        settings.setFileNamePattern(QStringLiteral("  "));
        QCOMPARE(settings.downloadDirectory(), AppSettings::defaultDownloadDirectory());
        QCOMPARE(settings.fileNamePattern(), AppSettings::defaultFileNamePattern());
    }

    void signalsOnlyOnChange()
    {
        AppSettings settings(freshPath());
        QSignalSpy spy(&settings, &AppSettings::changed);
        settings.setAutoDownload(true);
        settings.setNotifyOnFinish(true);
        settings.setPollIntervalSeconds(5);
        settings.setFileNamePattern(AppSettings::defaultFileNamePattern());
        settings.setDownloadDirectory(QString());
        QCOMPARE(spy.count(), 0);

        settings.setAutoDownload(false);
        settings.setNotifyOnFinish(false);
        settings.setPollIntervalSeconds(9);
        settings.setFileNamePattern(QStringLiteral("{name}"));
        settings.setDownloadDirectory(m_dir.filePath(QStringLiteral("x")));
        QCOMPARE(spy.count(), 5);
        QCOMPARE(spy.at(0).at(0).value<AppSettings::Key>(), AppSettings::Key::AutoDownload);
        QCOMPARE(spy.at(1).at(0).value<AppSettings::Key>(), AppSettings::Key::NotifyOnFinish);
        QCOMPARE(spy.at(2).at(0).value<AppSettings::Key>(), AppSettings::Key::PollInterval);
        QCOMPARE(spy.at(3).at(0).value<AppSettings::Key>(), AppSettings::Key::FileNamePattern);
        QCOMPARE(spy.at(4).at(0).value<AppSettings::Key>(), AppSettings::Key::DownloadDirectory);
    }

    void pollIntervalClamped_data()
    {
        QTest::addColumn<int>("input");
        QTest::addColumn<int>("expected");
        QTest::newRow("below") << 0 << 2;
        QTest::newRow("negative") << -10 << 2;
        QTest::newRow("min") << 2 << 2;
        QTest::newRow("inside") << 30 << 30;
        QTest::newRow("max") << 60 << 60;
        QTest::newRow("above") << 3600 << 60;
    }

    void pollIntervalClamped()
    {
        QFETCH(int, input);
        QFETCH(int, expected);
        AppSettings settings(freshPath());
        settings.setPollIntervalSeconds(input);
        QCOMPARE(settings.pollIntervalSeconds(), expected);
    }

    void pollIntervalClampedFromFile()
    {
        // A hand-edited file is clamped on read as well.
        const QString path = freshPath();
        {
            QSettings raw(path, QSettings::IniFormat);
            raw.setValue(QStringLiteral("polling/intervalSeconds"), 1);
            raw.setValue(QStringLiteral("api/mode"), QStringLiteral("bogus"));
        }
        AppSettings settings(path);
        QCOMPARE(settings.pollIntervalSeconds(), 2);
        QCOMPARE(settings.apiMode(), AppSettings::ApiMode::Sandbox);
    }

    void expandFileName_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QStringList>("fields"); // key=value pairs
        QTest::addColumn<QString>("expected");

        const QString def = AppSettings::defaultFileNamePattern();
        QTest::newRow("all") << def
                             << QStringList{QStringLiteral("name=Mug"),
                                            QStringLiteral("style=Vlog"),
                                            QStringLiteral("date=2026-11-25")}
                             << QStringLiteral("Mug - Vlog - 2026-11-25");
        QTest::newRow("no style") << def
                                  << QStringList{QStringLiteral("name=Mug"),
                                                 QStringLiteral("date=2026-11-25")}
                                  << QStringLiteral("Mug - 2026-11-25");
        QTest::newRow("no name") << def
                                 << QStringList{QStringLiteral("style=Vlog"),
                                                QStringLiteral("date=2026-11-25")}
                                 << QStringLiteral("Vlog - 2026-11-25");
        QTest::newRow("only date") << def << QStringList{QStringLiteral("date=2026-11-25")}
                                   << QStringLiteral("2026-11-25");
        QTest::newRow("no date") << def
                                 << QStringList{QStringLiteral("name=Mug"),
                                                QStringLiteral("style=Vlog")}
                                 << QStringLiteral("Mug - Vlog");
        QTest::newRow("nothing") << def << QStringList{} << QStringLiteral("video");
        QTest::newRow("blank values")
                << def << QStringList{QStringLiteral("name=  "), QStringLiteral("style=")}
                << QStringLiteral("video");
        QTest::newRow("unsafe chars")
                << def
                << QStringList{QStringLiteral("name=A/B: \"best\" <mug>?"),
                               QStringLiteral("style=x\\y|z*"), QStringLiteral("date=d")}
                << QStringLiteral("A_B_ _best_ _mug__ - x_y_z_ - d");
        QTest::newRow("no traversal")
                << QStringLiteral("{name}") << QStringList{QStringLiteral("name=../../etc/passwd")}
                << QStringLiteral("_.._etc_passwd");
        QTest::newRow("hidden and trailing dots")
                << QStringLiteral("{name}") << QStringList{QStringLiteral("name=..hidden. ")}
                << QStringLiteral("hidden");
        QTest::newRow("prefix and suffix kept")
                << QStringLiteral("PD {name}_{style} final")
                << QStringList{QStringLiteral("style=Vlog")} << QStringLiteral("PD Vlog final");
        QTest::newRow("unknown token dropped")
                << QStringLiteral("{name} - {nope}") << QStringList{QStringLiteral("name=Mug")}
                << QStringLiteral("Mug");
        QTest::newRow("newlines collapsed")
                << QStringLiteral("{name}") << QStringList{QStringLiteral("name=a\nb\tc")}
                << QStringLiteral("a b c");
    }

    void expandFileName()
    {
        QFETCH(QString, pattern);
        QFETCH(QStringList, fields);
        QFETCH(QString, expected);
        QMap<QString, QString> map;
        for (const QString &pair : fields) {
            const qsizetype eq = pair.indexOf(QLatin1Char('='));
            map.insert(pair.left(eq), pair.mid(eq + 1));
        }
        QCOMPARE(::PreviewDeck::expandFileName(pattern, map), expected);
    }

    void expandFileNameLengthLimited_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("ascii") << QString(1000, QLatin1Char('a'));
        QTest::newRow("2-byte") << QString(1000, QChar(0x00E9));
        QTest::newRow("3-byte") << QString(1000, QChar(0x6F22));
        QString emoji;
        for (int i = 0; i < 500; ++i)
            emoji += QString::fromUcs4(U"\U0001F3AC");
        QTest::newRow("4-byte") << emoji;
    }

    void expandFileNameLengthLimited()
    {
        QFETCH(QString, name);
        const QString result = ::PreviewDeck::expandFileName(QStringLiteral("{name}"),
                                                             {{QStringLiteral("name"), name}});
        QVERIFY(result.size() > 40);
        QVERIFY(result.toUtf8().size() <= 200);
        QVERIFY(!result.back().isHighSurrogate()); // never cut a character in half
        QVERIFY(name.startsWith(result));
    }

    void neverStoresCredentials()
    {
        // AppSettings has no credential API; make sure nothing key-like lands in its file.
        const QString path = freshPath();
        {
            AppSettings settings(path);
            settings.setApiMode(AppSettings::ApiMode::Live);
            settings.setPollIntervalSeconds(7);
            settings.sync();
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll().toLower();
        QVERIFY(!content.isEmpty());
        QVERIFY(!content.contains("api_key"));
        QVERIFY(!content.contains("apikey"));
        QVERIFY(!content.contains("secret"));
    }

private:
    QString freshPath()
    {
        return m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_counter));
    }

    QTemporaryDir m_dir;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
