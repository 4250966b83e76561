#include "grid/gridloader.h"

#include "grid/comparisongrid.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QOpenGLContext>
#include <QPluginLoader>
#include <QVBoxLayout>

// Exported by QtGui but declared only in its private headers. Qt WebEngine needs a global
// shared OpenGL context; Qt makes one in the QApplication constructor when
// Qt::AA_ShareOpenGLContexts is set, which costs ~45 ms at every start on X11. Making it here,
// before the first web view, costs the same once, and only for users who open a grid.
Q_GUI_EXPORT void qt_gl_set_global_share_context(QOpenGLContext *context);

namespace PreviewDeck {

namespace {

const char kPluginName[] = "previewdeck-webgrid";

GridLoader::Factory &factory()
{
    static GridLoader::Factory instance;
    return instance;
}

QString &lastLoadError()
{
    static QString error;
    return error;
}

// Shown where the previews would be when the plugin is missing or broken.
class UnavailableGrid : public ComparisonGrid
{
public:
    UnavailableGrid(const QString &reason, QWidget *parent) : ComparisonGrid(parent)
    {
        auto *label = new QLabel(
                QCoreApplication::translate("GridLoader",
                                            "Previews cannot be shown because PreviewDeck's web "
                                            "viewer component could not be loaded (%1). "
                                            "Reinstalling PreviewDeck should fix this; your "
                                            "history and finished videos are not affected.")
                        .arg(reason),
                this);
        label->setObjectName(QStringLiteral("gridUnavailable"));
        label->setWordWrap(true);
        label->setAlignment(Qt::AlignCenter);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(label);
    }
    void setPreviews(const QList<PreviewTileInfo> &previews) override
    {
        m_count = int(previews.size());
    }
    void setRenderState(const QString &, TileRenderState) override { }
    int tileCount() const override { return m_count; }
    int loadedCount() const override { return 0; }

private:
    int m_count = 0;
};

// Qt WebEngine expects Qt::AA_ShareOpenGLContexts and the context it implies before the
// QApplication exists; it is loaded later, so both are provided now, and the two warnings that
// doing so late produces are dropped (the attribute's own, and WebEngine's).
QtMessageHandler previousHandler = nullptr;
void dropLateLoadWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg
        && (message.startsWith(QLatin1String("Qt WebEngine seems to be initialized from a plugin"))
            || message.startsWith(
                    QLatin1String("Attribute Qt::AA_ShareOpenGLContexts must be set"))))
        return;
    if (previousHandler)
        previousHandler(type, context, message);
}

void prepareForWebEngine()
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    if (QOpenGLContext::globalShareContext())
        return;
    // As QGuiApplication does with the attribute: the context is shared even where it cannot be
    // created (offscreen, no OpenGL), and WebEngine then composites in software.
    auto *context = new QOpenGLContext(qApp);
    context->create();
    qt_gl_set_global_share_context(context);
}

ComparisonGridFactory *loadPlugin()
{
    static ComparisonGridFactory *loaded = nullptr;
    if (loaded)
        return loaded;
    QStringList tried;
    for (const QString &dir : GridLoader::searchPaths()) {
        const QString path = QDir(dir).filePath(QLatin1String(kPluginName) + QLatin1String(".so"));
        if (!QFileInfo::exists(path))
            continue;
        QPluginLoader loader(path);
        previousHandler = qInstallMessageHandler(dropLateLoadWarnings);
        prepareForWebEngine();
        QObject *instance = loader.instance(); // stays loaded for the rest of the run
        qInstallMessageHandler(previousHandler);
        if (auto *plugin = qobject_cast<ComparisonGridFactory *>(instance)) {
            loaded = plugin;
            lastLoadError().clear();
            return loaded;
        }
        tried << loader.errorString();
    }
    lastLoadError() = tried.isEmpty()
            ? QCoreApplication::translate("GridLoader", "%1 was not found in %2")
                      .arg(QLatin1String(kPluginName),
                           GridLoader::searchPaths().join(QLatin1String(", ")))
            : tried.join(QLatin1String("; "));
    return nullptr;
}

} // namespace

namespace GridLoader {

QByteArray recommendedChromiumFlags()
{
    return QByteArrayLiteral("--process-per-site");
}

void applyRecommendedChromiumFlags()
{
    QByteArray flags = qgetenv("QTWEBENGINE_CHROMIUM_FLAGS");
    const QList<QByteArray> wanted = recommendedChromiumFlags().split(' ');
    for (const QByteArray &flag : wanted) {
        if (!flags.split(' ').contains(flag))
            flags += (flags.isEmpty() ? QByteArray() : QByteArrayLiteral(" ")) + flag;
    }
    qputenv("QTWEBENGINE_CHROMIUM_FLAGS", flags);
}

QStringList searchPaths()
{
    QStringList paths;
    const QString fromEnvironment = qEnvironmentVariable("PREVIEWDECK_PLUGIN_DIR");
    if (!fromEnvironment.isEmpty())
        paths << fromEnvironment;
    const QDir appDir(QCoreApplication::applicationDirPath());
    paths << QDir::cleanPath(appDir.filePath(QStringLiteral(PREVIEWDECK_PLUGIN_RELATIVE_DIR)))
          << appDir.path();
    return paths;
}

QString lastError()
{
    return lastLoadError();
}

void setFactory(Factory f)
{
    factory() = std::move(f);
}

ComparisonGrid *create(QWidget *parent)
{
    if (factory())
        return factory()(parent);
    if (ComparisonGridFactory *plugin = loadPlugin())
        return plugin->createGrid(parent);
    qWarning("PreviewDeck: cannot load the web grid: %s", qPrintable(lastLoadError()));
    return new UnavailableGrid(lastLoadError(), parent);
}

} // namespace GridLoader

} // namespace PreviewDeck
