#include "grid/web/gridicons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>
#include <QPalette>
#include <QPixmap>

namespace PreviewDeck {

namespace {

const char *themeName(GridIcon icon)
{
    switch (icon) {
    case GridIcon::Play:
        return "media-playback-start";
    case GridIcon::Pause:
        return "media-playback-pause";
    case GridIcon::Restart:
        return "media-skip-backward";
    case GridIcon::Muted:
        return "audio-volume-muted";
    case GridIcon::Sound:
        return "audio-volume-high";
    case GridIcon::Enlarge:
        return "view-fullscreen";
    }
    return "";
}

// Draws `icon` on a 16 x 16 grid.
void draw(QPainter &p, GridIcon icon, const QColor &color)
{
    p.setRenderHint(QPainter::Antialiasing);
    QPen pen(color, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    p.setBrush(color);
    auto speaker = [&] {
        QPainterPath body;
        body.moveTo(2, 6);
        body.lineTo(5, 6);
        body.lineTo(9, 2.5);
        body.lineTo(9, 13.5);
        body.lineTo(5, 10);
        body.lineTo(2, 10);
        body.closeSubpath();
        p.drawPath(body);
    };
    switch (icon) {
    case GridIcon::Play:
        p.drawPolygon(QPolygonF({QPointF(4, 2.5), QPointF(13.5, 8), QPointF(4, 13.5)}));
        break;
    case GridIcon::Pause:
        p.setPen(Qt::NoPen);
        p.drawRect(QRectF(3.5, 2.5, 3, 11));
        p.drawRect(QRectF(9.5, 2.5, 3, 11));
        break;
    case GridIcon::Restart:
        p.setPen(Qt::NoPen);
        p.drawRect(QRectF(2.5, 2.5, 2, 11));
        p.drawPolygon(QPolygonF({QPointF(13.5, 2.5), QPointF(5, 8), QPointF(13.5, 13.5)}));
        break;
    case GridIcon::Muted:
        speaker();
        p.setBrush(Qt::NoBrush);
        p.drawLine(QPointF(11, 5.5), QPointF(15, 10.5));
        p.drawLine(QPointF(15, 5.5), QPointF(11, 10.5));
        break;
    case GridIcon::Sound:
        speaker();
        p.setBrush(Qt::NoBrush);
        p.drawArc(QRectF(8, 5, 5, 6), -60 * 16, 120 * 16);
        p.drawArc(QRectF(8, 2.5, 7.5, 11), -60 * 16, 120 * 16);
        break;
    case GridIcon::Enlarge:
        // Four corners pointing outwards.
        p.setBrush(Qt::NoBrush);
        for (const QPointF &corner :
             {QPointF(2, 2), QPointF(14, 2), QPointF(14, 14), QPointF(2, 14)}) {
            const double dx = corner.x() < 8 ? 4 : -4;
            const double dy = corner.y() < 8 ? 4 : -4;
            p.drawPolyline(QPolygonF{corner + QPointF(0, dy), corner, corner + QPointF(dx, 0)});
        }
        break;
    }
}

QPixmap render(GridIcon icon, const QColor &color, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.scale(size / 16.0, size / 16.0);
    draw(p, icon, color);
    return pixmap;
}

} // namespace

QIcon gridIcon(GridIcon icon, const QPalette &palette)
{
    const QIcon themed = QIcon::fromTheme(QLatin1String(themeName(icon)));
    if (!themed.isNull())
        return themed;
    QIcon drawn;
    for (const int size : {16, 24, 32, 48}) {
        drawn.addPixmap(render(icon, palette.color(QPalette::Active, QPalette::ButtonText), size),
                        QIcon::Normal);
        drawn.addPixmap(render(icon, palette.color(QPalette::Disabled, QPalette::ButtonText), size),
                        QIcon::Disabled);
    }
    return drawn;
}

} // namespace PreviewDeck
