#pragma once

#include <QLoggingCategory>

// Every logging category of the core library, declared in one place.
Q_DECLARE_LOGGING_CATEGORY(lcApi)
Q_DECLARE_LOGGING_CATEGORY(lcTracking)
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
