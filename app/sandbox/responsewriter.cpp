#include "responsewriter.h"

namespace Sandbox {

namespace {
constexpr qint64 ChunkSize = 256 * 1024;
constexpr qint64 MaxBuffered = 4 * 1024 * 1024;
} // namespace

void ResponseWriter::start(QTcpSocket *socket, HttpResponse response, bool closeAfter,
                           qint64 dropAfterBytes)
{
    auto *writer = new ResponseWriter(socket, std::move(response), closeAfter, dropAfterBytes);
    writer->pump();
}

ResponseWriter::ResponseWriter(QTcpSocket *socket, HttpResponse response, bool closeAfter,
                               qint64 dropAfterBytes)
    : QObject(socket),
      m_socket(socket),
      m_response(std::move(response)),
      m_closeAfter(closeAfter),
      m_dropAfter(dropAfterBytes)
{
    m_total = m_response.headOnly ? 0 : m_response.contentLength();
    QByteArray head = "HTTP/1.1 " + QByteArray::number(m_response.status) + ' '
            + reasonPhrase(m_response.status) + "\r\n";
    if (!m_response.contentType.isEmpty())
        head += "Content-Type: " + m_response.contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(m_response.contentLength()) + "\r\n";
    for (const auto &h : std::as_const(m_response.headers))
        head += h.first + ": " + h.second + "\r\n";
    head += m_closeAfter ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
    head += "\r\n";
    socket->write(head);
    connect(socket, &QTcpSocket::bytesWritten, this, &ResponseWriter::pump);
}

void ResponseWriter::pump()
{
    if (!m_socket)
        return;
    if (m_dropping) {
        // abort() discards unsent data, so wait until what we meant to send is on the wire.
        if (m_socket->bytesToWrite() == 0) {
            m_socket->abort();
            deleteLater();
        }
        return;
    }
    const qint64 limit = m_dropAfter >= 0 ? qMin(m_dropAfter, m_total) : m_total;
    while (m_sent < limit && m_socket->bytesToWrite() < MaxBuffered) {
        const qint64 n = qMin(ChunkSize, limit - m_sent);
        if (m_response.source) {
            m_socket->write(m_response.source->read(m_response.sourceOffset + m_sent, n));
        } else {
            m_socket->write(m_response.body.constData() + m_sent, n);
        }
        m_sent += n;
    }
    if (m_sent >= limit)
        finish();
}

void ResponseWriter::finish()
{
    if (m_dropAfter >= 0 && m_dropAfter < m_total) {
        m_dropping = true;
        m_socket->flush();
        if (m_socket->bytesToWrite() == 0) {
            m_socket->abort();
            deleteLater();
        }
        return;
    }
    disconnect(m_socket, &QTcpSocket::bytesWritten, this, &ResponseWriter::pump);
    if (m_closeAfter)
        m_socket->disconnectFromHost(); // waits for buffered data first
    deleteLater();
}

} // namespace Sandbox
