#pragma once

#include <QLoggingCategory>

namespace PreviewDeck {
Q_DECLARE_LOGGING_CATEGORY(lcDownloads)
}
