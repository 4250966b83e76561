#pragma once

#include <QCoreApplication>

#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace PreviewDeck {

// What went wrong with one API exchange, typed so that callers decide (retry, reconcile, ask
// the user) and the UI can say it in plain words.
struct ApiError
{
    Q_DECLARE_TR_FUNCTIONS(ApiError)
public:
    enum class Kind {
        None,
        Auth, // 401/403: the API ID or key is missing or wrong
        Validation, // 400 (or 422): the server refused the input; see fieldErrors/messages
        NotFound, // 404
        RateLimited, // 429: wait retryAfterSeconds
        OutOfCredits, // 402, or a refusal that names credits
        Server, // 5xx
        Network, // no HTTP answer: refused, reset, DNS, TLS…
        Timeout, // no complete answer in time
        BadResponse, // an answer we cannot read (HTML instead of JSON, wrong shape)
        Cancelled, // the caller cancelled
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString detail; // the server's own words, if any
    QMap<QString, QStringList> fieldErrors; // DRF-style {"field": ["msg"]}
    QStringList messages; // list-of-strings bodies, non_field_errors
    int retryAfterSeconds = 0;
    // True when the request may have reached the server and taken effect although we have
    // no answer (timeout, connection lost after sending, 5xx). Credit-spending POSTs in that
    // state must be reconciled, never blindly repeated.
    bool outcomeUnknown = false;

    bool isError() const { return kind != Kind::None; }
    // The server or the connection failed: the same read may well succeed a moment later.
    bool isTransient() const
    {
        return kind == Kind::Network || kind == Kind::Timeout || kind == Kind::Server
                || kind == Kind::RateLimited || kind == Kind::BadResponse;
    }
    // One or two plain sentences for the user: what happened and what to do.
    QString message() const;
    // A sentence for the wait before the same request is sent again after this error: the one
    // wording of it, for the window's status line and a purchase's wait alike.
    QString retryingMessage(int delayMs) const;
    // The wait Creatify asked for (a 429), `seconds` still to go.
    static QString waitMessage(int seconds);
    // A short machine-readable name ("auth", "validation", …) for --json output and logs.
    QString kindName() const;
};

} // namespace PreviewDeck

Q_DECLARE_METATYPE(PreviewDeck::ApiError)
