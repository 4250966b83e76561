// Draws one schematic picture per visual style for the style gallery (resources/styles/*.png).
// Creatify publishes no sample pictures for its styles, so these are sketches of what each name
// describes, not frames from Creatify (docs/decisions.md, "Style gallery"). Run it again after
// changing a sketch:  build/tools/stylesketches/previewdeck-stylesketches resources/styles

#include "sketchkit.h"

#include <QDir>
#include <QImage>
#include <QImageWriter>
#include <QPainterPath>

#include <cstdio>
#include <functional>

using namespace Sketch;

namespace {

const QRectF canvas(0, 0, Width, Height);
const QColor white(0xff, 0xff, 0xff);
const QColor ink(0x1f, 0x29, 0x37);
const QColor caption(0xff, 0xff, 0xff, 235);

void captions(QPainter &p, qreal y, const QColor &color = caption)
{
    textLines(p, QPointF(120, y), 240, {1.0, 0.7}, 14, color);
}

void blocks(QPainter &p, const QList<QColor> &colors)
{
    fill(p, canvas, QColor(0xf1, 0xf5, 0xf9), QColor(0xe2, 0xe8, 0xf0));
    const QList<QRectF> cells = {
            {24, 24, 200, 104}, {236, 24, 220, 104}, {24, 142, 140, 104}, {176, 142, 280, 104}};
    for (int i = 0; i < cells.size(); ++i)
        card(p, cells.at(i), colors.at(i % colors.size()), 10);
}

using Recipe = std::function<void(QPainter &)>;

const QList<QPair<const char *, Recipe>> &recipes()
{
    static const QList<QPair<const char *, Recipe>> list = {
            {"VanillaTemplate",
             [](QPainter &p) {
                 footage(p, canvas, QColor(0xf5, 0xf5, 0xf4), QColor(0x64, 0x74, 0x8b));
                 captions(p, 222, QColor(0x44, 0x40, 0x3c));
             }},
            {"EnhancedVanillaTemplate",
             [](QPainter &p) {
                 footage(p, canvas, QColor(0xfe, 0xf3, 0xc7), QColor(0xf5, 0x9e, 0x0b));
                 sparkle(p, QPointF(150, 70), 22, white);
                 sparkle(p, QPointF(340, 110), 16, white);
                 motionLines(p, QRectF(330, 150, 110, 50), QColor(0xb4, 0x53, 0x09));
                 captions(p, 222, QColor(0x78, 0x35, 0x0f));
             }},
            {"AvatarBubbleTemplate",
             [](QPainter &p) {
                 footage(p, canvas, QColor(0xfd, 0xe6, 0xd8), QColor(0xea, 0x58, 0x0c));
                 const QRectF round(22, 120, 128, 128);
                 QPainterPath circle;
                 circle.addEllipse(round);
                 p.save();
                 p.setClipPath(circle);
                 presenter(p, round, QColor(0x25, 0x63, 0xeb), QColor(0xbf, 0xdb, 0xfe));
                 p.restore();
                 stroke(p, circle, white, 6);
             }},
            {"DramaticTemplate",
             [](QPainter &p) {
                 p.fillRect(canvas, QColor(0x0a, 0x0a, 0x0f));
                 QRadialGradient spot(QPointF(240, 110), 200);
                 spot.setColorAt(0, QColor(0x55, 0x55, 0x66));
                 spot.setColorAt(1, QColor(0x0a, 0x0a, 0x0f));
                 p.fillRect(canvas, spot);
                 product(p, QPointF(240, 220), 170, QColor(0xdc, 0x26, 0x26));
                 textLines(p, QPointF(40, 40), 120, {1.0, 0.6}, 12, QColor(0xe5, 0x09, 0x14));
             }},
            {"DynamicGreenScreenEffect",
             [](QPainter &p) {
                 fill(p, canvas, QColor(0x16, 0xa3, 0x4a), QColor(0x15, 0x80, 0x3d));
                 p.save();
                 p.translate(120, 80);
                 p.rotate(-8);
                 footage(p, QRectF(-80, -50, 150, 110), QColor(0xe0, 0xf2, 0xfe),
                         QColor(0x02, 0x84, 0xc7));
                 p.restore();
                 p.save();
                 p.translate(380, 90);
                 p.rotate(7);
                 footage(p, QRectF(-70, -50, 140, 110), QColor(0xfe, 0xf9, 0xc3),
                         QColor(0xca, 0x8a, 0x04));
                 p.restore();
                 motionLines(p, QRectF(20, 190, 90, 60), QColor(255, 255, 255, 150));
                 presenter(p, QRectF(160, 70, 160, 200), QColor(0x7c, 0x3a, 0xed), Qt::transparent);
             }},
            {"DynamicProductTemplate",
             [](QPainter &p) {
                 fill(p, canvas, QColor(0xdb, 0xea, 0xfe), QColor(0x93, 0xc5, 0xfd));
                 motionLines(p, QRectF(30, 60, 130, 110), QColor(255, 255, 255, 190));
                 p.save();
                 p.translate(250, 240);
                 p.rotate(-12);
                 product(p, QPointF(0, 0), 210, QColor(0x1d, 0x4e, 0xd8));
                 p.restore();
                 card(p, QRectF(320, 40, 130, 56), QColor(0xfa, 0xcc, 0x15), 28);
                 textLines(p, QPointF(342, 61), 86, {1.0}, 14, ink);
             }},
            {"DynamicResponseBubbleTemplate",
             [](QPainter &p) {
                 footage(p, canvas, QColor(0xe0, 0xe7, 0xff), QColor(0x4f, 0x46, 0xe5));
                 bubble(p, QRectF(40, 22, 300, 74), QPointF(70, 120), white);
                 p.setPen(Qt::NoPen);
                 p.setBrush(QColor(0xa5, 0xb4, 0xfc));
                 p.drawEllipse(QRectF(56, 36, 44, 44));
                 textLines(p, QPointF(114, 40), 200, {0.5, 1.0}, 12, ink);
             }},
            {"FeatureHighlightTemplate",
             [](QPainter &p) {
                 fill(p, canvas, QColor(0xec, 0xfd, 0xf5), QColor(0xd1, 0xfa, 0xe5));
                 product(p, QPointF(130, 240), 200, QColor(0x05, 0x96, 0x69));
                 for (int i = 0; i < 3; ++i) {
                     const qreal y = 62 + i * 70;
                     p.setPen(QPen(QColor(0x04, 0x78, 0x57), 3));
                     p.drawLine(QPointF(170, 120 + i * 30), QPointF(270, y));
                     p.setPen(Qt::NoPen);
                     p.setBrush(QColor(0x04, 0x78, 0x57));
                     p.drawEllipse(QPointF(170, 120 + i * 30), 7, 7);
                     card(p, QRectF(270, y - 24, 180, 48), white, 10);
                     textLines(p, QPointF(286, y - 7), 140, {1.0 - i * 0.15}, 14,
                               QColor(0x06, 0x5f, 0x46));
                 }
             }},
            {"FullScreenTemplate",
             [](QPainter &p) {
                 footage(p, canvas, QColor(0x33, 0x41, 0x55), QColor(0xfa, 0xcc, 0x15));
                 textLines(p, QPointF(90, 196), 300, {1.0, 0.75}, 18, QColor(0xfe, 0xe7, 0x15));
             }},
            {"FullScreenV2Template",
             [](QPainter &p) {
                 footage(p, canvas, QColor(0x1e, 0x29, 0x3b), QColor(0x38, 0xbd, 0xf8));
                 p.fillRect(QRectF(0, 0, Width, 8), QColor(255, 255, 255, 80));
                 p.fillRect(QRectF(0, 0, Width * 0.4, 8), white);
                 card(p, QRectF(110, 180, 260, 56), QColor(0x0e, 0xa5, 0xe9), 14);
                 textLines(p, QPointF(130, 200), 220, {1.0}, 16, white);
             }},
            {"GreenScreenEffectTemplate",
             [](QPainter &p) {
                 footage(p, canvas, QColor(0xd9, 0xf9, 0x9d), QColor(0x65, 0xa3, 0x0d));
                 presenter(p, QRectF(20, 80, 170, 190), QColor(0x0f, 0x76, 0x6e), Qt::transparent);
                 textLines(p, QPointF(300, 30), 150, {1.0, 0.6}, 12, QColor(0x36, 0x53, 0x14));
             }},
            {"LegoTemplate",
             [](QPainter &p) {
                 blocks(p,
                        {QColor(0xef, 0x44, 0x44), QColor(0x3b, 0x82, 0xf6),
                         QColor(0xf5, 0x9e, 0x0b), QColor(0x10, 0xb9, 0x81)});
                 product(p, QPointF(124, 118), 80, white);
                 presenter(p, QRectF(300, 30, 100, 92), white, QColor(0x3b, 0x82, 0xf6));
                 textLines(p, QPointF(210, 180), 200, {1.0, 0.7}, 12, white);
             }},
            {"MotionCardsTemplate",
             [](QPainter &p) {
                 fill(p, canvas, QColor(0xf3, 0xe8, 0xff), QColor(0xe9, 0xd5, 0xff));
                 for (int i = 2; i >= 0; --i) {
                     p.save();
                     p.translate(250 + i * 50, 140);
                     p.rotate(-6 + i * 8);
                     card(p, QRectF(-90, -70, 180, 140), i == 0 ? white : QColor(0xd8, 0xb4, 0xfe),
                          14);
                     if (i == 0)
                         textLines(p, QPointF(-70, -40), 140, {0.6, 1.0, 0.8}, 14,
                                   QColor(0x7e, 0x22, 0xce));
                     p.restore();
                 }
                 motionLines(p, QRectF(30, 90, 110, 90), QColor(0xa8, 0x55, 0xf7));
             }},
            {"OverCardsTemplate",
             [](QPainter &p) {
                 footage(p, canvas, QColor(0xcc, 0xfb, 0xf1), QColor(0x0d, 0x94, 0x88));
                 card(p, QRectF(270, 40, 180, 190), QColor(255, 255, 255, 215), 14);
                 textLines(p, QPointF(290, 64), 140, {0.7, 1.0, 1.0, 0.5}, 13,
                           QColor(0x13, 0x4e, 0x4a));
             }},
            {"QuickTransitionTemplate",
             [](QPainter &p) {
                 // Three shots cut together, each a slanted slice of its own footage.
                 const QList<QColor> scenes = {QColor(0x0e, 0xa5, 0xe9), QColor(0xf4, 0x3f, 0x5e),
                                               QColor(0x84, 0xcc, 0x16)};
                 for (int i = -1; i < 4; ++i) {
                     const qreal left = i * 160;
                     QPainterPath slice;
                     slice.moveTo(left + 30, 0);
                     slice.lineTo(left + 190, 0);
                     slice.lineTo(left + 130, Height);
                     slice.lineTo(left - 30, Height);
                     slice.closeSubpath();
                     p.save();
                     p.setClipPath(slice);
                     const QColor scene = scenes.at((i + 3) % 3);
                     footage(p, QRectF(left - 30, 0, 220, Height), scene.lighter(160), scene);
                     p.restore();
                     stroke(p, slice, white, 8);
                 }
             }},
            {"ScribbleTemplate",
             [](QPainter &p) {
                 footage(p, canvas, QColor(0xfe, 0xfc, 0xe8), QColor(0x57, 0x53, 0x4e));
                 QPainterPath ring;
                 ring.addEllipse(QRectF(180, 40, 120, 200));
                 stroke(p, ring, QColor(0xea, 0x58, 0x0c), 6);
                 QPainterPath arrow;
                 arrow.moveTo(60, 60);
                 arrow.cubicTo(110, 40, 150, 80, 170, 120);
                 arrow.moveTo(150, 112);
                 arrow.lineTo(170, 120);
                 arrow.lineTo(176, 98);
                 stroke(p, arrow, QColor(0xea, 0x58, 0x0c), 6);
                 QPainterPath zigzag;
                 zigzag.moveTo(330, 210);
                 for (int i = 1; i < 7; ++i)
                     zigzag.lineTo(330 + i * 18, i % 2 ? 195 : 210);
                 stroke(p, zigzag, QColor(0x25, 0x63, 0xeb), 5);
             }},
            {"SideBySideTemplate",
             [](QPainter &p) {
                 presenter(p, QRectF(0, 0, 240, Height), QColor(0xe1, 0x1d, 0x48),
                           QColor(0xff, 0xe4, 0xe6));
                 footage(p, QRectF(240, 0, 240, Height), QColor(0xf1, 0xf5, 0xf9),
                         QColor(0xe1, 0x1d, 0x48));
                 p.fillRect(QRectF(237, 0, 6, Height), white);
             }},
            {"SimpleAvatarOverlayTemplate",
             [](QPainter &p) {
                 footage(p, canvas, QColor(0xe7, 0xe5, 0xe4), QColor(0x7c, 0x2d, 0x12));
                 presenter(p, QRectF(330, 120, 130, 150), QColor(0x33, 0x41, 0x55), Qt::transparent);
             }},
            {"TopBottomTemplate",
             [](QPainter &p) {
                 presenter(p, QRectF(0, 0, Width, 135), QColor(0x9d, 0x17, 0x4d),
                           QColor(0xfc, 0xe7, 0xf3));
                 footage(p, QRectF(0, 135, Width, 135), QColor(0xf5, 0xf5, 0xf4),
                         QColor(0xdb, 0x27, 0x77));
                 p.fillRect(QRectF(0, 132, Width, 6), white);
             }},
            {"TwitterFrameTemplate",
             [](QPainter &p) {
                 p.fillRect(canvas, QColor(0xe2, 0xe8, 0xf0));
                 card(p, QRectF(60, 14, 360, 242), white, 14);
                 p.setPen(Qt::NoPen);
                 p.setBrush(QColor(0x1d, 0x9b, 0xf0));
                 p.drawEllipse(QRectF(78, 30, 36, 36));
                 textLines(p, QPointF(124, 34), 120, {1.0, 0.6}, 10, ink);
                 textLines(p, QPointF(78, 78), 320, {1.0, 0.55}, 10, QColor(0x64, 0x74, 0x8b));
                 footage(p, QRectF(78, 118, 324, 122), QColor(0xdb, 0xea, 0xfe),
                         QColor(0x1d, 0x9b, 0xf0));
             }},
            {"VlogTemplate",
             [](QPainter &p) {
                 p.fillRect(canvas, QColor(0x1e, 0x1b, 0x4b));
                 p.save();
                 p.translate(240, 135);
                 p.rotate(-3);
                 presenter(p, QRectF(-230, -128, 460, 256), QColor(0xf4, 0x72, 0xb6),
                           QColor(0xc7, 0xd2, 0xfe));
                 p.restore();
                 p.setPen(Qt::NoPen);
                 p.setBrush(QColor(0xef, 0x44, 0x44));
                 p.drawEllipse(QPointF(36, 30), 9, 9);
                 textLines(p, QPointF(52, 24), 60, {1.0}, 12, white);
                 product(p, QPointF(400, 250), 90, QColor(0x4f, 0x46, 0xe5));
             }},
            {"LegoVisualEmotional",
             [](QPainter &p) {
                 blocks(p,
                        {QColor(0xfb, 0x71, 0x85), QColor(0xfd, 0xa4, 0xaf),
                         QColor(0xf4, 0x3f, 0x5e), QColor(0xfe, 0xcd, 0xd3)});
                 heart(p, QPointF(124, 80), 70, white);
                 presenter(p, QRectF(300, 30, 100, 92), QColor(0xbe, 0x12, 0x3c),
                           QColor(0xfd, 0xa4, 0xaf));
                 textLines(p, QPointF(210, 180), 200, {1.0, 0.7}, 12, QColor(0x88, 0x13, 0x37));
             }},
            {"LegoVisualCutePets",
             [](QPainter &p) {
                 blocks(p,
                        {QColor(0xfb, 0xbf, 0x24), QColor(0x60, 0xa5, 0xfa),
                         QColor(0x34, 0xd3, 0x99), QColor(0xfd, 0xe6, 0x8a)});
                 petFace(p, QPointF(124, 84), 70, QColor(0xfd, 0xba, 0x74));
                 petFace(p, QPointF(346, 84), 60, white);
                 textLines(p, QPointF(210, 180), 200, {1.0, 0.7}, 12, QColor(0x92, 0x40, 0x0e));
             }},
            {"LegoVisualAvatarFocusIntro",
             [](QPainter &p) {
                 fill(p, canvas, QColor(0xf1, 0xf5, 0xf9), QColor(0xe2, 0xe8, 0xf0));
                 presenter(p, QRectF(0, 0, 300, Height), QColor(0x0f, 0x76, 0x6e),
                           QColor(0xcc, 0xfb, 0xf1));
                 textLines(p, QPointF(24, 214), 200, {1.0}, 18, white);
                 card(p, QRectF(318, 50, 140, 170), white, 12);
                 product(p, QPointF(388, 200), 120, QColor(0x0d, 0x94, 0x88));
                 QPainterPath arrow;
                 arrow.moveTo(270, 135);
                 arrow.lineTo(306, 135);
                 arrow.moveTo(294, 122);
                 arrow.lineTo(306, 135);
                 arrow.lineTo(294, 148);
                 stroke(p, arrow, QColor(0x13, 0x4e, 0x4a), 5);
             }},
    };
    return list;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    if (!out.exists() && !QDir().mkpath(out.path())) {
        std::fprintf(stderr, "cannot create %s\n", argv[1]);
        return 1;
    }
    for (const auto &[style, draw] : recipes()) {
        QImage image(Width, Height, QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        draw(painter);
        painter.end();
        const QString path = out.filePath(QLatin1String(style) + QLatin1String(".png"));
        QImageWriter writer(path, "png");
        if (!writer.write(image.convertToFormat(QImage::Format_RGB888))) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
            return 1;
        }
    }
    std::printf("%d sketches in %s\n", int(recipes().size()), argv[1]);
    return 0;
}
