#pragma once

#include <QLoggingCategory>

namespace PreviewDeck {
// "previewdeck.settings": settings and credential store. Never log an API key here; log
// ApiCredentials::redacted() instead.
Q_DECLARE_LOGGING_CATEGORY(lcSettings)
} // namespace PreviewDeck
