#include "cliapp.h"

#include "accountjobs.h"
#include "apiclient.h"
#include "appsettings.h"
#include "costestimate.h"
#include "credentialstore.h"
#include "downloadmanager.h"
#include "engine.h"
#include "jobtracker.h"
#include "linkjobs.h"
#include "requestcheck.h"
#include "sandboxserver.h"
#include "spendguard.h"
#include "store.h"
#include "templatejobs.h"
#include "templatevalues.h"
#include "videojobs.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTextStream>

#include <unistd.h>

namespace PreviewDeck {

namespace {
const QString kDemoUrl = QStringLiteral("https://shop.example.com/products/aurora-desk-lamp");
const QStringList kDemoStyles = {QStringLiteral("DynamicProductTemplate"),
                                 QStringLiteral("FullScreenTemplate"),
                                 QStringLiteral("VanillaTemplate")};

QString credits(double amount)
{
    return QString::number(amount, 'g', 6);
}

QString opt(const char *name)
{
    return QString::fromLatin1(name);
}
} // namespace

CliApp::CliApp(QObject *parent) : QObject(parent)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        fail(tr("Gave up waiting after %1 s. The work goes on at Creatify; check it later with "
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
               "  demo [URL]                       the whole loop: link, previews, render, MP4\n\n"
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
    if (m_parser.isSet(opt("sandbox"))) {
        dispatch();
        return;
    }
    if (!CredentialStore::fromEnvironment().isEmpty()) {
        dispatch();
        return;
    }
    // Ask the keychain; without a key for the live API, fall back to the sandbox.
    auto *credentials = new CredentialStore(this);
    connect(credentials, &CredentialStore::loaded, this,
            [this, credentials](const ApiCredentials &found, CredentialSource) {
                credentials->deleteLater();
                if (found.isEmpty() && !m_parser.isSet(opt("api-base")))
                    m_out->progress(tr("No API key is set up: using the built-in sandbox (no "
                                       "credits are spent)."));
                m_keychainCredentials = found;
                dispatch();
            });
    connect(credentials, &CredentialStore::failed, this,
            [this, credentials](const CredentialError &) {
                credentials->deleteLater();
                if (!m_parser.isSet(opt("api-base")))
                    m_out->progress(tr("No API key is set up: using the built-in sandbox (no "
                                       "credits are spent)."));
                dispatch();
            });
    credentials->load();
}

bool CliApp::setUp(QString *error)
{
    ApiCredentials credentials = CredentialStore::fromEnvironment();
    if (credentials.isEmpty())
        credentials = m_keychainCredentials;
    const bool useSandbox = m_parser.isSet(opt("sandbox"))
            || (!m_parser.isSet(opt("api-base")) && credentials.isEmpty());

    QUrl base = ApiClient::liveApiBase();
    QString profile = QStringLiteral("live");
    QString storePath = m_parser.value(opt("db"));
    if (useSandbox) {
        m_sandbox = new Sandbox::SandboxServer(this);
        bool ok = false;
        const int stepMs = m_parser.value(opt("step-ms")).toInt(&ok);
        m_sandbox->setStepIntervalMs(ok && stepMs >= 0 ? stepMs : 300);
        // The demo is self-contained; every other command works on a sandbox workspace kept
        // next to its history, so "link create", "previews" and "render" can follow each other.
        if (m_positional.first() == QLatin1String("demo")) {
            profile.clear();
        } else {
            profile = QStringLiteral("sandbox");
            if (storePath.isEmpty())
                storePath = profilePath(profile);
            QDir().mkpath(QFileInfo(storePath).absolutePath());
            m_sandbox->setStateFile(storePath + QLatin1String(".sandbox-state.json"));
        }
        if (!m_sandbox->listen()) {
            *error = tr("Could not start the built-in sandbox.");
            return false;
        }
        base = m_sandbox->baseUrl();
        credentials = ApiCredentials(m_sandbox->apiId(), m_sandbox->apiKey());
    } else if (m_parser.isSet(opt("api-base"))) {
        base = QUrl::fromUserInput(m_parser.value(opt("api-base")));
        if (!base.isValid() || !base.scheme().startsWith(QLatin1String("http"))) {
            *error = tr("--api-base needs an http(s) address.");
            return false;
        }
        profile = QLatin1String("server-")
                + QString::fromLatin1(QCryptographicHash::hash(base.toString().toUtf8(),
                                                               QCryptographicHash::Sha1)
                                              .toHex()
                                              .left(10));
    }
    if (credentials.isEmpty()) {
        *error = tr("No API credentials: set CREATIFY_API_ID and CREATIFY_API_KEY, or save them "
                    "in PreviewDeck's settings.");
        return false;
    }

    m_engine = new Engine(this);
    m_engine->client()->setBaseUrl(base);
    m_engine->client()->setCredentials(credentials.apiId(), credentials.apiKey());
    if (useSandbox) {
        m_engine->tracker()->setBaseIntervalMs(200);
        m_engine->tracker()->setMaxIntervalMs(2000);
    }
    AppSettings settings;
    m_engine->setDownloadDirectory(m_parser.isSet(opt("download-dir"))
                                           ? m_parser.value(opt("download-dir"))
                                           : settings.downloadDirectory());
    m_engine->setFileNamePattern(settings.fileNamePattern());
    m_engine->setAutoDownload(m_wait && !m_parser.isSet(opt("no-download")));

    if (storePath.isEmpty())
        storePath = profile.isEmpty() ? QStringLiteral(":memory:") : profilePath(profile);
    return m_engine->open(storePath, error);
}

QString CliApp::profilePath(const QString &profile)
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QLatin1Char('/')
            + profile + QLatin1String(".sqlite");
}

void CliApp::dispatch()
{
    QString error;
    if (!setUp(&error)) {
        fail(error);
        return;
    }
    m_engine->resume();
    if (m_wait)
        m_deadline.start();

    const QString command = m_positional.first();
    const QStringList args = m_positional.mid(1);
    if (command == QLatin1String("credits"))
        cmdCredits();
    else if (command == QLatin1String("link"))
        cmdLink(args);
    else if (command == QLatin1String("previews"))
        cmdPreviews(args);
    else if (command == QLatin1String("job"))
        cmdJob(args);
    else if (command == QLatin1String("jobs"))
        cmdJobs();
    else if (command == QLatin1String("render"))
        cmdRender(args);
    else if (command == QLatin1String("download"))
        cmdDownload(args);
    else if (command == QLatin1String("templates"))
        cmdTemplates();
    else if (command == QLatin1String("template"))
        cmdTemplate(args);
    else if (command == QLatin1String("demo"))
        cmdDemo(args);
    else
        usage(tr("Unknown command \"%1\" (see --help).").arg(command));
}

void CliApp::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    if (m_engine)
        m_engine->tracker()->stop();
    Q_EMIT exitRequested(code);
}

void CliApp::fail(const QString &sentence, int code)
{
    if (m_finished)
        return;
    m_out->error(sentence);
    if (m_out->isJson())
        m_out->result(QJsonObject{{QStringLiteral("error"), sentence},
                                  {QStringLiteral("exit_code"), code}});
    finish(code);
}

void CliApp::usage(const QString &sentence)
{
    fail(sentence, Usage);
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
            runSpend(m_engine->spendGuard()->follow(op->spendId()), onCarryOn);
            return;
        case SpendOperation::Outcome::NotSure:
            fail(op->message() + QLatin1Char(' ')
                 + tr("To send it anyway, run the same command with --send-again."));
            return;
        case SpendOperation::Outcome::Refused:
        case SpendOperation::Outcome::Absent:
        case SpendOperation::Outcome::Blocked:
            fail(op->message());
            return;
        }
    });
}

int CliApp::repeatOptions() const
{
    SpendGuard::RepeatOptions options = SpendGuard::CarryOn;
    if (m_parser.isSet(opt("again")))
        options |= SpendGuard::BuyAgainIfFinished;
    if (m_parser.isSet(opt("send-again")))
        options |= SpendGuard::SendAgainIfNotSure;
    return int(options);
}

bool CliApp::confirmSpend(double amount, const QString &what)
{
    if (m_sandbox || m_parser.isSet(opt("yes")))
        return true;
    if (!isatty(STDIN_FILENO)) {
        usage(tr("%1 costs %2 credit(s). Add --yes to spend them.").arg(what, credits(amount)));
        return false;
    }
    QTextStream(stderr) << tr("%1 costs %2 credit(s). Continue? [y/N] ").arg(what, credits(amount))
                        << Qt::flush;
    const QString answer = QTextStream(stdin).readLine().trimmed().toLower();
    if (answer == QLatin1String("y") || answer == QLatin1String("yes"))
        return true;
    fail(tr("Nothing was spent."), Failed);
    return false;
}

void CliApp::cmdCredits()
{
    runJob(new GetCreditsJob(m_engine->client(), this), [this](ApiJob *job) {
        const double remaining = static_cast<GetCreditsJob *>(job)->remainingCredits();
        m_out->line(tr("Remaining credits: %1").arg(credits(remaining)));
        m_out->result(QJsonObject{{QStringLiteral("remaining_credits"), remaining}});
        finish(Ok);
    });
}

void CliApp::cmdLink(const QStringList &args)
{
    const QString sub = args.value(0);
    auto printLink = [this](const Link &link) {
        m_out->line(tr("Link %1").arg(link.id));
        m_out->line(tr("  title: %1").arg(link.title));
        m_out->line(tr("  description: %1").arg(link.description));
        for (const QString &image : link.imageUrls)
            m_out->line(tr("  image: %1").arg(image));
        m_out->result(CliOutput::toJson(link));
        finish(Ok);
    };
    if (sub == QLatin1String("create") && args.size() == 2) {
        QUrl url;
        const QList<InputProblem> problems = RequestCheck::productUrl(
                args.at(1), &url,
                m_engine->client()->isCreatify() ? RequestCheck::Hosts::PublicOnly
                                                 : RequestCheck::Hosts::LocalToo);
        if (!problems.isEmpty()) {
            usage(tr("Nothing was sent: %1").arg(RequestCheck::summary(problems)));
            return;
        }
        if (!confirmSpend(CostEstimate::link(), tr("Reading a product page")))
            return;
        runSpend(m_engine->spendGuard()->createLink(url, SpendGuard::RepeatOptions(repeatOptions())),
                 [printLink](SpendOperation *o) { printLink(o->link()); });
    } else if (sub == QLatin1String("params")) {
        LinkParams params;
        params.title = m_parser.value(opt("title"));
        params.description = m_parser.value(opt("description"));
        params.imageUrls = m_parser.values(opt("image"));
        params.videoUrls = m_parser.values(opt("video"));
        if (const QList<InputProblem> problems = RequestCheck::linkParams(params);
            !problems.isEmpty()) {
            usage(tr("Nothing was sent: %1").arg(RequestCheck::summary(problems)));
            return;
        }
        if (!confirmSpend(CostEstimate::link(), tr("Creating a link")))
            return;
        runSpend(m_engine->spendGuard()->createLinkWithParams(params),
                 [printLink](SpendOperation *o) { printLink(o->link()); });
    } else if (sub == QLatin1String("show") && args.size() == 2) {
        runJob(new GetLinkJob(m_engine->client(), args.at(1), this), [this, printLink](ApiJob *j) {
            const Link link = static_cast<GetLinkJob *>(j)->link();
            m_engine->store()->saveLink(link);
            printLink(link);
        });
    } else {
        usage(tr("Use \"link create URL\", \"link params …\" or \"link show LINK_ID\"."));
    }
}

void CliApp::cmdPreviews(const QStringList &args)
{
    if (args.size() != 1 || !m_parser.isSet(opt("styles"))) {
        usage(tr("Use \"previews LINK_ID --styles StyleA,StyleB\"."));
        return;
    }
    PreviewListRequest request;
    request.linkId = args.at(0);
    request.visualStyles = m_parser.value(opt("styles")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    request.aspectRatio = m_parser.value(opt("aspect"));
    request.videoLength = m_parser.value(opt("length")).toInt();
    request.language = m_parser.value(opt("language"));
    request.modelVersion = m_parser.value(opt("model"));
    request.scriptStyle = m_parser.value(opt("script-style"));
    request.targetPlatform = m_parser.value(opt("platform"));
    request.targetAudience = m_parser.value(opt("audience"));
    request.name = m_parser.value(opt("name"));
    if (const QList<InputProblem> problems = RequestCheck::previewList(request);
        !problems.isEmpty()) {
        usage(tr("Nothing was sent: %1").arg(RequestCheck::summary(problems)));
        return;
    }
    const double cost = CostEstimate::previewList(int(request.visualStyles.size()),
                                                  request.videoLength);
    if (!confirmSpend(cost, tr("%n preview(s)", nullptr, int(request.visualStyles.size()))))
        return;
    runSpend(m_engine->spendGuard()->requestPreviews(request,
                                                     SpendGuard::RepeatOptions(repeatOptions())),
             [this](SpendOperation *op) { followPreviews(op); });
}

void CliApp::followPreviews(SpendOperation *op)
{
    const qint64 jobLocalId = op->jobLocalId();
    if (!m_wait) {
        printJob(jobLocalId);
        return;
    }
    waitForPreviews(jobLocalId, [this, jobLocalId] { printJob(jobLocalId); });
}

void CliApp::printJob(qint64 jobLocalId)
{
    const auto job = m_engine->store()->job(jobLocalId);
    if (!job) {
        fail(tr("There is no job %1 in the history.").arg(jobLocalId));
        return;
    }
    m_out->line(CliOutput::describe(*job, *m_engine->store()));
    m_out->result(CliOutput::toJson(*job, *m_engine->store()));
    finish(Ok);
}

qint64 CliApp::resolveJob(const QString &idOrLocalId) const
{
    if (const auto job = m_engine->store()->jobByRemoteId(idOrLocalId))
        return job->localId;
    bool ok = false;
    const qint64 localId = idOrLocalId.toLongLong(&ok);
    if (ok && m_engine->store()->job(localId))
        return localId;
    return 0;
}

void CliApp::waitForPreviews(qint64 jobLocalId, const std::function<void()> &then)
{
    auto check = [this, jobLocalId, then] {
        const auto job = m_engine->store()->job(jobLocalId);
        if (!job || m_finished)
            return;
        const int previews = int(m_engine->store()->previews(jobLocalId).size());
        m_out->progress(tr("  %1, %2% — %3 preview(s) ready")
                                .arg(job->status)
                                .arg(qRound(job->progress * 100))
                                .arg(previews));
        if (job->status == QLatin1String("done")) {
            then();
        } else if (isFinishedStatus(job->status)) {
            fail((job->failedReason.isEmpty()
                          ? tr("The previews ended \"%1\" without a reason.").arg(job->status)
                          : tr("The previews failed: %1").arg(job->failedReason))
                 + QLatin1Char(' ') + tr("To buy them again, add --again."));
        }
    };
    connect(m_engine->tracker(), &JobTracker::jobUpdated, this, [jobLocalId, check](qint64 id) {
        if (id == jobLocalId)
            check();
    });
    // A job carried on from an earlier run may have finished already.
    QTimer::singleShot(0, this, check);
    m_engine->tracker()->poke();
}

void CliApp::cmdJob(const QStringList &args)
{
    if (args.size() != 1) {
        usage(tr("Use \"job JOB\" with a job id or its number from \"jobs\"."));
        return;
    }
    const qint64 localId = resolveJob(args.at(0));
    if (!localId) {
        fail(tr("There is no job %1 in this computer's history.").arg(args.at(0)));
        return;
    }
    // One polling round brings it up to date before printing.
    connect(m_engine->tracker(), &JobTracker::roundFinished, this,
            [this, localId] { printJob(localId); });
    connect(m_engine->tracker(), &JobTracker::idle, this, [this, localId] { printJob(localId); });
    m_engine->tracker()->poke();
}

void CliApp::cmdJobs()
{
    const QList<JobRecord> jobs = m_engine->store()->jobs();
    QJsonArray array;
    for (const JobRecord &job : jobs) {
        m_out->line(CliOutput::describe(job, *m_engine->store()));
        array.append(CliOutput::toJson(job, *m_engine->store()));
    }
    if (jobs.isEmpty())
        m_out->line(tr("No jobs yet."));
    m_out->result(QJsonObject{{QStringLiteral("jobs"), array}});
    finish(Ok);
}

void CliApp::renderAndWait(qint64 jobLocalId, const QString &mediaJob)
{
    const auto job = m_engine->store()->job(jobLocalId);
    const double cost = m_engine->spendGuard()->estimateRender(jobLocalId);
    if (!confirmSpend(cost, tr("Rendering")))
        return;
    const auto options = SpendGuard::RepeatOptions(repeatOptions());
    SpendOperation *op = job->kind == JobKind::TemplatePreview
            ? m_engine->spendGuard()->renderTemplate(jobLocalId, options)
            : m_engine->spendGuard()->renderPreview(jobLocalId, mediaJob, options);
    runSpend(op, [this](SpendOperation *o) {
        const qint64 renderId = o->renderLocalId();
        if (o->isConfirmed())
            m_out->line(tr("Render %1 started.").arg(renderId));
        if (m_wait) {
            waitForRender(renderId);
            return;
        }
        if (const auto render = m_engine->store()->render(renderId))
            m_out->result(CliOutput::toJson(*render, *m_engine->store()));
        finish(Ok);
    });
}

void CliApp::cmdRender(const QStringList &args)
{
    if (args.isEmpty() || args.size() > 2) {
        usage(tr("Use \"render JOB MEDIA_JOB\" (or \"render JOB\" for a template job)."));
        return;
    }
    const qint64 jobLocalId = resolveJob(args.at(0));
    const auto job = m_engine->store()->job(jobLocalId);
    if (!job) {
        fail(tr("There is no job %1 in this computer's history.").arg(args.at(0)));
        return;
    }
    if (job->kind == JobKind::LinkPreviews && args.size() != 2) {
        usage(tr("Say which preview to render: its media_job (see \"job %1\").").arg(args.at(0)));
        return;
    }
    renderAndWait(jobLocalId, args.value(1));
}

void CliApp::waitForRender(qint64 renderLocalId)
{
    auto report = [this, renderLocalId](const QString &path) {
        const auto render = m_engine->store()->render(renderLocalId);
        m_out->line(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
        if (render)
            m_out->result(CliOutput::toJson(*render, *m_engine->store()));
        finish(Ok);
    };
    connect(m_engine, &Engine::downloadFinished, this,
            [renderLocalId, report](qint64 id, const QString &path) {
                if (id == renderLocalId)
                    report(path);
            });
    connect(m_engine, &Engine::downloadFailed, this,
            [this, renderLocalId](qint64 id, const QString &message) {
                if (id == renderLocalId)
                    fail(message);
            });
    connect(m_engine->tracker(), &JobTracker::renderUpdated, this, [this, renderLocalId](qint64 id) {
        if (id != renderLocalId)
            return;
        if (const auto render = m_engine->store()->render(id))
            m_out->progress(
                    tr("  render %1, %2%").arg(render->status).arg(qRound(render->progress * 100)));
    });
    connect(m_engine, &Engine::renderFinished, this, [this, renderLocalId](qint64 id) {
        if (id == renderLocalId)
            onRenderEnded(id);
    });
    // A render carried on from an earlier run may have finished (and been saved) already.
    QTimer::singleShot(0, this, [this, renderLocalId] {
        const auto render = m_engine->store()->render(renderLocalId);
        if (!render || !isFinishedStatus(render->status))
            return;
        onRenderEnded(renderLocalId);
        if (m_finished || render->status != QLatin1String("done")
            || m_engine->runningDownload(renderLocalId))
            return;
        const auto download = m_engine->store()->downloadForRender(renderLocalId);
        if (download && download->status == QLatin1String("done")
            && QFile::exists(download->targetPath)) {
            m_out->line(tr("Already saved: %1").arg(QDir::toNativeSeparators(download->targetPath)));
            m_out->result(CliOutput::toJson(*render, *m_engine->store()));
            finish(Ok);
            return;
        }
        m_engine->downloadRender(renderLocalId);
    });
    m_engine->tracker()->poke();
}

void CliApp::onRenderEnded(qint64 renderLocalId)
{
    const auto render = m_engine->store()->render(renderLocalId);
    if (!render || render->status != QLatin1String("done")) {
        const QString reason = render && !render->failedReason.isEmpty()
                ? render->failedReason
                : tr("Creatify gave no reason.");
        // Creatify's docs do not say whether a failed render is refunded: say what is known.
        const QString charged = render && render->spendId
                        && m_engine->store()->spend(render->spendId)
                        && m_engine->store()->spend(render->spendId)->state == SpendState::Confirmed
                ? tr(" Creatify charged %1 credit(s) when it accepted this render.")
                          .arg(credits(render->estimatedCredits))
                : QString();
        QString said = tr("The render failed: %1").arg(reason).trimmed();
        if (!said.endsWith(QLatin1Char('.')))
            said += QLatin1Char('.');
        fail(said + charged + QLatin1Char(' ') + tr("To render it again, add --again."));
        return;
    }
    if (!m_engine->autoDownload()) {
        m_out->line(tr("Done: %1").arg(render->videoOutput.toString()));
        m_out->result(CliOutput::toJson(*render, *m_engine->store()));
        finish(Ok);
    }
}

void CliApp::startDownload(qint64 renderLocalId)
{
    DownloadJob *job = m_engine->downloadRender(renderLocalId);
    if (!job) {
        fail(tr("Render %1 has no finished video to download yet.").arg(renderLocalId));
        return;
    }
    connect(m_engine, &Engine::downloadFinished, this,
            [this, renderLocalId](qint64 id, const QString &path) {
                if (id != renderLocalId)
                    return;
                m_out->line(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
                m_out->result(QJsonObject{{QStringLiteral("path"), path}});
                finish(Ok);
            });
    connect(m_engine, &Engine::downloadFailed, this,
            [this, renderLocalId](qint64 id, const QString &message) {
                if (id == renderLocalId)
                    fail(message);
            });
}

void CliApp::cmdDownload(const QStringList &args)
{
    bool ok = false;
    const qint64 renderLocalId = args.value(0).toLongLong(&ok);
    if (args.size() != 1 || !ok) {
        usage(tr("Use \"download RENDER_ID\" with the render's number from \"job\"."));
        return;
    }
    m_deadline.start();
    startDownload(renderLocalId);
}

void CliApp::cmdTemplates()
{
    runJob(new ListTemplatesJob(m_engine->client(), this), [this](ApiJob *j) {
        QJsonArray array;
        for (const CustomTemplate &t : static_cast<ListTemplatesJob *>(j)->templates()) {
            m_out->line(QStringLiteral("%1  %2  %3").arg(t.id, t.aspectRatio, t.name));
            array.append(CliOutput::toJson(t));
        }
        m_out->result(QJsonObject{{QStringLiteral("templates"), array}});
        finish(Ok);
    });
}

void CliApp::cmdTemplate(const QStringList &args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("show") && args.size() == 2) {
        runJob(new GetTemplateJob(m_engine->client(), args.at(1), this), [this](ApiJob *j) {
            const CustomTemplate t = static_cast<GetTemplateJob *>(j)->customTemplate();
            m_out->line(QStringLiteral("%1  %2  %3").arg(t.id, t.aspectRatio, t.name));
            for (const TemplateVariable &v : t.variables)
                m_out->line(QStringLiteral("  %1  (%2%3)")
                                    .arg(v.name, variableTypeToString(v.type),
                                         v.required ? tr(", required") : QString()));
            m_out->result(CliOutput::toJson(t));
            finish(Ok);
        });
    } else if (sub == QLatin1String("preview") && args.size() == 2) {
        QMap<QString, QString> values;
        QMap<QString, VariableType> declaredTypes;
        if (m_parser.isSet(opt("vars-file"))) {
            QFile file(m_parser.value(opt("vars-file")));
            QString error;
            if (!file.open(QIODevice::ReadOnly)) {
                usage(tr("Cannot read %1.").arg(file.fileName()));
                return;
            }
            if (!TemplateValues::parseJsonFile(file.readAll(), &values, &error, &declaredTypes)) {
                usage(error);
                return;
            }
        }
        for (const QString &pair : m_parser.values(opt("var"))) {
            const int eq = int(pair.indexOf(QLatin1Char('=')));
            if (eq <= 0) {
                usage(tr("Give variables as NAME=VALUE, not \"%1\".").arg(pair));
                return;
            }
            values.insert(pair.left(eq), pair.mid(eq + 1));
        }
        runJob(new GetTemplateJob(m_engine->client(), args.at(1), this),
               [this, values, declaredTypes](ApiJob *j) {
                   const CustomTemplate t = static_cast<GetTemplateJob *>(j)->customTemplate();
                   const TemplateValues built = TemplateValues::build(t, values, declaredTypes);
                   if (!built.isValid()) {
                       QStringList problems;
                       for (auto it = built.fieldErrors.cbegin(); it != built.fieldErrors.cend();
                            ++it)
                           problems << it.key() + QLatin1String(": ") + it.value();
                       usage(tr("Nothing was sent: %1").arg(problems.join(QLatin1String("; "))));
                       return;
                   }
                   TemplateJobRequest request;
                   request.templateId = t.id;
                   request.name = m_parser.value(opt("name"));
                   request.variables = built.variables;
                   if (m_parser.isSet(opt("model")))
                       request.modelVersion = m_parser.value(opt("model"));
                   if (!confirmSpend(CostEstimate::templatePreview(30), tr("A template preview")))
                       return;
                   runSpend(m_engine->spendGuard()->requestTemplatePreview(
                                    request, 30, SpendGuard::RepeatOptions(repeatOptions())),
                            [this](SpendOperation *op) { followPreviews(op); });
               });
    } else if (sub == QLatin1String("render") && args.size() == 2) {
        cmdRender(args.mid(1));
    } else {
        usage(tr("Use \"template show ID\", \"template preview ID --var NAME=VALUE …\" or "
                 "\"template render JOB\"."));
    }
}

void CliApp::cmdDemo(const QStringList &args)
{
    const QUrl url = QUrl::fromUserInput(args.value(0, kDemoUrl));
    m_out->progress(tr("1/4 Reading %1").arg(url.toString()));
    if (!confirmSpend(CostEstimate::link() + CostEstimate::previewList(3, 30)
                              + CostEstimate::render(30, QStringLiteral("standard")),
                      tr("The demo")))
        return;
    runSpend(m_engine->spendGuard()->createLink(url), [this](SpendOperation *o) {
        const Link link = o->link();
        m_out->progress(
                tr("    \"%1\" with %2 image(s)").arg(link.title).arg(link.imageUrls.size()));
        m_out->progress(tr("2/4 Asking for %1 previews").arg(kDemoStyles.size()));
        PreviewListRequest request;
        request.linkId = link.id;
        request.visualStyles = kDemoStyles;
        request.aspectRatio = m_parser.value(opt("aspect"));
        request.videoLength = 30;
        request.name = link.title;
        runSpend(m_engine->spendGuard()->requestPreviews(request), [this](SpendOperation *op) {
            const qint64 jobLocalId = op->jobLocalId();
            waitForPreviews(jobLocalId, [this, jobLocalId] {
                const QList<PreviewRecord> previews = m_engine->store()->previews(jobLocalId);
                for (const PreviewRecord &p : previews)
                    m_out->progress(tr("    %1: %2").arg(p.visualStyle, p.url.toString()));
                m_out->progress(tr("3/4 Rendering %1").arg(previews.first().visualStyle));
                m_out->progress(tr("4/4 Downloading when ready"));
                renderAndWait(jobLocalId, previews.first().mediaJob);
            });
        });
    });
}

} // namespace PreviewDeck
