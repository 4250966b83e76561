#pragma once

#include "batchrecords.h"
#include "requestcheck.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace PreviewDeck {

// Products for a batch from a file or pasted text (docs/decisions.md, "Batches"):
// - CSV or TSV whose first line names the columns: `url` (required) and optionally `name`,
//   `title`, `description`, `image_urls` (several addresses separated by spaces, `;` or `|`,
//   never commas, which addresses may contain). Quoted fields may hold separators, doubled
//   quotes and line breaks. A row with `image_urls` is entered by hand (title and at least
//   3 images, as link_with_params wants) and may leave `url` empty.
// - or plain text with one address per line (its first non-blank line is an address).
// A BOM, CRLF line ends and blank lines are fine. Pure: no network, no store.
class BatchImport
{
    Q_DECLARE_TR_FUNCTIONS(BatchImport)
public:
    BatchImport() = delete;

    struct Problem
    {
        int line = 0; // 1-based line of the file where the product starts
        QString message; // a full sentence
    };

    struct Result
    {
        // Set when the file as a whole cannot be used (no url column, no products, unreadable):
        // nothing can be made from it.
        QString fileError;
        QList<BatchRow> rows; // the products that can be made, in file order
        QList<int> lines; // the file line of each row
        QList<Problem> problems; // lines left out, each with its reason

        bool isUsable() const { return fileError.isEmpty() && !rows.isEmpty(); }
        // "line 3: …; line 7: …" or the file error.
        QString summary() const;
    };

    static Result parse(const QString &text, RequestCheck::Hosts hosts);
    static Result readFile(const QString &path, RequestCheck::Hosts hosts);

    // "a.jpg b.jpg", "a.jpg;b.jpg", "a.jpg | b.jpg" → the addresses.
    static QStringList splitImageUrls(const QString &field);
    // The records of a delimited text, each with the 1-based line it starts on.
    static QList<QPair<int, QStringList>> records(const QString &text, QChar separator);
};

} // namespace PreviewDeck
