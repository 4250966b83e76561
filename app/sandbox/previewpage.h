#pragma once

// Self-contained HTML preview pages (no external resources), one look per visual style.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Sandbox {

struct PreviewContent
{
    QString title;
    QString description;
    QStringList imageUrls;
    QString visualStyle;
    QString aspectRatio;
    QString scriptStyle;
    QString videoUrl;
    int duration = 0;
    QList<QPair<QString, QString>> textVariables; // template previews: name → text
};

class PreviewPage
{
public:
    static QByteArray render(const PreviewContent &content);
    static QByteArray notFound();
    // A few sentences in the voice of the script style.
    static QString script(const QString &title, const QString &description,
                          const QString &scriptStyle);
};

} // namespace Sandbox
