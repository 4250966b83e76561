// previewdeck-sandbox: the sandbox as a standalone server for curl, scripts and the CLI.

#include "sandboxserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>
#include <QTextStream>

#include <cstdio>

namespace {

bool parseSize(const QString &text, qint64 *out)
{
    static const QRegularExpression re(QStringLiteral("^(\\d+)([KkMmGg]?)$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return false;
    qint64 n = m.captured(1).toLongLong();
    const QString unit = m.captured(2).toUpper();
    if (unit == QLatin1String("K"))
        n *= 1024;
    else if (unit == QLatin1String("M"))
        n *= 1024 * 1024;
    else if (unit == QLatin1String("G"))
        n *= 1024LL * 1024 * 1024;
    *out = n;
    return true;
}

int fail(const QString &message)
{
    QTextStream(stderr) << "previewdeck-sandbox: " << message << '\n';
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("previewdeck-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PREVIEWDECK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Local stand-in for the Creatify REST API (see docs/sandbox.md)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOpt(QStringLiteral("port"),
                                     QStringLiteral("Port to listen on (0 = any free port)."),
                                     QStringLiteral("N"), QStringLiteral("8765"));
    const QCommandLineOption bindOpt(QStringLiteral("bind"), QStringLiteral("Address to bind."),
                                     QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption stepOpt(QStringLiteral("step-ms"),
                                     QStringLiteral("Time per job status step."),
                                     QStringLiteral("MS"));
    const QCommandLineOption creditsOpt(QStringLiteral("credits"),
                                        QStringLiteral("Starting credit balance."),
                                        QStringLiteral("N"));
    const QCommandLineOption idOpt(QStringLiteral("api-id"), QStringLiteral("Accepted X-API-ID."),
                                   QStringLiteral("ID"));
    const QCommandLineOption keyOpt(QStringLiteral("api-key"),
                                    QStringLiteral("Accepted X-API-KEY."), QStringLiteral("KEY"));
    const QCommandLineOption faultOpt(QStringLiteral("fault"),
                                      QStringLiteral("Inject a fault (repeatable), e.g. "
                                                     "rate-limit,every=3,retry-after=2."),
                                      QStringLiteral("SPEC"));
    const QCommandLineOption ignoreRangeOpt(QStringLiteral("ignore-range"),
                                            QStringLiteral("Answer media with 200, never 206."));
    const QCommandLineOption documentedOnlyOpt(
            QStringLiteral("documented-only"),
            QStringLiteral("Serve only endpoints that Creatify's docs list (others answer 404)."));
    const QCommandLineOption stateOpt(
            QStringLiteral("state"),
            QStringLiteral("Keep the workspace in FILE (loaded at start, saved after each "
                           "change; the port is remembered when --port is not given)."),
            QStringLiteral("FILE"));
    const QCommandLineOption blobOpt(QStringLiteral("blob"),
                                     QStringLiteral("Serve a synthetic file under /media/blob/NAME "
                                                    "(SIZE in bytes or with K/M/G; repeatable)."),
                                     QStringLiteral("NAME:SIZE"));
    parser.addOptions({portOpt, bindOpt, stepOpt, creditsOpt, idOpt, keyOpt, faultOpt,
                       ignoreRangeOpt, documentedOnlyOpt, stateOpt, blobOpt});
    parser.process(app);

    Sandbox::SandboxServer server;
    bool ok = true;
    const int port = parser.value(portOpt).toInt(&ok);
    if (!ok || port < 0 || port > 65535)
        return fail(QStringLiteral("invalid --port"));
    const QHostAddress address(parser.value(bindOpt));
    if (address.isNull())
        return fail(QStringLiteral("invalid --bind address"));
    if (parser.isSet(stepOpt)) {
        const int ms = parser.value(stepOpt).toInt(&ok);
        if (!ok || ms < 1)
            return fail(QStringLiteral("invalid --step-ms"));
        server.setStepIntervalMs(ms);
    }
    if (parser.isSet(creditsOpt)) {
        const double credits = parser.value(creditsOpt).toDouble(&ok);
        if (!ok)
            return fail(QStringLiteral("invalid --credits"));
        server.setCredits(credits);
    }
    if (parser.isSet(idOpt) || parser.isSet(keyOpt))
        server.setCredentials(parser.isSet(idOpt) ? parser.value(idOpt) : server.apiId(),
                              parser.isSet(keyOpt) ? parser.value(keyOpt) : server.apiKey());
    for (const QString &spec : parser.values(faultOpt)) {
        Sandbox::Fault fault;
        QString error;
        if (!Sandbox::Fault::fromSpec(spec, &fault, &error))
            return fail(QStringLiteral("bad --fault \"%1\": %2").arg(spec, error));
        server.addFault(fault);
    }
    server.setIgnoreRange(parser.isSet(ignoreRangeOpt));
    server.setDocumentedOnly(parser.isSet(documentedOnlyOpt));
    // After --credits: a saved workspace keeps its own balance.
    if (parser.isSet(stateOpt)) {
        if (parser.value(stateOpt).isEmpty())
            return fail(QStringLiteral("invalid --state (empty file name)"));
        server.setStateFile(parser.value(stateOpt));
    }
    // Without --port, a remembered port wins over the default (0 tries it, then any free one).
    const quint16 listenPort = !parser.isSet(portOpt) && server.rememberedPort() != 0
            ? quint16(0)
            : quint16(port);
    if (!server.listen(address, listenPort))
        return fail(
                QStringLiteral("cannot listen on %1:%2").arg(address.toString()).arg(listenPort));

    QTextStream out(stdout);
    out << "Sandbox listening on " << server.baseUrl().toString() << '\n';
    for (const QString &spec : parser.values(blobOpt)) {
        const int colon = spec.lastIndexOf(QLatin1Char(':'));
        qint64 size = 0;
        if (colon <= 0 || !parseSize(spec.mid(colon + 1), &size))
            return fail(QStringLiteral("bad --blob \"%1\" (expected NAME:SIZE)").arg(spec));
        out << "Blob " << server.addBlob(spec.left(colon), size).toString() << '\n';
    }
    out.flush();
    std::fflush(stdout);
    return app.exec();
}
