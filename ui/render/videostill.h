#pragma once

#include <QImage>
#include <QObject>

class QMediaPlayer;
class QVideoFrame;
class QVideoSink;

namespace PreviewDeck {

// One picture of a saved video, taken near its end (where an ad shows the product and its
// call to action). For renders whose answer has no thumbnail address (custom-template renders
// have none), so their panel shows a picture like any other render's.
class VideoStill : public QObject
{
    Q_OBJECT
public:
    // Starts reading `filePath`; says taken() once, or failed() when no picture could be read.
    VideoStill(const QString &filePath, QObject *parent = nullptr);

Q_SIGNALS:
    void taken(const QImage &picture);
    void failed();

private:
    void onFrame(const QVideoFrame &frame);
    void finish();

    QMediaPlayer *m_player;
    QVideoSink *m_sink;
    qint64 m_targetMs = -1; // the position asked for, once the first frame came
    QImage m_firstFrame; // taken when the end cannot be reached
    bool m_done = false;
};

} // namespace PreviewDeck
