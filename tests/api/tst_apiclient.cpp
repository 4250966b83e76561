// The typed API client (app/core/api) against a real sandbox on loopback: every endpoint with its
// typed result, every ApiError kind with its fields, the no-retry rule for POSTs, the 429 pause
// and the template variable checks.

#include "accountjobs.h"
#include "apiclient.h"
#include "apierror.h"
#include "apijob.h"
#include "apitypes.h"
#include "linkjobs.h"
#include "sandboxserver.h"
#include "templatejobs.h"
#include "templatevalues.h"
#include "videojobs.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <QSignalSpy>
#include <QLocale>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <functional>
#include <memory>

using namespace PreviewDeck;
using Sandbox::Fault;
using Sandbox::SandboxServer;

namespace {

// Distinctive so that a message leaking it is easy to catch.
const QString kApiId = QStringLiteral("test-workspace-id");
const QString kApiKey = QStringLiteral("sk-test-SECRET-7f3a9c");
const QString kWrongKey = QStringLiteral("sk-wrong-KEY-0042");

constexpr int kStepMs = 20;

Fault fault(Fault::Kind kind, const QByteArray &method, const QString &path, int count = 1)
{
    Fault f;
    f.kind = kind;
    f.method = method;
    f.pathPattern = path;
    f.count = count;
    return f;
}

// Runs a job to its end (kept alive for reading) and counts its finished signals.
template<typename Job>
std::unique_ptr<Job> run(Job *raw, int *finishedCount = nullptr, int timeoutMs = 5000)
{
    std::unique_ptr<Job> job(raw);
    job->setAutoDelete(false);
    QSignalSpy spy(job.get(), &ApiJob::finished);
    job->start();
    if (spy.isEmpty())
        spy.wait(timeoutMs);
    if (finishedCount)
        *finishedCount = int(spy.count());
    return job;
}

bool isPlainSentence(const QString &text)
{
    return !text.isEmpty() && text.at(0).isUpper() && !text.contains(QLatin1Char('<'))
            && !text.contains(QLatin1Char('{')) && !text.contains(QLatin1Char('\n'));
}

} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    // Endpoints.
    void createLink();
    void createLinkWithParams();
    void getLink();
    void updateLinkReadsFlatAnswer();
    void updateLinkKeepsWhatIsNotChanged();
    void listLinksByIds();
    void previewListShowsPreviewsWhilePending();
    void getAndListVideoJobs();
    void renderSinglePreview();
    void templatesListAndDetail();
    void templatePreviewAsync();
    void templateRenderReadsOutput();
    void personasPage();
    void voicesWithAccents();
    void remainingCreditsDropByPrice();

    // Errors.
    void authError();
    void validationFieldErrors();
    void validationMessageList();
    void notFound();
    void rateLimited();
    void rateLimitPausesNewJobs();
    void retryAfterAsHttpDate();
    void outOfCredits();
    void serverErrorOnPostIsNotRetried();
    void serverErrorOnGetIsRetried();
    void serverErrorOnGetGivesUp();
    void networkErrorOnClosedPort();
    void timeout();
    void badResponseHtmlInsteadOfJson();
    void htmlGatewayErrorIsServer();
    void cancelMidFlight();
    void cancelDuringRateLimitPause();
    void lostPostAnswerIsNotResent();
    void messagesArePlainSentences_data();
    void messagesArePlainSentences();

    // Template variables.
    void templateValuesMissingRequired();
    void templateValuesRejectsNonHttpUrl();
    void templateValuesUnknownName();
    void templateValuesFileKindMustMatch();
    void templateValuesValidSet();
    void templateValuesParseJsonFile();

private:
    std::unique_ptr<Link> createLinkOrFail(const QString &url);
    // Polls GET /api/link_to_videos/{id}/ until `done(job)` or the deadline; calls `seen` on
    // every answer.
    bool pollVideoJob(const QString &id, const std::function<bool(const VideoJob &)> &done,
                      const std::function<void(const VideoJob &)> &seen = {}, int timeoutMs = 5000);
    bool pollTemplateJob(const QString &id, JobStatus until, TemplateJob *last,
                         int timeoutMs = 5000);
    void checkMessage(const ApiError &error);
    static CustomTemplate handMadeTemplate();

    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<ApiClient> m_client;
};

void TestApiClient::init()
{
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->listen(QHostAddress::LocalHost, 0));
    m_sandbox->setCredentials(kApiId, kApiKey);
    m_sandbox->setStepIntervalMs(kStepMs);
    m_client = std::make_unique<ApiClient>();
    m_client->setBaseUrl(m_sandbox->baseUrl());
    m_client->setCredentials(m_sandbox->apiId(), m_sandbox->apiKey());
    m_client->setRetryBaseDelayMs(10);
    m_client->setTimeoutMs(5000);
}

void TestApiClient::cleanup()
{
    m_client.reset();
    m_sandbox.reset();
}

std::unique_ptr<Link> TestApiClient::createLinkOrFail(const QString &url)
{
    auto job = run(new CreateLinkJob(m_client.get(), QUrl(url)));
    if (!job->succeeded()) {
        qWarning() << "creating a link failed:" << job->error().message();
        return nullptr;
    }
    return std::make_unique<Link>(job->link());
}

bool TestApiClient::pollVideoJob(const QString &id,
                                 const std::function<bool(const VideoJob &)> &done,
                                 const std::function<void(const VideoJob &)> &seen, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        auto job = run(new GetVideoJobJob(m_client.get(), id));
        if (!job->succeeded())
            return false;
        if (seen)
            seen(job->job());
        if (done(job->job()))
            return true;
        QTest::qWait(kStepMs / 4); // a polling interval, not a wait for an outcome
    }
    return false;
}

bool TestApiClient::pollTemplateJob(const QString &id, JobStatus until, TemplateJob *last,
                                    int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        auto job = run(new GetTemplateJobJob(m_client.get(), id));
        if (!job->succeeded())
            return false;
        *last = job->job();
        if (last->status == until)
            return true;
        if (last->status.isFinished())
            return false;
        QTest::qWait(kStepMs / 4);
    }
    return false;
}

void TestApiClient::checkMessage(const ApiError &error)
{
    const QString message = error.message();
    QVERIFY2(isPlainSentence(message), qPrintable(message));
    QVERIFY2(!message.contains(kApiKey), qPrintable(message));
    QVERIFY2(!message.contains(kWrongKey), qPrintable(message));
    QVERIFY(!error.kindName().isEmpty());
}

CustomTemplate TestApiClient::handMadeTemplate()
{
    CustomTemplate t;
    t.id = QStringLiteral("11111111-2222-3333-4444-555555555555");
    t.name = QStringLiteral("Hand made");
    auto add = [&t](const char *name, VariableType type, bool required,
                    const QJsonObject &properties = {}) {
        TemplateVariable v;
        v.name = QLatin1String(name);
        v.type = type;
        v.required = required;
        v.properties = properties;
        t.variables << v;
    };
    add("headline", VariableType::Text, true);
    add("product_image", VariableType::Image, true);
    add("music", VariableType::Audio, false,
        QJsonObject{{QStringLiteral("url"), QStringLiteral("https://cdn.example.com/m.mp3")}});
    add("presenter", VariableType::Avatar, false);
    add("voiceover", VariableType::Voiceover, false);
    return t;
}

// ---- endpoints ---------------------------------------------------------------------------

void TestApiClient::createLink()
{
    const QString url = QStringLiteral("https://shop.example.com/products/desk-lamp");
    auto job = run(new CreateLinkJob(m_client.get(), QUrl(url)));
    QVERIFY2(job->succeeded(), qPrintable(job->error().message()));
    const Link &link = job->link();
    QVERIFY(looksLikeUuid(link.id));
    QVERIFY(looksLikeUuid(link.innerId));
    QVERIFY(link.id != link.innerId); // the outer id is the one link_to_videos wants
    QCOMPARE(link.url, QUrl(url));
    QCOMPARE(link.title, QStringLiteral("Desk Lamp")); // read from the inner object
    QVERIFY(link.description.contains(QStringLiteral("shop.example.com")));
    QVERIFY(!link.aiSummary.isEmpty());
    QVERIFY(link.imageUrls.size() >= 3);
    for (const QString &image : link.imageUrls)
        QVERIFY2(image.startsWith(m_sandbox->baseUrl().toString()), qPrintable(image));
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral("^/api/links/$")), 1);
    QCOMPARE(m_sandbox->credits(), 99.0);
}

void TestApiClient::createLinkWithParams()
{
    LinkParams params;
    params.title = QStringLiteral("Trail Bottle");
    params.description = QStringLiteral("Keeps water cold. Fits every bag.");
    params.imageUrls = {QStringLiteral("https://img.example.com/1.jpg"),
                        QStringLiteral("https://img.example.com/2.jpg"),
                        QStringLiteral("https://img.example.com/3.jpg")};
    params.logoUrl = QStringLiteral("https://img.example.com/logo.png");
    auto job = run(new CreateLinkWithParamsJob(m_client.get(), params));
    QVERIFY2(job->succeeded(), qPrintable(job->error().message()));
    const Link &link = job->link();
    QVERIFY(looksLikeUuid(link.id));
    QVERIFY(looksLikeUuid(link.innerId));
    QVERIFY(link.id != link.innerId);
    QCOMPARE(link.title, params.title);
    QCOMPARE(link.description, params.description);
    QCOMPARE(link.imageUrls, params.imageUrls);
    QVERIFY(link.videoUrls.isEmpty());
    QCOMPARE(link.logoUrl, params.logoUrl);
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral("^/api/links/link_with_params/$")), 1);
    QCOMPARE(m_sandbox->credits(), 99.0);
}

void TestApiClient::getLink()
{
    const auto created = createLinkOrFail(QStringLiteral("https://shop.example.com/p/blue-mug"));
    QVERIFY(created);
    auto job = run(new GetLinkJob(m_client.get(), created->id));
    QVERIFY2(job->succeeded(), qPrintable(job->error().message()));
    QCOMPARE(job->link().id, created->id);
    QCOMPARE(job->link().innerId, created->innerId);
    QCOMPARE(job->link().title, QStringLiteral("Blue Mug"));
    QCOMPARE(job->link().imageUrls, created->imageUrls);
    QCOMPARE(m_sandbox->credits(), 99.0); // GETs are free
}

void TestApiClient::updateLinkReadsFlatAnswer()
{
    const auto created = createLinkOrFail(QStringLiteral("https://shop.example.com/p/red-chair"));
    QVERIFY(created);
    LinkParams changes;
    changes.title = QStringLiteral("Red Chair, Oak Legs");
    changes.description = QStringLiteral("A sturdier description.");
    changes.imageUrls = {QStringLiteral("https://img.example.com/a.jpg"),
                         QStringLiteral("https://img.example.com/b.jpg")};
    changes.logoUrl = QStringLiteral("https://img.example.com/brand.png");
    auto job = run(new UpdateLinkJob(m_client.get(), *created, changes));
    QVERIFY2(job->succeeded(), qPrintable(job->error().message()));
    QCOMPARE(job->httpStatus(), 200);
    // The answer is the flat inner object: its `id` is the inner one, yet the outer id stays.
    QCOMPARE(job->link().id, created->id);
    QCOMPARE(job->link().title, changes.title);
    QCOMPARE(job->link().description, changes.description);
    QCOMPARE(job->link().imageUrls, changes.imageUrls);
    QCOMPARE(job->link().logoUrl, changes.logoUrl);
    QCOMPARE(job->link().url, created->url);
    QCOMPARE(m_sandbox->requestCount("PUT", QStringLiteral("^/api/links/[^/]+/$")), 1);

    auto reread = run(new GetLinkJob(m_client.get(), created->id));
    QVERIFY(reread->succeeded());
    QCOMPARE(reread->link().title, changes.title);
    QCOMPARE(reread->link().imageUrls, changes.imageUrls);
    QCOMPARE(reread->link().innerId, created->innerId);
}

void TestApiClient::updateLinkKeepsWhatIsNotChanged()
{
    // The docs' use of PUT: add a logo, leave the rest. `changes` holds only the logo here.
    const auto created = createLinkOrFail(QStringLiteral("https://shop.example.com/p/green-lamp"));
    QVERIFY(created);
    LinkParams changes;
    changes.logoUrl = QStringLiteral("https://img.example.com/brand.png");
    auto job = run(new UpdateLinkJob(m_client.get(), *created, changes));
    QVERIFY2(job->succeeded(), qPrintable(job->error().message()));
    QCOMPARE(job->link().logoUrl, changes.logoUrl);
    // A PUT replaces the whole object: what `changes` leaves empty must be sent unchanged.
    QCOMPARE(job->link().title, created->title);
    QCOMPARE(job->link().description, created->description);
    QCOMPARE(job->link().imageUrls, created->imageUrls);
}

void TestApiClient::listLinksByIds()
{
    const auto a = createLinkOrFail(QStringLiteral("https://shop.example.com/p/a-thing"));
    const auto b = createLinkOrFail(QStringLiteral("https://shop.example.com/p/b-thing"));
    const auto c = createLinkOrFail(QStringLiteral("https://shop.example.com/p/c-thing"));
    QVERIFY(a && b && c);
    auto job = run(new ListLinksJob(m_client.get(), {a->id, c->id}));
    QVERIFY2(job->succeeded(), qPrintable(job->error().message()));
    QCOMPARE(job->links().size(), 2);
    QSet<QString> ids;
    for (const Link &link : job->links()) {
        ids.insert(link.id);
        QVERIFY(!link.title.isEmpty());
        QVERIFY(link.id != link.innerId);
    }
    QCOMPARE(ids, (QSet<QString>{a->id, c->id}));
    const auto log = m_sandbox->requestLog();
    QCOMPARE(log.last().path, QStringLiteral("/api/links/"));
    QVERIFY2(log.last().query.startsWith(QStringLiteral("ids=")), qPrintable(log.last().query));
}

void TestApiClient::previewListShowsPreviewsWhilePending()
{
    const auto link = createLinkOrFail(QStringLiteral("https://shop.example.com/p/standing-desk"));
    QVERIFY(link);
    PreviewListRequest request;
    request.linkId = link->id;
    request.videoLength = 30;
    request.aspectRatio = QStringLiteral("9x16");
    request.visualStyles = {QStringLiteral("DynamicProductTemplate"),
                            QStringLiteral("VanillaTemplate"), QStringLiteral("OverCardsTemplate"),
                            QStringLiteral("LegoTemplate")};
    auto create = run(new CreatePreviewListJob(m_client.get(), request));
    QVERIFY2(create->succeeded(), qPrintable(create->error().message()));
    const VideoJob created = create->job();
    QVERIFY(looksLikeUuid(created.id));
    QCOMPARE(created.linkId, link->id);
    QCOMPARE(created.status, JobStatus::Pending);
    QCOMPARE(created.visualStyles, request.visualStyles);
    QCOMPARE(created.videoLength, 30);
    QCOMPARE(created.creditsUsed, 4.0); // 1 credit per 30 s per preview
    QCOMPARE(m_sandbox->credits(), 100.0 - 1 - 4);

    int previewsWhilePending = 0;
    QList<JobStatus> statuses;
    VideoJob last;
    QVERIFY(pollVideoJob(
            created.id, [](const VideoJob &job) { return job.status.isFinished(); },
            [&](const VideoJob &job) {
                if (job.status == JobStatus::Pending)
                    previewsWhilePending = qMax(previewsWhilePending, int(job.previews.size()));
                if (statuses.isEmpty() || statuses.last() != job.status)
                    statuses << job.status;
                last = job;
            }));
    QCOMPARE(last.status, JobStatus::Done);
    QVERIFY2(previewsWhilePending > 0, "no preview was listed while the job was still pending");
    QCOMPARE(statuses.first(), JobStatus::Pending);
    QCOMPARE(last.progress, 1.0);
    QCOMPARE(last.previews.size(), 4);
    QSet<QString> styles;
    for (const Preview &p : last.previews) {
        QVERIFY(looksLikeUuid(p.mediaJob));
        styles.insert(p.visualStyle);
        QCOMPARE(p.aspectRatio, QStringLiteral("9x16"));
        QCOMPARE(p.duration, 30);
        QVERIFY2(p.url.toString().contains(QStringLiteral("/preview?layout=videos/")),
                 qPrintable(p.url.toString()));
        QVERIFY(p.url.toString().endsWith(p.mediaJob + QStringLiteral(".json")));
    }
    QCOMPARE(styles, QSet<QString>(request.visualStyles.cbegin(), request.visualStyles.cend()));
}

void TestApiClient::getAndListVideoJobs()
{
    const auto link = createLinkOrFail(QStringLiteral("https://shop.example.com/p/lamp"));
    QVERIFY(link);
    PreviewListRequest request;
    request.linkId = link->id;
    request.visualStyles = {QStringLiteral("VanillaTemplate")};
    auto first = run(new CreatePreviewListJob(m_client.get(), request));
    request.visualStyles = {QStringLiteral("LegoTemplate")};
    auto second = run(new CreatePreviewListJob(m_client.get(), request));
    auto third = run(new CreatePreviewListJob(m_client.get(), request));
    QVERIFY(first->succeeded() && second->succeeded() && third->succeeded());

    auto get = run(new GetVideoJobJob(m_client.get(), second->job().id));
    QVERIFY2(get->succeeded(), qPrintable(get->error().message()));
    QCOMPARE(get->job().id, second->job().id);
    QCOMPARE(get->job().linkId, link->id);
    QCOMPARE(get->job().visualStyles, QStringList{QStringLiteral("LegoTemplate")});
    QVERIFY(get->job().status.value() != JobStatus::Other);

    auto list = run(new ListVideoJobsJob(m_client.get(), {first->job().id, third->job().id}));
    QVERIFY2(list->succeeded(), qPrintable(list->error().message()));
    QCOMPARE(list->jobs().size(), 2);
    QSet<QString> ids;
    for (const VideoJob &job : list->jobs()) {
        ids.insert(job.id);
        QCOMPARE(job.linkId, link->id);
    }
    QCOMPARE(ids, (QSet<QString>{first->job().id, third->job().id}));
}

void TestApiClient::renderSinglePreview()
{
    const auto link = createLinkOrFail(QStringLiteral("https://shop.example.com/p/kettle"));
    QVERIFY(link);
    PreviewListRequest request;
    request.linkId = link->id;
    request.videoLength = 30;
    request.visualStyles = {QStringLiteral("VanillaTemplate"), QStringLiteral("LegoTemplate")};
    auto create = run(new CreatePreviewListJob(m_client.get(), request));
    QVERIFY(create->succeeded());
    VideoJob previewed;
    QVERIFY(pollVideoJob(create->job().id, [&](const VideoJob &job) {
        previewed = job;
        return job.status == JobStatus::Done;
    }));
    QCOMPARE(previewed.previews.size(), 2);
    const Preview chosen = previewed.previews.at(1);
    const double before = m_sandbox->credits();

    auto render = run(new RenderSinglePreviewJob(m_client.get(), previewed.id, chosen.mediaJob));
    QVERIFY2(render->succeeded(), qPrintable(render->error().message()));
    QCOMPARE(render->job().id, previewed.id);
    QVERIFY(!render->job().status.isFinished()); // the render starts over at pending
    QCOMPARE(render->job().outputs.size(), 1);
    QCOMPARE(m_sandbox->credits(), before - 4); // standard: 4 credits per 30 s

    RenderOutput output;
    VideoJob last;
    QVERIFY(pollVideoJob(previewed.id, [&](const VideoJob &job) {
        last = job;
        if (job.outputs.size() != 1)
            return false;
        output = job.outputs.constFirst();
        return output.status.isFinished();
    }));
    QCOMPARE(output.status, JobStatus::Done);
    QCOMPARE(output.visualStyle, chosen.visualStyle);
    QCOMPARE(output.progress, 1.0);
    QVERIFY2(output.videoOutput.toString().endsWith(QStringLiteral(".mp4")),
             qPrintable(output.videoOutput.toString()));
    QVERIFY(output.videoOutput.toString().startsWith(m_sandbox->baseUrl().toString()));
    QVERIFY(!output.videoThumbnail.isEmpty());
    QCOMPARE(last.status, JobStatus::Done);
    QCOMPARE(last.videoOutput, output.videoOutput); // the top level mirrors the latest render
    QCOMPARE(last.previews.size(), 2); // previews stay listed
}

void TestApiClient::templatesListAndDetail()
{
    auto list = run(new ListTemplatesJob(m_client.get()));
    QVERIFY2(list->succeeded(), qPrintable(list->error().message()));
    QVERIFY(list->templates().size() >= 3);
    const CustomTemplate *spotlight = nullptr;
    for (const CustomTemplate &t : list->templates()) {
        QVERIFY(looksLikeUuid(t.id));
        QVERIFY(!t.name.isEmpty());
        QVERIFY(QStringList({QStringLiteral("16x9"), QStringLiteral("1x1"), QStringLiteral("9x16")})
                        .contains(t.aspectRatio));
        QVERIFY(t.createdAt.isValid());
        QVERIFY(t.updatedAt.isValid());
        QVERIFY(t.variables.isEmpty()); // the list has no variables
        if (t.name == QLatin1String("Product Spotlight"))
            spotlight = &t;
    }
    QVERIFY(spotlight);

    auto detail = run(new GetTemplateJob(m_client.get(), spotlight->id));
    QVERIFY2(detail->succeeded(), qPrintable(detail->error().message()));
    const CustomTemplate &t = detail->customTemplate();
    QCOMPARE(t.id, spotlight->id);
    QCOMPARE(t.name, spotlight->name);
    QCOMPARE(t.aspectRatio, QStringLiteral("16x9"));
    QMap<QString, TemplateVariable> byName;
    for (const TemplateVariable &v : t.variables)
        byName.insert(v.name, v);
    QCOMPARE(byName.size(), 4);
    QCOMPARE(byName.value(QStringLiteral("headline")).type, VariableType::Text);
    QVERIFY(byName.value(QStringLiteral("headline")).required);
    QCOMPARE(byName.value(QStringLiteral("headline"))
                     .properties.value(QStringLiteral("content"))
                     .toString(),
             QStringLiteral("Meet the product everyone talks about"));
    QCOMPARE(byName.value(QStringLiteral("product_image")).type, VariableType::Image);
    QVERIFY(byName.value(QStringLiteral("product_image")).required);
    QCOMPARE(byName.value(QStringLiteral("logo")).type, VariableType::Image);
    QVERIFY(!byName.value(QStringLiteral("logo")).required);
    QCOMPARE(byName.value(QStringLiteral("music")).type, VariableType::Audio);
    QVERIFY(byName.value(QStringLiteral("music"))
                    .properties.value(QStringLiteral("url"))
                    .toString()
                    .startsWith(QStringLiteral("http")));

    // The presenter template carries the avatar and voiceover kinds.
    const CustomTemplate *presenter = nullptr;
    for (const CustomTemplate &c : list->templates())
        if (c.name == QLatin1String("Talking Head Promo"))
            presenter = &c;
    QVERIFY(presenter);
    auto detail2 = run(new GetTemplateJob(m_client.get(), presenter->id));
    QVERIFY(detail2->succeeded());
    QSet<int> kinds;
    for (const TemplateVariable &v : detail2->customTemplate().variables)
        kinds.insert(int(v.type));
    QVERIFY(kinds.contains(int(VariableType::Avatar)));
    QVERIFY(kinds.contains(int(VariableType::Voiceover)));
    QVERIFY(kinds.contains(int(VariableType::Text)));
}

namespace {
QString spotlightId(ApiClient *client)
{
    auto list = run(new ListTemplatesJob(client));
    for (const CustomTemplate &t : list->templates())
        if (t.name == QLatin1String("Product Spotlight"))
            return t.id;
    return QString();
}
} // namespace

void TestApiClient::templatePreviewAsync()
{
    const QString id = spotlightId(m_client.get());
    QVERIFY(!id.isEmpty());
    auto detail = run(new GetTemplateJob(m_client.get(), id));
    QVERIFY(detail->succeeded());
    const TemplateValues values = TemplateValues::build(
            detail->customTemplate(),
            {{QStringLiteral("headline"), QStringLiteral("Brew better coffee")},
             {QStringLiteral("product_image"), QStringLiteral("https://img.example.com/k.jpg")}});
    QVERIFY2(values.isValid(), qPrintable(values.fieldErrors.values().join(QLatin1Char(' '))));

    TemplateJobRequest request;
    request.templateId = id;
    request.name = QStringLiteral("coffee ad");
    request.variables = values.variables;
    auto create = run(new CreateTemplatePreviewJob(m_client.get(), request));
    QVERIFY2(create->succeeded(), qPrintable(create->error().message()));
    QCOMPARE(create->httpStatus(), 201); // 201 is success too
    const TemplateJob created = create->job();
    QVERIFY(looksLikeUuid(created.id));
    QCOMPARE(created.status, JobStatus::Pending);
    QCOMPARE(created.name, request.name);
    QCOMPARE(created.creditsUsed, 1.0); // 30 s template: 1 credit
    QCOMPARE(created.duration, 30);
    QVERIFY(created.createdAt.isValid());
    QCOMPARE(created.variables.value(QStringLiteral("headline"))
                     .toObject()
                     .value(QStringLiteral("properties"))
                     .toObject()
                     .value(QStringLiteral("content"))
                     .toString(),
             QStringLiteral("Brew better coffee"));
    QCOMPARE(m_sandbox->credits(), 99.0);

    TemplateJob last;
    QVERIFY(pollTemplateJob(created.id, JobStatus::Done, &last));
    QVERIFY2(last.preview.toString().contains(QStringLiteral("/preview?layout=videos/")),
             qPrintable(last.preview.toString()));
    QVERIFY(last.videoOutput.isEmpty()); // not rendered yet

    auto list = run(new ListTemplateJobsJob(m_client.get(), {created.id}));
    QVERIFY2(list->succeeded(), qPrintable(list->error().message()));
    QCOMPARE(list->jobs().size(), 1);
    QCOMPARE(list->jobs().first().id, created.id);
    QCOMPARE(list->jobs().first().status, JobStatus::Done);
    QCOMPARE(list->jobs().first().preview, last.preview);
}

void TestApiClient::templateRenderReadsOutput()
{
    const QString id = spotlightId(m_client.get());
    QVERIFY(!id.isEmpty());
    TemplateJobRequest request;
    request.templateId = id;
    request.variables = QJsonObject{
            {QStringLiteral("headline"),
             TemplateJobRequest::variable(VariableType::Text, QStringLiteral("Hello"))},
            {QStringLiteral("product_image"),
             TemplateJobRequest::variable(VariableType::Image,
                                          QStringLiteral("https://img.example.com/x.jpg"))}};
    auto create = run(new CreateTemplatePreviewJob(m_client.get(), request));
    QVERIFY2(create->succeeded(), qPrintable(create->error().message()));
    TemplateJob last;
    QVERIFY(pollTemplateJob(create->job().id, JobStatus::Done, &last));
    const double before = m_sandbox->credits();

    auto render = run(new RenderTemplateJob(m_client.get(), create->job().id));
    QVERIFY2(render->succeeded(), qPrintable(render->error().message()));
    QCOMPARE(render->job().id, create->job().id);
    QVERIFY(!render->job().status.isFinished());
    QVERIFY(looksLikeUuid(render->job().mediaJob));
    QCOMPARE(m_sandbox->credits(), before - 4);

    QVERIFY(pollTemplateJob(create->job().id, JobStatus::Done, &last));
    // The sandbox answers `output` here (video_output is null), as template renders do.
    QVERIFY2(last.videoOutput.toString().endsWith(QStringLiteral(".mp4")),
             qPrintable(last.videoOutput.toString()));
    QVERIFY(last.videoOutput.toString().contains(last.mediaJob));
    QCOMPARE(last.creditsUsed, 5.0);
}

void TestApiClient::personasPage()
{
    auto job = run(new ListPersonasJob(m_client.get(), 1, 5));
    QVERIFY2(job->succeeded(), qPrintable(job->error().message()));
    const PersonaPage &page = job->page();
    QVERIFY(page.count > 5);
    QVERIFY(page.hasNext);
    QCOMPARE(page.personas.size(), 5);
    QSet<QString> ids;
    for (const Persona &p : page.personas) {
        QVERIFY(looksLikeUuid(p.id));
        ids.insert(p.id);
        QVERIFY(!p.creatorName.isEmpty());
        QVERIFY(QStringList({QStringLiteral("m"), QStringLiteral("f"), QStringLiteral("nb")})
                        .contains(p.gender));
        QVERIFY(!p.ageRange.isEmpty());
        QVERIFY(p.previewImage9x16.toString().endsWith(QStringLiteral(".jpg")));
        QVERIFY(p.isActive);
    }
    QCOMPARE(ids.size(), 5);
    QCOMPARE(page.personas.first().creatorName, QStringLiteral("Ava"));
    const auto log = m_sandbox->requestLog();
    QCOMPARE(log.last().path, QStringLiteral("/api/personas/paginated/"));
    QVERIFY(log.last().query.contains(QStringLiteral("page_size=5")));

    // The last page has no next.
    const int lastPage = (page.count + 4) / 5;
    auto tail = run(new ListPersonasJob(m_client.get(), lastPage, 5));
    QVERIFY(tail->succeeded());
    QVERIFY(!tail->page().hasNext);
    QCOMPARE(tail->page().personas.size(), page.count - (lastPage - 1) * 5);
}

void TestApiClient::voicesWithAccents()
{
    auto job = run(new ListVoicesJob(m_client.get()));
    QVERIFY2(job->succeeded(), qPrintable(job->error().message()));
    QVERIFY(job->voices().size() >= 2);
    int accents = 0;
    bool sawSeveral = false;
    for (const Voice &voice : job->voices()) {
        QVERIFY(!voice.name.isEmpty());
        QVERIFY(voice.gender == QLatin1String("male") || voice.gender == QLatin1String("female"));
        QVERIFY(!voice.accents.isEmpty());
        sawSeveral = sawSeveral || voice.accents.size() > 1;
        for (const VoiceAccent &accent : voice.accents) {
            ++accents;
            QVERIFY(looksLikeUuid(accent.id));
            QVERIFY(!accent.name.isEmpty());
            QVERIFY(accent.previewUrl.toString().endsWith(QStringLiteral(".mp3")));
        }
    }
    QVERIFY(sawSeveral);
    QVERIFY(accents > job->voices().size());
    QCOMPARE(job->voices().first().name, QStringLiteral("Aria"));
    QCOMPARE(job->voices().first().accents.at(1).name, QStringLiteral("British"));
}

void TestApiClient::remainingCreditsDropByPrice()
{
    m_sandbox->setCredits(42.5);
    auto first = run(new GetCreditsJob(m_client.get()));
    QVERIFY2(first->succeeded(), qPrintable(first->error().message()));
    QCOMPARE(first->remainingCredits(), 42.5);

    const auto link = createLinkOrFail(QStringLiteral("https://shop.example.com/p/sofa"));
    QVERIFY(link);
    auto afterLink = run(new GetCreditsJob(m_client.get()));
    QVERIFY(afterLink->succeeded());
    QCOMPARE(afterLink->remainingCredits(), 41.5); // a link costs 1

    // 2 styles (one ratio) = 2 previews of 60 s = 2 x 2 credits.
    PreviewListRequest request;
    request.linkId = link->id;
    request.videoLength = 60;
    request.visualStyles = {QStringLiteral("VanillaTemplate"), QStringLiteral("LegoTemplate")};
    auto create = run(new CreatePreviewListJob(m_client.get(), request));
    QVERIFY2(create->succeeded(), qPrintable(create->error().message()));
    auto afterPreviews = run(new GetCreditsJob(m_client.get()));
    QVERIFY(afterPreviews->succeeded());
    QCOMPARE(afterPreviews->remainingCredits(), 41.5 - 2 * 2);
    QCOMPARE(create->job().creditsUsed, 4.0);
}

// ---- errors ------------------------------------------------------------------------------

void TestApiClient::authError()
{
    m_client->setCredentials(kApiId, kWrongKey);
    auto job = run(new GetCreditsJob(m_client.get()));
    QVERIFY(job->isFinished());
    const ApiError &e = job->error();
    QCOMPARE(e.kind, ApiError::Kind::Auth);
    QCOMPARE(e.httpStatus, 401);
    QVERIFY(!e.detail.isEmpty());
    QVERIFY(!e.outcomeUnknown);
    QCOMPARE(e.kindName(), QStringLiteral("auth"));
    checkMessage(e);
    // A refused key is not retried.
    QCOMPARE(m_sandbox->requestCount("GET", QStringLiteral("remaining_credits")), 1);

    // A POST with a wrong key spends nothing.
    auto post = run(new CreateLinkJob(m_client.get(), QUrl(QStringLiteral("https://a.example/p"))));
    QCOMPARE(post->error().kind, ApiError::Kind::Auth);
    QCOMPARE(m_sandbox->credits(), 100.0);
}

void TestApiClient::validationFieldErrors()
{
    const auto link = createLinkOrFail(QStringLiteral("https://shop.example.com/p/rug"));
    QVERIFY(link);
    PreviewListRequest request;
    request.linkId = link->id;
    request.visualStyles = {QStringLiteral("NoSuchStyleTemplate")};
    auto job = run(new CreatePreviewListJob(m_client.get(), request));
    QVERIFY(job->isFinished());
    const ApiError &e = job->error();
    QCOMPARE(e.kind, ApiError::Kind::Validation);
    QCOMPARE(e.httpStatus, 400);
    QVERIFY2(e.fieldErrors.contains(QStringLiteral("visual_styles")),
             qPrintable(e.fieldErrors.keys().join(QLatin1Char(','))));
    const QStringList messages = e.fieldErrors.value(QStringLiteral("visual_styles"));
    QCOMPARE(messages.size(), 1);
    QVERIFY(messages.first().contains(QStringLiteral("NoSuchStyleTemplate")));
    QVERIFY(!e.outcomeUnknown);
    QVERIFY(e.message().contains(QStringLiteral("visual_styles")));
    checkMessage(e);
    QCOMPARE(m_sandbox->credits(), 99.0); // refused input costs nothing
}

void TestApiClient::validationMessageList()
{
    auto job = run(new CreateLinkJob(
            m_client.get(), QUrl(QStringLiteral("https://blocked.example.com/p/anything"))));
    QVERIFY(job->isFinished());
    const ApiError &e = job->error();
    QCOMPARE(e.kind, ApiError::Kind::Validation);
    QCOMPARE(e.httpStatus, 400);
    QVERIFY(e.fieldErrors.isEmpty());
    QCOMPARE(e.messages.size(), 1);
    QVERIFY2(e.messages.first().startsWith(QStringLiteral("Failed to scrape url")),
             qPrintable(e.messages.first()));
    QVERIFY(e.message().contains(e.messages.first()));
    checkMessage(e);
    QCOMPARE(m_sandbox->credits(), 100.0);

    auto noMedia = run(new CreateLinkJob(
            m_client.get(), QUrl(QStringLiteral("https://shop.example.com/no-media/page"))));
    QCOMPARE(noMedia->error().kind, ApiError::Kind::Validation);
    QCOMPARE(noMedia->error().messages,
             QStringList{QStringLiteral("Link must have at least one image or one video.")});
}

void TestApiClient::notFound()
{
    const QString missing = QStringLiteral("0b9f7c1e-1234-4abc-8def-000000000000");
    auto job = run(new GetVideoJobJob(m_client.get(), missing));
    QVERIFY(job->isFinished());
    const ApiError &e = job->error();
    QCOMPARE(e.kind, ApiError::Kind::NotFound);
    QCOMPARE(e.httpStatus, 404);
    QCOMPARE(e.detail, QStringLiteral("Not found."));
    checkMessage(e);
    QCOMPARE(m_sandbox->requestCount("GET", QStringLiteral("^/api/link_to_videos/")), 1);

    auto tmpl = run(new GetTemplateJob(m_client.get(), missing));
    QCOMPARE(tmpl->error().kind, ApiError::Kind::NotFound);
    auto render = run(new RenderTemplateJob(m_client.get(), missing));
    QCOMPARE(render->error().kind, ApiError::Kind::NotFound);
    QVERIFY(!render->error().outcomeUnknown);
}

void TestApiClient::rateLimited()
{
    Fault f = fault(Fault::Kind::RateLimit, "POST", QStringLiteral("^/api/links/$"));
    f.retryAfterSeconds = 3;
    m_sandbox->addFault(f);
    QSignalSpy rateSignal(m_client.get(), &ApiClient::rateLimited);
    auto *create = new CreateLinkJob(m_client.get(), QUrl(QStringLiteral("https://a.example/p")));
    create->setMaxRateLimitedAttempts(1); // the 429 itself, not the waits around it
    auto job = run(create);
    QVERIFY(job->isFinished());
    const ApiError &e = job->error();
    QCOMPARE(e.kind, ApiError::Kind::RateLimited);
    QCOMPARE(e.httpStatus, 429);
    QCOMPARE(e.retryAfterSeconds, 3);
    QVERIFY(e.detail.contains(QStringLiteral("throttled")));
    QVERIFY(!e.outcomeUnknown); // a 429 did nothing
    QVERIFY(e.message().contains(QStringLiteral("Nothing was charged")));
    QVERIFY(e.retryingMessage(3000).contains(QStringLiteral("3 s")));
    checkMessage(e);
    QVERIFY(m_client->msUntilResume() > 2000);
    QVERIFY(m_client->isPaused());
    QCOMPARE(rateSignal.count(), 1);
    QCOMPARE(rateSignal.first().first().toInt(), 3);
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral("^/api/links/$")), 1);
    QCOMPARE(m_sandbox->credits(), 100.0);
}

void TestApiClient::rateLimitPausesNewJobs()
{
    Fault f = fault(Fault::Kind::RateLimit, "POST", QStringLiteral("^/api/links/$"));
    f.retryAfterSeconds = 1;
    m_sandbox->addFault(f);
    auto *create = new CreateLinkJob(m_client.get(), QUrl(QStringLiteral("https://a.example/p")));
    create->setMaxRateLimitedAttempts(1);
    auto limited = run(create);
    QCOMPARE(limited->error().kind, ApiError::Kind::RateLimited);
    const int pauseMs = m_client->msUntilResume();
    QVERIFY(pauseMs > 500);

    QElapsedTimer clock;
    clock.start();
    auto credits = run(new GetCreditsJob(m_client.get()), nullptr, 5000);
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(credits->succeeded(), qPrintable(credits->error().message()));
    QVERIFY2(elapsed >= pauseMs - 20, qPrintable(QString::number(elapsed)));
    QCOMPARE(credits->attempts(), 1); // it waited instead of being refused

    const auto log = m_sandbox->requestLog();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.at(0).status, 429);
    QCOMPARE(log.at(1).path, QStringLiteral("/api/remaining_credits/"));
    const qint64 gap = log.at(0).receivedAt.msecsTo(log.at(1).receivedAt);
    QVERIFY2(gap >= 950, qPrintable(QString::number(gap)));
    QCOMPARE(m_client->msUntilResume(), 0);
}

void TestApiClient::retryAfterAsHttpDate()
{
    // RFC 9110 allows `Retry-After: <IMF-fixdate>` ("Sun, 06 Nov 1994 08:49:37 GMT") and
    // decisions.md says the core honours it. The sandbox only sends seconds, so a one-shot raw
    // server answers here.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(4);
    const QByteArray date
            = QLocale::c().toString(when, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss")).toLatin1()
            + " GMT";
    const QByteArray body = R"({"detail": "Request was throttled."})";
    connect(&server, &QTcpServer::newConnection, &server, [&] {
        QTcpSocket *socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket, date, body] {
            if (!socket->readAll().contains("\r\n\r\n"))
                return; // the whole request (a small POST) arrives in one piece on loopback
            socket->write("HTTP/1.1 429 Too Many Requests\r\nRetry-After: " + date
                          + "\r\nContent-Type: application/json\r\nContent-Length: "
                          + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"
                          + body);
            socket->disconnectFromHost();
        });
    });
    QUrl base(QStringLiteral("http://127.0.0.1"));
    base.setPort(server.serverPort());
    m_client->setBaseUrl(base);
    auto *create = new CreateLinkJob(m_client.get(), QUrl(QStringLiteral("https://a.example/p")));
    create->setMaxRateLimitedAttempts(1);
    auto job = run(create);
    QVERIFY(job->isFinished());
    QCOMPARE(job->error().kind, ApiError::Kind::RateLimited);
    QCOMPARE(job->error().httpStatus, 429);
    // Qt 6.4's RFC2822Date parser rejects the "GMT" zone of an HTTP date; the client adapts it.
    QVERIFY2(job->error().retryAfterSeconds >= 3 && job->error().retryAfterSeconds <= 4,
             qPrintable(QString::number(job->error().retryAfterSeconds)));
}

void TestApiClient::outOfCredits()
{
    m_sandbox->setCredits(0);
    auto job = run(new CreateLinkJob(m_client.get(), QUrl(QStringLiteral("https://a.example/p"))));
    QVERIFY(job->isFinished());
    const ApiError &e = job->error();
    QCOMPARE(e.kind, ApiError::Kind::OutOfCredits);
    QCOMPARE(e.httpStatus, 402);
    QVERIFY(e.detail.contains(QStringLiteral("credits")));
    QVERIFY(!e.outcomeUnknown);
    checkMessage(e);
    QCOMPARE(m_sandbox->credits(), 0.0);

    // A balance that covers part of the price is not touched either.
    m_sandbox->setCredits(1);
    const auto link = createLinkOrFail(QStringLiteral("https://shop.example.com/p/vase"));
    QVERIFY(link);
    m_sandbox->setCredits(2);
    PreviewListRequest request;
    request.linkId = link->id;
    request.visualStyles = {QStringLiteral("VanillaTemplate"), QStringLiteral("LegoTemplate"),
                            QStringLiteral("OverCardsTemplate")};
    auto previews = run(new CreatePreviewListJob(m_client.get(), request));
    QCOMPARE(previews->error().kind, ApiError::Kind::OutOfCredits);
    auto balance = run(new GetCreditsJob(m_client.get()));
    QVERIFY(balance->succeeded());
    QCOMPARE(balance->remainingCredits(), 2.0);
    auto jobs = run(new ListVideoJobsJob(m_client.get()));
    QVERIFY(jobs->succeeded());
    QVERIFY(jobs->jobs().isEmpty()); // nothing was created
}

void TestApiClient::serverErrorOnPostIsNotRetried()
{
    m_sandbox->addFault(fault(Fault::Kind::ServerError, "POST", QStringLiteral("^/api/links/$")));
    auto job = run(new CreateLinkJob(m_client.get(), QUrl(QStringLiteral("https://a.example/p"))));
    QVERIFY(job->isFinished());
    const ApiError &e = job->error();
    QCOMPARE(e.kind, ApiError::Kind::Server);
    QCOMPARE(e.httpStatus, 503);
    QVERIFY(e.outcomeUnknown); // a 5xx may come after the work was done
    checkMessage(e);
    QCOMPARE(job->attempts(), 1);
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral("^/api/links/$")), 1);
}

void TestApiClient::serverErrorOnGetIsRetried()
{
    m_sandbox->addFault(
            fault(Fault::Kind::ServerError, "GET", QStringLiteral("^/api/remaining_credits/$")));
    auto job = run(new GetCreditsJob(m_client.get()));
    QVERIFY2(job->succeeded(), qPrintable(job->error().message()));
    QCOMPARE(job->remainingCredits(), 100.0);
    QCOMPARE(job->attempts(), 2);
    const auto log = m_sandbox->requestLog();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.at(0).status, 503);
    QCOMPARE(log.at(1).status, 200);
}

void TestApiClient::serverErrorOnGetGivesUp()
{
    Fault f = fault(Fault::Kind::ServerError, "GET", QStringLiteral("^/api/voices/$"), -1);
    f.status = 500;
    m_sandbox->addFault(f);
    auto job = run(new ListVoicesJob(m_client.get()));
    QVERIFY(job->isFinished());
    QCOMPARE(job->error().kind, ApiError::Kind::Server);
    QCOMPARE(job->error().httpStatus, 500);
    QVERIFY(!job->error().outcomeUnknown); // a GET changes nothing
    QCOMPARE(job->attempts(), 3);
    QCOMPARE(m_sandbox->requestCount("GET", QStringLiteral("^/api/voices/$")), 3);
    checkMessage(job->error());
}

void TestApiClient::networkErrorOnClosedPort()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 closedPort = probe.serverPort();
    probe.close();
    QUrl base(QStringLiteral("http://127.0.0.1"));
    base.setPort(closedPort);
    m_client->setBaseUrl(base);
    QSignalSpy offline(m_client.get(), &ApiClient::offlineChanged);

    auto post = run(new CreateLinkJob(m_client.get(), QUrl(QStringLiteral("https://a.example/p"))));
    QVERIFY(post->isFinished());
    const ApiError &e = post->error();
    QCOMPARE(e.kind, ApiError::Kind::Network);
    QCOMPARE(e.httpStatus, 0);
    QVERIFY(!e.outcomeUnknown); // refused: nothing was sent
    checkMessage(e);
    QCOMPARE(offline.count(), 1);
    QCOMPARE(offline.first().first().toBool(), true);

    auto get = run(new GetCreditsJob(m_client.get()));
    QCOMPARE(get->error().kind, ApiError::Kind::Network);
    QCOMPARE(get->attempts(), 3);
    QVERIFY(!get->error().outcomeUnknown);

    // Back online on the next answer.
    m_client->setBaseUrl(m_sandbox->baseUrl());
    auto ok = run(new GetCreditsJob(m_client.get()));
    QVERIFY(ok->succeeded());
    QCOMPARE(offline.count(), 2);
    QCOMPARE(offline.last().first().toBool(), false);
}

void TestApiClient::timeout()
{
    m_client->setTimeoutMs(150);
    Fault slow = fault(Fault::Kind::Slow, QByteArray(), QString(), -1);
    slow.delayMs = 1000;
    m_sandbox->addFault(slow);

    QElapsedTimer clock;
    clock.start();
    auto post = run(new CreateLinkJob(m_client.get(), QUrl(QStringLiteral("https://a.example/p"))));
    QVERIFY(post->isFinished());
    QVERIFY(clock.elapsed() < 900);
    const ApiError &e = post->error();
    QCOMPARE(e.kind, ApiError::Kind::Timeout);
    QVERIFY(e.outcomeUnknown); // the server did take it (and charged)
    checkMessage(e);
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral("^/api/links/$")), 1);

    auto get = new GetCreditsJob(m_client.get());
    get->setMaxAttempts(1);
    auto getJob = run(get);
    QCOMPARE(getJob->error().kind, ApiError::Kind::Timeout);
    QVERIFY(!getJob->error().outcomeUnknown);
}

void TestApiClient::badResponseHtmlInsteadOfJson()
{
    // A captive portal or proxy page: 200 with HTML.
    Fault html = fault(Fault::Kind::HtmlError, QByteArray(), QString(), -1);
    html.status = 200;
    m_sandbox->addFault(html);

    auto get = new GetCreditsJob(m_client.get());
    get->setMaxAttempts(1);
    auto job = run(get);
    QVERIFY(job->isFinished());
    const ApiError &e = job->error();
    QCOMPARE(e.kind, ApiError::Kind::BadResponse);
    QCOMPARE(e.httpStatus, 200);
    QVERIFY(!e.outcomeUnknown);
    checkMessage(e);

    auto post = run(new CreateLinkJob(m_client.get(), QUrl(QStringLiteral("https://a.example/p"))));
    QCOMPARE(post->error().kind, ApiError::Kind::BadResponse);
    QVERIFY(post->error().outcomeUnknown);
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral("^/api/links/$")), 1);
}

void TestApiClient::htmlGatewayErrorIsServer()
{
    // nginx's 502 page: a server-side failure whatever the body, never shown raw.
    m_sandbox->addFault(fault(Fault::Kind::HtmlError, "GET", QStringLiteral("voices"), -1));
    auto get = new ListVoicesJob(m_client.get());
    get->setMaxAttempts(1);
    auto job = run(get);
    QVERIFY(job->isFinished());
    QCOMPARE(job->error().httpStatus, 502);
    QCOMPARE(job->error().kind, ApiError::Kind::Server);
    QVERIFY(!job->error().message().contains(QStringLiteral("nginx")));
    checkMessage(job->error());
}

void TestApiClient::cancelMidFlight()
{
    Fault slow = fault(Fault::Kind::Slow, QByteArray(), QString(), -1);
    slow.delayMs = 2000;
    m_sandbox->addFault(slow);

    auto *raw = new GetCreditsJob(m_client.get());
    std::unique_ptr<GetCreditsJob> job(raw);
    job->setAutoDelete(false);
    QSignalSpy finished(raw, &ApiJob::finished);
    job->start();
    QTRY_COMPARE(m_sandbox->requestCount("GET", QStringLiteral("remaining_credits")), 1);
    QVERIFY(!job->isFinished());
    job->cancel();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(job->error().kind, ApiError::Kind::Cancelled);
    QVERIFY(!job->succeeded());
    checkMessage(job->error());
    job->cancel(); // a second cancel is a no-op
    QVERIFY(!finished.wait(300));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job->attempts(), 1); // a cancelled GET is not retried

    // A POST cancelled in flight may have taken effect.
    auto *post = new CreateLinkJob(m_client.get(), QUrl(QStringLiteral("https://a.example/p")));
    std::unique_ptr<CreateLinkJob> postJob(post);
    postJob->setAutoDelete(false);
    QSignalSpy postFinished(post, &ApiJob::finished);
    postJob->start();
    QTRY_COMPARE(m_sandbox->requestCount("POST", QStringLiteral("^/api/links/$")), 1);
    postJob->cancel();
    QTRY_COMPARE(postFinished.count(), 1);
    QCOMPARE(postJob->error().kind, ApiError::Kind::Cancelled);
    QVERIFY(postJob->error().outcomeUnknown);

    // An auto-deleting job goes away after its one signal.
    QPointer<GetCreditsJob> autoJob = new GetCreditsJob(m_client.get());
    QSignalSpy autoFinished(autoJob.data(), &ApiJob::finished);
    autoJob->start();
    QTRY_COMPARE(m_sandbox->requestCount("GET", QStringLiteral("remaining_credits")), 2);
    autoJob->cancel();
    QTRY_VERIFY(autoJob.isNull());
    QCOMPARE(autoFinished.count(), 1);
}

void TestApiClient::cancelDuringRateLimitPause()
{
    m_client->pauseFor(2);
    auto *raw = new GetCreditsJob(m_client.get());
    std::unique_ptr<GetCreditsJob> job(raw);
    job->setAutoDelete(false);
    QSignalSpy finished(raw, &ApiJob::finished);
    job->start();
    QVERIFY(!finished.wait(100)); // waiting out the pause
    job->cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job->error().kind, ApiError::Kind::Cancelled);
    QVERIFY(!job->error().outcomeUnknown);
    QCOMPARE(m_sandbox->requestLog().size(), 0); // never sent
}

void TestApiClient::lostPostAnswerIsNotResent()
{
    m_sandbox->addFault(fault(Fault::Kind::LoseResponse, "POST", QStringLiteral("^/api/links/$")));
    int finishedCount = 0;
    auto job = run(new CreateLinkJob(m_client.get(), QUrl(QStringLiteral("https://a.example/p"))),
                   &finishedCount);
    QVERIFY(job->isFinished());
    QCOMPARE(finishedCount, 1);
    const ApiError &e = job->error();
    QCOMPARE(e.kind, ApiError::Kind::Network);
    QCOMPARE(e.httpStatus, 0);
    QVERIFY(e.outcomeUnknown); // the server took it; we never heard
    checkMessage(e);
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral("^/api/links/$")), 1);
    QCOMPARE(m_sandbox->credits(), 99.0); // charged exactly once

    // Same on a kept-alive connection (the case where Qt would silently re-send).
    auto warm = run(new GetCreditsJob(m_client.get()));
    QVERIFY(warm->succeeded());
    m_sandbox->addFault(fault(Fault::Kind::LoseResponse, "POST", QStringLiteral("^/api/links/$")));
    auto again = run(new CreateLinkJob(m_client.get(), QUrl(QStringLiteral("https://b.example/p"))));
    QVERIFY(again->isFinished());
    QVERIFY(again->error().outcomeUnknown);
    QCOMPARE(m_sandbox->requestCount("POST", QStringLiteral("^/api/links/$")), 2);
    QCOMPARE(m_sandbox->credits(), 98.0);
}

void TestApiClient::messagesArePlainSentences_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("detail");
    const QString withKey = QStringLiteral("header X-API-KEY=") + kApiKey;
    for (int k = int(ApiError::Kind::Auth); k <= int(ApiError::Kind::Cancelled); ++k) {
        const ApiError::Kind kind = ApiError::Kind(k);
        ApiError e;
        e.kind = kind;
        QTest::addRow("%s", qPrintable(e.kindName())) << k << QString();
        // Server words quoting the key must not reach the user (Validation and OutOfCredits
        // quote the server on purpose; the server never gets the key in a body).
        QTest::addRow("%s-detail", qPrintable(e.kindName())) << k << withKey;
    }
}

void TestApiClient::messagesArePlainSentences()
{
    QFETCH(int, kind);
    QFETCH(QString, detail);
    ApiError e;
    e.kind = ApiError::Kind(kind);
    e.httpStatus = 418;
    e.retryAfterSeconds = 7;
    e.detail = detail;
    const QString message = e.message();
    QVERIFY2(isPlainSentence(message), qPrintable(message));
    QVERIFY(ApiError().message().isEmpty());
    // These two quote the server's words (which end as they end); the server never sees our
    // key in a body we send, so it cannot quote it.
    if (e.kind == ApiError::Kind::Validation || e.kind == ApiError::Kind::OutOfCredits)
        return;
    QVERIFY2(message.endsWith(QLatin1Char('.')), qPrintable(message));
    QVERIFY2(!message.contains(kApiKey), qPrintable(message));
}

// ---- template values ---------------------------------------------------------------------

void TestApiClient::templateValuesMissingRequired()
{
    const TemplateValues v = TemplateValues::build(
            handMadeTemplate(),
            {{QStringLiteral("product_image"), QStringLiteral("https://img.example.com/p.jpg")},
             {QStringLiteral("headline"), QStringLiteral("   ")}}); // blank counts as missing
    QVERIFY(!v.isValid());
    QCOMPARE(v.fieldErrors.keys(), QStringList{QStringLiteral("headline")});
    QVERIFY(isPlainSentence(v.fieldErrors.value(QStringLiteral("headline"))));
    QVERIFY(!v.variables.contains(QStringLiteral("headline")));

    const TemplateValues none = TemplateValues::build(handMadeTemplate(), {});
    QCOMPARE(none.fieldErrors.size(), 2);
    QVERIFY(none.fieldErrors.contains(QStringLiteral("product_image")));
}

void TestApiClient::templateValuesRejectsNonHttpUrl()
{
    for (const QString &bad :
         {QStringLiteral("ftp://img.example.com/p.jpg"), QStringLiteral("file:///etc/passwd"),
          QStringLiteral("javascript:alert(1)"), QStringLiteral("img.example.com/p.jpg"),
          QStringLiteral("https://"), QStringLiteral("http://not-a-url/p.jpg")}) {
        const TemplateValues v = TemplateValues::build(
                handMadeTemplate(),
                {{QStringLiteral("headline"), QStringLiteral("Hi")},
                 {QStringLiteral("product_image"), bad}});
        QVERIFY2(!v.isValid(), qPrintable(bad));
        QVERIFY2(v.fieldErrors.contains(QStringLiteral("product_image")), qPrintable(bad));
        QVERIFY(v.fieldErrors.value(QStringLiteral("product_image"))
                        .contains(QStringLiteral("http")));
    }
    // Avatars and voices must be ids from the lists.
    const TemplateValues v = TemplateValues::build(
            handMadeTemplate(),
            {{QStringLiteral("headline"), QStringLiteral("Hi")},
             {QStringLiteral("product_image"), QStringLiteral("https://img.example.com/p.jpg")},
             {QStringLiteral("presenter"), QStringLiteral("Ava")}});
    QCOMPARE(v.fieldErrors.keys(), QStringList{QStringLiteral("presenter")});
}

void TestApiClient::templateValuesFileKindMustMatch()
{
    // The API's full form in a values file names the kind: a text given for an image variable
    // is refused instead of being sent as an image address.
    const QByteArray file = R"({"headline": "Hi",
        "product_image": {"type": "text", "properties": {"content": "https://img.example.com/p.jpg"}}})";
    QMap<QString, QString> values;
    QMap<QString, VariableType> kinds;
    QString error;
    QVERIFY(TemplateValues::parseJsonFile(file, &values, &error, &kinds));
    const TemplateValues v = TemplateValues::build(handMadeTemplate(), values, kinds);
    QCOMPARE(v.fieldErrors.keys(), QStringList{QStringLiteral("product_image")});
    QVERIFY(v.fieldErrors.value(QStringLiteral("product_image")).contains(QLatin1String("image")));
}

void TestApiClient::templateValuesUnknownName()
{
    const TemplateValues v = TemplateValues::build(
            handMadeTemplate(),
            {{QStringLiteral("headline"), QStringLiteral("Hi")},
             {QStringLiteral("product_image"), QStringLiteral("https://img.example.com/p.jpg")},
             {QStringLiteral("headlin"), QStringLiteral("typo")}});
    QVERIFY(!v.isValid());
    QCOMPARE(v.fieldErrors.keys(), QStringList{QStringLiteral("headlin")});
    QVERIFY(!v.variables.contains(QStringLiteral("headlin")));
}

void TestApiClient::templateValuesValidSet()
{
    const QString avatar = QStringLiteral("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
    const TemplateValues v = TemplateValues::build(
            handMadeTemplate(),
            {{QStringLiteral("headline"), QStringLiteral(" Big sale ")},
             {QStringLiteral("product_image"), QStringLiteral("https://img.example.com/p.jpg")},
             {QStringLiteral("presenter"), avatar}});
    QVERIFY2(v.isValid(), qPrintable(v.fieldErrors.values().join(QLatin1Char(' '))));
    const QJsonObject expected{
            {QStringLiteral("headline"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                         {QStringLiteral("properties"),
                          QJsonObject{{QStringLiteral("content"), QStringLiteral("Big sale")}}}}},
            {QStringLiteral("product_image"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("image")},
                         {QStringLiteral("properties"),
                          QJsonObject{{QStringLiteral("url"),
                                       QStringLiteral("https://img.example.com/p.jpg")}}}}},
            // Not given: the template's own default is sent.
            {QStringLiteral("music"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("audio")},
                         {QStringLiteral("properties"),
                          QJsonObject{{QStringLiteral("url"),
                                       QStringLiteral("https://cdn.example.com/m.mp3")}}}}},
            {QStringLiteral("presenter"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("avatar")},
                         {QStringLiteral("properties"),
                          QJsonObject{{QStringLiteral("avatar_id"), avatar}}}}},
    };
    QCOMPARE(v.variables, expected); // optional voiceover without default is left out
}

void TestApiClient::templateValuesParseJsonFile()
{
    QMap<QString, QString> values;
    QString error;
    QVERIFY(TemplateValues::parseJsonFile(
            R"({"headline": "Hi there",
                "product_image": {"type": "image", "properties": {"url": "https://x.example/a.jpg"}}})",
            &values, &error));
    QCOMPARE(values.value(QStringLiteral("headline")), QStringLiteral("Hi there"));
    QCOMPARE(values.value(QStringLiteral("product_image")),
             QStringLiteral("https://x.example/a.jpg"));
    QCOMPARE(values.size(), 2);
    QVERIFY(TemplateValues::build(handMadeTemplate(), values).isValid());

    values.clear();
    error.clear();
    QVERIFY(!TemplateValues::parseJsonFile(R"({"headline": "Hi", )", &values, &error));
    QVERIFY(isPlainSentence(error));

    error.clear();
    QVERIFY(!TemplateValues::parseJsonFile(R"(["headline", "Hi"])", &values, &error));
    QVERIFY(isPlainSentence(error));

    error.clear();
    QVERIFY(!TemplateValues::parseJsonFile(R"({"headline": 42})", &values, &error));
    QVERIFY2(error.contains(QStringLiteral("headline")), qPrintable(error));

    error.clear();
    QVERIFY(!TemplateValues::parseJsonFile(
            R"({"logo": {"type": "image", "properties": {"content": "https://x.example/a.jpg"}}})",
            &values, &error));
    QVERIFY2(error.contains(QStringLiteral("logo")), qPrintable(error));

    error.clear();
    QVERIFY(!TemplateValues::parseJsonFile(R"({"flag": true})", &values, &error));
    QVERIFY(error.contains(QStringLiteral("flag")));
}

QTEST_GUILESS_MAIN(TestApiClient)

#include "tst_apiclient.moc"
