#include "sketchkit.h"

#include <QLinearGradient>
#include <QPainterPath>

namespace Sketch {

void fill(QPainter &p, const QRectF &rect, const QColor &top, const QColor &bottom)
{
    QLinearGradient gradient(rect.topLeft(), rect.bottomLeft());
    gradient.setColorAt(0, top);
    gradient.setColorAt(1, bottom);
    p.fillRect(rect, gradient);
}

void footage(QPainter &p, const QRectF &rect, const QColor &backdrop, const QColor &productColor)
{
    p.save();
    p.setClipRect(rect, p.hasClipping() ? Qt::IntersectClip : Qt::ReplaceClip);
    fill(p, rect, backdrop.lighter(115), backdrop.darker(110));
    // A table top for the product to stand on.
    p.fillRect(QRectF(rect.left(), rect.top() + rect.height() * 0.78, rect.width(),
                      rect.height() * 0.22),
               backdrop.darker(125));
    product(p, QPointF(rect.center().x(), rect.top() + rect.height() * 0.84), rect.height() * 0.62,
            productColor);
    p.restore();
}

void product(QPainter &p, const QPointF &base, qreal height, const QColor &color)
{
    const qreal width = height * 0.42;
    const QRectF body(base.x() - width / 2, base.y() - height * 0.75, width, height * 0.75);
    const QRectF neck(base.x() - width * 0.2, body.top() - height * 0.12, width * 0.4,
                      height * 0.14);
    const QRectF cap(base.x() - width * 0.26, neck.top() - height * 0.12, width * 0.52,
                     height * 0.13);
    p.save();
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 40));
    p.drawEllipse(
            QRectF(base.x() - width * 0.7, base.y() - height * 0.04, width * 1.4, height * 0.08));
    p.setBrush(color);
    p.drawRoundedRect(body, width * 0.22, width * 0.22);
    p.drawRect(neck);
    p.setBrush(color.darker(160));
    p.drawRoundedRect(cap, 3, 3);
    p.setBrush(QColor(255, 255, 255, 210));
    p.drawRoundedRect(QRectF(body.left() + width * 0.14, body.top() + height * 0.22, width * 0.72,
                             height * 0.26),
                      3, 3);
    p.setBrush(QColor(255, 255, 255, 70));
    p.drawRoundedRect(QRectF(body.left() + width * 0.1, body.top() + height * 0.05, width * 0.1,
                             height * 0.6),
                      3, 3);
    p.restore();
}

void presenter(QPainter &p, const QRectF &rect, const QColor &shirt, const QColor &backdrop)
{
    p.save();
    // Intersected, so that a caller's clip (a round bubble) still holds.
    p.setClipRect(rect, p.hasClipping() ? Qt::IntersectClip : Qt::ReplaceClip);
    p.fillRect(rect, backdrop);
    p.setPen(Qt::NoPen);
    const qreal unit = qMin(rect.width(), rect.height());
    const QPointF head(rect.center().x(), rect.top() + rect.height() * 0.42);
    const qreal headRadius = unit * 0.2;
    p.setBrush(shirt);
    p.drawRoundedRect(
            QRectF(head.x() - unit * 0.42, head.y() + headRadius * 1.25, unit * 0.84, unit * 0.9),
            unit * 0.3, unit * 0.3);
    p.setBrush(QColor(0xe0, 0xac, 0x8a));
    p.drawRect(QRectF(head.x() - headRadius * 0.35, head.y() + headRadius * 0.6, headRadius * 0.7,
                      headRadius * 0.8));
    p.drawEllipse(head, headRadius, headRadius * 1.12);
    p.setBrush(QColor(0x4a, 0x32, 0x28));
    QPainterPath hair;
    hair.moveTo(head.x() - headRadius * 1.02, head.y() - headRadius * 0.05);
    hair.arcTo(QRectF(head.x() - headRadius * 1.05, head.y() - headRadius * 1.2, headRadius * 2.1,
                      headRadius * 1.9),
               180, -180);
    hair.quadTo(head.x(), head.y() - headRadius * 0.9, head.x() - headRadius * 1.02,
                head.y() - headRadius * 0.05);
    p.drawPath(hair);
    p.restore();
}

void textLines(QPainter &p, QPointF topLeft, qreal width, const QList<qreal> &widths,
               qreal lineHeight, const QColor &color)
{
    p.save();
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    for (qreal fraction : widths) {
        p.drawRoundedRect(QRectF(topLeft.x(), topLeft.y(), width * fraction, lineHeight),
                          lineHeight / 2, lineHeight / 2);
        topLeft.ry() += lineHeight * 1.8;
    }
    p.restore();
}

void card(QPainter &p, const QRectF &rect, const QColor &color, qreal radius)
{
    p.save();
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 45));
    p.drawRoundedRect(rect.translated(0, 4), radius, radius);
    p.setBrush(color);
    p.drawRoundedRect(rect, radius, radius);
    p.restore();
}

void bubble(QPainter &p, const QRectF &rect, const QPointF &tail, const QColor &color)
{
    QPainterPath path;
    path.addRoundedRect(rect, 16, 16);
    QPainterPath pointer;
    const QPointF anchor(qBound(rect.left() + 24, tail.x(), rect.right() - 24),
                         tail.y() > rect.center().y() ? rect.bottom() - 2 : rect.top() + 2);
    pointer.moveTo(anchor.x() - 14, anchor.y());
    pointer.lineTo(tail);
    pointer.lineTo(anchor.x() + 14, anchor.y());
    pointer.closeSubpath();
    p.save();
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 45));
    p.drawPath(path.united(pointer).translated(0, 4));
    p.setBrush(color);
    p.drawPath(path.united(pointer));
    p.restore();
}

void heart(QPainter &p, const QPointF &c, qreal size, const QColor &color)
{
    QPainterPath path;
    path.moveTo(c.x(), c.y() + size * 0.45);
    path.cubicTo(c.x() - size * 0.9, c.y() - size * 0.15, c.x() - size * 0.45, c.y() - size * 0.8,
                 c.x(), c.y() - size * 0.3);
    path.cubicTo(c.x() + size * 0.45, c.y() - size * 0.8, c.x() + size * 0.9, c.y() - size * 0.15,
                 c.x(), c.y() + size * 0.45);
    p.save();
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawPath(path);
    p.restore();
}

void petFace(QPainter &p, const QPointF &c, qreal size, const QColor &color)
{
    p.save();
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    for (int side : {-1, 1}) {
        QPainterPath ear;
        ear.moveTo(c.x() + side * size * 0.2, c.y() - size * 0.3);
        ear.lineTo(c.x() + side * size * 0.5, c.y() - size * 0.75);
        ear.lineTo(c.x() + side * size * 0.55, c.y() - size * 0.1);
        ear.closeSubpath();
        p.drawPath(ear);
    }
    p.drawEllipse(c, size * 0.55, size * 0.48);
    p.setBrush(QColor(0x2b, 0x21, 0x18));
    p.drawEllipse(QPointF(c.x() - size * 0.2, c.y() - size * 0.05), size * 0.07, size * 0.09);
    p.drawEllipse(QPointF(c.x() + size * 0.2, c.y() - size * 0.05), size * 0.07, size * 0.09);
    p.setBrush(QColor(0xf4, 0x8f, 0xa8));
    p.drawEllipse(QPointF(c.x(), c.y() + size * 0.12), size * 0.08, size * 0.06);
    p.restore();
}

void sparkle(QPainter &p, const QPointF &c, qreal size, const QColor &color)
{
    QPainterPath path;
    path.moveTo(c.x(), c.y() - size);
    path.quadTo(c.x(), c.y(), c.x() + size, c.y());
    path.quadTo(c.x(), c.y(), c.x(), c.y() + size);
    path.quadTo(c.x(), c.y(), c.x() - size, c.y());
    path.quadTo(c.x(), c.y(), c.x(), c.y() - size);
    p.save();
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawPath(path);
    p.restore();
}

void stroke(QPainter &p, const QPainterPath &path, const QColor &color, qreal width)
{
    p.save();
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPath(path);
    p.restore();
}

void motionLines(QPainter &p, const QRectF &rect, const QColor &color)
{
    p.save();
    p.setPen(QPen(color, 5, Qt::SolidLine, Qt::RoundCap));
    const int count = 4;
    for (int i = 0; i < count; ++i) {
        const qreal y = rect.top() + rect.height() * (i + 0.5) / count;
        const qreal inset = rect.width() * (i % 2 ? 0.3 : 0.0);
        p.drawLine(QPointF(rect.left() + inset, y), QPointF(rect.right(), y));
    }
    p.restore();
}

} // namespace Sketch
