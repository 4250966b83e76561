#pragma once

#include <QLabel>
#include <QMap>
#include <QTimer>

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
    // Painted as an error (the last show was showError()), not as information.
    bool showsError() const { return m_error && isVisibleTo(parentWidget()); }
    // Counts down a wait Creatify asked for (429) before the request goes out again.
    void showCountdown(int seconds);

private:
    QTimer *m_countdown = nullptr;
    int m_secondsLeft = 0;
    bool m_error = false;
};

class SpendOperation;
// Shows on `message` every wait Creatify asks for while `operation` runs.
void showWaitsOf(SpendOperation *operation, FieldMessage *message);

// Shows an API error next to the fields it names (DRF field messages) and the rest in a general
// label. `fields` maps the API's field names to their message labels.
// "1 credit", "4 credits", "0.5 credits".
QString creditsText(double credits);
// Ends the text with a full stop unless it already ends a sentence (server reasons often don't).
QString asSentence(const QString &text);
// A cost line followed by the balance as a sentence of its own ("… more. Your balance: 100
// credits."); the text alone while the balance is not known (negative).
QString withBalance(const QString &text, double balance);

void showApiError(const ApiError &error, const QMap<QString, FieldMessage *> &fields,
                  FieldMessage *general);

} // namespace PreviewDeck
