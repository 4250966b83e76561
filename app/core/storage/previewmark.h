#pragma once

#include <QString>

namespace PreviewDeck {

// How the user narrowed a comparison down: one mark per preview, kept with the job.
enum class PreviewMark { None, Favourite, Rejected };
QString previewMarkToString(PreviewMark mark); // "", "favourite", "rejected"
PreviewMark previewMarkFromString(const QString &text); // unknown text: None

} // namespace PreviewDeck
