#pragma once

#include "apitypes.h"
#include "commandgroup.h"

#include <QMap>

#include <functional>

namespace PreviewDeck {

struct TemplateValues;

// templates, template show TEMPLATE_ID, template preview TEMPLATE_ID --var … and
// template render JOB: videos made from the account's custom templates.
class TemplateCommands : public CommandGroup
{
    Q_OBJECT
public:
    using CommandGroup::CommandGroup;

    void list();
    void run(const QStringList &args);

private:
    void show(const QString &templateId);
    void preview(const QString &templateId);
    void fetchTemplate(const QString &templateId,
                       const std::function<void(const CustomTemplate &)> &then);
    // --vars-file, then --var NAME=VALUE over it; false when the run ended on a bad value.
    bool readValues(QMap<QString, QString> *typed, QMap<QString, VariableType> *declaredTypes);
    void buyPreview(const CustomTemplate &t, const TemplateValues &built);
};

} // namespace PreviewDeck
