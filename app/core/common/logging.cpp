#include "logging.h"

Q_LOGGING_CATEGORY(lcApi, "previewdeck.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTracking, "previewdeck.tracking", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStorage, "previewdeck.storage", QtInfoMsg)
