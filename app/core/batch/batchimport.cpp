#include "batchimport.h"

#include "spendledger.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace PreviewDeck {

namespace {

const QString kUrl = QStringLiteral("url");
const QString kName = QStringLiteral("name");
const QString kTitle = QStringLiteral("title");
const QString kDescription = QStringLiteral("description");
const QString kImages = QStringLiteral("image_urls");

bool looksLikeAddress(const QString &line)
{
    const QString trimmed = line.trimmed();
    return trimmed.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
            || trimmed.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}

QString firstNonBlankLine(const QString &text)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines)
        if (!line.trimmed().isEmpty())
            return line;
    return QString();
}

QString problemsText(const QList<InputProblem> &problems)
{
    QStringList sentences;
    for (const InputProblem &problem : problems)
        sentences << problem.message;
    return sentences.join(QLatin1Char(' '));
}

} // namespace

QString BatchImport::Result::summary() const
{
    if (!fileError.isEmpty())
        return fileError;
    QStringList parts;
    for (const Problem &problem : problems)
        parts << tr("line %1: %2").arg(problem.line).arg(problem.message);
    return parts.join(QLatin1String("; "));
}

QStringList BatchImport::splitImageUrls(const QString &field)
{
    static const QRegularExpression separators(QStringLiteral("[\\s;|]+"));
    return field.split(separators, Qt::SkipEmptyParts);
}

QList<QPair<int, QStringList>> BatchImport::records(const QString &text, QChar separator)
{
    QList<QPair<int, QStringList>> out;
    QStringList fields;
    QString field;
    bool quoted = false;
    bool fieldWasQuoted = false;
    int line = 1;
    int recordLine = 1;
    auto endField = [&] {
        fields << (fieldWasQuoted ? field : field.trimmed());
        field.clear();
        fieldWasQuoted = false;
    };
    auto endRecord = [&] {
        endField();
        const bool blank = fields.size() == 1 && fields.first().isEmpty();
        if (!blank)
            out.append({recordLine, fields});
        fields.clear();
    };
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                if (c != QLatin1Char('\r'))
                    field += c;
            }
        } else if (c == QLatin1Char('"') && field.trimmed().isEmpty()) {
            quoted = true;
            fieldWasQuoted = true;
            field.clear();
        } else if (c == separator) {
            endField();
        } else if (c == QLatin1Char('\n')) {
            endRecord();
            recordLine = ++line;
        } else if (c != QLatin1Char('\r')) {
            field += c;
        }
    }
    endRecord();
    return out;
}

BatchImport::Result BatchImport::readFile(const QString &path, RequestCheck::Hosts hosts)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Result result;
        result.fileError = tr("Cannot read %1: %2").arg(path, file.errorString());
        return result;
    }
    return parse(QString::fromUtf8(file.readAll()), hosts);
}

BatchImport::Result BatchImport::parse(const QString &input, RequestCheck::Hosts hosts)
{
    Result result;
    QString text = input;
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    const QString first = firstNonBlankLine(text);
    if (first.isEmpty()) {
        result.fileError = tr("The file has no products in it.");
        return result;
    }
    // One address per line, or a table whose first line names its columns.
    QList<QPair<int, QStringList>> table;
    QStringList header{kUrl};
    if (looksLikeAddress(first)) {
        const QStringList lines = text.split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size(); ++i)
            if (!lines.at(i).trimmed().isEmpty())
                table.append({i + 1, QStringList{lines.at(i).trimmed()}});
    } else {
        const QChar separator = first.contains(QLatin1Char('\t')) ? QLatin1Char('\t')
                                                                  : QLatin1Char(',');
        table = records(text, separator);
        header.clear();
        for (const QString &column : table.takeFirst().second)
            header << column.trimmed().toLower();
        if (!header.contains(kUrl)) {
            result.fileError = tr("The file has no url column: its first line must name the "
                                  "columns, one of them \"url\" (or list one address per line).");
            return result;
        }
    }

    // An address as the spend guard compares it -> the line that has it: two spellings it takes
    // for one product ("/x" and "/x/") would share one link and one job.
    QHash<QString, int> seen;
    for (const auto &[line, fields] : std::as_const(table)) {
        auto column = [&, &fields = fields](const QString &name) {
            const int index = int(header.indexOf(name));
            return index >= 0 ? fields.value(index).trimmed() : QString();
        };
        BatchRow row;
        row.name = column(kName);
        row.title = column(kTitle);
        row.description = column(kDescription);
        row.imageUrls = splitImageUrls(column(kImages));
        const QString typed = column(kUrl);
        if (!typed.isEmpty()) {
            QUrl url;
            const QList<InputProblem> problems = RequestCheck::productUrl(typed, &url, hosts);
            if (!problems.isEmpty()) {
                result.problems << Problem{line, problemsText(problems)};
                continue;
            }
            row.url = url.toString();
        } else if (!row.isEnteredByHand()) {
            result.problems << Problem{line,
                                       tr("There is no product address on this line (or images "
                                          "to enter the product by hand).")};
            continue;
        }
        if (row.isEnteredByHand()) {
            LinkParams params;
            params.title = row.title;
            params.description = row.description;
            params.imageUrls = row.imageUrls;
            if (const QList<InputProblem> problems = RequestCheck::linkParams(params);
                !problems.isEmpty()) {
                result.problems << Problem{line, problemsText(problems)};
                continue;
            }
        }
        const QString identity = row.url.isEmpty() ? row.title
                                                   : SpendLedger::comparableUrl(row.url);
        if (seen.contains(identity)) {
            result.problems << Problem{
                    line, tr("The same product as line %1; it is left out.").arg(seen[identity])};
            continue;
        }
        seen.insert(identity, line);
        result.rows << row;
        result.lines << line;
    }
    if (result.rows.isEmpty() && result.problems.isEmpty())
        result.fileError = tr("The file has no products in it.");
    return result;
}

} // namespace PreviewDeck
