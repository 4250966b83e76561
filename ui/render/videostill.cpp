#include "render/videostill.h"

#include <QAudioOutput>
#include <QMediaPlayer>
#include <QTimer>
#include <QUrl>
#include <QVideoFrame>
#include <QVideoSink>

namespace PreviewDeck {

namespace {
constexpr qint64 kBeforeEndMs = 100; // the very end may have no frame of its own
constexpr int kGiveUpMs = 15000;
constexpr int kAfterErrorMs = 3000;
} // namespace

VideoStill::VideoStill(const QString &filePath, QObject *parent)
    : QObject(parent), m_player(new QMediaPlayer(this)), m_sink(new QVideoSink(this))
{
    // Muted, and never played: pausing is enough for the backend to decode a frame.
    auto *audio = new QAudioOutput(m_player);
    audio->setMuted(true);
    m_player->setAudioOutput(audio);
    m_player->setVideoSink(m_sink);
    connect(m_sink, &QVideoSink::videoFrameChanged, this, &VideoStill::onFrame);
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this,
            [this](QMediaPlayer::MediaStatus status) {
                if (status == QMediaPlayer::LoadedMedia)
                    m_player->pause(); // decodes the first frame
            });
    // GStreamer reports a stream error after the seek when there is no sound device, and the
    // frame still arrives (late on a busy machine).
    connect(m_player, &QMediaPlayer::errorOccurred, this,
            [this] { QTimer::singleShot(kAfterErrorMs, this, &VideoStill::finish); });
    QTimer::singleShot(kGiveUpMs, this, &VideoStill::finish);
    m_player->setSource(QUrl::fromLocalFile(filePath));
}

void VideoStill::onFrame(const QVideoFrame &frame)
{
    if (m_done || !frame.isValid())
        return;
    if (m_targetMs < 0) {
        // The first frame comes at the start; a seek before it is ignored while stopped.
        m_firstFrame = frame.toImage();
        m_targetMs = qMax<qint64>(0, m_player->duration() - kBeforeEndMs);
        if (m_targetMs <= 0) {
            finish();
            return;
        }
        m_player->setPosition(m_targetMs);
        return;
    }
    if (frame.startTime() >= 0 && frame.startTime() / 1000 < m_targetMs - 1000)
        return; // a frame from before the seek
    const QImage picture = frame.toImage();
    if (picture.isNull())
        return;
    m_done = true;
    m_player->stop();
    Q_EMIT taken(picture);
}

void VideoStill::finish()
{
    if (m_done)
        return;
    m_done = true;
    m_player->stop();
    if (m_firstFrame.isNull())
        Q_EMIT failed();
    else
        Q_EMIT taken(m_firstFrame);
}

} // namespace PreviewDeck
