// previewdeck: the desktop application's composition root.

#include "window/appcontroller.h"
#include "embeddedsandbox.h"
#include "grid/gridloader.h"
#include "window/singleinstance.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QNetworkProxyFactory>
#include <QTextStream>
#include <QTranslator>

#include <cstdio>
#include <unistd.h>

namespace {

// The installed icon theme wins (hicolor, from the package); the copy compiled in serves a
// build run from its tree. The PNGs keep it sharp where Qt has no SVG icon engine installed.
QIcon applicationIcon()
{
    QIcon builtIn(QStringLiteral(":/icons/previewdeck.svg"));
    for (const int size : {16, 22, 24, 32, 48, 64, 128, 256})
        builtIn.addFile(QStringLiteral(":/icons/hicolor/%1x%1/apps/"
                                       "io.github.previewdeck.PreviewDeck.png")
                                .arg(size),
                        QSize(size, size));
    return QIcon::fromTheme(QStringLiteral("io.github.previewdeck.PreviewDeck"), builtIn);
}

// The user's language for the app's own strings (compiled in under :/i18n when a translation
// exists) and for Qt's standard dialogs and buttons.
void installTranslations(QCoreApplication *app)
{
    auto *qt = new QTranslator(app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *own = new QTranslator(app);
    if (own->load(QLocale(), QStringLiteral("previewdeck"), QStringLiteral("_"),
                  QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
}

} // namespace

int main(int argc, char *argv[])
{
    // Chromium settings must be in place before the application object exists.
    PreviewDeck::GridLoader::applyRecommendedChromiumFlags();
    if (geteuid() == 0 && qEnvironmentVariableIsEmpty("QTWEBENGINE_DISABLE_SANDBOX")) {
        // Chromium's sandbox cannot run as root; previews are still confined to their host.
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    }
    QApplication::setOrganizationName(QStringLiteral("PreviewDeck"));
    QApplication::setApplicationName(QStringLiteral("PreviewDeck"));
    QApplication::setApplicationVersion(QStringLiteral(PREVIEWDECK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.previewdeck.PreviewDeck"));
    QApplication app(argc, argv);
    {
        // Qt also looks for theme icons among the resources compiled in (":/icons"), one lookup
        // per theme folder and icon; that cost ~35 ms of every start on X11, and no theme icon
        // of ours lives there (docs/benchmarks.md).
        QStringList iconPaths = QIcon::themeSearchPaths();
        iconPaths.removeAll(QStringLiteral(":/icons"));
        QIcon::setThemeSearchPaths(iconPaths);
    }
    installTranslations(&app);
    QApplication::setWindowIcon(applicationIcon());
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

    // One window per user and data directory: a second start raises the first one and ends.
    PreviewDeck::SingleInstance instance;
    switch (instance.claim()) {
    case PreviewDeck::SingleInstance::Role::Secondary:
        QTextStream(stdout) << QApplication::translate("main",
                                                       "PreviewDeck is already running; "
                                                       "its window was brought to the front.")
                            << '\n';
        return 0;
    case PreviewDeck::SingleInstance::Role::Failed:
        // Better a second window than none.
        QTextStream(stderr) << "previewdeck: cannot check for a running instance: "
                            << instance.errorString() << '\n';
        break;
    case PreviewDeck::SingleInstance::Role::Primary:
        break;
    }

    PreviewDeck::EmbeddedSandbox embeddedSandbox;
    options.sandbox = &embeddedSandbox;
    PreviewDeck::AppController controller(options);
    QObject::connect(&instance, &PreviewDeck::SingleInstance::raiseRequested, &controller,
                     [&controller] {
                         if (QWidget *window = controller.window()) {
                             // Un-minimise but keep a maximised window maximised
                             // (showNormal() would not).
                             window->setWindowState(window->windowState() & ~Qt::WindowMinimized);
                             window->show();
                             window->raise();
                             window->activateWindow();
                         }
                         if (qEnvironmentVariableIsSet("PREVIEWDECK_REPORT_READY")) {
                             // Lets tests see that the request arrived.
                             fputs("raised\n", stdout);
                             fflush(stdout);
                         }
                     });
    controller.start();
    return app.exec();
}
