#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace PreviewDeck {

// The documented values of the API's enum fields (creatify-api.md §6), for pickers. The API's
// lists are incomplete and change; the server remains the judge (a 400 names the field).
namespace ApiEnums {

QStringList aspectRatios(); // 16x9, 1x1, 9x16
QList<int> videoLengths(); // 15, 30, 45, 60
QStringList modelVersions(); // standard, aurora_v1, aurora_v1_fast
QStringList languages(); // ISO codes
QString languageName(const QString &code);
// A name people read: "Dynamic product" for DynamicProductTemplate (the API name stays the
// value sent).
QString visualStyleLabel(const QString &visualStyle);
// One short sentence on what the style looks like, for the style gallery; empty for a style not
// offered in pickers. Written from the names: Creatify publishes no descriptions.
QString visualStyleDescription(const QString &visualStyle);
QStringList scriptStyles();
QStringList visualStyles(); // the ones offered in pickers
QStringList allVisualStyles(); // every name §6 lists (hook variants too), for checking input
// Aspect ratios a visual style is documented for (all three when not restricted).
QStringList aspectRatiosFor(const QString &visualStyle);
QStringList targetPlatforms(); // suggestions; the field is free text

} // namespace ApiEnums
} // namespace PreviewDeck
