// The application around the window: connecting, reconnecting after Settings, staying alive.

#include "appcontroller.h"
#include "appsettings.h"
#include "mainwindow.h"
#include "settingsdialog.h"

#include <QApplication>
#include <QLineEdit>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace PreviewDeck;

class TestAppController : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void settingsOkReconnectsAndKeepsTheAppRunning();

private:
    QTemporaryDir m_dir;
};

void TestAppController::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestAppController::settingsOkReconnectsAndKeepsTheAppRunning()
{
    if (!qEnvironmentVariableIsSet("PREVIEWDECK_REQUIRE_KEYCHAIN"))
        QSKIP("needs the test keyring (packaging/with-test-keyring.sh)");
    AppController::Options options;
    options.dataDirectory = m_dir.filePath(QStringLiteral("data"));
    options.restoreWindowState = false;
    AppController controller(options);
    controller.settings()->setApiMode(AppSettings::ApiMode::Sandbox);
    controller.start();
    QTRY_VERIFY_WITH_TIMEOUT(controller.window() && controller.window()->isVisible(), 10000);
    MainWindow *before = controller.window();

    // The user opens Settings, picks another server, types a key and presses OK — inside the
    // application's real event loop, where closing the last window quits.
    bool accepted = false;
    QTimer::singleShot(100, &controller, [&] { Q_EMIT controller.window()->settingsRequested(); });
    QTimer::singleShot(600, &controller, [&] {
        auto *dialog = controller.window()->findChild<SettingsDialog *>();
        if (!dialog)
            return;
        for (QRadioButton *button : dialog->findChildren<QRadioButton *>())
            if (button->text().contains(QLatin1String("Another")))
                button->setChecked(true);
        const QList<QLineEdit *> fields = dialog->findChildren<QLineEdit *>();
        for (QLineEdit *field : fields) {
            if (field->placeholderText().startsWith(QLatin1String("http")))
                field->setText(QStringLiteral("http://127.0.0.1:9"));
            else if (field->placeholderText().contains(QLatin1String("API settings page")))
                field->setText(QStringLiteral("test-id"));
            else if (field->echoMode() == QLineEdit::Password)
                field->setText(QStringLiteral("test-key-3b9e"));
        }
        dialog->accept();
        accepted = true;
    });
    QTimer::singleShot(5000, &controller, [] { QCoreApplication::exit(42); });
    QCOMPARE(QCoreApplication::exec(), 42); // nothing asked the application to quit
    QVERIFY(accepted);
    QVERIFY(controller.window());
    QVERIFY(controller.window() != before); // reconnected: a new engine and window
    QVERIFY(controller.window()->isVisible());
    QCOMPARE(controller.settings()->apiMode(), AppSettings::ApiMode::Custom);
    QVERIFY(!controller.sandbox()); // talking to the server chosen, not the sandbox
}

QTEST_MAIN(TestAppController)
#include "tst_appcontroller.moc"
