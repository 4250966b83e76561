#include "previewpage.h"

#include <QCryptographicHash>

namespace Sandbox {

namespace {

struct Look
{
    const char *background;
    const char *foreground;
    const char *accent;
    const char *card;
    int layout; // 0 hero, 1 split, 2 cards, 3 overlay, 4 ticker
};

Look lookFor(const QString &style)
{
    static const QList<QPair<QString, Look>> known = {
            {QStringLiteral("AvatarBubbleTemplate"),
             {"#fdf6ec", "#2b2118", "#ff7a59", "#ffffff", 0}},
            {QStringLiteral("DramaticTemplate"), {"#0b0b0f", "#f5f5f5", "#e50914", "#1c1c24", 3}},
            {QStringLiteral("DynamicProductTemplate"),
             {"#eef6ff", "#0d2a4a", "#1f7aec", "#ffffff", 1}},
            {QStringLiteral("EnhancedVanillaTemplate"),
             {"#fffbe6", "#3a3000", "#f2b705", "#ffffff", 2}},
            {QStringLiteral("FullScreenTemplate"), {"#101820", "#fee715", "#fee715", "#1b2a38", 3}},
            {QStringLiteral("MotionCardsTemplate"), {"#f3e8ff", "#3b0764", "#a855f7", "#ffffff", 2}},
            {QStringLiteral("OverCardsTemplate"), {"#e8fff3", "#064e3b", "#10b981", "#ffffff", 2}},
            {QStringLiteral("SideBySideTemplate"), {"#fff1f2", "#4c0519", "#e11d48", "#ffffff", 1}},
            {QStringLiteral("TwitterFrameTemplate"),
             {"#f7f9f9", "#0f1419", "#1d9bf0", "#ffffff", 4}},
            {QStringLiteral("VanillaTemplate"), {"#ffffff", "#222222", "#555555", "#f4f4f4", 0}},
            {QStringLiteral("VlogTemplate"), {"#1e1b4b", "#e0e7ff", "#f472b6", "#312e81", 4}},
            {QStringLiteral("ScribbleTemplate"), {"#fefce8", "#1c1917", "#ea580c", "#fff7ed", 1}},
            {QStringLiteral("QuickTransitionTemplate"),
             {"#0f172a", "#e2e8f0", "#22d3ee", "#1e293b", 0}},
    };
    for (const auto &k : known) {
        if (k.first == style)
            return k.second;
    }
    return {nullptr, nullptr, nullptr, nullptr, 0};
}

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

// "9x16" -> "0.5625": the player's width for a given height.
QString widthPerHeight(const QString &ratio)
{
    const QStringList parts = ratio.split(QLatin1Char('x'));
    const double w = parts.value(0).toDouble();
    const double h = parts.value(1).toDouble();
    return QString::number(w > 0 && h > 0 ? w / h : 16.0 / 9.0, 'f', 4);
}

} // namespace

QString PreviewPage::script(const QString &title, const QString &description,
                            const QString &scriptStyle)
{
    // The first sentence ends at ". " (a bare '.' may be part of a host name).
    QString firstSentence = description.section(QLatin1String(". "), 0, 0).trimmed();
    if (firstSentence.endsWith(QLatin1Char('.')))
        firstSentence.chop(1);
    if (firstSentence.isEmpty())
        firstSentence = QStringLiteral("It does exactly what you need");
    const QString s = scriptStyle.toLower();
    if (s.contains(QLatin1String("problem")))
        return QStringLiteral("Tired of settling for less? Meet %1. %2. Stop struggling and try it "
                              "today.")
                .arg(title, firstSentence);
    if (s.contains(QLatin1String("hook")))
        return QStringLiteral("Wait, you haven't heard of %1 yet? %2. Everyone is switching, so "
                              "don't miss out.")
                .arg(title, firstSentence);
    if (s.contains(QLatin1String("story")) || s.contains(QLatin1String("emotional")))
        return QStringLiteral("Last month I almost gave up. Then I found %1. %2. It changed my "
                              "routine for good.")
                .arg(title, firstSentence);
    if (s.contains(QLatin1String("genz")))
        return QStringLiteral("Okay but %1 is lowkey the best thing ever. %2. No cap, get it.")
                .arg(title, firstSentence);
    return QStringLiteral("I just discovered %1. %2. Here is why I can't stop using it. Tap the "
                          "link and see for yourself.")
            .arg(title, firstSentence);
}

QByteArray PreviewPage::render(const PreviewContent &c)
{
    Look look = lookFor(c.visualStyle);
    QString bg, fg, accent, card;
    if (look.background) {
        bg = QLatin1String(look.background);
        fg = QLatin1String(look.foreground);
        accent = QLatin1String(look.accent);
        card = QLatin1String(look.card);
    } else {
        // Unknown or unlisted styles: derive a stable palette and layout from the name.
        const QByteArray h = QCryptographicHash::hash(c.visualStyle.toUtf8(),
                                                      QCryptographicHash::Sha1);
        const int hue = (quint8(h[0]) * 256 + quint8(h[1])) % 360;
        const bool dark = quint8(h[2]) % 2;
        bg = QStringLiteral("hsl(%1,45%,%2%)").arg(hue).arg(dark ? 12 : 94);
        fg = QStringLiteral("hsl(%1,30%,%2%)").arg(hue).arg(dark ? 92 : 15);
        accent = QStringLiteral("hsl(%1,80%,55%)").arg((hue + 150) % 360);
        card = QStringLiteral("hsl(%1,35%,%2%)").arg(hue).arg(dark ? 20 : 99);
        look.layout = quint8(h[3]) % 5;
    }
    static const char *layoutNames[] = {"hero", "split", "cards", "overlay", "ticker"};
    const QString layout = QLatin1String(layoutNames[look.layout]);
    const QString ratio = c.aspectRatio.isEmpty() ? QStringLiteral("16x9") : c.aspectRatio;
    const QString cssRatio = QString(ratio).replace(QLatin1Char('x'), QLatin1String(" / "));
    const QString text = script(c.title, c.description, c.scriptStyle);

    QString images;
    for (const QString &url : c.imageUrls)
        images += QStringLiteral("<img src=\"") + esc(url) + QStringLiteral("\" alt=\"\">");
    QString vars;
    for (const auto &v : c.textVariables)
        vars += QStringLiteral("<li><b>") + esc(v.first) + QStringLiteral("</b>: ") + esc(v.second)
                + QStringLiteral("</li>");
    if (!vars.isEmpty())
        vars = QStringLiteral("<ul class=\"vars\">") + vars + QStringLiteral("</ul>");

    QString html = QStringLiteral(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>%1 — %2</title><style>"
            ":root{--bg:%3;--fg:%4;--accent:%5;--card:%6}"
            "*{box-sizing:border-box}body{margin:0;font-family:system-ui,sans-serif;"
            "background:var(--bg);color:var(--fg)}"
            "main{display:grid;gap:16px;padding:16px;min-height:100vh}"
            ".hero main{grid-template-rows:auto auto 1fr}"
            ".split main{grid-template-columns:1fr 1fr;align-items:start}"
            ".cards main{grid-template-columns:repeat(auto-fit,minmax(220px,1fr))}"
            ".overlay main{position:relative}.overlay header{position:absolute;top:24px;"
            "left:24px;right:24px;z-index:2;text-shadow:0 2px 6px #000}"
            ".ticker header{border-bottom:4px solid var(--accent)}"
            "header h1{margin:0;font-size:1.6em}.style{display:inline-block;"
            "background:var(--accent);color:var(--bg);padding:2px 8px;border-radius:4px;"
            "font-size:.8em;letter-spacing:.05em}"
            // The whole player fits the first screen (the room above it is the header's):
            // as wide as the column, or narrower when the screen is not tall enough.
            "video{display:block;justify-self:center;margin:0 auto;aspect-ratio:%7;"
            "width:min(100%,calc((100vh - 140px) * %16));background:#000;border-radius:8px;"
            "border:3px solid var(--accent)}"
            ".card{background:var(--card);padding:12px;border-radius:10px}"
            ".gallery{display:flex;flex-wrap:wrap;gap:8px}.gallery img{width:96px;height:72px;"
            "object-fit:cover;border-radius:6px;border:2px solid var(--accent)}"
            ".script{font-size:1.05em;line-height:1.5}.vars{margin:0;padding-left:18px}"
            "</style></head><body class=\"%8\" data-style=\"%2\" data-layout=\"%8\">"
            "<main><header><span class=\"style\">%2</span><h1>%1</h1></header>"
            // No autoplay: the viewer starts the videos (PreviewDeck's Play all).
            "<video controls playsinline loop muted preload=\"metadata\" src=\"%9\"></video>"
            "<section class=\"card\"><h2>Script</h2><p class=\"script\">%10</p>%11</section>"
            "<section class=\"card\"><div class=\"gallery\">%12</div><p>%13 · %14 s · %15</p>"
            "</section></main></body></html>\n");
    // One arg() pass, so a '%1' inside user text is never substituted again.
    html = html.arg(esc(c.title), esc(c.visualStyle), bg, fg, accent, card, cssRatio, layout,
                    esc(c.videoUrl), esc(text), vars, images, esc(ratio),
                    QString::number(c.duration), esc(c.scriptStyle), widthPerHeight(ratio));
    return html.toUtf8();
}

QByteArray PreviewPage::notFound()
{
    return QByteArrayLiteral(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Preview not found</title><style>body{font-family:sans-serif;"
            "background:#222;color:#eee;display:grid;place-items:center;height:100vh;margin:0}"
            "</style></head><body><div><h1>Preview not found</h1>"
            "<p>This preview does not exist or has expired.</p></div></body></html>\n");
}

} // namespace Sandbox
