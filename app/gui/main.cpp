// previewdeck: the desktop application's composition root.

#include "appcontroller.h"
#include "previewgrid.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QNetworkProxyFactory>
#include <QTextStream>

#include <unistd.h>

int main(int argc, char *argv[])
{
    // Chromium settings must be in place before the application object exists.
    PreviewDeck::PreviewGrid::applyRecommendedChromiumFlags();
    if (geteuid() == 0 && qEnvironmentVariableIsEmpty("QTWEBENGINE_DISABLE_SANDBOX")) {
        // Chromium's sandbox cannot run as root; previews are still confined to their host.
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    }
    QApplication::setOrganizationName(QStringLiteral("PreviewDeck"));
    QApplication::setApplicationName(QStringLiteral("PreviewDeck"));
    QApplication::setApplicationVersion(QStringLiteral(PREVIEWDECK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.previewdeck.PreviewDeck"));
    QApplication app(argc, argv);
    QApplication::setWindowIcon(
            QIcon::fromTheme(QStringLiteral("io.github.previewdeck.PreviewDeck"),
                             QIcon(QStringLiteral(":/icons/previewdeck.svg"))));
    QNetworkProxyFactory::setUseSystemConfiguration(true);

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QApplication::translate("main",
                                    "Compare Creatify video previews side by side, "
                                    "render the best one and download the MP4."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandbox(QStringLiteral("sandbox"),
                                     QApplication::translate("main",
                                                             "Start on the built-in "
                                                             "sandbox (no credits)."));
    const QCommandLineOption apiBase(QStringLiteral("api-base"),
                                     QApplication::translate("main", "Use the API at URL."),
                                     QStringLiteral("URL"));
    const QCommandLineOption stepMs(QStringLiteral("sandbox-step-ms"),
                                    QApplication::translate("main",
                                                            "Sandbox pace: time per job "
                                                            "step (default 1500)."),
                                    QStringLiteral("MS"), QStringLiteral("1500"));
    parser.addOptions({sandbox, apiBase, stepMs});
    parser.process(app);

    PreviewDeck::AppController::Options options;
    options.forceSandbox = parser.isSet(sandbox);
    if (parser.isSet(apiBase)) {
        options.apiBase = QUrl::fromUserInput(parser.value(apiBase));
        if (!options.apiBase.isValid()
            || !options.apiBase.scheme().startsWith(QLatin1String("http"))) {
            QTextStream(stderr) << "previewdeck: --api-base needs an http(s) address\n";
            return 2;
        }
    }
    options.sandboxStepMs = qMax(0, parser.value(stepMs).toInt());

    PreviewDeck::AppController controller(options);
    controller.start();
    return app.exec();
}
