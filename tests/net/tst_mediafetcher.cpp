// MediaFetcher against a small raw HTTP server on loopback: the server can lie about sizes,
// never answer, redirect and count what it was asked, which a well-behaved server cannot.
#include "mediafetcher.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace PreviewDeck;

namespace {

class RawHttpServer : public QObject
{
    Q_OBJECT
public:
    RawHttpServer()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
        });
    }

    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    // The whole answer for a path, status line included; a path without one never answers.
    void setAnswer(const QString &path, const QByteArray &answer)
    {
        m_answers.insert(path, answer);
    }
    int requestsFor(const QString &path) const { return m_requests.value(path); }
    QByteArray lastMethod() const { return m_lastMethod; }

    static QByteArray ok(const QByteArray &body, const QByteArray &type = "image/png")
    {
        return "HTTP/1.1 200 OK\r\nContent-Type: " + type
                + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

private:
    void serve(QTcpSocket *socket)
    {
        m_buffer[socket] += socket->readAll();
        if (!m_buffer[socket].contains("\r\n\r\n"))
            return;
        const QList<QByteArray> requestLine = m_buffer.take(socket).split('\n').value(0).split(' ');
        m_lastMethod = requestLine.value(0);
        const QString path = QString::fromLatin1(requestLine.value(1));
        ++m_requests[path];
        if (!m_answers.contains(path))
            return; // hangs
        QByteArray answer = m_answers.value(path);
        if (m_lastMethod == "HEAD")
            answer = answer.left(answer.indexOf("\r\n\r\n") + 4);
        socket->write(answer);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QString, QByteArray> m_answers;
    QHash<QString, int> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffer;
    QByteArray m_lastMethod;
};

MediaResult waitFor(MediaFetch *fetch)
{
    QSignalSpy finished(fetch, &MediaFetch::finished);
    if (!finished.wait(10000))
        return MediaResult{MediaResult::Error::Unreachable, -1, {}, {}, -1,
                           QStringLiteral("no finished()")};
    return finished.first().first().value<MediaResult>();
}

MediaRequest get(const QUrl &url, qint64 maxBytes = 1024 * 1024)
{
    MediaRequest request;
    request.url = url;
    request.maxBytes = maxBytes;
    return request;
}

} // namespace

class TestMediaFetcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<MediaResult>(); }

    void fetchesABodyAndItsType()
    {
        RawHttpServer server;
        server.setAnswer(QStringLiteral("/a.png"), RawHttpServer::ok("PNGDATA"));
        MediaFetcher fetcher;
        const MediaResult result = waitFor(
                fetcher.fetch(get(server.url(QStringLiteral("/a.png"))), this));
        QVERIFY2(result.ok(), qPrintable(result.message() + result.transportError));
        QCOMPARE(result.data, QByteArray("PNGDATA"));
        QCOMPARE(result.httpStatus, 200);
        QCOMPARE(result.contentType, QStringLiteral("image/png"));
    }

    void refusesWhatIsNotAWebAddress_data()
    {
        QTest::addColumn<QUrl>("url");
        QTest::newRow("file") << QUrl(QStringLiteral("file:///etc/passwd"));
        QTest::newRow("ftp") << QUrl(QStringLiteral("ftp://example.com/a.png"));
        QTest::newRow("no host") << QUrl(QStringLiteral("http:///a.png"));
        QTest::newRow("empty") << QUrl();
    }
    void refusesWhatIsNotAWebAddress()
    {
        QFETCH(QUrl, url);
        MediaFetcher fetcher;
        const MediaResult result = waitFor(fetcher.fetch(get(url), this));
        QCOMPARE(result.error, MediaResult::Error::NotWebAddress);
        QVERIFY(!result.message().isEmpty());
    }

    void stopsAtTheByteCapWhenAnnounced()
    {
        RawHttpServer server;
        server.setAnswer(QStringLiteral("/big"), RawHttpServer::ok(QByteArray(64 * 1024, 'x')));
        MediaFetcher fetcher;
        const MediaResult result = waitFor(
                fetcher.fetch(get(server.url(QStringLiteral("/big")), 1000), this));
        QCOMPARE(result.error, MediaResult::Error::TooLarge);
        QVERIFY(result.data.isEmpty());
    }

    void stopsAtTheByteCapWhenTheServerLies()
    {
        // No Content-Length, the body just keeps coming until the connection closes.
        RawHttpServer server;
        server.setAnswer(QStringLiteral("/endless"),
                         "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n\r\n"
                                 + QByteArray(256 * 1024, 'x'));
        MediaFetcher fetcher;
        const MediaResult result = waitFor(
                fetcher.fetch(get(server.url(QStringLiteral("/endless")), 4096), this));
        QCOMPARE(result.error, MediaResult::Error::TooLarge);
    }

    void reportsHttpErrorsWithTheirStatus()
    {
        RawHttpServer server;
        server.setAnswer(QStringLiteral("/gone"),
                         "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        MediaFetcher fetcher;
        const MediaResult result = waitFor(
                fetcher.fetch(get(server.url(QStringLiteral("/gone"))), this));
        QCOMPARE(result.error, MediaResult::Error::HttpError);
        QCOMPARE(result.httpStatus, 404);
        QVERIFY(result.message().contains(QLatin1String("404")));
    }

    void reportsAnUnreachableAddress()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close(); // nothing listens there any more
        MediaFetcher fetcher;
        const MediaResult result = waitFor(
                fetcher.fetch(get(QUrl(QStringLiteral("http://127.0.0.1:%1/x").arg(port))), this));
        QCOMPARE(result.error, MediaResult::Error::Unreachable);
        QCOMPARE(result.httpStatus, 0);
    }

    void givesUpOnAServerThatNeverAnswers()
    {
        RawHttpServer server; // no answer set: it hangs
        MediaFetcher fetcher;
        MediaRequest request = get(server.url(QStringLiteral("/hang")));
        request.timeoutMs = 300;
        QElapsedTimer timer;
        timer.start();
        const MediaResult result = waitFor(fetcher.fetch(request, this));
        QCOMPARE(result.error, MediaResult::Error::TimedOut);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }

    void headAsksOnlyForTheHeaders()
    {
        RawHttpServer server;
        server.setAnswer(QStringLiteral("/clip.mp4"),
                         RawHttpServer::ok(QByteArray(5000, 'v'), "video/mp4"));
        MediaFetcher fetcher;
        MediaRequest request = get(server.url(QStringLiteral("/clip.mp4")), 100);
        request.method = MediaRequest::Method::Head;
        const MediaResult result = waitFor(fetcher.fetch(request, this));
        QVERIFY2(result.ok(), qPrintable(result.message()));
        QCOMPARE(server.lastMethod(), QByteArray("HEAD"));
        QCOMPARE(result.contentLength, 5000); // the cap is for bodies; HEAD reads none
        QVERIFY(result.data.isEmpty());
    }

    void followsRedirectsWithinALimit()
    {
        RawHttpServer server;
        server.setAnswer(QStringLiteral("/moved"),
                         "HTTP/1.1 302 Found\r\nLocation: /a.png\r\nContent-Length: 0\r\n\r\n");
        server.setAnswer(QStringLiteral("/a.png"), RawHttpServer::ok("PNGDATA"));
        MediaFetcher fetcher;
        const MediaResult result = waitFor(
                fetcher.fetch(get(server.url(QStringLiteral("/moved"))), this));
        QVERIFY2(result.ok(), qPrintable(result.message() + result.transportError));
        QCOMPARE(result.data, QByteArray("PNGDATA"));

        // A chain of redirects longer than the 5 the request allows (Qt's own default would be
        // 50), each to an address of its own: the fetch fails, and the chain is followed no
        // further than the limit. Which addresses were asked, not how often: under load the
        // network stack sometimes sends one request twice (the server closes every connection).
        constexpr int kChain = 20;
        for (int hop = 0; hop < kChain; ++hop)
            server.setAnswer(QStringLiteral("/hop%1").arg(hop),
                             "HTTP/1.1 302 Found\r\nLocation: /hop" + QByteArray::number(hop + 1)
                                     + "\r\nContent-Length: 0\r\n\r\n");
        server.setAnswer(QStringLiteral("/hop%1").arg(kChain), RawHttpServer::ok("PNGDATA"));
        const MediaResult chained = waitFor(
                fetcher.fetch(get(server.url(QStringLiteral("/hop0"))), this));
        QVERIFY(!chained.ok());
        QStringList asked;
        for (int hop = 0; hop <= kChain; ++hop)
            if (server.requestsFor(QStringLiteral("/hop%1").arg(hop)) > 0)
                asked << QString::number(hop);
        QCOMPARE(asked.join(QLatin1Char(' ')), QStringLiteral("0 1 2 3 4 5"));
    }

    void answersARepeatFromTheCache()
    {
        RawHttpServer server;
        server.setAnswer(QStringLiteral("/a.png"), RawHttpServer::ok("PNGDATA"));
        MediaFetcher fetcher;
        QVERIFY(waitFor(fetcher.fetch(get(server.url(QStringLiteral("/a.png"))), this)).ok());
        const MediaResult again = waitFor(
                fetcher.fetch(get(server.url(QStringLiteral("/a.png"))), this));
        QVERIFY(again.ok());
        QCOMPARE(again.data, QByteArray("PNGDATA"));
        QCOMPARE(server.requestsFor(QStringLiteral("/a.png")), 1);
        QVERIFY(fetcher.cachedBytes() > 0);

        fetcher.setCacheLimit(0); // an empty cache asks again
        QVERIFY(waitFor(fetcher.fetch(get(server.url(QStringLiteral("/a.png"))), this)).ok());
        QCOMPARE(server.requestsFor(QStringLiteral("/a.png")), 2);
    }

    void cancelledOrOrphanedFetchesNeverFinish()
    {
        RawHttpServer server;
        server.setAnswer(QStringLiteral("/a.png"), RawHttpServer::ok("PNGDATA"));
        MediaFetcher fetcher;

        QPointer<MediaFetch> cancelled = fetcher.fetch(get(server.url(QStringLiteral("/a.png"))),
                                                       this);
        QSignalSpy cancelledSpy(cancelled.data(), &MediaFetch::finished);
        cancelled->cancel();

        auto *window = new QObject; // stands for a widget that closes while its picture loads
        QPointer<MediaFetch> orphaned = fetcher.fetch(get(server.url(QStringLiteral("/hang"))),
                                                      window);
        QSignalSpy orphanedSpy(orphaned.data(), &MediaFetch::finished);
        delete window;

        QTRY_VERIFY(!cancelled && !orphaned); // both deleted themselves
        QTest::qWait(100);
        QCOMPARE(cancelledSpy.count(), 0);
        QCOMPARE(orphanedSpy.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestMediaFetcher)
#include "tst_mediafetcher.moc"
