#include "networkfactory.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>

namespace PreviewDeck {

QNetworkAccessManager *createNetworkAccessManager(QObject *parent)
{
    auto *network = new QNetworkAccessManager(parent);
    // Never follow a redirect from https down to http; every fetch sets its own timeout.
    network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    // A host that asked for https once gets https from then on.
    network->setStrictTransportSecurityEnabled(true);
    return network;
}

} // namespace PreviewDeck
