#include "settingslogging.h"

namespace PreviewDeck {
Q_LOGGING_CATEGORY(lcSettings, "previewdeck.settings", QtInfoMsg)
} // namespace PreviewDeck
