#pragma once

// Writes one HttpResponse to a socket: headers, then the body in chunks paced by bytesWritten
// so only a few MiB are ever buffered. Can cut the connection after N body bytes (a fault).

#include "httpmessage.h"

#include <QObject>
#include <QPointer>
#include <QTcpSocket>

namespace Sandbox {

class ResponseWriter : public QObject
{
    Q_OBJECT
public:
    // The writer parents itself to the socket and deletes itself when done.
    // dropAfterBytes < 0 means "send everything".
    static void start(QTcpSocket *socket, HttpResponse response, bool closeAfter,
                      qint64 dropAfterBytes = -1);

private:
    ResponseWriter(QTcpSocket *socket, HttpResponse response, bool closeAfter,
                   qint64 dropAfterBytes);
    void pump();
    void finish();

    QPointer<QTcpSocket> m_socket;
    HttpResponse m_response;
    bool m_closeAfter = false;
    qint64 m_dropAfter = -1;
    qint64 m_sent = 0; // body bytes queued so far
    qint64 m_total = 0; // body bytes to send
    bool m_dropping = false;
};

} // namespace Sandbox
