#pragma once

#include <QLabel>
#include <QMap>

namespace PreviewDeck {

struct ApiError;

// A label for a message next to a form field: hidden while empty, coloured as an error that
// stays readable on light and dark palettes.
class FieldMessage : public QLabel
{
    Q_OBJECT
public:
    explicit FieldMessage(QWidget *parent = nullptr);
    void showError(const QString &text);
    void showInfo(const QString &text);
    void clearMessage();
};

// Shows an API error next to the fields it names (DRF field messages) and the rest in a general
// label. `fields` maps the API's field names to their message labels.
// "1 credit", "4 credits", "0.5 credits".
QString creditsText(double credits);

void showApiError(const ApiError &error, const QMap<QString, FieldMessage *> &fields,
                  FieldMessage *general);

} // namespace PreviewDeck
