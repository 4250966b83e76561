#include "render/videoframeview.h"

#include <QPainter>
#include <QVideoFrame>
#include <QVideoSink>

namespace PreviewDeck {

VideoFrameView::VideoFrameView(QWidget *parent) : QWidget(parent), m_sink(new QVideoSink(this))
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    connect(m_sink, &QVideoSink::videoFrameChanged, this, &VideoFrameView::onFrame);
}

void VideoFrameView::clear()
{
    m_frame = QImage();
    update();
}

QSize VideoFrameView::sizeHint() const
{
    return m_frame.isNull() ? QSize(320, 180)
                            : m_frame.size().scaled(480, 270, Qt::KeepAspectRatio);
}

void VideoFrameView::onFrame(const QVideoFrame &frame)
{
    if (!frame.isValid())
        return;
    m_frame = frame.toImage();
    update();
}

void VideoFrameView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), Qt::black);
    if (m_frame.isNull())
        return;
    QRect target(QPoint(), m_frame.size().scaled(size(), Qt::KeepAspectRatio));
    target.moveCenter(rect().center());
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(target, m_frame);
}

} // namespace PreviewDeck
