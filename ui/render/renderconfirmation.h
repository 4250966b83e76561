#pragma once

#include <QString>

#include <functional>

class QMessageBox;
class QWidget;

namespace PreviewDeck {

class CreditBalance;

// What a confirmation before a spend says. The dialog adds the balance and what is left after
// the spend, and disables its accept button when the balance is known to be too low.
struct SpendQuestion
{
    QString title; // the window title
    QString lead; // the first sentence, naming the cost (rich text)
    double cost = 0; // what accepting spends now
    QString acceptText; // the accept button, e.g. "Render for 10 credits"
    QString informativeText; // under the question (rich text)
    QString detailedText; // behind Show Details; empty: none
};

// The one confirmation before anything spends credits: the question, the balance and what is
// left after it (balance < 0: unknown). Cancel is the default button, so a stray Enter never
// spends. Opened with open(); exactly one of the two callbacks runs when it closes.
QMessageBox *openSpendConfirmation(QWidget *parent, const SpendQuestion &question, double balance,
                                   const std::function<void()> &onAccepted,
                                   const std::function<void()> &onCancelled);

// The same, after reading the balance afresh so the dialog can say what will be left. `shown`
// receives the dialog once it is open. Nothing opens (and no callback runs) when `parent` is
// gone by then, or when `stillWanted` (if given) says the question is no longer to be asked.
void confirmSpendWithBalance(QWidget *parent, CreditBalance *balance, const SpendQuestion &question,
                             const std::function<void(QMessageBox *)> &shown,
                             const std::function<void()> &onAccepted,
                             const std::function<void()> &onCancelled,
                             const std::function<bool()> &stillWanted = {});

// One render of one preview: "Rendering costs …", the video downloaded by itself.
SpendQuestion renderQuestion(const QString &title, double cost);

} // namespace PreviewDeck
