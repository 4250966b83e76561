#pragma once

#include <QCoreApplication>

#include "apitypes.h"

#include <QMap>

namespace PreviewDeck {

// Turns what a user typed for a template's variables (name -> text) into the `variables`
// object of a template job, checking it first so that nothing invalid is sent or charged.
struct TemplateValues
{
    Q_DECLARE_TR_FUNCTIONS(TemplateValues)
public:
    QJsonObject variables; // ready for TemplateJobRequest::variables
    QMap<QString, QString> fieldErrors; // variable name -> what is wrong, in plain words

    bool isValid() const { return fieldErrors.isEmpty(); }
    // The address given for each image, video or audio variable that has one, as
    // (variable name, URL) in the template's order: what must be reachable before spending.
    QList<QPair<QString, QString>> mediaAddresses(const CustomTemplate &customTemplate) const;

    // `declaredTypes`: the kinds a values file gave (the API's full form); a kind that is not
    // the template's is refused rather than sent as something else.
    static TemplateValues build(const CustomTemplate &customTemplate,
                                const QMap<QString, QString> &values,
                                const QMap<QString, VariableType> &declaredTypes = {});
    // Accepts {"name": "value"} or the API's own {"name": {"type", "properties"}} form.
    static bool parseJsonFile(const QByteArray &json, QMap<QString, QString> *values,
                              QString *error, QMap<QString, VariableType> *declaredTypes = nullptr);
};

} // namespace PreviewDeck
