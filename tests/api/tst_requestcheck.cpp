// RequestCheck (app/core/api/requestcheck.*): what a user typed is refused before anything is
// sent, with a plain sentence naming the API field and, where there is a list, the allowed values.

#include "apienums.h"
#include "apitypes.h"
#include "requestcheck.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QTranslator>

using namespace PreviewDeck;

namespace {

const QString kAvatarId = QStringLiteral("5f0c6d3e-2b7a-4c1e-9a8f-0d3b2c1a4e5f");
const QString kVoiceId = QStringLiteral("A1B2C3D4-E5F6-4789-ABCD-0123456789EF");

QStringList fieldsOf(const QList<InputProblem> &problems)
{
    QStringList fields;
    for (const InputProblem &problem : problems)
        fields << problem.field;
    return fields;
}

QStringList toStrings(const QList<int> &numbers)
{
    QStringList out;
    for (int number : numbers)
        out << QString::number(number);
    return out;
}

// A request every check accepts; rows change it through a JSON patch.
PreviewListRequest validRequest()
{
    PreviewListRequest request;
    request.linkId = QStringLiteral("0b6f1c2a-3d4e-4f50-8a9b-1c2d3e4f5a6b");
    request.name = QStringLiteral("Summer mug");
    request.targetPlatform = QStringLiteral("TikTok");
    request.language = QStringLiteral("en");
    request.videoLength = 30;
    request.aspectRatio = QStringLiteral("9x16");
    request.visualStyles = {QStringLiteral("VanillaTemplate"),
                            QStringLiteral("DynamicProductTemplate")};
    request.modelVersion = QStringLiteral("standard");
    return request;
}

PreviewListRequest patched(const QJsonObject &patch)
{
    QJsonObject object = validRequest().toJson();
    for (auto it = patch.begin(); it != patch.end(); ++it)
        object.insert(it.key(), it.value());
    return PreviewListRequest::fromJson(object);
}

QJsonObject patch(const char *key, const QJsonValue &value)
{
    return QJsonObject{{QLatin1String(key), value}};
}

QJsonArray styles(const QStringList &names)
{
    return QJsonArray::fromStringList(names);
}

// Records the contexts asked for, and marks every translation so its use can be seen.
class RecordingTranslator : public QTranslator
{
public:
    QSet<QString> contexts;
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *sourceText, const char *disambiguation,
                      int n) const override
    {
        Q_UNUSED(disambiguation)
        Q_UNUSED(n)
        const_cast<RecordingTranslator *>(this)->contexts.insert(QString::fromUtf8(context));
        return QStringLiteral("«") + QString::fromUtf8(sourceText) + QStringLiteral("»");
    }
};

} // namespace

class TestRequestCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void productUrl_data();
    void productUrl();
    void localAddressesOnlyForALocalServer_data();
    void localAddressesOnlyForALocalServer();
    void productUrlLength_data();
    void productUrlLength();

    void visualStyles_data();
    void visualStyles();
    void videoLength_data();
    void videoLength();
    void aspectRatio_data();
    void aspectRatio();
    void modelVersion_data();
    void modelVersion();
    void language_data();
    void language();
    void textFields_data();
    void textFields();
    void overrideIds_data();
    void overrideIds();
    void problemsComeInFormOrder();

    void linkParams_data();
    void linkParams();

    void summary();
    void messagesAreTranslatable();

private:
    void addPreviewListColumns();
    void runPreviewListRow();
    // Fields in order; every `mustContain` and every `allowed` value named somewhere in the
    // messages; each message a full sentence.
    static void checkProblems(const QList<InputProblem> &problems, const QStringList &fields,
                              const QStringList &mustContain, const QStringList &allowed = {});
};

void TestRequestCheck::checkProblems(const QList<InputProblem> &problems, const QStringList &fields,
                                     const QStringList &mustContain, const QStringList &allowed)
{
    QCOMPARE(fieldsOf(problems), fields);
    QString all;
    for (const InputProblem &problem : problems) {
        const QString &m = problem.message;
        QVERIFY2(m.size() > 10, qPrintable(m));
        QVERIFY2(m.at(0).isUpper() || m.at(0) == QLatin1Char('"'), qPrintable(m));
        QVERIFY2(m.endsWith(QLatin1Char('.')) || m.endsWith(QLatin1Char('?')), qPrintable(m));
        QVERIFY2(!m.contains(QLatin1Char(';')), qPrintable(m)); // summary() separates with ';'
        all += m + QLatin1Char('\n');
    }
    for (const QString &part : mustContain)
        QVERIFY2(all.contains(part), qPrintable(QStringLiteral("«%1» not in: %2").arg(part, all)));
    for (const QString &value : allowed)
        QVERIFY2(all.contains(value),
                 qPrintable(QStringLiteral("allowed value «%1» not named in: %2").arg(value, all)));
}

// ---- Product address ---------------------------------------------------------------------

void TestRequestCheck::productUrl_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("normalized"); // empty: refused
    QTest::addColumn<QStringList>("mustContain");

    // Refused.
    QTest::newRow("empty") << QString() << QString() << QStringList{QStringLiteral("https://")};
    QTest::newRow("blank") << QStringLiteral("   ") << QString() << QStringList();
    QTest::newRow("not-a-url") << QStringLiteral("not-a-url") << QString()
                               << QStringList{QStringLiteral("\"not-a-url\"")};
    QTest::newRow("http://not-a-url") << QStringLiteral("http://not-a-url") << QString()
                                      << QStringList{QStringLiteral("\"not-a-url\"")};
    QTest::newRow("ftp") << QStringLiteral("ftp://x.com/a") << QString()
                         << QStringList{QStringLiteral("https://"), QStringLiteral("http://")};
    QTest::newRow("scheme only") << QStringLiteral("https://") << QString() << QStringList();
    QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)") << QString()
                                << QStringList{QStringLiteral("https://")};
    QTest::newRow("mailto") << QStringLiteral("mailto:shop@example.com") << QString()
                            << QStringList();
    QTest::newRow("file path") << QStringLiteral("/etc/passwd") << QString() << QStringList();
    QTest::newRow("empty label") << QStringLiteral("https://shop..com/p") << QString()
                                 << QStringList();
    QTest::newRow("trailing dot only")
            << QStringLiteral("https://shop./p") << QString() << QStringList();
    QTest::newRow("space in host")
            << QStringLiteral("https://shop example.com/p") << QString() << QStringList();

    // Accepted.
    QTest::newRow("https") << QStringLiteral("https://shop.example.com/p/1")
                           << QStringLiteral("https://shop.example.com/p/1") << QStringList();
    QTest::newRow("ip and port") << QStringLiteral("http://127.0.0.1:8765/x")
                                 << QStringLiteral("http://127.0.0.1:8765/x") << QStringList();
    QTest::newRow("localhost") << QStringLiteral("http://localhost/x")
                               << QStringLiteral("http://localhost/x") << QStringList();
    QTest::newRow("ipv6") << QStringLiteral("http://[::1]:8765/x")
                          << QStringLiteral("http://[::1]:8765/x") << QStringList();
    QTest::newRow("no scheme: https")
            << QStringLiteral("shop.example.com/p") << QStringLiteral("https://shop.example.com/p")
            << QStringList();
    QTest::newRow("no scheme, port") << QStringLiteral("localhost:8765/x")
                                     << QStringLiteral("https://localhost:8765/x") << QStringList();
    QTest::newRow("scheme-relative")
            << QStringLiteral("//shop.example.com/p")
            << QStringLiteral("https://shop.example.com/p") << QStringList();
    QTest::newRow("spaces around") << QStringLiteral("  https://shop.example.com/p \n")
                                   << QStringLiteral("https://shop.example.com/p") << QStringList();
    QTest::newRow("upper case") << QStringLiteral("HTTPS://Shop.Example.COM/P")
                                << QStringLiteral("https://shop.example.com/P") << QStringList();
    QTest::newRow("query") << QStringLiteral("https://shop.example.com/p?id=7&c=red")
                           << QStringLiteral("https://shop.example.com/p?id=7&c=red")
                           << QStringList();
}

void TestRequestCheck::productUrl()
{
    QFETCH(QString, typed);
    QFETCH(QString, normalized);
    QFETCH(QStringList, mustContain);

    QUrl out(QStringLiteral("https://stale.example.com/"));
    // A custom server on this computer reads local pages too (the rows with local hosts).
    const QList<InputProblem> problems = RequestCheck::productUrl(typed, &out,
                                                                  RequestCheck::Hosts::LocalToo);
    if (normalized.isEmpty()) {
        checkProblems(problems, {QStringLiteral("url")}, mustContain);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(out.isEmpty());
    } else {
        checkProblems(problems, {}, {});
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(out.toString(), normalized);
        // the out parameter is optional
        QCOMPARE(RequestCheck::productUrl(typed, nullptr, RequestCheck::Hosts::LocalToo).size(), 0);
    }
}

void TestRequestCheck::localAddressesOnlyForALocalServer_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("local");
    QTest::newRow("localhost") << QStringLiteral("http://localhost/x") << true;
    QTest::newRow("bare localhost") << QStringLiteral("localhost") << true;
    QTest::newRow("loopback") << QStringLiteral("http://127.0.0.1:8080/p") << true;
    QTest::newRow("home network") << QStringLiteral("http://192.168.1.10/p") << true;
    QTest::newRow("office network") << QStringLiteral("https://10.1.2.3/p") << true;
    QTest::newRow("172.16/12") << QStringLiteral("http://172.20.0.5/p") << true;
    QTest::newRow("ipv6 loopback") << QStringLiteral("http://[::1]/p") << true;
    QTest::newRow("mdns") << QStringLiteral("http://printer.local/p") << true;
    QTest::newRow("public ip") << QStringLiteral("http://93.184.216.34/p") << false;
    QTest::newRow("172.32 is public") << QStringLiteral("http://172.32.0.5/p") << false;
    QTest::newRow("shop") << QStringLiteral("https://shop.example.com/p") << false;
}

void TestRequestCheck::localAddressesOnlyForALocalServer()
{
    QFETCH(QString, typed);
    QFETCH(bool, local);
    const QList<InputProblem> forCreatify = RequestCheck::productUrl(typed);
    QCOMPARE(forCreatify.size(), local ? 1 : 0);
    if (local)
        QVERIFY(forCreatify.first().message.contains(QLatin1String("own computer or network")));
    QCOMPARE(RequestCheck::productUrl(typed, nullptr, RequestCheck::Hosts::LocalToo).size(), 0);
}

void TestRequestCheck::productUrlLength_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("1000") << RequestCheck::kMaxUrlLength << true;
    QTest::newRow("1001") << RequestCheck::kMaxUrlLength + 1 << false;
    QTest::newRow("5000") << 5000 << false;
}

void TestRequestCheck::productUrlLength()
{
    QFETCH(int, length);
    QFETCH(bool, accepted);
    const QString head = QStringLiteral("https://shop.example.com/p?q=");
    const QString url = head + QString(length - head.size(), QLatin1Char('a'));
    QCOMPARE(url.size(), length);
    const QList<InputProblem> problems = RequestCheck::productUrl(url);
    if (accepted)
        checkProblems(problems, {}, {});
    else
        checkProblems(problems, {QStringLiteral("url")},
                      {QString::number(length), QString::number(RequestCheck::kMaxUrlLength)});
}

// ---- preview_list_async ------------------------------------------------------------------

void TestRequestCheck::addPreviewListColumns()
{
    QTest::addColumn<QJsonObject>("change"); // applied to validRequest()
    QTest::addColumn<QStringList>("fields"); // empty: accepted
    QTest::addColumn<QStringList>("mustContain");
    QTest::addColumn<QStringList>("allowed"); // values the message must list
}

void TestRequestCheck::runPreviewListRow()
{
    QFETCH(QJsonObject, change);
    QFETCH(QStringList, fields);
    QFETCH(QStringList, mustContain);
    QFETCH(QStringList, allowed);
    checkProblems(RequestCheck::previewList(patched(change)), fields, mustContain, allowed);
}

void TestRequestCheck::visualStyles_data()
{
    addPreviewListColumns();
    const QStringList field{QStringLiteral("visual_styles")};
    const QStringList known = ApiEnums::allVisualStyles();

    QTest::newRow("none") << patch("visual_styles", QJsonArray()) << field
                          << QStringList{QStringLiteral("at least one")} << QStringList();
    QTest::newRow("twice") << patch(
            "visual_styles",
            styles({QStringLiteral("VanillaTemplate"), QStringLiteral("LegoTemplate"),
                    QStringLiteral("VanillaTemplate")}))
                           << field << QStringList{QStringLiteral("\"VanillaTemplate\"")}
                           << QStringList();
    QTest::newRow("three times, said once")
            << patch("visual_styles",
                     styles({QStringLiteral("LegoTemplate"), QStringLiteral("LegoTemplate"),
                             QStringLiteral("LegoTemplate")}))
            << field << QStringList{QStringLiteral("\"LegoTemplate\"")} << QStringList();
    QTest::newRow("unknown") << patch("visual_styles", styles({QStringLiteral("Foo")})) << field
                             << QStringList{QStringLiteral("\"Foo\""),
                                            QStringLiteral("Known styles: ")}
                             << known;
    QTest::newRow("unknown among known")
            << patch("visual_styles",
                     styles({QStringLiteral("VanillaTemplate"), QStringLiteral("Foo"),
                             QStringLiteral("Bar")}))
            << QStringList{QStringLiteral("visual_styles"), QStringLiteral("visual_styles")}
            << QStringList{QStringLiteral("\"Foo\""), QStringLiteral("\"Bar\"")} << known;
    QTest::newRow("wrong case") << patch("visual_styles", styles({QStringLiteral("vlogtemplate")}))
                                << field
                                << QStringList{QStringLiteral("Did you mean \"VlogTemplate\"?")}
                                << known;
    QTest::newRow("9x16 only, asked 16x9")
            << QJsonObject{{QStringLiteral("aspect_ratio"), QStringLiteral("16x9")},
                           {QStringLiteral("visual_styles"),
                            styles({QStringLiteral("DramaticTemplate")})}}
            << field
            << QStringList{QStringLiteral("\"DramaticTemplate\""),
                           QStringLiteral("only available for 9x16 videos, not 16x9")}
            << QStringList();
    QTest::newRow("9x16 or 1x1, asked 16x9")
            << QJsonObject{{QStringLiteral("aspect_ratio"), QStringLiteral("16x9")},
                           {QStringLiteral("visual_styles"),
                            styles({QStringLiteral("TopBottomTemplate"),
                                    QStringLiteral("VanillaTemplate")})}}
            << field << QStringList{QStringLiteral("9x16 or 1x1")} << QStringList();
    QTest::newRow("9x16 only, asked 1x1")
            << QJsonObject{{QStringLiteral("aspect_ratio"), QStringLiteral("1x1")},
                           {QStringLiteral("visual_styles"),
                            styles({QStringLiteral("VlogTemplate"),
                                    QStringLiteral("FeatureHighlightTemplate")})}}
            << field << QStringList{QStringLiteral("\"VlogTemplate\"")} << QStringList();
    QTest::newRow("unknown ratio: no style-ratio complaint")
            << QJsonObject{{QStringLiteral("aspect_ratio"), QStringLiteral("4x3")},
                           {QStringLiteral("visual_styles"),
                            styles({QStringLiteral("DramaticTemplate")})}}
            << QStringList{QStringLiteral("aspect_ratio")} << QStringList() << QStringList();

    QTest::newRow("ok: 9x16-only styles on 9x16")
            << QJsonObject{{QStringLiteral("aspect_ratio"), QStringLiteral("9x16")},
                           {QStringLiteral("visual_styles"),
                            styles({QStringLiteral("DramaticTemplate"),
                                    QStringLiteral("VlogTemplate")})}}
            << QStringList() << QStringList() << QStringList();
    QTest::newRow("ok: TopBottomTemplate on 1x1")
            << QJsonObject{{QStringLiteral("aspect_ratio"), QStringLiteral("1x1")},
                           {QStringLiteral("visual_styles"),
                            styles({QStringLiteral("TopBottomTemplate")})}}
            << QStringList() << QStringList() << QStringList();
    QTest::newRow("ok: every known style on 9x16")
            << QJsonObject{{QStringLiteral("aspect_ratio"), QStringLiteral("9x16")},
                           {QStringLiteral("visual_styles"), styles(known)}}
            << QStringList() << QStringList() << QStringList();
}

void TestRequestCheck::visualStyles()
{
    runPreviewListRow();
}

void TestRequestCheck::videoLength_data()
{
    addPreviewListColumns();
    const QStringList field{QStringLiteral("video_length")};
    const QStringList lengths = toStrings(ApiEnums::videoLengths());
    for (int refused : {0, 20, 90, -15})
        QTest::addRow("refused %d", refused)
                << patch("video_length", refused) << field
                << QStringList{QStringLiteral("not %1").arg(refused)} << lengths;
    for (int length : ApiEnums::videoLengths())
        QTest::addRow("ok %d", length)
                << patch("video_length", length) << QStringList() << QStringList() << QStringList();
}

void TestRequestCheck::videoLength()
{
    runPreviewListRow();
}

void TestRequestCheck::aspectRatio_data()
{
    addPreviewListColumns();
    const QStringList field{QStringLiteral("aspect_ratio")};
    const QStringList ratios = ApiEnums::aspectRatios();
    const QString spoken = QStringLiteral("9x16, 16x9 or 1x1"); // ApiEnums' order
    QTest::newRow("empty") << patch("aspect_ratio", QString()) << field << QStringList{spoken}
                           << ratios;
    QTest::newRow("4x3") << patch("aspect_ratio", QStringLiteral("4x3")) << field
                         << QStringList{QStringLiteral("\"4x3\""), spoken} << ratios;
    QTest::newRow("colon") << patch("aspect_ratio", QStringLiteral("9:16")) << field
                           << QStringList{QStringLiteral("Did you mean \"9x16\"?")} << ratios;
    QTest::newRow("capital X") << patch("aspect_ratio", QStringLiteral("16X9")) << field
                               << QStringList{QStringLiteral("Did you mean \"16x9\"?")} << ratios;
    for (const QString &ratio : ratios)
        QTest::addRow("ok %s", qPrintable(ratio))
                << patch("aspect_ratio", ratio) << QStringList() << QStringList() << QStringList();
}

void TestRequestCheck::aspectRatio()
{
    runPreviewListRow();
}

void TestRequestCheck::modelVersion_data()
{
    addPreviewListColumns();
    const QStringList field{QStringLiteral("model_version")};
    const QStringList models = ApiEnums::modelVersions();
    QTest::newRow("aurora") << patch("model_version", QStringLiteral("aurora")) << field
                            << QStringList{QStringLiteral("\"aurora\""),
                                           QStringLiteral("standard, aurora_v1 or aurora_v1_fast")}
                            << models;
    QTest::newRow("aurora_v2") << patch("model_version", QStringLiteral("aurora_v2")) << field
                               << QStringList() << models;
    QTest::newRow("wrong case") << patch("model_version", QStringLiteral("Standard")) << field
                                << QStringList{QStringLiteral("Did you mean \"standard\"?")}
                                << models;
    QTest::newRow("ok: empty is the default")
            << patch("model_version", QString()) << QStringList() << QStringList() << QStringList();
    for (const QString &model : models)
        QTest::addRow("ok %s", qPrintable(model))
                << patch("model_version", model) << QStringList() << QStringList() << QStringList();
}

void TestRequestCheck::modelVersion()
{
    runPreviewListRow();
}

void TestRequestCheck::language_data()
{
    addPreviewListColumns();
    const QStringList field{QStringLiteral("language")};
    const QStringList codes = ApiEnums::languages();
    QTest::newRow("xx") << patch("language", QStringLiteral("xx")) << field
                        << QStringList{QStringLiteral("\"xx\""), QStringLiteral("Known codes: ")}
                        << codes;
    QTest::newRow("name") << patch("language", QStringLiteral("German")) << field
                          << QStringList{QStringLiteral("Did you mean \"de\"?")} << codes;
    QTest::newRow("upper case") << patch("language", QStringLiteral("EN")) << field
                                << QStringList{QStringLiteral("Did you mean \"en\"?")} << codes;
    QTest::newRow("with region") << patch("language", QStringLiteral("pt-BR")) << field
                                 << QStringList{QStringLiteral("Did you mean \"pt\"?")} << codes;
    QTest::newRow("ok: empty") << patch("language", QString()) << QStringList() << QStringList()
                               << QStringList();
    for (const QString &code : codes)
        QTest::addRow("ok %s", qPrintable(code))
                << patch("language", code) << QStringList() << QStringList() << QStringList();
}

void TestRequestCheck::language()
{
    runPreviewListRow();
}

void TestRequestCheck::textFields_data()
{
    addPreviewListColumns();
    const QString longest(RequestCheck::kMaxNameLength, QLatin1Char('n'));
    const QString tooLong(RequestCheck::kMaxNameLength + 1, QLatin1Char('n'));
    QTest::newRow("no link") << patch("link", QString()) << QStringList{QStringLiteral("link")}
                             << QStringList{QStringLiteral("product")} << QStringList();
    QTest::newRow("blank link") << patch("link", QStringLiteral("  "))
                                << QStringList{QStringLiteral("link")} << QStringList()
                                << QStringList();
    QTest::newRow("name too long")
            << patch("name", tooLong) << QStringList{QStringLiteral("name")}
            << QStringList{QStringLiteral("256"), QStringLiteral("255")} << QStringList();
    QTest::newRow("platform too long")
            << patch("target_platform",
                     QString(RequestCheck::kMaxTargetPlatformLength + 1, QLatin1Char('p')))
            << QStringList{QStringLiteral("target_platform")} << QStringList() << QStringList();
    QTest::newRow("ok: name of 255")
            << patch("name", longest) << QStringList() << QStringList() << QStringList();
    QTest::newRow("ok: no name") << patch("name", QString()) << QStringList() << QStringList()
                                 << QStringList();
    QTest::newRow("ok: platform is free text")
            << patch("target_platform", QStringLiteral("Pinterest & my own shop 🚀"))
            << QStringList() << QStringList() << QStringList();
    QTest::newRow("ok: no platform") << patch("target_platform", QString()) << QStringList()
                                     << QStringList() << QStringList();
}

void TestRequestCheck::textFields()
{
    runPreviewListRow();
}

void TestRequestCheck::overrideIds_data()
{
    addPreviewListColumns();
    QTest::newRow("avatar not an id")
            << patch("override_avatar", QStringLiteral("Anna"))
            << QStringList{QStringLiteral("override_avatar")}
            << QStringList{QStringLiteral("\"Anna\""), QStringLiteral("avatar")} << QStringList();
    QTest::newRow("voice not an id") << patch("override_voice", QStringLiteral("123"))
                                     << QStringList{QStringLiteral("override_voice")}
                                     << QStringList{QStringLiteral("voice")} << QStringList();
    QTest::newRow("uuid with braces")
            << patch("override_avatar", QString(QLatin1Char('{') + kAvatarId + QLatin1Char('}')))
            << QStringList{QStringLiteral("override_avatar")} << QStringList() << QStringList();
    QTest::newRow("ok: both ids") << QJsonObject{{QStringLiteral("override_avatar"), kAvatarId},
                                                 {QStringLiteral("override_voice"), kVoiceId}}
                                  << QStringList() << QStringList() << QStringList();
    QTest::newRow("ok: neither") << QJsonObject() << QStringList() << QStringList()
                                 << QStringList();
}

void TestRequestCheck::overrideIds()
{
    runPreviewListRow();
}

void TestRequestCheck::problemsComeInFormOrder()
{
    PreviewListRequest request;
    request.linkId.clear();
    request.language = QStringLiteral("xx");
    request.videoLength = 20;
    request.aspectRatio = QStringLiteral("4x3");
    request.visualStyles.clear();
    request.modelVersion = QStringLiteral("v9");
    request.overrideAvatar = QStringLiteral("x");
    request.overrideVoice = QStringLiteral("y");
    checkProblems(RequestCheck::previewList(request),
                  {QStringLiteral("link"), QStringLiteral("language"),
                   QStringLiteral("video_length"), QStringLiteral("aspect_ratio"),
                   QStringLiteral("visual_styles"), QStringLiteral("model_version"),
                   QStringLiteral("override_avatar"), QStringLiteral("override_voice")},
                  {});
    QVERIFY(RequestCheck::previewList(validRequest()).isEmpty());
}

// ---- link_with_params --------------------------------------------------------------------

void TestRequestCheck::linkParams_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<QStringList>("images");
    QTest::addColumn<QStringList>("videos");
    QTest::addColumn<QString>("logo");
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<QStringList>("mustContain");

    const QString title = QStringLiteral("Ceramic mug");
    const QStringList three{QStringLiteral("https://cdn.example.com/1.jpg"),
                            QStringLiteral("https://cdn.example.com/2.jpg"),
                            QStringLiteral("http://cdn.example.com/3.png")};
    const QStringList video{QStringLiteral("https://cdn.example.com/clip.mp4")};
    auto withSecond = [&three](const QString &url) {
        QStringList list = three;
        list[1] = url;
        return list;
    };

    // Refused.
    QTest::newRow("no title") << QString() << three << QStringList() << QString()
                              << QStringList{QStringLiteral("title")}
                              << QStringList{QStringLiteral("title")};
    QTest::newRow("blank title") << QStringLiteral("  ") << three << QStringList() << QString()
                                 << QStringList{QStringLiteral("title")} << QStringList();
    QTest::newRow("two images") << title << three.mid(0, 2) << QStringList() << QString()
                                << QStringList{QStringLiteral("image_urls")}
                                << QStringList{QStringLiteral("at least 3 images"),
                                               QStringLiteral("2 given"), QStringLiteral("video")};
    QTest::newRow("nothing") << title << QStringList() << QStringList() << QString()
                             << QStringList{QStringLiteral("image_urls")}
                             << QStringList{QStringLiteral("0 given")};
    QTest::newRow("not-a-url image")
            << title << withSecond(QStringLiteral("not-a-url")) << QStringList() << QString()
            << QStringList{QStringLiteral("image_urls")}
            << QStringList{QStringLiteral("Image 2"), QStringLiteral("\"not-a-url\"")};
    QTest::newRow("http://not-a-url image")
            << title << withSecond(QStringLiteral("http://not-a-url")) << QStringList() << QString()
            << QStringList{QStringLiteral("image_urls")}
            << QStringList{QStringLiteral("Image 2"), QStringLiteral("complete site name")};
    QTest::newRow("ftp image") << title << withSecond(QStringLiteral("ftp://x.com/a"))
                               << QStringList() << QString()
                               << QStringList{QStringLiteral("image_urls")}
                               << QStringList{QStringLiteral("https://")};
    QTest::newRow("https:// image")
            << title << withSecond(QStringLiteral("https://")) << QStringList() << QString()
            << QStringList{QStringLiteral("image_urls")} << QStringList();
    QTest::newRow("empty image") << title << withSecond(QString()) << QStringList() << QString()
                                 << QStringList{QStringLiteral("image_urls")}
                                 << QStringList{QStringLiteral("Image 2 is empty")};
    QTest::newRow("image with spaces, sent as is")
            << title << withSecond(QStringLiteral(" https://cdn.example.com/2.jpg"))
            << QStringList() << QString() << QStringList{QStringLiteral("image_urls")}
            << QStringList();
    QTest::newRow("javascript video")
            << title << QStringList() << QStringList{QStringLiteral("javascript:alert(1)")}
            << QString() << QStringList{QStringLiteral("video_urls")}
            << QStringList{QStringLiteral("Video 1")};
    QTest::newRow("bad logo") << title << three << QStringList() << QStringLiteral("logo.png")
                              << QStringList{QStringLiteral("logo_url")}
                              << QStringList{QStringLiteral("logo")};
    QTest::newRow("several") << QString() << QStringList{QStringLiteral("not-a-url")}
                             << QStringList() << QString()
                             << QStringList{QStringLiteral("title"), QStringLiteral("image_urls"),
                                            QStringLiteral("image_urls")}
                             << QStringList{QStringLiteral("1 given")};

    // Accepted.
    QTest::newRow("ok: three images")
            << title << three << QStringList() << QString() << QStringList() << QStringList();
    QTest::newRow("ok: a video, no images")
            << title << QStringList() << video << QString() << QStringList() << QStringList();
    QTest::newRow("ok: a video and one image")
            << title << three.mid(0, 1) << video << QString() << QStringList() << QStringList();
    QTest::newRow("ok: localhost and IP hosts")
            << title
            << QStringList{QStringLiteral("http://localhost:8765/media/1.jpg"),
                           QStringLiteral("http://127.0.0.1:8765/media/2.jpg"),
                           QStringLiteral("https://cdn.example.com/3.jpg")}
            << QStringList() << QString() << QStringList() << QStringList();
    QTest::newRow("ok: with logo")
            << title << three << QStringList() << QStringLiteral("https://cdn.example.com/logo.svg")
            << QStringList() << QStringList();
}

void TestRequestCheck::linkParams()
{
    QFETCH(QString, title);
    QFETCH(QStringList, images);
    QFETCH(QStringList, videos);
    QFETCH(QString, logo);
    QFETCH(QStringList, fields);
    QFETCH(QStringList, mustContain);

    LinkParams params;
    params.title = title;
    params.description = QStringLiteral("A mug.");
    params.imageUrls = images;
    params.videoUrls = videos;
    params.logoUrl = logo;
    checkProblems(RequestCheck::linkParams(params), fields, mustContain);
}

// ---- Summary and translation -------------------------------------------------------------

void TestRequestCheck::summary()
{
    QCOMPARE(RequestCheck::summary({}), QString());
    QCOMPARE(RequestCheck::summary({{QStringLiteral("video_length"), QStringLiteral("A.")},
                                    {QStringLiteral("aspect_ratio"), QStringLiteral("B.")}}),
             QStringLiteral("video_length: A. ; aspect_ratio: B."));

    PreviewListRequest request = validRequest();
    request.videoLength = 20;
    request.aspectRatio = QStringLiteral("4x3");
    const QString line = RequestCheck::summary(RequestCheck::previewList(request));
    QVERIFY2(line.startsWith(QLatin1String("video_length: ")), qPrintable(line));
    QVERIFY2(line.contains(QLatin1String(" ; aspect_ratio: ")), qPrintable(line));
    QVERIFY2(!line.contains(QLatin1Char('\n')), qPrintable(line));
}

void TestRequestCheck::messagesAreTranslatable()
{
    RecordingTranslator translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));

    PreviewListRequest request;
    request.linkId.clear();
    request.name = QString(300, QLatin1Char('n'));
    request.targetPlatform = QString(300, QLatin1Char('p'));
    request.language = QStringLiteral("EN");
    request.videoLength = 20;
    request.aspectRatio = QStringLiteral("9:16");
    request.visualStyles = {QStringLiteral("Foo"), QStringLiteral("Foo")};
    request.modelVersion = QStringLiteral("v9");
    request.overrideAvatar = QStringLiteral("x");
    request.overrideVoice = QStringLiteral("y");
    QList<InputProblem> problems = RequestCheck::previewList(request);
    request.aspectRatio = QStringLiteral("16x9");
    request.visualStyles = {QStringLiteral("DramaticTemplate")};
    problems += RequestCheck::previewList(request);
    const QStringList urls{QString(), QStringLiteral("ftp://x.com"), QStringLiteral("https://"),
                           QStringLiteral("http://not-a-url"),
                           QStringLiteral("https://a.com/") + QString(1000, QLatin1Char('a'))};
    for (const QString &typed : urls)
        problems += RequestCheck::productUrl(typed);
    LinkParams params;
    params.imageUrls = {QString(), QStringLiteral("x")};
    params.videoUrls = {QString(), QStringLiteral("y")};
    params.logoUrl = QStringLiteral("z");
    problems += RequestCheck::linkParams(params);
    params.videoUrls.clear();
    problems += RequestCheck::linkParams(params);

    QCoreApplication::removeTranslator(&translator);
    QCOMPARE(translator.contexts, QSet<QString>{QStringLiteral("RequestCheck")});
    QVERIFY(problems.size() >= 20);
    for (const InputProblem &problem : std::as_const(problems))
        QVERIFY2(problem.message.contains(QStringLiteral("«")), qPrintable(problem.message));
}

QTEST_GUILESS_MAIN(TestRequestCheck)

#include "tst_requestcheck.moc"
