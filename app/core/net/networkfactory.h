#pragma once

class QNetworkAccessManager;
class QObject;

namespace PreviewDeck {

// The one place where the app's network access managers are made, so the API client, the
// downloads and the media fetcher share the same transport policy.
QNetworkAccessManager *createNetworkAccessManager(QObject *parent);

} // namespace PreviewDeck
