#pragma once

#include <QImage>
#include <QWidget>

class QVideoSink;
class QVideoFrame;

namespace PreviewDeck {

// Shows a media player's video by painting its frames like any other widget. QVideoWidget
// puts a native OpenGL child window into the main window; next to the comparison grid's web
// views (which composite through the same top-level window) that stopped the whole window
// from repainting once a video played (seen with Mesa's llvmpipe). Painting frames is plenty
// for a result preview in a side panel.
class VideoFrameView : public QWidget
{
    Q_OBJECT
public:
    explicit VideoFrameView(QWidget *parent = nullptr);

    // Give this to QMediaPlayer::setVideoSink().
    QVideoSink *videoSink() const { return m_sink; }
    bool hasFrame() const { return !m_frame.isNull(); }
    void clear();

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void onFrame(const QVideoFrame &frame);

    QVideoSink *m_sink;
    QImage m_frame;
};

} // namespace PreviewDeck
