#include "cliapp.h"
#include "embeddedsandbox.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkProxyFactory>
#include <QTimer>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("PreviewDeck"));
    QCoreApplication::setApplicationName(QStringLiteral("previewdeck-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PREVIEWDECK_VERSION));
    // The desktop's proxy (http_proxy, https_proxy, no_proxy), like the window.
    QNetworkProxyFactory::setUseSystemConfiguration(true);

    // Output is for the user; the core's progress notes are there with QT_LOGGING_RULES.
    QLoggingCategory::setFilterRules(QStringLiteral("previewdeck.*.info=false"));

    PreviewDeck::EmbeddedSandbox sandbox; // --sandbox, and commands run without a key
    PreviewDeck::CliApp cli(&sandbox);
    QObject::connect(
            &cli, &PreviewDeck::CliApp::exitRequested, &app,
            [](int code) { QCoreApplication::exit(code); }, Qt::QueuedConnection);
    const QStringList arguments = QCoreApplication::arguments();
    QTimer::singleShot(0, &cli, [&cli, arguments] { cli.run(arguments); });
    return app.exec();
}
