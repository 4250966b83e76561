#pragma once

#include <QCoreApplication>
#include <QString>

namespace PreviewDeck {

struct Batch;
class Store;

// The batch as a CSV report, one line per product and style: product, style, preview page,
// picked, render status, credits used (the style's share of what the previews and the product
// page were charged, plus its render once Creatify accepted it; the column adds up to
// BatchProgress::creditsUsed), file path. Fields are quoted as RFC 4180 says.
class BatchExport
{
    Q_DECLARE_TR_FUNCTIONS(BatchExport)
public:
    BatchExport() = delete;

    static QString csv(const Batch &batch, const Store &store);
    // False with *error set when the file could not be written.
    static bool write(const Batch &batch, const Store &store, const QString &path,
                      QString *error = nullptr);
};

} // namespace PreviewDeck
