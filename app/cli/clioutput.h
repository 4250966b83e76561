#pragma once

#include "apitypes.h"
#include "records.h"

#include <QJsonObject>
#include <QTextStream>

namespace PreviewDeck {

class Store;

// Everything the CLI prints: plain lines for people, or one JSON document for scripts.
// Errors are always one plain sentence on stderr.
class CliOutput
{
public:
    explicit CliOutput(bool json);

    bool isJson() const { return m_json; }
    void line(const QString &text); // human mode only
    void progress(const QString &text); // stderr, human mode only
    // What a user must hear even when --json quiets progress (a wait, work carried on).
    void note(const QString &text);
    void error(const QString &sentence); // stderr, both modes
    void result(const QJsonObject &object); // json mode only

    static QJsonObject toJson(const Link &link);
    static QJsonObject toJson(const JobRecord &job, const Store &store);
    static QJsonObject toJson(const RenderRecord &render, const Store &store);
    static QJsonObject toJson(const CustomTemplate &t);
    static QString describe(const JobRecord &job, const Store &store);
    static QString describe(const RenderRecord &render, const Store &store);
    static QString formatCredits(double amount); // 4, 0.5, 12.25: as people write them
    static QString creditsText(double amount); // "1 credit", "12 credits"

private:
    bool m_json;
    QTextStream m_out;
    QTextStream m_err;
};

} // namespace PreviewDeck
