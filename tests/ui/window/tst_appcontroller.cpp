// The application around the window: connecting, reconnecting after Settings, staying alive.

#include "window/appcontroller.h"
#include "embeddedsandbox.h"
#include "apiclient.h"
#include "appsettings.h"
#include "engine.h"
#include "jobtracker.h"
#include "window/mainwindow.h"
#include "sandboxserver.h"
#include "serverconnection.h"
#include "window/settingsdialog.h"
#include "spendguard.h"
#include "store.h"

#include <QApplication>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRadioButton>
#include <QSpinBox>
#include <QSignalSpy>
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
    void sandboxKeepsItsWorkspaceAcrossRestarts();
    void settingsOkReachesTheRunningEngine();

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
    EmbeddedSandbox sandbox;
    options.sandbox = &sandbox;
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
    QVERIFY(!controller.connection()->isSandbox()); // talking to the server chosen
    QVERIFY(!sandbox.server());
}

void TestAppController::sandboxKeepsItsWorkspaceAcrossRestarts()
{
    AppController::Options options;
    options.forceSandbox = true;
    options.sandboxStepMs = 30;
    options.dataDirectory = m_dir.filePath(QStringLiteral("restart"));
    options.restoreWindowState = false;
    EmbeddedSandbox sandbox;
    options.sandbox = &sandbox;
    auto first = std::make_unique<AppController>(options);
    first->start();
    QTRY_VERIFY_WITH_TIMEOUT(first->window(), 10000);
    first->engine()->tracker()->setBaseIntervalMs(20);
    SpendGuard *guard = first->engine()->spendGuard();
    SpendOperation *link = guard->createLink(
            QUrl(QStringLiteral("https://shop.example.com/products/lamp")));
    QString linkId;
    connect(link, &SpendOperation::finished, this,
            [&linkId](SpendOperation *o) { linkId = o->link().id; });
    QTRY_VERIFY_WITH_TIMEOUT(!linkId.isEmpty(), 10000);
    PreviewListRequest request;
    request.linkId = linkId;
    request.visualStyles = {QStringLiteral("VanillaTemplate")};
    request.aspectRatio = QStringLiteral("9x16");
    request.videoLength = 30;
    const qint64 jobId = guard->requestPreviews(request)->jobLocalId();
    Store *store = first->engine()->store();
    QTRY_COMPARE_WITH_TIMEOUT(store->job(jobId)->status, QStringLiteral("done"), 10000);
    const PreviewRecord preview = store->previews(jobId).first();
    const double balance = sandbox.server()->credits();
    const QUrl base = sandbox.server()->baseUrl();
    first.reset(); // the app quits

    AppController second(options);
    second.start();
    QTRY_VERIFY_WITH_TIMEOUT(second.window(), 10000);
    second.engine()->tracker()->setBaseIntervalMs(20);
    QCOMPARE(sandbox.server()->credits(), balance);
    QCOMPARE(sandbox.server()->baseUrl(), base); // stored preview and video addresses still work
    // The history's job is still Creatify's: its preview page loads and it renders.
    QNetworkAccessManager network;
    QNetworkReply *page = network.get(QNetworkRequest(preview.url));
    QSignalSpy pageDone(page, &QNetworkReply::finished);
    QVERIFY(pageDone.wait(5000));
    QCOMPARE(page->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    page->deleteLater();
    SpendOperation *render = second.engine()->spendGuard()->renderPreview(jobId, preview.mediaJob);
    const qint64 renderId = render->renderLocalId();
    std::optional<SpendOperation::Outcome> outcome;
    connect(render, &SpendOperation::finished, this,
            [&outcome](SpendOperation *o) { outcome = o->outcome(); });
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 10000);
    QCOMPARE(*outcome, SpendOperation::Outcome::Confirmed);
    QTRY_COMPARE_WITH_TIMEOUT(second.engine()->store()->render(renderId)->status,
                              QStringLiteral("done"), 10000);
    QCOMPARE(second.engine()->store()->job(jobId)->status, QStringLiteral("done"));
}

void TestAppController::settingsOkReachesTheRunningEngine()
{
    // Another server, its key in the environment: there the engine polls at the user's pace.
    Sandbox::SandboxServer server;
    QVERIFY(server.listen());
    qputenv("CREATIFY_API_ID", server.apiId().toUtf8());
    qputenv("CREATIFY_API_KEY", server.apiKey().toUtf8());
    AppController::Options options;
    options.apiBase = server.baseUrl();
    options.dataDirectory = m_dir.filePath(QStringLiteral("live-settings"));
    options.restoreWindowState = false;
    EmbeddedSandbox sandbox;
    options.sandbox = &sandbox;
    AppController controller(options);
    controller.settings()->setApiMode(AppSettings::ApiMode::Sandbox); // the dialog needs no key
    controller.settings()->setPollIntervalSeconds(5);
    controller.start();
    QVERIFY(controller.window()); // no keychain to wait for
    MainWindow *window = controller.window();
    Engine *engine = controller.engine();
    QCOMPARE(engine->client()->baseUrl(), server.baseUrl());

    Q_EMIT window->settingsRequested();
    auto *dialog = window->findChild<SettingsDialog *>();
    QVERIFY(dialog);
    auto *pollInterval = dialog->findChild<QSpinBox *>();
    QVERIFY(pollInterval);
    pollInterval->setValue(7);
    const QString folder = m_dir.filePath(QStringLiteral("videos-elsewhere/Product videos"));
    QLineEdit *folderField = nullptr;
    for (QLineEdit *field : dialog->findChildren<QLineEdit *>())
        if (field->text() == controller.settings()->downloadDirectory())
            folderField = field;
    QVERIFY(folderField);
    folderField->setText(folder);
    // The whole folder is in view (QA saw only its end), and in the tooltip.
    QCOMPARE(folderField->toolTip(), folder);
    QTRY_VERIFY(folderField->isVisible());
    QTRY_VERIFY2(folderField->width() > folderField->fontMetrics().horizontalAdvance(folder)
                                 + 2 * folderField->fontMetrics().averageCharWidth(),
                 qPrintable(QString::number(folderField->width())));
    dialog->accept();
    QTest::qWait(200); // a reconnect would come from the event loop

    QCOMPARE(controller.window(), window); // no reconnect: the same window and engine
    QCOMPARE(controller.engine(), engine);
    QCOMPARE(engine->tracker()->currentIntervalMs(), 7000);
    QCOMPARE(engine->downloadDirectory(), folder);
    qunsetenv("CREATIFY_API_ID");
    qunsetenv("CREATIFY_API_KEY");
}

QTEST_MAIN(TestAppController)
#include "tst_appcontroller.moc"
