// Tests the sandbox over real loopback HTTP with a plain QNetworkAccessManager (nothing from
// app/core), so the JSON shapes are checked against the API doc, not against our own client.

#include "sandboxserver.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <memory>

using namespace Sandbox;

namespace {

struct Reply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QJsonObject obj() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray arr() const { return QJsonDocument::fromJson(body).array(); }
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

class TestSandboxServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;

    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(m_server->baseUrl().toString() + pathAndQuery);
    }

    Reply send(const QByteArray &method, const QUrl &target, const QByteArray &body = {},
               bool auth = true, const QList<QPair<QByteArray, QByteArray>> &extra = {},
               QNetworkAccessManager *nam = nullptr)
    {
        QNetworkRequest req(target);
        if (auth) {
            req.setRawHeader("X-API-ID", m_server->apiId().toUtf8());
            req.setRawHeader("X-API-KEY", m_server->apiKey().toUtf8());
        }
        if (!body.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        for (const auto &h : extra)
            req.setRawHeader(h.first, h.second);
        QNetworkAccessManager *manager = nam ? nam : m_nam.get();
        // A custom "HEAD" verb would make QNAM wait for a body; head() knows there is none.
        QNetworkReply *reply = method == "HEAD" ? manager->head(req)
                                                : manager->sendCustomRequest(req, method, body);
        QSignalSpy spy(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            spy.wait(10000);
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.error = reply->error();
        r.body = reply->readAll();
        for (const auto &h : reply->rawHeaderPairs())
            r.headers.insert(h.first.toLower(), h.second);
        reply->deleteLater();
        return r;
    }
    Reply get(const QString &path, bool auth = true) { return send("GET", url(path), {}, auth); }
    Reply post(const QString &path, const QJsonObject &body)
    {
        return send("POST", url(path), QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    QString createLink(const QString &target = s("https://shop.example.com/p/cozy-wool-socks"))
    {
        const Reply r = post(s("/api/links/"), {{s("url"), target}});
        if (r.status != 200)
            return {};
        return r.obj().value(s("id")).toString();
    }
    QJsonObject createPreviews(const QJsonObject &extra = {})
    {
        QJsonObject body{
                {s("link"), createLink()},
                {s("visual_styles"), QJsonArray{s("VanillaTemplate"), s("DramaticTemplate")}},
                {s("aspect_ratios"), QJsonArray{s("9x16"), s("16x9")}},
                {s("video_length"), 30}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
        const Reply r = post(s("/api/link_to_videos/preview_list_async/"), body);
        return r.obj();
    }
    // Polls until the job reaches `status` (and lists `previews` previews); {} on timeout, which
    // makes the caller's next check fail.
    QJsonObject waitFor(const QString &path, const QString &status, int previews = -1)
    {
        QDeadlineTimer deadline(5000);
        while (!deadline.hasExpired()) {
            const QJsonObject job = get(path).obj();
            if (job.value(s("status")).toString() == status
                && (previews < 0 || job.value(s("previews")).toArray().size() == previews))
                return job;
            QTest::qWait(5);
        }
        return {};
    }
    QJsonObject waitVideoJob(const QString &id, const QString &status, int previews = -1)
    {
        return waitFor(s("/api/link_to_videos/") + id + QLatin1Char('/'), status, previews);
    }
    QJsonObject waitTemplateJob(const QString &id, const QString &status)
    {
        return waitFor(s("/api/custom_template_jobs/") + id + QLatin1Char('/'), status);
    }

    // Step interval of the state file tests: a render (3 steps) outlives a restart.
    static constexpr int StateStepMs = 30;
    // Replaces the server (and the client's connections) with a new one on `stateFile`, listening
    // on any port (the remembered one when free). Returns whether a saved workspace was loaded.
    bool startWithState(const QString &stateFile)
    {
        m_nam.reset();
        m_server.reset();
        m_server = std::make_unique<SandboxServer>();
        m_server->setStepIntervalMs(StateStepMs);
        const bool loaded = m_server->setStateFile(stateFile);
        m_server->listen(QHostAddress::LocalHost, 0);
        m_nam = std::make_unique<QNetworkAccessManager>();
        return loaded;
    }
    static QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    static bool writeFile(const QString &path, const QByteArray &data)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_server = std::make_unique<SandboxServer>();
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
        QVERIFY(m_server->port() != 0);
        m_server->setStepIntervalMs(20);
        m_nam = std::make_unique<QNetworkAccessManager>();
    }
    void cleanup()
    {
        m_nam.reset();
        m_server.reset();
    }

    void authIsRequiredOnApiOnly()
    {
        Reply r = get(s("/api/remaining_credits/"), false);
        QCOMPARE(r.status, 401);
        QVERIFY(!r.obj().value(s("detail")).toString().isEmpty());
        r = send("GET", url(s("/api/remaining_credits/")), {}, false,
                 {{"X-API-ID", "sandbox"}, {"X-API-KEY", "wrong"}});
        QCOMPARE(r.status, 401);
        QVERIFY(!r.obj().value(s("detail")).toString().isEmpty());
        m_server->setCredentials(s("id2"), s("key2"));
        QCOMPARE(get(s("/api/remaining_credits/")).status, 200);
        QCOMPARE(get(s("/media/thumbs/16x9/x.jpg"), false).status, 200);
    }

    void remainingCredits()
    {
        m_server->setCredits(42.5);
        const Reply r = get(s("/api/remaining_credits/"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.obj().value(s("remaining_credits")).toDouble(), 42.5);
    }

    void linksScrapeAndShape()
    {
        const Reply r = post(
                s("/api/links/"),
                {{s("url"), s("https://shop.example.com/products/super-blender_3000")}});
        QCOMPARE(r.status, 200);
        const QJsonObject link = r.obj();
        QVERIFY(!QUuid::fromString(link.value(s("id")).toString()).isNull());
        QCOMPARE(link.value(s("url")).toString(),
                 s("https://shop.example.com/products/super-blender_3000"));
        const QJsonObject inner = link.value(s("link")).toObject();
        QVERIFY(inner.value(s("id")).toString() != link.value(s("id")).toString());
        QCOMPARE(inner.value(s("title")).toString(), s("Super Blender 3000"));
        QVERIFY(!inner.value(s("description")).toString().isEmpty());
        QVERIFY(!inner.value(s("ai_summary")).toString().isEmpty());
        QVERIFY(inner.value(s("video_urls")).isArray());
        QVERIFY(inner.contains(s("logo_url")));
        QVERIFY(inner.contains(s("reviews")));
        const QJsonArray images = inner.value(s("image_urls")).toArray();
        QVERIFY(images.size() >= 3 && images.size() <= 4);
        const Reply img = send("GET", QUrl(images.at(0).toString()), {}, false);
        QCOMPARE(img.status, 200);
        QCOMPARE(img.header("content-type"), QByteArray("image/jpeg"));
        QVERIFY(img.body.startsWith("\xFF\xD8"));
        QCOMPARE(m_server->credits(), 99.0);

        // GET one, list by ids, list all.
        const QString id = link.value(s("id")).toString();
        QCOMPARE(get(s("/api/links/") + id + QLatin1Char('/')).obj(), link);
        const QString other = createLink();
        QJsonArray list = get(s("/api/links/?ids=") + id + QLatin1Char(',') + other).arr();
        QCOMPARE(list.size(), 2);
        list = get(s("/api/links/")).arr();
        QCOMPARE(list.size(), 2);
        QCOMPARE(get(s("/api/links/") + QUuid::createUuid().toString(QUuid::WithoutBraces)
                     + QLatin1Char('/'))
                         .status,
                 404);
    }

    void linkErrors_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<bool>("bareArray");
        QTest::addColumn<QString>("message");
        QTest::newRow("blocked") << s("https://blocked.example.com/x") << true
                                 << s("Failed to scrape url");
        QTest::newRow("no-media") << s("https://example.com/no-media") << true
                                  << s("Link must have at least one image or one video.");
        QTest::newRow("ftp") << s("ftp://example.com/x") << false << s("Enter a valid URL.");
        QTest::newRow("garbage") << s("not a url") << false << s("Enter a valid URL.");
        QTest::newRow("missing") << QString() << false << s("This field is required.");
    }
    void linkErrors()
    {
        QFETCH(QString, target);
        QFETCH(bool, bareArray);
        QFETCH(QString, message);
        QJsonObject body;
        if (!target.isNull())
            body.insert(s("url"), target);
        const Reply r = post(s("/api/links/"), body);
        QCOMPARE(r.status, 400);
        const QJsonDocument doc = QJsonDocument::fromJson(r.body);
        if (bareArray) {
            QVERIFY(doc.isArray());
            QVERIFY(doc.array().at(0).toString().startsWith(message));
        } else {
            QCOMPARE(doc.object().value(s("url")).toArray().at(0).toString(), message);
        }
        QCOMPARE(m_server->credits(), 100.0);
    }

    void linkWithParamsAndPut()
    {
        const QJsonArray two{s("https://cdn.example.com/a.jpg"), s("https://cdn.example.com/b.jpg")};
        Reply r = post(
                s("/api/links/link_with_params/"),
                {{s("title"), s("Mug")}, {s("description"), s("A mug.")}, {s("image_urls"), two}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.obj().contains(s("image_urls")));
        QCOMPARE(m_server->credits(), 100.0);

        QJsonArray three = two;
        three.append(s("https://cdn.example.com/c.jpg"));
        r = post(
                s("/api/links/link_with_params/"),
                {{s("title"), s("Mug")}, {s("description"), s("A mug.")}, {s("image_urls"), three}});
        QCOMPARE(r.status, 200);
        QCOMPARE(m_server->credits(), 99.0);
        const QString id = r.obj().value(s("id")).toString();
        QCOMPARE(r.obj().value(s("link")).toObject().value(s("image_urls")).toArray(), three);
        // One video is enough without images.
        r = post(s("/api/links/link_with_params/"),
                 {{s("title"), s("Mug")},
                  {s("description"), s("A mug.")},
                  {s("video_urls"), QJsonArray{s("https://cdn.example.com/v.mp4")}}});
        QCOMPARE(r.status, 200);

        // PUT takes and returns the flat InnerLink.
        r = send("PUT", url(s("/api/links/") + id + QLatin1Char('/')),
                 QJsonDocument(QJsonObject{{s("title"), s("Big Mug")},
                                           {s("logo_url"), s("https://cdn.example.com/logo.png")}})
                         .toJson());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.obj().value(s("title")).toString(), s("Big Mug"));
        QVERIFY(!r.obj().contains(s("link")));
        QCOMPARE(r.obj().value(s("logo_url")).toString(), s("https://cdn.example.com/logo.png"));
        QCOMPARE(get(s("/api/links/") + id + QLatin1Char('/'))
                         .obj()
                         .value(s("link"))
                         .toObject()
                         .value(s("title"))
                         .toString(),
                 s("Big Mug"));
    }

    void previewListValidation_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("link missing") << s("link") << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("link not uuid") << s("link") << QJsonValue(s("abc"));
        QTest::newRow("link unknown")
                << s("link") << QJsonValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
        QTest::newRow("styles missing") << s("visual_styles") << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("styles empty") << s("visual_styles") << QJsonValue(QJsonArray{});
        QTest::newRow("style unknown")
                << s("visual_styles") << QJsonValue(QJsonArray{s("VanillaTemplate"), s("Nope")});
        QTest::newRow("aspect_ratio") << s("aspect_ratio") << QJsonValue(s("4:3"));
        QTest::newRow("aspect_ratios")
                << s("aspect_ratios") << QJsonValue(QJsonArray{s("16x9"), s("4x3")});
        QTest::newRow("video_length") << s("video_length") << QJsonValue(20);
        QTest::newRow("language") << s("language") << QJsonValue(s("xx"));
        QTest::newRow("model_version") << s("model_version") << QJsonValue(s("turbo"));
    }
    void previewListValidation()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QJsonObject body{{s("link"), createLink()},
                         {s("visual_styles"), QJsonArray{s("VanillaTemplate")}}};
        const double before = m_server->credits();
        if (value.isUndefined())
            body.remove(field);
        else
            body.insert(field, value);
        const Reply r = post(s("/api/link_to_videos/preview_list_async/"), body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.obj().keys(), QStringList{field});
        QVERIFY(r.obj().value(field).toArray().at(0).isString());
        QCOMPARE(m_server->credits(), before);
        QCOMPARE(get(s("/api/link_to_videos/")).arr().size(), 0);
    }

    void previewListLifecycle()
    {
        m_server->setStepIntervalMs(60);
        const QJsonObject created = createPreviews({{s("video_length"), 45}});
        // 1 (link) + 4 previews x 2 blocks of 30 s.
        QCOMPARE(m_server->credits(), 100.0 - 1 - 8);
        QCOMPARE(created.value(s("status")).toString(), s("pending"));
        QCOMPARE(created.value(s("credits_used")).toInt(), 8);
        QVERIFY(created.value(s("progress")).isString());
        QVERIFY(created.value(s("previews")).toArray().isEmpty());
        QCOMPARE(created.value(s("outputs")).toArray().size(), 0);
        QCOMPARE(created.value(s("video_output")), QJsonValue(QJsonValue::Null));
        QCOMPARE(created.value(s("visual_styles")).toArray().size(), 2);
        const QString id = created.value(s("id")).toString();

        QStringList statuses;
        bool previewWhilePending = false;
        int lastCount = 0;
        QJsonObject job;
        QTRY_VERIFY_WITH_TIMEOUT((job = get(s("/api/link_to_videos/") + id + QLatin1Char('/')).obj(),
                                  [&] {
                                      const QString st = job.value(s("status")).toString();
                                      const int n = int(job.value(s("previews")).toArray().size());
                                      if (statuses.isEmpty() || statuses.last() != st)
                                          statuses.append(st);
                                      if (st == s("pending") && n > 0)
                                          previewWhilePending = true;
                                      if (n < lastCount)
                                          return false; // previews never disappear
                                      lastCount = n;
                                      return st == s("done");
                                  }()),
                                 5000);
        QVERIFY2(previewWhilePending, qPrintable(statuses.join(QLatin1Char(','))));
        QCOMPARE(statuses.first(), s("pending"));
        QCOMPARE(statuses.last(), s("done"));
        const QStringList order{s("pending"), s("in_queue"), s("running"), s("done")};
        for (int i = 1; i < statuses.size(); ++i)
            QVERIFY(order.indexOf(statuses.at(i)) > order.indexOf(statuses.at(i - 1)));
        const QJsonArray previews = job.value(s("previews")).toArray();
        QCOMPARE(previews.size(), 4);
        const QJsonObject p = previews.at(0).toObject();
        for (const char *key : {"media_job", "visual_style", "aspect_ratio", "url", "duration"})
            QVERIFY2(p.contains(QLatin1String(key)), key);
        QCOMPARE(p.value(s("duration")).toInt(), 45);
        QVERIFY(QRegularExpression(s("/preview\\?layout=videos/\\d{8}/[0-9a-f-]{36}\\.json$"))
                        .match(p.value(s("url")).toString())
                        .hasMatch());
        QCOMPARE(job.value(s("progress")).toString(), s("1.00"));

        // The preview page: a self-contained page with the title, the style and a <video>.
        const Reply page = send("GET", QUrl(p.value(s("url")).toString()), {}, false);
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("content-type").startsWith("text/html"));
        const QString html = QString::fromUtf8(page.body);
        QVERIFY(html.contains(s("Cozy Wool Socks")));
        QVERIFY(html.contains(p.value(s("visual_style")).toString()));
        QVERIFY(html.contains(s("<video")));
        QVERIFY(html.contains(s("/media/products/")));
        QVERIFY(!html.contains(s("https://")));
        // Another style looks different.
        const Reply page2 = send("GET", QUrl(previews.at(2).toObject().value(s("url")).toString()),
                                 {}, false);
        QVERIFY(page2.body.left(600) != page.body.left(600));
        const Reply missing = send("GET",
                                   url(s("/preview?layout=videos/20250101/")
                                       + QUuid::createUuid().toString(QUuid::WithoutBraces)
                                       + s(".json")),
                                   {}, false);
        QCOMPARE(missing.status, 404);
        QVERIFY(missing.header("content-type").startsWith("text/html"));
    }

    void previewPageEscapesUserText()
    {
        const QJsonArray images{s("https://cdn.example.com/a.jpg"),
                                s("https://cdn.example.com/b.jpg"),
                                s("https://cdn.example.com/c.jpg")};
        const Reply link = post(s("/api/links/link_with_params/"),
                                {{s("title"), s("<b>Tom & Jerry</b> 100%1")},
                                 {s("description"), s("Made at example.com. Really good.")},
                                 {s("image_urls"), images}});
        QCOMPARE(link.status, 200);
        const Reply r = post(s("/api/link_to_videos/preview_list_async/"),
                             {{s("link"), link.obj().value(s("id"))},
                              {s("visual_styles"), QJsonArray{s("NotAStyleAnyoneKnows")}}});
        QCOMPARE(r.status, 400); // unknown styles are refused...
        const QJsonObject job = post(s("/api/link_to_videos/preview_list_async/"),
                                     {{s("link"), link.obj().value(s("id"))},
                                      {s("visual_styles"), QJsonArray{s("LegoScriptSecretHook")}},
                                      {s("aspect_ratio"), s("9x16")}})
                                        .obj();
        const QJsonObject done = waitVideoJob(job.value(s("id")).toString(), s("done"), 1);
        const Reply page = send(
                "GET",
                QUrl(done.value(s("previews")).toArray().at(0).toObject().value(s("url")).toString()),
                {}, false);
        QCOMPARE(page.status, 200);
        const QString html = QString::fromUtf8(page.body);
        QVERIFY(html.contains(s("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt; 100%1")));
        QVERIFY(html.contains(s("Made at example.com")));
        QVERIFY(html.contains(s("9x16 · 30 s")));
        QVERIFY(html.contains(s("aspect-ratio:9 / 16")));
        QVERIFY(html.contains(s("https://cdn.example.com/b.jpg")));
        QVERIFY(html.contains(s("/media/renders/9x16/")));
    }

    void renderSinglePreview()
    {
        const QJsonObject created = createPreviews();
        const QString id = created.value(s("id")).toString();
        const QString path = s("/api/link_to_videos/") + id + s("/render_single_preview/");
        QJsonObject job = waitVideoJob(id, s("done"), 4);
        const double before = m_server->credits();
        const QJsonArray previews = job.value(s("previews")).toArray();
        const QString mj = previews.at(1).toObject().value(s("media_job")).toString();

        QCOMPARE(post(path, {}).obj().keys(), QStringList{s("media_job")});
        QCOMPARE(post(path, {{s("media_job"), QUuid::createUuid().toString(QUuid::WithoutBraces)}})
                         .status,
                 400);
        QCOMPARE(post(s("/api/link_to_videos/") + QUuid::createUuid().toString(QUuid::WithoutBraces)
                              + s("/render_single_preview/"),
                      {{s("media_job"), mj}})
                         .status,
                 404);
        QCOMPARE(m_server->credits(), before);

        Reply r = post(path, {{s("media_job"), mj}});
        QCOMPARE(r.status, 200);
        QCOMPARE(m_server->credits(), before - 4);
        job = r.obj();
        QCOMPARE(job.value(s("status")).toString(), s("pending"));
        QCOMPARE(
                job.value(s("media_job")).toString(),
                job.value(s("outputs")).toArray().at(0).toObject().value(s("media_job")).toString());
        QVERIFY(job.value(s("outputs")).toArray().at(0).toObject().value(s("progress")).isDouble());

        job = waitVideoJob(id, s("done"));
        QJsonArray outputs = job.value(s("outputs")).toArray();
        QCOMPARE(outputs.size(), 1);
        QJsonObject out = outputs.at(0).toObject();
        QCOMPARE(out.value(s("status")).toString(), s("done"));
        QCOMPARE(out.value(s("visual_style")).toString(),
                 previews.at(1).toObject().value(s("visual_style")).toString());
        QVERIFY(out.value(s("video_output")).toString().endsWith(s(".mp4")));
        QCOMPARE(job.value(s("video_output")), out.value(s("video_output")));
        QVERIFY(job.value(s("video_thumbnail")).toString().endsWith(s(".jpg")));
        QCOMPARE(job.value(s("credits_used")).toInt(), 4 + 4);

        // A second preview of the same job: a new outputs[] entry, top level follows it.
        const QString mj2 = previews.at(2).toObject().value(s("media_job")).toString();
        r = post(path, {{s("media_job"), mj2}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.obj().value(s("status")).toString(), s("pending"));
        job = waitVideoJob(id, s("done"));
        outputs = job.value(s("outputs")).toArray();
        QCOMPARE(outputs.size(), 2);
        QVERIFY(outputs.at(0).toObject().value(s("media_job"))
                != outputs.at(1).toObject().value(s("media_job")));
        QCOMPARE(job.value(s("video_output")), outputs.at(1).toObject().value(s("video_output")));

        // The render is a real, playable H.264 + AAC MP4.
        const Reply mp4 = send("GET", QUrl(job.value(s("video_output")).toString()), {}, false);
        QCOMPARE(mp4.status, 200);
        QCOMPARE(mp4.header("content-type"), QByteArray("video/mp4"));
        QVERIFY(mp4.body.size() > 10000 && mp4.body.size() < 200 * 1024);
        const Reply thumb = send("GET", QUrl(job.value(s("video_thumbnail")).toString()), {}, false);
        QCOMPARE(thumb.status, 200);
        QVERIFY(thumb.body.startsWith("\xFF\xD8"));
        if (QStandardPaths::findExecutable(s("ffprobe")).isEmpty())
            QSKIP("ffprobe not installed");
        QTemporaryDir dir;
        QFile file(dir.filePath(s("render.mp4")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(mp4.body);
        file.close();
        QProcess probe;
        probe.start(s("ffprobe"),
                    {s("-v"), s("error"), s("-show_entries"), s("stream=codec_name"), s("-of"),
                     s("csv=p=0"), file.fileName()});
        QVERIFY(probe.waitForFinished(10000));
        QCOMPARE(probe.exitCode(), 0);
        const QString codecs = QString::fromUtf8(probe.readAllStandardOutput());
        QVERIFY2(codecs.contains(s("h264")), qPrintable(codecs));
        QVERIFY2(codecs.contains(s("aac")), qPrintable(codecs));
    }

    void renderPricing_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("length");
        QTest::addColumn<double>("cost");
        QTest::newRow("standard 15") << s("standard") << 15 << 4.0;
        QTest::newRow("standard 60") << s("standard") << 60 << 8.0;
        QTest::newRow("aurora_v1 15") << s("aurora_v1") << 15 << 15.0;
        QTest::newRow("aurora_v1_fast 45") << s("aurora_v1_fast") << 45 << 23.0;
    }
    void renderPricing()
    {
        QFETCH(QString, model);
        QFETCH(int, length);
        QFETCH(double, cost);
        const QJsonObject created = createPreviews(
                {{s("model_version"), model},
                 {s("video_length"), length},
                 {s("aspect_ratios"), QJsonArray{s("1x1")}},
                 {s("visual_styles"), QJsonArray{s("LegoTemplate")}}});
        QCOMPARE(created.value(s("credits_used")).toInt(), (length + 29) / 30);
        const QString id = created.value(s("id")).toString();
        const QJsonObject job = waitVideoJob(id, s("done"), 1);
        const double before = m_server->credits();
        const Reply r = post(
                s("/api/link_to_videos/") + id + s("/render_single_preview/"),
                {{s("media_job"),
                  job.value(s("previews")).toArray().at(0).toObject().value(s("media_job"))}});
        QCOMPARE(r.status, 200);
        QCOMPARE(before - m_server->credits(), cost);
    }

    void notEnoughCredits()
    {
        const QString link = createLink();
        m_server->setCredits(3);
        const Reply r = post(
                s("/api/link_to_videos/preview_list_async/"),
                {{s("link"), link},
                 {s("visual_styles"), QJsonArray{s("VanillaTemplate"), s("LegoTemplate")}},
                 {s("aspect_ratios"), QJsonArray{s("1x1"), s("9x16")}}});
        QCOMPARE(r.status, 402);
        QVERIFY(r.obj().value(s("detail")).toString().contains(s("needs 4")));
        QCOMPARE(m_server->credits(), 3.0);
        QCOMPARE(get(s("/api/link_to_videos/")).arr().size(), 0);
        m_server->setCredits(0.5);
        QCOMPARE(post(s("/api/links/"), {{s("url"), s("https://example.com/a")}}).status, 402);
        QCOMPARE(get(s("/api/links/")).arr().size(), 1);
        QCOMPARE(m_server->credits(), 0.5);
    }

    void listVideoJobsByIds()
    {
        const QString a = createPreviews().value(s("id")).toString();
        const QString b = createPreviews().value(s("id")).toString();
        const QString unknown = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QJsonArray list = get(s("/api/link_to_videos/?ids=") + a + QLatin1Char(',') + unknown
                              + QLatin1Char(',') + b)
                                  .arr();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).toObject().value(s("id")).toString(), a);
        QCOMPARE(get(s("/api/link_to_videos/")).arr().size(), 2);
        QCOMPARE(get(s("/api/link_to_videos/?ids=nope")).status, 400);
        QStringList many;
        for (int i = 0; i < 101; ++i)
            many.append(QUuid::createUuid().toString(QUuid::WithoutBraces));
        const Reply r = get(s("/api/link_to_videos/?ids=") + many.join(QLatin1Char(',')));
        QCOMPARE(r.status, 400);
        QVERIFY(r.obj().contains(s("ids")));
        QCOMPARE(get(s("/api/link_to_videos/") + unknown + QLatin1Char('/'))
                         .obj()
                         .value(s("detail"))
                         .toString(),
                 s("Not found."));
    }

    void templatesCatalog()
    {
        const Reply list = get(s("/api/custom_templates/"));
        QCOMPARE(list.status, 200);
        QCOMPARE(list.arr().size(), 3);
        QSet<QString> types, ratios;
        QSet<int> durations;
        const QHash<QString, QString> keys{
                {s("text"), s("content")},     {s("image"), s("url")},
                {s("video"), s("url")},        {s("audio"), s("url")},
                {s("avatar"), s("avatar_id")}, {s("voiceover"), s("voice_id")}};
        for (const QJsonValue &v : list.arr()) {
            const QJsonObject t = v.toObject();
            for (const char *key :
                 {"template_id", "name", "preview", "aspect_ratio", "created_at", "updated_at"})
                QVERIFY2(t.contains(QLatin1String(key)), key);
            QVERIFY(!t.contains(s("variables")));
            const Reply detail = get(s("/api/custom_templates/")
                                     + t.value(s("template_id")).toString() + QLatin1Char('/'));
            QCOMPARE(detail.status, 200);
            ratios.insert(detail.obj().value(s("aspect_ratio")).toString());
            durations.insert(detail.obj().value(s("duration")).toInt());
            const QJsonObject vars = detail.obj().value(s("variables")).toObject();
            for (auto it = vars.begin(); it != vars.end(); ++it) {
                const QJsonObject var = it.value().toObject();
                const QString type = var.value(s("type")).toString();
                types.insert(type);
                QVERIFY(var.value(s("required")).isBool());
                QVERIFY2(var.value(s("properties")).toObject().contains(keys.value(type)),
                         qPrintable(it.key()));
            }
        }
        QCOMPARE(types.size(), 6);
        QCOMPARE(ratios.size(), 3);
        QCOMPARE(durations.size(), 3);
        QCOMPARE(get(s("/api/custom_templates/")
                     + QUuid::createUuid().toString(QUuid::WithoutBraces) + QLatin1Char('/'))
                         .status,
                 404);
    }

    QString templateId(const QString &name)
    {
        for (const QJsonValue &v : get(s("/api/custom_templates/")).arr()) {
            if (v.toObject().value(s("name")).toString() == name)
                return v.toObject().value(s("template_id")).toString();
        }
        return {};
    }
    QJsonObject presenterVariables()
    {
        const QString persona = get(s("/api/personas/paginated/"))
                                        .obj()
                                        .value(s("results"))
                                        .toArray()
                                        .at(3)
                                        .toObject()
                                        .value(s("id"))
                                        .toString();
        const QString accent = get(s("/api/voices/"))
                                       .arr()
                                       .at(2)
                                       .toObject()
                                       .value(s("accents"))
                                       .toArray()
                                       .at(1)
                                       .toObject()
                                       .value(s("id"))
                                       .toString();
        return {{s("presenter"),
                 QJsonObject{{s("type"), s("avatar")},
                             {s("properties"), QJsonObject{{s("avatar_id"), persona}}}}},
                {s("voiceover"),
                 QJsonObject{{s("type"), s("voiceover")},
                             {s("properties"), QJsonObject{{s("voice_id"), accent}}}}},
                {s("tagline"),
                 QJsonObject{{s("type"), s("text")},
                             {s("properties"),
                              QJsonObject{{s("content"), s("Tagline <b>here</b>")}}}}}};
    }

    void templateFlow()
    {
        const QString tid = templateId(s("Talking Head Promo")); // 15 s
        QVERIFY(!tid.isEmpty());
        Reply r = post(s("/api/custom_template_jobs/preview_async/"),
                       {{s("template_id"), tid},
                        {s("variables"), presenterVariables()},
                        {s("name"), s("T1")}});
        QCOMPARE(r.status, 201);
        QCOMPARE(m_server->credits(), 99.0);
        QJsonObject job = r.obj();
        // failed_reason is a string, "" until the job fails (never null); video_output and
        // output stay null until a render is done.
        QCOMPARE(job.value(s("failed_reason")), QJsonValue(s("")));
        QCOMPARE(job.value(s("video_output")), QJsonValue(QJsonValue::Null));
        QCOMPARE(job.value(s("output")), QJsonValue(QJsonValue::Null));
        QCOMPARE(job.value(s("status")).toString(), s("pending"));
        QVERIFY(job.value(s("progress")).isDouble());
        QVERIFY(QDateTime::fromString(job.value(s("created_at")).toString(), Qt::ISODateWithMs)
                        .isValid());
        QVERIFY(QDateTime::fromString(job.value(s("updated_at")).toString(), Qt::ISODateWithMs)
                        .isValid());
        QCOMPARE(job.value(s("preview")), QJsonValue(QJsonValue::Null));
        QCOMPARE(job.value(s("duration")).toInt(), 15);
        QCOMPARE(job.value(s("name")).toString(), s("T1"));
        const QString id = job.value(s("id")).toString();
        const QString render = s("/api/custom_template_jobs/") + id + s("/render/");

        QCOMPARE(post(render, {}).status, 400); // preview not done yet
        QCOMPARE(m_server->credits(), 99.0);
        job = waitTemplateJob(id, s("done"));
        QCOMPARE(job.value(s("progress")).toDouble(), 1.0);
        QCOMPARE(job.value(s("failed_reason")), QJsonValue(s("")));
        QCOMPARE(job.value(s("video_output")), QJsonValue(QJsonValue::Null)); // only previewed
        QCOMPARE(job.value(s("output")), QJsonValue(QJsonValue::Null));
        const QString preview = job.value(s("preview")).toString();
        QVERIFY(preview.contains(s("/preview?layout=videos/")));
        const Reply page = send("GET", QUrl(preview), {}, false);
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains("Tagline &lt;b&gt;here&lt;/b&gt;"));
        QVERIFY(page.body.contains("Shop now")); // default of an unset text variable

        r = post(render, {});
        QCOMPARE(r.status, 200);
        QCOMPARE(m_server->credits(), 95.0);
        QCOMPARE(r.obj().value(s("status")).toString(), s("pending"));
        QCOMPARE(r.obj().value(s("failed_reason")), QJsonValue(s("")));
        QCOMPARE(r.obj().value(s("video_output")), QJsonValue(QJsonValue::Null));
        QCOMPARE(r.obj().value(s("output")), QJsonValue(QJsonValue::Null));
        job = waitTemplateJob(id, s("done"));
        // The documented field carries the MP4; `output` (the render webhook's name) mirrors it.
        const QString mp4 = job.value(s("video_output")).toString();
        QVERIFY2(mp4.endsWith(s(".mp4")), qPrintable(mp4));
        QCOMPARE(job.value(s("output")), QJsonValue(mp4));
        QCOMPARE(job.value(s("failed_reason")), QJsonValue(s("")));
        QCOMPARE(job.value(s("credits_used")).toInt(), 5);
        QVERIFY(!job.value(s("media_job")).toString().isEmpty());
        QCOMPARE(send("GET", QUrl(mp4), {}, false).status, 200);

        QJsonArray list = get(s("/api/custom_template_jobs/?ids=") + id).arr();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).toObject().value(s("failed_reason")), QJsonValue(s("")));
        QCOMPARE(list.at(0).toObject().value(s("video_output")), QJsonValue(mp4));
        list = get(s("/api/custom_template_jobs/")).arr();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).toObject().value(s("failed_reason")), QJsonValue(s("")));
        QCOMPARE(get(s("/api/custom_template_jobs/")
                     + QUuid::createUuid().toString(QUuid::WithoutBraces) + QLatin1Char('/'))
                         .status,
                 404);
    }

    void templateValidation_data()
    {
        QTest::addColumn<QString>("mutation");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("mention");
        QTest::newRow("template missing") << s("no-template") << s("template_id") << QString();
        QTest::newRow("template unknown") << s("unknown-template") << s("template_id") << QString();
        QTest::newRow("variables missing") << s("no-variables") << s("variables") << QString();
        QTest::newRow("variables list") << s("variables-list") << s("variables") << QString();
        QTest::newRow("unknown variable") << s("unknown-variable") << s("variables") << s("bogus");
        QTest::newRow("wrong type") << s("wrong-type") << s("variables") << s("tagline");
        QTest::newRow("missing property")
                << s("missing-property") << s("variables") << s("tagline");
        QTest::newRow("unknown avatar") << s("unknown-avatar") << s("variables") << s("presenter");
        QTest::newRow("unknown voice") << s("unknown-voice") << s("variables") << s("voiceover");
        QTest::newRow("missing required")
                << s("missing-required") << s("variables") << s("presenter");
        QTest::newRow("bad url") << s("bad-url") << s("variables") << s("product_image");
    }
    void templateValidation()
    {
        QFETCH(QString, mutation);
        QFETCH(QString, field);
        QFETCH(QString, mention);
        QJsonObject vars = presenterVariables();
        QJsonObject body{{s("template_id"), templateId(s("Talking Head Promo"))}};
        if (mutation == s("no-template"))
            body.remove(s("template_id"));
        else if (mutation == s("unknown-template"))
            body.insert(s("template_id"), QUuid::createUuid().toString(QUuid::WithoutBraces));
        else if (mutation == s("unknown-variable"))
            vars.insert(s("bogus"),
                        QJsonObject{{s("type"), s("text")},
                                    {s("properties"), QJsonObject{{s("content"), s("x")}}}});
        else if (mutation == s("wrong-type"))
            vars.insert(s("tagline"),
                        QJsonObject{{s("type"), s("image")},
                                    {s("properties"),
                                     QJsonObject{{s("url"), s("https://e.com/a.jpg")}}}});
        else if (mutation == s("missing-property"))
            vars.insert(s("tagline"),
                        QJsonObject{{s("type"), s("text")},
                                    {s("properties"), QJsonObject{{s("text"), s("x")}}}});
        else if (mutation == s("unknown-avatar"))
            vars.insert(
                    s("presenter"),
                    QJsonObject{
                            {s("type"), s("avatar")},
                            {s("properties"),
                             QJsonObject{{s("avatar_id"),
                                          QUuid::createUuid().toString(QUuid::WithoutBraces)}}}});
        else if (mutation == s("unknown-voice"))
            vars.insert(s("voiceover"),
                        QJsonObject{{s("type"), s("voiceover")},
                                    {s("properties"), QJsonObject{{s("voice_id"), s("nope")}}}});
        else if (mutation == s("missing-required"))
            vars.remove(s("presenter"));
        if (mutation == s("bad-url")) {
            body.insert(s("template_id"), templateId(s("Product Spotlight")));
            vars = {{s("headline"),
                     QJsonObject{{s("type"), s("text")},
                                 {s("properties"), QJsonObject{{s("content"), s("Hi")}}}}},
                    {s("product_image"),
                     QJsonObject{
                             {s("type"), s("image")},
                             {s("properties"), QJsonObject{{s("url"), s("file:///etc/passwd")}}}}}};
        }
        if (mutation == s("variables-list"))
            body.insert(s("variables"), QJsonArray{});
        else if (mutation != s("no-variables"))
            body.insert(s("variables"), vars);
        const double before = m_server->credits();
        const Reply r = post(s("/api/custom_template_jobs/preview_async/"), body);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.obj().contains(field), r.body.constData());
        if (!mention.isEmpty())
            QVERIFY2(r.obj().value(field).toArray().at(0).toString().contains(mention),
                     r.body.constData());
        QCOMPARE(m_server->credits(), before);
        QCOMPARE(get(s("/api/custom_template_jobs/")).arr().size(), 0);
    }

    void personasAndVoices()
    {
        Reply r = get(s("/api/personas/paginated/?page=1&page_size=5"));
        QCOMPARE(r.status, 200);
        QJsonObject page = r.obj();
        QCOMPARE(page.value(s("count")).toInt(), 12);
        QCOMPARE(page.value(s("results")).toArray().size(), 5);
        QCOMPARE(page.value(s("previous")), QJsonValue(QJsonValue::Null));
        const QUrl next(page.value(s("next")).toString());
        QCOMPARE(next.host(), s("127.0.0.1"));
        QCOMPARE(next.port(), int(m_server->port()));
        r = send("GET", next);
        QCOMPARE(r.obj().value(s("results")).toArray().size(), 5);
        QVERIFY(!r.obj().value(s("previous")).toString().isEmpty());
        r = get(s("/api/personas/paginated/?page=3&page_size=5"));
        QCOMPARE(r.obj().value(s("results")).toArray().size(), 2);
        QCOMPARE(r.obj().value(s("next")), QJsonValue(QJsonValue::Null));
        QCOMPARE(get(s("/api/personas/paginated/?page=4&page_size=5")).status, 404);
        const QJsonObject persona = page.value(s("results")).toArray().at(0).toObject();
        for (const char *key : {"id",
                                "created_at",
                                "updated_at",
                                "gender",
                                "age_range",
                                "location",
                                "style",
                                "creator_name",
                                "suitable_industries",
                                "video_scene",
                                "keywords",
                                "preview_image_16_9",
                                "preview_image_1_1",
                                "preview_image_9_16",
                                "preview_video_16_9",
                                "preview_video_1_1",
                                "preview_video_9_16",
                                "landscape_preview_video",
                                "squared_preview_video",
                                "portrait_preview_video",
                                "is_active",
                                "process_status",
                                "failed_reason",
                                "type"})
            QVERIFY2(persona.contains(QLatin1String(key)), key);
        const Reply img = send("GET", QUrl(persona.value(s("preview_image_1_1")).toString()), {},
                               false);
        QCOMPARE(img.status, 200);
        QCOMPARE(img.header("content-type"), QByteArray("image/jpeg"));

        const QJsonArray voices = get(s("/api/voices/")).arr();
        QCOMPARE(voices.size(), 5);
        for (const QJsonValue &v : voices) {
            const QJsonObject voice = v.toObject();
            QVERIFY(!voice.value(s("name")).toString().isEmpty());
            QVERIFY(QStringList({s("male"), s("female")})
                            .contains(voice.value(s("gender")).toString()));
            const QJsonArray accents = voice.value(s("accents")).toArray();
            QVERIFY(accents.size() >= 1 && accents.size() <= 3);
            for (const QJsonValue &a : accents) {
                QVERIFY(!QUuid::fromString(a.toObject().value(s("id")).toString()).isNull());
                QVERIFY(!a.toObject().value(s("accent_name")).toString().isEmpty());
            }
        }
        const Reply mp3 = send("GET",
                               QUrl(voices.at(0)
                                            .toObject()
                                            .value(s("accents"))
                                            .toArray()
                                            .at(0)
                                            .toObject()
                                            .value(s("preview_url"))
                                            .toString()),
                               {}, false);
        QCOMPARE(mp3.status, 200);
        QCOMPARE(mp3.header("content-type"), QByteArray("audio/mpeg"));
    }

    void unknownPathsAndMethods()
    {
        Reply r = get(s("/api/nothing/here/"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.obj().value(s("detail")).toString(), s("Not found."));
        r = send("DELETE", url(s("/api/links/")));
        QCOMPARE(r.status, 405);
        QVERIFY(!r.header("allow").isEmpty());
        r = send("GET", url(s("/api/link_to_videos/preview_list_async/")));
        QCOMPARE(r.status, 405);
        QCOMPARE(post(s("/api/links/"), {}).obj().value(s("url")).toArray().at(0).toString(),
                 s("This field is required."));
        r = send("POST", url(s("/api/links/")), "{not json");
        QCOMPARE(r.status, 400);
    }

    void mediaRanges()
    {
        const QUrl mp4 = url(s("/media/renders/16x9/some-job.mp4"));
        Reply whole = send("GET", mp4, {}, false);
        QCOMPARE(whole.status, 200);
        QCOMPARE(whole.header("accept-ranges"), QByteArray("bytes"));
        QCOMPARE(whole.header("content-length").toLongLong(), whole.body.size());
        const qint64 size = whole.body.size();

        Reply part = send("GET", mp4, {}, false, {{"Range", "bytes=100-199"}});
        QCOMPARE(part.status, 206);
        QCOMPARE(part.body, whole.body.mid(100, 100));
        QCOMPARE(part.header("content-range"), "bytes 100-199/" + QByteArray::number(size));
        part = send("GET", mp4, {}, false,
                    {{"Range", "bytes=" + QByteArray::number(size - 10) + '-'}});
        QCOMPARE(part.status, 206);
        QCOMPARE(part.body, whole.body.right(10));
        part = send("GET", mp4, {}, false, {{"Range", "bytes=" + QByteArray::number(size) + '-'}});
        QCOMPARE(part.status, 416);
        QCOMPARE(part.header("content-range"), "bytes */" + QByteArray::number(size));

        Reply head = send("HEAD", mp4, {}, false);
        QCOMPARE(head.status, 200);
        QCOMPARE(head.header("content-length").toLongLong(), size);
        QVERIFY(head.body.isEmpty());

        m_server->setIgnoreRange(true);
        part = send("GET", mp4, {}, false, {{"Range", "bytes=100-199"}});
        QCOMPARE(part.status, 200);
        QCOMPARE(part.body.size(), size);

        QCOMPARE(send("GET", url(s("/media/renders/4x3/x.mp4")), {}, false).status, 404);
    }

    void blobContentAndRange()
    {
        const QUrl blob = m_server->addBlob(s("test.bin"), 3 * 1024 * 1024 + 17);
        QCOMPARE(blob.path(), s("/media/blob/test.bin"));
        const Reply whole = send("GET", blob, {}, false);
        QCOMPARE(whole.status, 200);
        QCOMPARE(whole.body.size(), 3 * 1024 * 1024 + 17);
        bool ok = true;
        for (qint64 i = 0; i < whole.body.size() && ok; ++i)
            ok = whole.body.at(i) == char((i * 31 + 7) % 251);
        QVERIFY(ok);
        const Reply part = send("GET", blob, {}, false, {{"Range", "bytes=1000000-"}});
        QCOMPARE(part.status, 206);
        QCOMPARE(part.body, whole.body.mid(1000000));
    }

    void faultRateLimitSchedule()
    {
        Fault f;
        QVERIFY(Fault::fromSpec(
                s("rate-limit,path=^/api/remaining_credits/,skip=1,every=2,count=2,retry-after=7"),
                &f, nullptr));
        m_server->addFault(f);
        QList<int> statuses;
        for (int i = 0; i < 7; ++i) {
            const Reply r = get(s("/api/remaining_credits/"));
            statuses.append(r.status);
            if (r.status == 429) {
                QCOMPARE(r.header("retry-after"), QByteArray("7"));
                QVERIFY(r.obj().value(s("detail")).toString().contains(s("throttled")));
            }
        }
        QCOMPARE(statuses, (QList<int>{200, 429, 200, 429, 200, 200, 200}));
        QCOMPARE(get(s("/api/voices/")).status, 200); // other paths unaffected
        QCOMPARE(m_server->requestLog().at(1).status, 429);
    }

    void faultServerAndHtmlErrors()
    {
        Fault f;
        QVERIFY(Fault::fromSpec(s("server-error,status=500,method=GET,count=1"), &f, nullptr));
        m_server->addFault(f);
        Reply r = get(s("/api/voices/"));
        QCOMPARE(r.status, 500);
        QVERIFY(r.obj().contains(s("detail")));
        QCOMPARE(get(s("/api/voices/")).status, 200);

        m_server->clearFaults();
        QVERIFY(Fault::fromSpec(s("html,path=voices"), &f, nullptr));
        m_server->addFault(f);
        r = get(s("/api/voices/"));
        QCOMPARE(r.status, 502);
        QVERIFY(r.header("content-type").startsWith("text/html"));
        QVERIFY(r.body.contains("<html>"));
    }

    void faultSlowKeepsConnectionUsable()
    {
        Fault f;
        QVERIFY(Fault::fromSpec(s("slow,delay-ms=300,path=remaining"), &f, nullptr));
        m_server->addFault(f);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(get(s("/api/remaining_credits/")).status, 200);
        QVERIFY(timer.elapsed() >= 280);
        // Same connection, many requests in a row.
        for (int i = 0; i < 20; ++i)
            QCOMPARE(get(s("/api/voices/")).status, 200);
        QCOMPARE(m_server->requestCount("GET", s("^/api/voices/$")), 20);
    }

    void faultSlowDelaysOnlyTheAnswer()
    {
        // `slow` postpones the answer, not the work: a POST whose answer comes after the
        // client gave up has still created (and charged for) its object.
        Fault f;
        QVERIFY(Fault::fromSpec(s("slow,method=POST,path=^/api/links/$,delay-ms=1500"), &f,
                                nullptr));
        m_server->addFault(f);
        const QString target = s("https://shop.example.com/p/slow-cooker");
        QNetworkRequest req(url(s("/api/links/")));
        req.setRawHeader("X-API-ID", m_server->apiId().toUtf8());
        req.setRawHeader("X-API-KEY", m_server->apiKey().toUtf8());
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QElapsedTimer timer;
        timer.start();
        QNetworkReply *reply = m_nam->post(
                req, QJsonDocument(QJsonObject{{s("url"), target}}).toJson(QJsonDocument::Compact));
        QTimer::singleShot(300, reply, &QNetworkReply::abort); // the client's timeout
        QSignalSpy spy(reply, &QNetworkReply::finished);
        QVERIFY(reply->isFinished() || spy.wait(5000));
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 0);
        reply->deleteLater();

        const Reply list = get(s("/api/links/"));
        QVERIFY2(timer.elapsed() < 1500, "the answer was not due yet");
        QCOMPARE(list.status, 200);
        QCOMPARE(list.arr().size(), 1);
        QCOMPARE(list.arr().at(0).toObject().value(s("url")).toString(), target);
        QCOMPARE(m_server->credits(), 99.0);
        QCOMPARE(m_server->requestCount("POST", s("^/api/links/$")), 1);
    }

    void faultDropConnectionMidMedia()
    {
        const QUrl blob = m_server->addBlob(s("drop.bin"), 4 * 1024 * 1024);
        Fault f;
        QVERIFY(Fault::fromSpec(s("drop,path=^/media/,after=65536"), &f, nullptr));
        m_server->addFault(f);
        // A raw socket: QNetworkAccessManager may transparently repeat a GET whose connection
        // closed early, which would hide the fault under load.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET " + blob.path().toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QByteArray received;
        connect(&socket, &QTcpSocket::readyRead, this, [&] { received += socket.readAll(); });
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
        received += socket.readAll();
        const qsizetype headerEnd = received.indexOf("\r\n\r\n");
        QVERIFY(headerEnd > 0);
        QVERIFY(received.startsWith("HTTP/1.1 200"));
        QVERIFY(received.contains("Content-Length: 4194304"));
        QCOMPARE(received.size() - (headerEnd + 4), 65536); // cut after exactly N body bytes
        const Reply again = send("GET", blob, {}, false, {{"Range", "bytes=65536-"}});
        QCOMPARE(again.status, 206);
        QCOMPARE(again.body.size(), 4 * 1024 * 1024 - 65536);

        // API answers can be cut too.
        QVERIFY(Fault::fromSpec(s("drop,path=^/api/voices/,after=10"), &f, nullptr));
        m_server->addFault(f);
        const Reply api = get(s("/api/voices/"));
        QVERIFY(api.error != QNetworkReply::NoError);
        QCOMPARE(get(s("/api/voices/")).status, 200);
        QCOMPARE(m_server->requestCount("GET", s("^/api/voices/$")), 2);
    }

    void faultLoseResponseStillCharges()
    {
        const QJsonObject created = createPreviews();
        const QString id = created.value(s("id")).toString();
        const QJsonObject job = waitVideoJob(id, s("done"), 4);
        const double before = m_server->credits();
        Fault f;
        QVERIFY(Fault::fromSpec(s("lose-response,method=POST,path=render"), &f, nullptr));
        m_server->addFault(f);

        // A raw socket, because QNetworkAccessManager silently re-sends a request whose
        // connection closes before any answer byte (which would hide the fault).
        const QByteArray body = QJsonDocument(QJsonObject{{s("media_job"),
                                                           job.value(s("previews"))
                                                                   .toArray()
                                                                   .at(0)
                                                                   .toObject()
                                                                   .value(s("media_job"))}})
                                        .toJson(QJsonDocument::Compact);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /api/link_to_videos/" + id.toLatin1()
                     + "/render_single_preview/ HTTP/1.1\r\n"
                       "Host: 127.0.0.1\r\nX-API-ID: sandbox\r\nX-API-KEY: sandbox-key\r\n"
                       "Content-Type: application/json\r\nContent-Length: "
                     + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
        QCOMPARE(socket.readAll(), QByteArray());

        QCOMPARE(m_server->credits(), before - 4);
        const QJsonObject after = get(s("/api/link_to_videos/") + id + QLatin1Char('/')).obj();
        QCOMPARE(after.value(s("outputs")).toArray().size(), 1);
        QCOMPARE(m_server->requestCount("POST", s("render_single_preview")), 1);
        QCOMPARE(m_server->requestLog().last().status, 200); // the GET above
        int lost = 0;
        for (const auto &e : m_server->requestLog())
            lost += (e.method == "POST" && e.path.contains(s("render")) && e.status == 0) ? 1 : 0;
        QCOMPARE(lost, 1);
    }

    void faultLoseResponseWithQnamIsResent()
    {
        // Documents a client-side hazard the core must handle: QNAM re-sends once by itself.
        const QString id = createPreviews().value(s("id")).toString();
        const QJsonObject job = waitVideoJob(id, s("done"), 4);
        Fault f;
        QVERIFY(Fault::fromSpec(s("lose-response,method=POST,path=render,count=-1"), &f, nullptr));
        m_server->addFault(f);
        const Reply r = post(
                s("/api/link_to_videos/") + id + s("/render_single_preview/"),
                {{s("media_job"),
                  job.value(s("previews")).toArray().at(0).toObject().value(s("media_job"))}});
        QVERIFY(r.error != QNetworkReply::NoError);
        QVERIFY(m_server->requestCount("POST", s("render_single_preview")) >= 1);
        QCOMPARE(get(s("/api/link_to_videos/") + id + QLatin1Char('/'))
                         .obj()
                         .value(s("outputs"))
                         .toArray()
                         .size(),
                 m_server->requestCount("POST", s("render_single_preview")));
    }

    void faultJobFailedAndRejected()
    {
        Fault f;
        QVERIFY(Fault::fromSpec(s("job-failed,path=preview_list_async,reason=Out of GPUs"), &f,
                                nullptr));
        m_server->addFault(f);
        QString id = createPreviews().value(s("id")).toString();
        QJsonObject job = waitVideoJob(id, s("failed"));
        QCOMPARE(job.value(s("failed_reason")).toString(), s("Out of GPUs"));
        // count=1: the next job is fine.
        id = createPreviews().value(s("id")).toString();
        waitVideoJob(id, s("done"));

        m_server->clearFaults();
        QVERIFY(Fault::fromSpec(s("job-rejected,path=render"), &f, nullptr));
        m_server->addFault(f);
        job = waitVideoJob(id, s("done"), 4);
        QCOMPARE(post(s("/api/link_to_videos/") + id + s("/render_single_preview/"),
                      {{s("media_job"),
                        job.value(s("previews")).toArray().at(0).toObject().value(s("media_job"))}})
                         .status,
                 200);
        job = waitVideoJob(id, s("rejected"));
        QCOMPARE(job.value(s("outputs")).toArray().at(0).toObject().value(s("status")).toString(),
                 s("rejected"));
        QCOMPARE(job.value(s("video_output")), QJsonValue(QJsonValue::Null));

        // Template jobs too.
        m_server->clearFaults();
        QVERIFY(Fault::fromSpec(s("job-failed,path=custom_template_jobs"), &f, nullptr));
        m_server->addFault(f);
        const Reply r = post(s("/api/custom_template_jobs/preview_async/"),
                             {{s("template_id"), templateId(s("Talking Head Promo"))},
                              {s("variables"), presenterVariables()}});
        QCOMPARE(r.status, 201);
        job = waitTemplateJob(r.obj().value(s("id")).toString(), s("failed"));
        QVERIFY(job.value(s("failed_reason")).isString());
        QVERIFY(!job.value(s("failed_reason")).toString().isEmpty());

        // A rejected template render: a reason, and no video.
        m_server->clearFaults();
        QVERIFY(Fault::fromSpec(s("job-rejected,path=custom_template_jobs/.*/render/"), &f,
                                nullptr));
        m_server->addFault(f);
        const Reply ok = post(s("/api/custom_template_jobs/preview_async/"),
                              {{s("template_id"), templateId(s("Talking Head Promo"))},
                               {s("variables"), presenterVariables()}});
        QCOMPARE(ok.status, 201);
        const QString tid = ok.obj().value(s("id")).toString();
        QCOMPARE(waitTemplateJob(tid, s("done")).value(s("failed_reason")), QJsonValue(s("")));
        QCOMPARE(post(s("/api/custom_template_jobs/") + tid + s("/render/"), {}).status, 200);
        job = waitTemplateJob(tid, s("rejected"));
        QVERIFY(!job.value(s("failed_reason")).toString().isEmpty());
        QCOMPARE(job.value(s("video_output")), QJsonValue(QJsonValue::Null));
        QCOMPARE(job.value(s("output")), QJsonValue(QJsonValue::Null));
    }

    void documentedOnlyMode()
    {
        QVERIFY(!m_server->documentedOnly()); // default: every route is served
        const Reply created = post(s("/api/custom_template_jobs/preview_async/"),
                                   {{s("template_id"), templateId(s("Talking Head Promo"))},
                                    {s("variables"), presenterVariables()}});
        QCOMPARE(created.status, 201);
        const QString id = created.obj().value(s("id")).toString();
        QCOMPARE(get(s("/api/custom_template_jobs/")).status, 200);
        QCOMPARE(get(s("/api/custom_template_jobs/?ids=") + id).status, 200);

        m_server->setDocumentedOnly(true);
        QVERIFY(m_server->documentedOnly());
        const Reply unknown = get(s("/api/no_such_endpoint/"));
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.obj(), QJsonObject({{s("detail"), s("Not found.")}}));
        for (const QString &path : QStringList{s("/api/custom_template_jobs/"),
                                               s("/api/custom_template_jobs/?ids=") + id}) {
            const Reply r = get(path);
            QCOMPARE(r.status, 404);
            QCOMPARE(r.obj(), unknown.obj());
            QVERIFY(r.header("allow").isEmpty());
        }
        QCOMPARE(send("HEAD", url(s("/api/custom_template_jobs/"))).status, 404);
        // The documented neighbours still answer.
        const Reply one = get(s("/api/custom_template_jobs/") + id + QLatin1Char('/'));
        QCOMPARE(one.status, 200);
        QCOMPARE(one.obj().value(s("id")).toString(), id);
        const QString linkId = createLink();
        QVERIFY(!linkId.isEmpty());
        QCOMPARE(get(s("/api/links/") + linkId + QLatin1Char('/')).status, 200);
        QCOMPARE(get(s("/api/links/?ids=") + linkId).arr().size(), 1);
        QCOMPARE(get(s("/api/link_to_videos/?ids=")
                     + QUuid::createUuid().toString(QUuid::WithoutBraces))
                         .status,
                 200);
        for (const char *path : {"/api/custom_templates/", "/api/personas/", "/api/voices/",
                                 "/api/remaining_credits/", "/api/personas/paginated/"})
            QVERIFY2(get(QString::fromUtf8(path)).status == 200, path);
        QCOMPARE(waitTemplateJob(id, s("done")).value(s("id")).toString(), id);
        QCOMPARE(post(s("/api/custom_template_jobs/") + id + s("/render/"), {}).status, 200);

        m_server->setDocumentedOnly(false);
        QCOMPARE(get(s("/api/custom_template_jobs/")).arr().size(), 1);
    }

    void requestLog()
    {
        QSignalSpy spy(m_server.get(), &SandboxServer::requestReceived);
        get(s("/api/voices/"));
        get(s("/api/voices/"), false);
        get(s("/api/link_to_videos/?ids=") + QUuid::createUuid().toString(QUuid::WithoutBraces));
        const QList<RequestLogEntry> log = m_server->requestLog();
        QCOMPARE(log.size(), 3);
        QCOMPARE(spy.size(), 3);
        QCOMPARE(log.at(0).method, QByteArray("GET"));
        QCOMPARE(log.at(0).path, s("/api/voices/"));
        QCOMPARE(log.at(0).status, 200);
        QCOMPARE(log.at(1).status, 401);
        QVERIFY(log.at(2).query.startsWith(s("ids=")));
        QVERIFY(log.at(2).receivedAt.isValid());
        QCOMPARE(m_server->requestCount("GET", s("voices")), 2);
        QCOMPARE(m_server->requestCount("POST", s("voices")), 0);
        m_server->clearRequestLog();
        QCOMPARE(m_server->requestLog().size(), 0);
    }

    void stateFileKeepsWorkspaceAcrossRestart()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(s("workspace.json"));
        QVERIFY(!startWithState(file)); // nothing to load yet
        const quint16 port = m_server->port();
        QVERIFY(port != 0);
        QCOMPARE(m_server->stateFile(), file);
        QCOMPARE(m_server->rememberedPort(), port); // written at listen()
        QVERIFY(QFile::exists(file));

        // A link (edited), a preview list with one preview rendered, a template job previewed
        // and rendered.
        const QString linkId = createLink();
        QVERIFY(!linkId.isEmpty());
        QCOMPARE(send("PUT", url(s("/api/links/") + linkId + QLatin1Char('/')),
                      QJsonDocument(QJsonObject{{s("title"), s("Cozy Socks Deluxe")}}).toJson())
                         .status,
                 200);
        Reply r = post(
                s("/api/link_to_videos/preview_list_async/"),
                {{s("link"), linkId},
                 {s("visual_styles"), QJsonArray{s("VanillaTemplate"), s("DramaticTemplate")}},
                 {s("aspect_ratios"), QJsonArray{s("9x16")}}});
        QCOMPARE(r.status, 200);
        const QString jobId = r.obj().value(s("id")).toString();
        QJsonObject job = waitVideoJob(jobId, s("done"), 2);
        const QJsonArray previews = job.value(s("previews")).toArray();
        QCOMPARE(previews.size(), 2);
        r = post(s("/api/link_to_videos/") + jobId + s("/render_single_preview/"),
                 {{s("media_job"), previews.at(0).toObject().value(s("media_job"))}});
        QCOMPARE(r.status, 200);
        job = waitVideoJob(jobId, s("done"));
        QVERIFY(job.value(s("video_output")).toString().endsWith(s(".mp4")));

        r = post(s("/api/custom_template_jobs/preview_async/"),
                 {{s("template_id"), templateId(s("Talking Head Promo"))},
                  {s("variables"), presenterVariables()},
                  {s("name"), s("Kept")}});
        QCOMPARE(r.status, 201);
        const QString templateJobId = r.obj().value(s("id")).toString();
        QJsonObject templateJob = waitTemplateJob(templateJobId, s("done"));
        const QString templatePreview = templateJob.value(s("preview")).toString();
        QVERIFY(!templatePreview.isEmpty());
        QCOMPARE(post(s("/api/custom_template_jobs/") + templateJobId + s("/render/"), {}).status,
                 200);
        templateJob = waitTemplateJob(templateJobId, s("done"));
        QVERIFY(templateJob.value(s("video_output")).toString().endsWith(s(".mp4")));

        // A second job, whose render will still be running when the server stops.
        r = post(s("/api/link_to_videos/preview_list_async/"),
                 {{s("link"), linkId}, {s("visual_styles"), QJsonArray{s("VlogTemplate")}}});
        QCOMPARE(r.status, 200);
        const QString runningId = r.obj().value(s("id")).toString();
        const QJsonObject runningJob = waitVideoJob(runningId, s("done"), 1);
        QVERIFY(!runningJob.isEmpty());

        // What a client sees before the restart: API answers and public pages and media.
        const QStringList paths{
                s("/api/links/?ids=") + linkId,
                s("/api/links/") + linkId + QLatin1Char('/'),
                s("/api/links/"),
                s("/api/link_to_videos/") + jobId + QLatin1Char('/'),
                s("/api/link_to_videos/?ids=") + jobId,
                s("/api/custom_template_jobs/") + templateJobId + QLatin1Char('/'),
                s("/api/custom_template_jobs/?ids=") + templateJobId,
        };
        QHash<QString, QByteArray> before;
        for (const QString &path : paths) {
            const Reply answer = get(path);
            QCOMPARE(answer.status, 200);
            before.insert(path, answer.body);
        }
        const QStringList publicUrls{
                previews.at(0).toObject().value(s("url")).toString(),
                previews.at(1).toObject().value(s("url")).toString(),
                job.value(s("video_output")).toString(),
                job.value(s("video_thumbnail")).toString(),
                templatePreview,
                templateJob.value(s("video_output")).toString(),
        };
        QHash<QString, QByteArray> publicBefore;
        for (const QString &address : publicUrls) {
            const Reply answer = send("GET", QUrl(address), {}, false);
            QCOMPARE(answer.status, 200);
            QVERIFY(!answer.body.isEmpty());
            publicBefore.insert(address, answer.body);
        }
        QVERIFY(publicBefore.value(previews.at(0).toObject().value(s("url")).toString())
                        .contains("Cozy Socks Deluxe"));

        // The render that is cut short by the stop.
        QElapsedTimer sinceRender;
        sinceRender.start();
        r = post(
                s("/api/link_to_videos/") + runningId + s("/render_single_preview/"),
                {{s("media_job"),
                  runningJob.value(s("previews")).toArray().at(0).toObject().value(s("media_job"))}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.obj().value(s("status")).toString(), s("pending"));
        const QString runningRender = r.obj().value(s("media_job")).toString();
        const QByteArray creditsBody = get(s("/api/remaining_credits/")).body;
        const double credits = m_server->credits();
        QCOMPARE(credits, 100.0 - 1 - 2 - 4 - 1 - 4 - 1 - 4);

        // The file is compact, versioned JSON with the port.
        const QByteArray saved = readFile(file);
        QVERIFY(!saved.contains('\n'));
        const QJsonObject root = QJsonDocument::fromJson(saved).object();
        QCOMPARE(root.value(s("version")).toInt(), 1);
        QCOMPARE(root.value(s("port")).toInt(), int(port));

        // Restart: same port, same workspace, same answers.
        QVERIFY(startWithState(file));
        QCOMPARE(m_server->port(), port);
        QCOMPARE(m_server->rememberedPort(), port);
        QCOMPARE(m_server->credits(), credits);
        const QJsonObject resumed
                = get(s("/api/link_to_videos/") + runningId + QLatin1Char('/')).obj();
        QCOMPARE(resumed.value(s("media_job")).toString(), runningRender);
        // The server's clock for the render started after sinceRender did.
        if (sinceRender.elapsed() < 3 * StateStepMs)
            QVERIFY2(resumed.value(s("status")).toString() != s("done"),
                     qPrintable(resumed.value(s("status")).toString()));
        QCOMPARE(get(s("/api/remaining_credits/")).body, creditsBody);
        for (const QString &path : paths) {
            const Reply answer = get(path);
            QCOMPARE(answer.status, 200);
            QCOMPARE(answer.body, before.value(path));
        }
        for (const QString &address : publicUrls) {
            const Reply answer = send("GET", QUrl(address), {}, false);
            QCOMPARE(answer.status, 200);
            QVERIFY2(answer.body == publicBefore.value(address), qPrintable(address));
        }
        const QJsonArray all = get(s("/api/link_to_videos/")).arr();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).toObject().value(s("id")).toString(), jobId);
        QCOMPARE(all.at(1).toObject().value(s("id")).toString(), runningId);

        // The interrupted render finishes on the new server.
        const QJsonObject finished = waitVideoJob(runningId, s("done"));
        QCOMPARE(finished.value(s("media_job")).toString(), runningRender);
        QCOMPARE(finished.value(s("outputs")).toArray().size(), 1);
        QCOMPARE(send("GET", QUrl(finished.value(s("video_output")).toString()), {}, false).status,
                 200);

        // The new server saves its own changes; when the port is taken, another one is used.
        QVERIFY(!createLink().isEmpty());
        const double later = m_server->credits();
        QCOMPARE(later, credits - 1);
        m_nam.reset();
        m_server.reset();
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, port));
        QVERIFY(startWithState(file));
        QVERIFY(m_server->port() != 0);
        QVERIFY(m_server->port() != port);
        QCOMPARE(m_server->rememberedPort(), m_server->port());
        QCOMPARE(m_server->credits(), later);
        QCOMPARE(get(s("/api/links/")).arr().size(), 2);
        QCOMPARE(get(s("/api/link_to_videos/") + jobId + QLatin1Char('/'))
                         .obj()
                         .value(s("outputs"))
                         .toArray()
                         .size(),
                 1);
    }

    void stateFileCorrupt_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("truncated") << QByteArray("{\"version\":1,\"port\":0,\"credits\":5,\"lin");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("not an object") << QByteArray("[1,2,3]");
        QTest::newRow("other version") << QByteArray(
                "{\"version\":2,\"port\":0,\"credits\":5,\"links\":[],\"videoJobs\":[],"
                "\"templateJobs\":[],\"previewOwner\":{}}");
        QTest::newRow("wrong type") << QByteArray(
                "{\"version\":1,\"port\":0,\"credits\":5,\"links\":{},\"videoJobs\":[],"
                "\"templateJobs\":[],\"previewOwner\":{}}");
        QTest::newRow("bad job") << QByteArray(
                "{\"version\":1,\"port\":0,\"credits\":5,\"links\":[],"
                "\"videoJobs\":[{\"id\":\"x\"}],\"templateJobs\":[],\"previewOwner\":{}}");
    }
    void stateFileCorrupt()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString file = dir.filePath(s("workspace.json"));
        QVERIFY(writeFile(file, content));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(s("state file .*workspace\\.json is unusable .*"
                                                  "fresh workspace, the file was kept as "
                                                  ".*workspace\\.json\\.bad")));
        QVERIFY(!startWithState(file));
        QVERIFY(m_server->port() != 0);
        QCOMPARE(m_server->credits(), 100.0);
        QCOMPARE(get(s("/api/links/")).arr().size(), 0);
        QCOMPARE(readFile(file + s(".bad")), content);
        // The fresh workspace is saved over the bad file and loads again.
        QCOMPARE(m_server->rememberedPort(), m_server->port());
        QVERIFY(!createLink().isEmpty());
        QVERIFY(startWithState(file));
        QCOMPARE(m_server->credits(), 99.0);
        QCOMPARE(get(s("/api/links/")).arr().size(), 1);
        QCOMPARE(readFile(file + s(".bad")), content);
    }

    void stateFileSavesOnlyChanges()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(s("workspace.json"));
        QVERIFY(!startWithState(file));
        // A refused POST changes nothing, so the file is not rewritten.
        QVERIFY(QFile::remove(file));
        QCOMPARE(post(s("/api/links/"), {{s("url"), s("not a url")}}).status, 400);
        QVERIFY(!QFile::exists(file));
        m_server->setCredits(12);
        QVERIFY(QFile::exists(file));
        QVERIFY(startWithState(file));
        QCOMPARE(m_server->credits(), 12.0);
        // Without a state file nothing is written.
        m_server->setStateFile(QString());
        QCOMPARE(m_server->rememberedPort(), quint16(0));
        QVERIFY(QFile::remove(file));
        QVERIFY(!createLink().isEmpty());
        m_server->setCredits(3);
        QVERIFY(!QFile::exists(file));
    }

    void faultSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("valid");
        QTest::newRow("rate-limit")
                << s("rate-limit,path=^/api/link_to_videos/,every=3,retry-after=2") << true;
        QTest::newRow("server-error") << s("server-error,status=500,count=2") << true;
        QTest::newRow("html") << s("html,method=GET") << true;
        QTest::newRow("slow") << s("slow,delay-ms=3000") << true;
        QTest::newRow("drop") << s("drop,path=^/media/,after=65536") << true;
        QTest::newRow("lose") << s("lose-response,method=POST,path=render") << true;
        QTest::newRow("failed") << s("job-failed,reason=Out of GPUs") << true;
        QTest::newRow("rejected") << s("job-rejected") << true;
        QTest::newRow("forever") << s("server-error,count=-1") << true;
        QTest::newRow("unknown kind") << s("explode") << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("unknown key") << s("slow,speed=3") << false;
        QTest::newRow("no value") << s("slow,delay-ms") << false;
        QTest::newRow("bad number") << s("slow,delay-ms=abc") << false;
        QTest::newRow("bad regex") << s("html,path=([") << false;
        QTest::newRow("bad status") << s("server-error,status=9999") << false;
        QTest::newRow("every zero") << s("rate-limit,every=0") << false;
    }
    void faultSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(bool, valid);
        Fault f;
        QString error;
        QCOMPARE(Fault::fromSpec(spec, &f, &error), valid);
        QCOMPARE(error.isEmpty(), valid);
    }
    void faultSpecValues()
    {
        Fault f;
        QVERIFY(Fault::fromSpec(
                s("rate-limit,path=^/api/link_to_videos/,every=3,retry-after=2,skip=1,method=get"),
                &f, nullptr));
        QCOMPARE(f.kind, Fault::Kind::RateLimit);
        QCOMPARE(f.pathPattern, s("^/api/link_to_videos/"));
        QCOMPARE(f.every, 3);
        QCOMPARE(f.retryAfterSeconds, 2);
        QCOMPARE(f.skip, 1);
        QCOMPARE(f.method, QByteArray("GET"));
        QVERIFY(Fault::fromSpec(s("drop,after=65536,count=-1"), &f, nullptr));
        QCOMPARE(f.kind, Fault::Kind::DropConnection);
        QCOMPARE(f.dropAfterBytes, 65536);
        QCOMPARE(f.count, -1);
        QVERIFY(Fault::fromSpec(s("job-failed,reason=Out of GPUs"), &f, nullptr));
        QCOMPARE(f.reason, s("Out of GPUs"));
        QVERIFY(Fault::fromSpec(s("slow,delay-ms=3000"), &f, nullptr));
        QCOMPARE(f.delayMs, 3000);
    }

    void standaloneExecutable()
    {
        QProcess proc;
        proc.start(QString::fromUtf8(SANDBOX_EXECUTABLE),
                   {s("--port"), s("0"), s("--credits"), s("7"), s("--step-ms"), s("10"),
                    s("--blob"), s("big.bin:2M"), s("--fault"),
                    s("server-error,path=voices,count=1")});
        QVERIFY(proc.waitForStarted(5000));
        QTRY_VERIFY_WITH_TIMEOUT(proc.canReadLine(), 5000);
        const QString line = QString::fromUtf8(proc.readLine()).trimmed();
        const auto m = QRegularExpression(s("^Sandbox listening on (http://127\\.0\\.0\\.1:\\d+)$"))
                               .match(line);
        QVERIFY2(m.hasMatch(), qPrintable(line));
        QTRY_VERIFY_WITH_TIMEOUT(proc.canReadLine(), 5000);
        const QString blobLine = QString::fromUtf8(proc.readLine()).trimmed();
        QVERIFY2(blobLine.endsWith(s("/media/blob/big.bin")), qPrintable(blobLine));
        const QString base = m.captured(1);
        const QList<QPair<QByteArray, QByteArray>> auth{{"X-API-ID", "sandbox"},
                                                        {"X-API-KEY", "sandbox-key"}};
        Reply r = send("GET", QUrl(base + s("/api/remaining_credits/")), {}, false, auth);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.obj().value(s("remaining_credits")).toDouble(), 7.0);
        QCOMPARE(send("GET", QUrl(base + s("/api/voices/")), {}, false, auth).status, 503);
        QCOMPARE(send("GET", QUrl(base + s("/api/voices/")), {}, false, auth).status, 200);
        r = send("HEAD", QUrl(base + s("/media/blob/big.bin")), {}, false);
        QCOMPARE(r.header("content-length"), QByteArray("2097152"));
        QCOMPARE(send("GET", QUrl(base + s("/api/custom_template_jobs/")), {}, false, auth).status,
                 200);
        proc.terminate();
        QVERIFY(proc.waitForFinished(5000));

        QProcess documented;
        documented.start(QString::fromUtf8(SANDBOX_EXECUTABLE),
                         {s("--port"), s("0"), s("--documented-only")});
        QVERIFY(documented.waitForStarted(5000));
        QTRY_VERIFY_WITH_TIMEOUT(documented.canReadLine(), 5000);
        const QString docLine = QString::fromUtf8(documented.readLine()).trimmed();
        const auto dm = QRegularExpression(
                                s("^Sandbox listening on (http://127\\.0\\.0\\.1:\\d+)$"))
                                .match(docLine);
        QVERIFY2(dm.hasMatch(), qPrintable(docLine));
        r = send("GET",
                 QUrl(dm.captured(1) + s("/api/custom_template_jobs/?ids=")
                      + QUuid::createUuid().toString(QUuid::WithoutBraces)),
                 {}, false, auth);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.obj().value(s("detail")).toString(), s("Not found."));
        QCOMPARE(send("GET", QUrl(dm.captured(1) + s("/api/custom_templates/")), {}, false, auth)
                         .status,
                 200);
        documented.terminate();
        QVERIFY(documented.waitForFinished(5000));

        QProcess bad;
        bad.start(QString::fromUtf8(SANDBOX_EXECUTABLE),
                  {s("--port"), s("0"), s("--fault"), s("nonsense")});
        QVERIFY(bad.waitForFinished(5000));
        QVERIFY(bad.exitCode() != 0);
        QVERIFY(bad.readAllStandardError().contains("nonsense"));
    }

    void standaloneExecutableState()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(s("sandbox-state.json"));
        const QList<QPair<QByteArray, QByteArray>> auth{{"X-API-ID", "sandbox"},
                                                        {"X-API-KEY", "sandbox-key"}};
        auto start = [&](QProcess &proc, const QStringList &args, QString *base) {
            proc.start(QString::fromUtf8(SANDBOX_EXECUTABLE), args);
            QVERIFY(proc.waitForStarted(5000));
            QTRY_VERIFY_WITH_TIMEOUT(proc.canReadLine(), 5000);
            const QString line = QString::fromUtf8(proc.readLine()).trimmed();
            const auto m = QRegularExpression(
                                   s("^Sandbox listening on (http://127\\.0\\.0\\.1:\\d+)$"))
                                   .match(line);
            QVERIFY2(m.hasMatch(), qPrintable(line));
            *base = m.captured(1);
        };
        QProcess first;
        QString base;
        start(first, {s("--port"), s("0"), s("--credits"), s("7"), s("--state"), file}, &base);
        QVERIFY(!base.isEmpty());
        QCOMPARE(send("POST", QUrl(base + s("/api/links/")),
                      QJsonDocument(QJsonObject{{s("url"), s("https://shop.example.com/p/mug")}})
                              .toJson(),
                      false, auth)
                         .status,
                 200);
        first.terminate();
        QVERIFY(first.waitForFinished(5000));

        // No --port: the remembered one; --credits only seeds a new workspace.
        QProcess second;
        QString secondBase;
        start(second, {s("--credits"), s("50"), s("--state"), file}, &secondBase);
        QCOMPARE(secondBase, base);
        const Reply r = send("GET", QUrl(base + s("/api/remaining_credits/")), {}, false, auth);
        QCOMPARE(r.obj().value(s("remaining_credits")).toDouble(), 6.0);
        QCOMPARE(send("GET", QUrl(base + s("/api/links/")), {}, false, auth).arr().size(), 1);
        second.terminate();
        QVERIFY(second.waitForFinished(5000));
    }
};

QTEST_GUILESS_MAIN(TestSandboxServer)
#include "tst_sandboxserver.moc"
