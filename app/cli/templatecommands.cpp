#include "templatecommands.h"

#include "clioutput.h"
#include "commandhost.h"
#include "costestimate.h"
#include "engine.h"
#include "rendercommands.h"
#include "templatejobs.h"
#include "templatevalues.h"
#include "workfollower.h"

#include <QFile>
#include <QJsonArray>

namespace PreviewDeck {

namespace {
QString summaryLine(const CustomTemplate &t)
{
    return QStringLiteral("%1  %2  %3").arg(t.id, t.aspectRatio, t.name);
}
} // namespace

void TemplateCommands::list()
{
    host().runJob(new ListTemplatesJob(engine()->client(), this), [this](ApiJob *j) {
        QJsonArray array;
        for (const CustomTemplate &t : static_cast<ListTemplatesJob *>(j)->templates()) {
            out().line(summaryLine(t));
            array.append(CliOutput::toJson(t));
        }
        out().result(QJsonObject{{QStringLiteral("templates"), array}});
        host().succeed();
    });
}

void TemplateCommands::run(const QStringList &args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("show") && args.size() == 2) {
        show(args.at(1));
    } else if (sub == QLatin1String("preview") && args.size() == 2) {
        preview(args.at(1));
    } else if (sub == QLatin1String("render") && args.size() == 2) {
        // The same as "render JOB", which tells a template job by its kind.
        (new RenderCommands(host(), follower(), this))->render(args.mid(1));
    } else {
        host().usage(tr("Use \"template show ID\", \"template preview ID --var NAME=VALUE …\" or "
                        "\"template render JOB\"."));
    }
}

void TemplateCommands::show(const QString &templateId)
{
    fetchTemplate(templateId, [this](const CustomTemplate &t) {
        out().line(summaryLine(t));
        for (const TemplateVariable &v : t.variables)
            out().line(QStringLiteral("  %1  (%2%3)")
                               .arg(v.name, variableTypeToString(v.type),
                                    v.required ? tr(", required") : QString()));
        out().result(CliOutput::toJson(t));
        host().succeed();
    });
}

void TemplateCommands::preview(const QString &templateId)
{
    QMap<QString, QString> typed;
    QMap<QString, VariableType> declaredTypes;
    if (!readValues(&typed, &declaredTypes))
        return;
    fetchTemplate(templateId, [this, typed, declaredTypes](const CustomTemplate &t) {
        buyPreview(t, TemplateValues::build(t, typed, declaredTypes));
    });
}

void TemplateCommands::fetchTemplate(const QString &templateId,
                                     const std::function<void(const CustomTemplate &)> &then)
{
    host().runJob(new GetTemplateJob(engine()->client(), templateId, this),
                  [then](ApiJob *j) { then(static_cast<GetTemplateJob *>(j)->customTemplate()); });
}

bool TemplateCommands::readValues(QMap<QString, QString> *typed,
                                  QMap<QString, VariableType> *declaredTypes)
{
    if (isSet("vars-file")) {
        QFile file(value("vars-file"));
        QString error;
        if (!file.open(QIODevice::ReadOnly)) {
            host().usage(tr("Cannot read %1.").arg(file.fileName()));
            return false;
        }
        if (!TemplateValues::parseJsonFile(file.readAll(), typed, &error, declaredTypes)) {
            host().usage(error);
            return false;
        }
    }
    for (const QString &pair : values("var")) {
        const int eq = int(pair.indexOf(QLatin1Char('=')));
        if (eq <= 0) {
            host().usage(tr("Give variables as NAME=VALUE, not \"%1\".").arg(pair));
            return false;
        }
        typed->insert(pair.left(eq), pair.mid(eq + 1));
    }
    return true;
}

void TemplateCommands::buyPreview(const CustomTemplate &t, const TemplateValues &built)
{
    if (!built.isValid()) {
        QStringList problems;
        for (auto it = built.fieldErrors.cbegin(); it != built.fieldErrors.cend(); ++it)
            problems << it.key() + QLatin1String(": ") + it.value();
        host().usage(tr("Nothing was sent: %1").arg(problems.join(QLatin1String("; "))));
        return;
    }
    TemplateJobRequest request;
    request.templateId = t.id;
    request.name = value("name");
    request.variables = built.variables;
    if (isSet("model"))
        request.modelVersion = value("model");
    SpendGuard *guard = engine()->spendGuard();
    if (!host().confirmSpend(CostEstimate::templatePreview(CostEstimate::kAssumedTemplateSeconds),
                             tr("A template preview"),
                             guard->buysNothingNew(request, host().repeatOptions())))
        return;
    host().runSpend(guard->requestTemplatePreview(request, CostEstimate::kAssumedTemplateSeconds,
                                                  host().repeatOptions()),
                    [this](SpendOperation *op) { follower().followPreviews(op->jobLocalId()); });
}

} // namespace PreviewDeck
