#pragma once

#include <QString>

#include <functional>

class QMessageBox;
class QWidget;

namespace PreviewDeck {

class CreditBalance;

// Asks before a render spends credits: the exact cost, the balance and what is left after it
// (balance < 0: unknown). Cancel is the default button, so a stray Enter never spends. Opened
// with open(); exactly one of the two callbacks runs when it closes.
QMessageBox *openRenderConfirmation(QWidget *parent, const QString &title, double cost,
                                    double balance, const std::function<void()> &onAccepted,
                                    const std::function<void()> &onCancelled);

// The same, after reading the balance afresh so the dialog can say what will be left. `shown`
// receives the dialog once it is open.
void confirmRenderWithBalance(QWidget *parent, CreditBalance *balance, const QString &title,
                              double cost, const std::function<void(QMessageBox *)> &shown,
                              const std::function<void()> &onAccepted,
                              const std::function<void()> &onCancelled);

} // namespace PreviewDeck
