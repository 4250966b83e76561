#pragma once

#include <QColor>
#include <QList>
#include <QPainter>
#include <QRectF>

// Drawing parts for the style sketches: simple shapes (no text, so the pictures come out the same
// on every machine with the same Qt), on a 480x270 canvas.
namespace Sketch {

constexpr int Width = 480;
constexpr int Height = 270;

void fill(QPainter &p, const QRectF &rect, const QColor &top, const QColor &bottom);
// A stand-in for product footage: a soft backdrop with the product on it.
void footage(QPainter &p, const QRectF &rect, const QColor &backdrop, const QColor &product);
void product(QPainter &p, const QPointF &base, qreal height, const QColor &color);
// Head and shoulders, cut to `rect`.
void presenter(QPainter &p, const QRectF &rect, const QColor &shirt, const QColor &backdrop);
// Rounded bars standing for lines of text; widths are fractions of `width`.
void textLines(QPainter &p, QPointF topLeft, qreal width, const QList<qreal> &widths,
               qreal lineHeight, const QColor &color);
void card(QPainter &p, const QRectF &rect, const QColor &color, qreal radius = 12);
void bubble(QPainter &p, const QRectF &rect, const QPointF &tail, const QColor &color);
void heart(QPainter &p, const QPointF &center, qreal size, const QColor &color);
void petFace(QPainter &p, const QPointF &center, qreal size, const QColor &color);
void sparkle(QPainter &p, const QPointF &center, qreal size, const QColor &color);
void stroke(QPainter &p, const QPainterPath &path, const QColor &color, qreal width);
void motionLines(QPainter &p, const QRectF &rect, const QColor &color);

} // namespace Sketch
