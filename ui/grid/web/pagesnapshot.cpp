#include "grid/web/pagesnapshot.h"

#include <QPainter>

namespace PreviewDeck {

PageSnapshot::PageSnapshot(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("tileSnapshot"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    hide();
}

void PageSnapshot::setPixmap(const QPixmap &pixmap)
{
    m_pixmap = pixmap;
    update();
}

void PageSnapshot::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawPixmap(rect(), m_pixmap);
}

bool PageSnapshot::showsFrame(const QPixmap &picture, const QVariantList &box, double zoom)
{
    if (box.size() < 4 || picture.isNull())
        return true; // no video, or nothing to look at
    // The middle of the video (clear of its controls), from CSS to the picture's pixels.
    const double scale = zoom * picture.devicePixelRatio();
    const double left = box.at(0).toDouble(), top = box.at(1).toDouble();
    const double width = box.at(2).toDouble() - left, height = box.at(3).toDouble() - top;
    const QRect middle = QRectF((left + width * 0.25) * scale, (top + height * 0.2) * scale,
                                width * 0.5 * scale, height * 0.45 * scale)
                                 .toAlignedRect()
                                 .intersected(QRect(QPoint(0, 0), picture.size()));
    if (middle.width() < 4 || middle.height() < 4)
        return true;
    // No frame yet is black, or the player's grey "loading" panel: flat either way. A frame
    // has contrast.
    const QImage image = picture.copy(middle).toImage().convertToFormat(QImage::Format_RGB32);
    double sum = 0, sumOfSquares = 0;
    int n = 0;
    for (int y = 0; y < image.height(); y += 2) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); x += 2, ++n) {
            const double grey = qGray(line[x]);
            sum += grey;
            sumOfSquares += grey * grey;
        }
    }
    const double mean = sum / n;
    return sumOfSquares / n - mean * mean > 12.0 * 12.0; // standard deviation over 12 of 255
}

} // namespace PreviewDeck
