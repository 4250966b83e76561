#pragma once

// Checks what a user typed before anything is sent to the API, so that bad input gets a plain
// sentence next to the field it concerns and no request (and no credit) is spent on it. Pure: no
// network, no widgets. The enum lists are ApiEnums' (creatify-api.md §6); they are incomplete, so
// a value refused here is one the app does not know, which the messages say.

#include <QCoreApplication>

#include "apitypes.h"

#include <QList>
#include <QString>
#include <QUrl>

namespace PreviewDeck {

class ApiClient;

struct InputProblem
{
    QString field; // the API field name: "url", "visual_styles", "video_length", "image_urls", …
    QString message; // one or more full sentences, translated
};

// Static functions only; a class so that tr() has the context "RequestCheck".
class RequestCheck
{
    Q_DECLARE_TR_FUNCTIONS(RequestCheck)
public:
    RequestCheck() = delete;

    static constexpr int kMaxUrlLength = 1000; // Link `url`
    static constexpr int kMaxNameLength = 255; // `name`
    static constexpr int kMaxTargetPlatformLength = 255; // not documented; a sanity bound

    // Whose pages the server can read: Creatify's servers only reach public addresses; a custom
    // or sandbox server on this computer or network reaches local ones too.
    enum class Hosts { PublicOnly, LocalToo };
    // The hosts the client's server reads: Creatify reads public pages only; another server
    // (the sandbox, a custom one) may read local ones.
    static Hosts hostsFor(const ApiClient &client);

    // The product page address for POST /api/links/. Accepts http and https addresses whose host
    // has a dot or is an IP address; "localhost", loopback and private-network addresses only
    // with Hosts::LocalToo. An address typed without a scheme ("shop.example.com/p") is taken as
    // https://. On success *normalized (if given) receives the address to send; on failure it
    // is cleared.
    static QList<InputProblem> productUrl(const QString &typed, QUrl *normalized = nullptr,
                                          Hosts hosts = Hosts::PublicOnly);
    // A link's id as Creatify gives it: a UUID. Anything else would only earn a 400.
    static QList<InputProblem> linkId(const QString &id);
    // POST /api/link_to_videos/preview_list_async/. Values are checked as they will be sent (not
    // trimmed). Empty language and model_version mean the server default; an empty aspect
    // ratio is refused (the styles' ratio rules need one). target_platform is free text.
    static QList<InputProblem> previewList(const PreviewListRequest &request);
    // POST /api/links/link_with_params/: the URLs are checked as they will be sent (not trimmed).
    static QList<InputProblem> linkParams(const LinkParams &params);

    // One line for a CLI: "video_length: … ; aspect_ratio: …". Empty for no problems.
    static QString summary(const QList<InputProblem> &problems);
};

} // namespace PreviewDeck
