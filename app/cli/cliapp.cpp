#include "cliapp.h"

#include "apijob.h"
#include "appsettings.h"
#include "batchcommands.h"
#include "creditscommand.h"
#include "democommand.h"
#include "engine.h"
#include "jobtracker.h"
#include "linkcommands.h"
#include "previewcommands.h"
#include "rendercommands.h"
#include "serverconnection.h"
#include "spendguard.h"
#include "templatecommands.h"
#include "workfollower.h"

#include <QCoreApplication>
#include <QTextStream>

#include <unistd.h>

namespace PreviewDeck {

namespace {
QString opt(const char *name)
{
    return QString::fromLatin1(name);
}
} // namespace

CliApp::CliApp(SandboxStarter *sandbox, QObject *parent)
    : QObject(parent),
      m_settings(new AppSettings(this)),
      m_connection(new ServerConnection(m_settings, sandbox, this)),
      m_follower(new WorkFollower(*this, this))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        failWith(tr("Gave up waiting after %1 s. The work goes on at Creatify; check it later with "
                    "\"previewdeck-cli jobs\".")
                         .arg(m_parser.value(opt("timeout"))),
                 TimedOut);
    });
}

CliApp::~CliApp() = default;

void CliApp::run(const QStringList &arguments)
{
    m_parser.setApplicationDescription(
            tr("Create Creatify video previews, render the one you like and download the MP4.\n\n"
               "Commands:\n"
               "  credits                          remaining credits\n"
               "  link create URL                  read a product page (1 credit)\n"
               "  link params --title T --description D --image URL (x3)\n"
               "                                   a link from your own product data (1 credit)\n"
               "  link show LINK_ID                show a link\n"
               "  previews LINK_ID --styles A,B    one preview per visual style [--wait]\n"
               "  job JOB                          a job with its previews and renders\n"
               "  jobs                             every job this computer started\n"
               "  render JOB [MEDIA_JOB]           render a preview (or a template job) [--wait]\n"
               "  download RENDER_ID               download a finished render\n"
               "  templates                        your custom templates\n"
               "  template show TEMPLATE_ID        a template and its variables\n"
               "  template preview TEMPLATE_ID --var name=value ... | --vars-file F [--wait]\n"
               "  template render JOB              render a template preview [--wait]\n"
               "  demo [URL]                       the whole loop: link, previews, render, MP4\n"
               "  batch create FILE --styles A,B   previews for every product of a CSV/TSV (url\n"
               "                                   column) or a list of addresses [--wait]\n"
               "  batch show BATCH                 a batch's rows, previews and renders\n"
               "  batch render BATCH --pick STYLE | --picks FILE\n"
               "                                   render the picks, save into --download-dir\n"
               "  batch export BATCH FILE          a CSV report of the batch\n\n"
               "Running a command again carries on with what it already bought (after a crash "
               "or a timeout) instead of buying it twice; --again buys a finished one again.\n\n"
               "Exit codes: 0 done, 1 failed, 2 bad usage, 3 timed out."));
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOptions({
            {opt("sandbox"), tr("Use a built-in sandbox server: no key, no credits spent.")},
            {opt("api-base"), tr("Talk to the API at URL (default: the live Creatify API)."),
             tr("URL")},
            {opt("json"), tr("Print results as JSON for scripts.")},
            {opt("timeout"), tr("Give up waiting after SECONDS (default 900)."), tr("SECONDS"),
             QStringLiteral("900")},
            {opt("db"), tr("Job history database (default: in your data folder)."), tr("FILE")},
            {opt("download-dir"), tr("Save videos in DIR."), tr("DIR")},
            {opt("step-ms"), tr("Built-in sandbox: time per job step (default 300)."), tr("MS"),
             QStringLiteral("300")},
            {opt("wait"), tr("Wait until the work is finished (and the video downloaded).")},
            {opt("no-download"), tr("With --wait, do not download the finished video.")},
            {opt("yes"), tr("Spend credits without asking.")},
            {opt("again"), tr("Buy again what the same command already bought and finished.")},
            {opt("send-again"),
             tr("Send a purchase whose earlier answer was lost although Creatify cannot tell "
                "whether it was made (it may be charged twice).")},
            {opt("styles"), tr("Visual styles, comma separated."), tr("LIST")},
            {opt("pick"), tr("batch render: render this style for every product."), tr("STYLE")},
            {opt("picks"), tr("batch render: a CSV of url,visual_style lines."), tr("FILE")},
            {opt("aspect"), tr("Aspect ratio: 16x9, 1x1 or 9x16 (default 9x16)."), tr("RATIO"),
             QStringLiteral("9x16")},
            {opt("length"), tr("Video length in seconds: 15, 30, 45 or 60 (default 30)."),
             tr("SECONDS"), QStringLiteral("30")},
            {opt("language"), tr("Language code (default en)."), tr("CODE"), QStringLiteral("en")},
            {opt("model"), tr("standard, aurora_v1 or aurora_v1_fast (default standard)."),
             tr("MODEL"), QStringLiteral("standard")},
            {opt("script-style"), tr("Script style, e.g. DiscoveryWriter."), tr("STYLE")},
            {opt("platform"), tr("Target platform, e.g. TikTok."), tr("PLATFORM")},
            {opt("audience"), tr("Target audience, free text."), tr("TEXT")},
            {opt("name"), tr("A name for the video."), tr("NAME")},
            {opt("title"), tr("Product title (link params)."), tr("TEXT")},
            {opt("description"), tr("Product description (link params)."), tr("TEXT")},
            {opt("image"), tr("Product image URL (link params; repeat)."), tr("URL")},
            {opt("video"), tr("Product video URL (link params; repeat)."), tr("URL")},
            {opt("var"), tr("Template variable value (repeat)."), tr("NAME=VALUE")},
            {opt("vars-file"), tr("Template variable values from a JSON file."), tr("FILE")},
    });
    m_parser.addPositionalArgument(opt("command"), tr("What to do (see above)."));

    if (!m_parser.parse(arguments)) {
        m_out = std::make_unique<CliOutput>(false);
        usage(m_parser.errorText());
        return;
    }
    m_out = std::make_unique<CliOutput>(m_parser.isSet(opt("json")));
    if (m_parser.isSet(opt("help"))) {
        QTextStream(stdout) << m_parser.helpText();
        finish(Ok);
        return;
    }
    if (m_parser.isSet(opt("version"))) {
        QTextStream(stdout) << QCoreApplication::applicationName() << ' '
                            << QCoreApplication::applicationVersion() << Qt::endl;
        finish(Ok);
        return;
    }
    m_positional = m_parser.positionalArguments();
    if (m_positional.isEmpty()) {
        usage(tr("Say what to do, e.g. \"previewdeck-cli demo\" (see --help)."));
        return;
    }
    m_wait = m_parser.isSet(opt("wait")) || m_positional.first() == QLatin1String("demo");
    bool ok = false;
    const int timeout = m_parser.value(opt("timeout")).toInt(&ok);
    if (!ok || timeout <= 0) {
        usage(tr("--timeout needs a number of seconds."));
        return;
    }
    m_deadline.setInterval(timeout * 1000);
    connectAndDispatch();
}

void CliApp::connectAndDispatch()
{
    ConnectionRequest request;
    request.polling = ConnectionRequest::Polling::Script;
    request.server = ConnectionRequest::Server::Live;
    if (m_parser.isSet(opt("sandbox"))) {
        request.server = ConnectionRequest::Server::Sandbox;
    } else if (m_parser.isSet(opt("api-base"))) {
        request.server = ConnectionRequest::Server::Custom;
        request.customBase = QUrl::fromUserInput(m_parser.value(opt("api-base")));
        if (!request.customBase.isValid()
            || !request.customBase.scheme().startsWith(QLatin1String("http"))) {
            fail(tr("--api-base needs an http(s) address."));
            return;
        }
        // A server named on the command line is meant: no quiet switch to the sandbox.
        request.sandboxWithoutKey = false;
    }
    bool ok = false;
    const int stepMs = m_parser.value(opt("step-ms")).toInt(&ok);
    request.sandboxStepMs = ok && stepMs >= 0 ? stepMs : 300;
    // The demo is self-contained; every other command works on a sandbox workspace kept next to
    // its history, so "link create", "previews" and "render" can follow each other.
    request.sandboxKeepsWorkspace = m_positional.first() != QLatin1String("demo");
    request.databasePath = m_parser.value(opt("db"));
    if (m_parser.isSet(opt("download-dir")))
        request.downloadDirectory = m_parser.value(opt("download-dir"));
    request.autoDownload = m_wait && !m_parser.isSet(opt("no-download"));

    connect(m_connection, &ServerConnection::failed, this,
            [this](const QString &error) { fail(error); });
    connect(m_connection, &ServerConnection::opened, this, [this] {
        if (m_connection->fellBackToSandbox())
            m_out->progress(tr("No API key is set up: using the built-in sandbox (no credits "
                               "are spent)."));
        dispatch();
    });
    m_connection->open(request);
}

Engine *CliApp::engine() const
{
    return m_connection->engine();
}

BatchRunner *CliApp::batchRunner() const
{
    return m_connection->batchRunner();
}

template<class Group>
Group *CliApp::newGroup()
{
    return new Group(*this, *m_follower, this);
}

void CliApp::dispatch()
{
    engine()->resume();
    if (m_wait)
        m_deadline.start();

    const QString command = m_positional.first();
    const QStringList args = m_positional.mid(1);
    if (command == QLatin1String("credits"))
        newGroup<CreditsCommand>()->run();
    else if (command == QLatin1String("link"))
        newGroup<LinkCommands>()->run(args);
    else if (command == QLatin1String("previews"))
        newGroup<PreviewCommands>()->previews(args);
    else if (command == QLatin1String("job"))
        newGroup<PreviewCommands>()->job(args);
    else if (command == QLatin1String("jobs"))
        newGroup<PreviewCommands>()->jobs();
    else if (command == QLatin1String("render"))
        newGroup<RenderCommands>()->render(args);
    else if (command == QLatin1String("download"))
        newGroup<RenderCommands>()->download(args);
    else if (command == QLatin1String("templates"))
        newGroup<TemplateCommands>()->list();
    else if (command == QLatin1String("template"))
        newGroup<TemplateCommands>()->run(args);
    else if (command == QLatin1String("batch"))
        newGroup<BatchCommands>()->run(args);
    else if (command == QLatin1String("demo"))
        newGroup<DemoCommand>()->run(args);
    else
        usage(tr("Unknown command \"%1\" (see --help).").arg(command));
}

void CliApp::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    if (engine())
        engine()->tracker()->stop();
    Q_EMIT exitRequested(code);
}

void CliApp::failWith(const QString &sentence, int code)
{
    if (m_finished)
        return;
    m_out->error(sentence);
    if (m_out->isJson())
        m_out->result(QJsonObject{{QStringLiteral("error"), sentence},
                                  {QStringLiteral("exit_code"), code}});
    finish(code);
}

void CliApp::partlyFailed(const QString &sentence)
{
    if (m_finished)
        return;
    m_out->error(sentence);
    finish(Failed);
}

void CliApp::runJob(ApiJob *job, const std::function<void(ApiJob *)> &onSuccess)
{
    connect(job, &ApiJob::finished, this, [this, onSuccess](ApiJob *j) {
        if (!j->succeeded()) {
            fail(j->error().message());
            return;
        }
        onSuccess(j);
    });
    job->start();
}

void CliApp::runSpend(SpendOperation *operation,
                      const std::function<void(SpendOperation *)> &onCarryOn)
{
    connect(operation, &SpendOperation::waiting, this,
            [this](int, const QString &message) { m_out->note(message); });
    connect(operation, &SpendOperation::finished, this, [this, onCarryOn](SpendOperation *op) {
        switch (op->outcome()) {
        case SpendOperation::Outcome::Confirmed:
            if (op->wasReconciled())
                m_out->note(op->message());
            onCarryOn(op);
            return;
        case SpendOperation::Outcome::Existing:
            m_out->note(op->message());
            onCarryOn(op);
            return;
        case SpendOperation::Outcome::Unknown:
            // Keep reading the server's state until it tells (or --timeout ends the wait).
            m_out->note(op->message());
            m_deadline.start();
            runSpend(engine()->spendGuard()->follow(op->spendId()), onCarryOn);
            return;
        case SpendOperation::Outcome::NotSure:
            fail(op->message() + QLatin1Char(' ')
                 + tr("To send it anyway, run the same command with --send-again."));
            return;
        case SpendOperation::Outcome::Refused:
        case SpendOperation::Outcome::Absent:
        case SpendOperation::Outcome::Blocked:
        case SpendOperation::Outcome::Cancelled:
            fail(op->message());
            return;
        }
    });
}

SpendGuard::RepeatOptions CliApp::repeatOptions() const
{
    SpendGuard::RepeatOptions options = SpendGuard::CarryOn;
    if (m_parser.isSet(opt("again")))
        options |= SpendGuard::BuyAgainIfFinished;
    if (m_parser.isSet(opt("send-again")))
        options |= SpendGuard::SendAgainIfNotSure;
    return options;
}

bool CliApp::confirmSpend(double credits, const QString &what, bool buysNothingNew)
{
    if (buysNothingNew || m_connection->isSandbox() || m_parser.isSet(opt("yes")))
        return true;
    if (!isatty(STDIN_FILENO)) {
        usage(tr("%1 costs %2. Add --yes to spend them.").arg(what, CliOutput::creditsText(credits)));
        return false;
    }
    QTextStream(stderr)
            << tr("%1 costs %2. Continue? [y/N] ").arg(what, CliOutput::creditsText(credits))
            << Qt::flush;
    const QString answer = QTextStream(stdin).readLine().trimmed().toLower();
    if (answer == QLatin1String("y") || answer == QLatin1String("yes"))
        return true;
    fail(tr("Nothing was spent."));
    return false;
}

} // namespace PreviewDeck
