#include "requestcheck.h"

#include "apiclient.h"
#include "apienums.h"

#include <QUuid>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSet>

namespace PreviewDeck {

namespace {

const QString kExampleAddress = QStringLiteral("https://shop.example.com/product");

// A host a request can reach: a name with a dot ("shop.example.com"), an IP address, or
// "localhost" for a custom or sandbox server. QUrl has already lower-cased it.
bool isRealHost(const QString &host)
{
    if (host.isEmpty())
        return false;
    if (host == QLatin1String("localhost"))
        return true;
    QHostAddress address;
    if (address.setAddress(host))
        return true;
    const QStringList labels = host.split(QLatin1Char('.'));
    return labels.size() >= 2 && !labels.contains(QString());
}

// This computer or a private network: reachable from here, never from Creatify's servers.
bool isLocalHost(const QString &host)
{
    if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost"))
        || host.endsWith(QLatin1String(".local")))
        return true;
    QHostAddress address;
    if (!address.setAddress(host))
        return false;
    static const char *const localNetworks[] = {
            "127.0.0.0/8",   "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
            "100.64.0.0/10", "0.0.0.0/8",  "::1/128",       "fc00::/7",       "fe80::/10"};
    for (const char *network : localNetworks)
        if (address.isInSubnet(QHostAddress::parseSubnet(QLatin1String(network))))
            return true;
    return false;
}

bool isHttpScheme(const QString &scheme)
{
    return scheme == QLatin1String("http") || scheme == QLatin1String("https");
}

enum class AddressFault { None, NotWeb, NoSiteName };

// A URL that is sent as typed (image, video and logo addresses of LinkParams).
AddressFault addressFault(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || !isHttpScheme(url.scheme()))
        return AddressFault::NotWeb;
    return isRealHost(url.host()) ? AddressFault::None : AddressFault::NoSiteName;
}

// `what` names the entry ("Image 2", "The logo"); nothing when the address is fine.
QString addressProblem(const QString &what, const QString &url)
{
    if (url.trimmed().isEmpty())
        return RequestCheck::tr("%1 is empty. Enter its web address or remove it.").arg(what);
    switch (addressFault(url)) {
    case AddressFault::None:
        break;
    case AddressFault::NotWeb:
        return RequestCheck::tr(
                       "%1 (\"%2\") is not a web address starting with https:// or http://.")
                .arg(what, url);
    case AddressFault::NoSiteName:
        return RequestCheck::tr("%1 (\"%2\") has no complete site name. Enter the full address, "
                                "for example https://cdn.example.com/picture.jpg.")
                .arg(what, url);
    }
    return QString();
}

// "A, B or C"
QString orList(const QStringList &values)
{
    if (values.size() < 2)
        return values.value(0);
    return RequestCheck::tr("%1 or %2")
            .arg(values.mid(0, values.size() - 1).join(QStringLiteral(", ")), values.last());
}

QStringList toStrings(const QList<int> &numbers)
{
    QStringList out;
    for (int number : numbers)
        out << QString::number(number);
    return out;
}

// The allowed value the user probably meant: same letters in another case, ':' for 'x' in an
// aspect ratio, surrounding spaces. Empty when there is none.
QString closeMatch(const QString &typed, const QStringList &allowed)
{
    QString key = typed.trimmed().toLower();
    key.replace(QLatin1Char(':'), QLatin1Char('x'));
    key.remove(QLatin1Char(' '));
    for (const QString &value : allowed) {
        if (value != typed && value.toLower() == key)
            return value;
    }
    return QString();
}

QString withSuggestion(const QString &message, const QString &suggestion)
{
    if (suggestion.isEmpty())
        return message;
    return message + QLatin1Char(' ') + RequestCheck::tr("Did you mean \"%1\"?").arg(suggestion);
}

// A language code for a typed code in another case, with a region ("en-US") or a language name.
QString languageMatch(const QString &typed)
{
    const QString key = typed.trimmed().toLower();
    const QString base = key.section(QRegularExpression(QStringLiteral("[-_]")), 0, 0);
    const QStringList codes = ApiEnums::languages();
    for (const QString &code : codes) {
        if (code != typed
            && (code == key || code == base
                || ApiEnums::languageName(code).compare(key, Qt::CaseInsensitive) == 0))
            return code;
    }
    return QString();
}

void checkUrlList(const QStringList &urls, const QString &field, bool images,
                  QList<InputProblem> *problems)
{
    for (int i = 0; i < urls.size(); ++i) {
        const QString what = images ? RequestCheck::tr("Image %1").arg(i + 1)
                                    : RequestCheck::tr("Video %1").arg(i + 1);
        const QString message = addressProblem(what, urls.at(i));
        if (!message.isEmpty())
            problems->append({field, message});
    }
}

} // namespace

RequestCheck::Hosts RequestCheck::hostsFor(const ApiClient &client)
{
    return client.isCreatify() ? Hosts::PublicOnly : Hosts::LocalToo;
}

QList<InputProblem> RequestCheck::productUrl(const QString &typed, QUrl *normalized, Hosts hosts)
{
    static const QString field = QStringLiteral("url");
    if (normalized)
        *normalized = QUrl();
    QString text = typed.trimmed();
    if (text.isEmpty())
        return {{field,
                 tr("Enter the address of the product page, for example %1.").arg(kExampleAddress)}};

    // A scheme is letters followed by ':' — unless what follows is a port ("localhost:8765/x").
    static const QRegularExpression scheme(
            QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*:(?!\\d+(/|\\?|#|$))"));
    if (text.startsWith(QLatin1String("//")))
        text.prepend(QLatin1String("https:"));
    else if (!scheme.match(text).hasMatch())
        text.prepend(QLatin1String("https://"));

    const QUrl url(text, QUrl::TolerantMode);
    if (!url.isValid())
        return {{field,
                 tr("This is not a valid web address. Check it for typing mistakes, for example "
                    "%1.")
                         .arg(kExampleAddress)}};
    if (!isHttpScheme(url.scheme()))
        return {{field,
                 tr("Only web pages can be read: the address must start with https:// or "
                    "http://.")}};
    if (url.host().isEmpty())
        return {{field,
                 tr("The address has no site name. Enter the full address, for example %1.")
                         .arg(kExampleAddress)}};
    if (!isRealHost(url.host()))
        return {{field,
                 tr("\"%1\" is not a complete site name. Enter the full address, for example %2.")
                         .arg(url.host(), kExampleAddress)}};
    if (hosts == Hosts::PublicOnly && isLocalHost(url.host()))
        return {{field,
                 tr("Creatify's servers cannot read pages on your own computer or network "
                    "(\"%1\"). Enter the product's public address.")
                         .arg(url.host())}};
    // Counted as sent on the wire, percent-encoded (never shorter than the decoded form).
    const int length = url.toString(QUrl::FullyEncoded).size();
    if (length > kMaxUrlLength)
        return {{field,
                 tr("The address is %1 characters long, and the API accepts at most %2. Remove "
                    "tracking parameters or use a shorter link to the product.")
                         .arg(length)
                         .arg(kMaxUrlLength)}};
    if (normalized)
        *normalized = url;
    return {};
}

QList<InputProblem> RequestCheck::linkId(const QString &id)
{
    if (id.trimmed().isEmpty())
        return {{QStringLiteral("link"),
                 tr("No product is chosen. Read a product page or enter the product by hand "
                    "first.")}};
    if (QUuid::fromString(id).isNull())
        return {{QStringLiteral("link"),
                 tr("\"%1\" is not a link id: Creatify's link ids look like "
                    "6f1c2b1e-8f3a-4c55-9a61-0d2c6c1f0a11.")
                         .arg(id)}};
    return {};
}

QList<InputProblem> RequestCheck::previewList(const PreviewListRequest &request)
{
    QList<InputProblem> problems;
    auto add = [&problems](const char *field, const QString &message) {
        problems.append({QLatin1String(field), message});
    };

    problems << linkId(request.linkId);

    if (request.name.size() > kMaxNameLength)
        add("name",
            tr("The name is %1 characters long, and at most %2 are allowed.")
                    .arg(request.name.size())
                    .arg(kMaxNameLength));

    if (request.targetPlatform.size() > kMaxTargetPlatformLength)
        add("target_platform",
            tr("The target platform is %1 characters long, and at most %2 are allowed.")
                    .arg(request.targetPlatform.size())
                    .arg(kMaxTargetPlatformLength));

    const QStringList languages = ApiEnums::languages();
    if (!request.language.isEmpty() && !languages.contains(request.language))
        add("language",
            withSuggestion(tr("\"%1\" is not a language code PreviewDeck knows. Known codes: %2.")
                                   .arg(request.language, languages.join(QStringLiteral(", "))),
                           languageMatch(request.language)));

    const QList<int> lengths = ApiEnums::videoLengths();
    if (!lengths.contains(request.videoLength))
        add("video_length",
            tr("A video can be %1 seconds long, not %2.")
                    .arg(orList(toStrings(lengths)))
                    .arg(request.videoLength));

    const QStringList ratios = ApiEnums::aspectRatios();
    const bool ratioKnown = ratios.contains(request.aspectRatio);
    if (request.aspectRatio.isEmpty())
        add("aspect_ratio", tr("Choose an aspect ratio: %1.").arg(orList(ratios)));
    else if (!ratioKnown)
        add("aspect_ratio",
            withSuggestion(tr("\"%1\" is not an aspect ratio the API accepts. Choose %2.")
                                   .arg(request.aspectRatio, orList(ratios)),
                           closeMatch(request.aspectRatio, ratios)));

    const QStringList styles = ApiEnums::allVisualStyles();
    if (request.visualStyles.isEmpty())
        add("visual_styles", tr("Choose at least one visual style."));
    QSet<QString> seen;
    QSet<QString> reportedTwice;
    for (const QString &style : request.visualStyles) {
        if (seen.contains(style)) {
            if (!reportedTwice.contains(style))
                add("visual_styles",
                    tr("The style \"%1\" is chosen more than once. Choose each style only once.")
                            .arg(style));
            reportedTwice.insert(style);
            continue;
        }
        seen.insert(style);
        if (!styles.contains(style)) {
            add("visual_styles",
                withSuggestion(
                        tr("PreviewDeck does not know the visual style \"%1\". Known styles: %2.")
                                .arg(style, styles.join(QStringLiteral(", "))),
                        closeMatch(style, styles)));
            continue;
        }
        const QStringList allowed = ApiEnums::aspectRatiosFor(style);
        if (ratioKnown && !allowed.contains(request.aspectRatio))
            add("visual_styles",
                tr("The style \"%1\" is only available for %2 videos, not %3. Choose another style "
                   "or aspect ratio.")
                        .arg(style, orList(allowed), request.aspectRatio));
    }

    const QStringList models = ApiEnums::modelVersions();
    if (!request.modelVersion.isEmpty() && !models.contains(request.modelVersion))
        add("model_version",
            withSuggestion(tr("\"%1\" is not an avatar model PreviewDeck knows. Choose %2, or "
                              "leave it empty for the default.")
                                   .arg(request.modelVersion, orList(models)),
                           closeMatch(request.modelVersion, models)));

    if (!request.overrideAvatar.isEmpty() && !looksLikeUuid(request.overrideAvatar))
        add("override_avatar",
            tr("\"%1\" is not an avatar id. Choose an avatar from the list, or leave it empty to "
               "have one matched automatically.")
                    .arg(request.overrideAvatar));
    if (!request.overrideVoice.isEmpty() && !looksLikeUuid(request.overrideVoice))
        add("override_voice",
            tr("\"%1\" is not a voice id. Choose a voice from the list, or leave it empty to use "
               "the avatar's own voice.")
                    .arg(request.overrideVoice));
    return problems;
}

QList<InputProblem> RequestCheck::linkParams(const LinkParams &params)
{
    QList<InputProblem> problems;
    if (params.title.trimmed().isEmpty())
        problems.append({QStringLiteral("title"), tr("Give the product a title.")});
    checkUrlList(params.imageUrls, QStringLiteral("image_urls"), true, &problems);
    checkUrlList(params.videoUrls, QStringLiteral("video_urls"), false, &problems);
    if (params.videoUrls.isEmpty() && params.imageUrls.size() < 3)
        problems.append({QStringLiteral("image_urls"),
                         tr("Give at least 3 images of the product (%1 given so far), or a video.")
                                 .arg(params.imageUrls.size())});
    if (!params.logoUrl.isEmpty()) {
        const QString message = addressProblem(tr("The logo"), params.logoUrl);
        if (!message.isEmpty())
            problems.append({QStringLiteral("logo_url"), message});
    }
    return problems;
}

QString RequestCheck::summary(const QList<InputProblem> &problems)
{
    QStringList parts;
    for (const InputProblem &problem : problems)
        parts << problem.field + QLatin1String(": ") + problem.message;
    return parts.join(QStringLiteral(" ; "));
}

} // namespace PreviewDeck
