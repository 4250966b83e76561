#include "render/renderconfirmation.h"

#include "creditbalance.h"
#include "widgets/formmessages.h"

#include <QMessageBox>
#include <QPushButton>

namespace PreviewDeck {

QMessageBox *openRenderConfirmation(QWidget *parent, const QString &title, double cost,
                                    double balance, const std::function<void()> &onAccepted,
                                    const std::function<void()> &onCancelled)
{
    auto *dialog = new QMessageBox(QMessageBox::Question, title, QString(), QMessageBox::NoButton,
                                   parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QString text = QObject::tr("Rendering costs <b>%1</b>.").arg(creditsText(cost));
    if (balance >= 0) {
        text += QLatin1Char(' ')
                + QObject::tr("Your balance is %1; %2 will be left.")
                          .arg(creditsText(balance), creditsText(balance - cost));
        if (balance < cost)
            text += QLatin1Char(' ')
                    + QObject::tr("That is not enough: top up your credits first.");
    }
    dialog->setText(text);
    dialog->setInformativeText(
            QObject::tr("The finished video is downloaded to your video folder by itself."));
    QPushButton *render = dialog->addButton(QObject::tr("Render for %1").arg(creditsText(cost)),
                                            QMessageBox::AcceptRole);
    dialog->addButton(QMessageBox::Cancel);
    dialog->setDefaultButton(QMessageBox::Cancel);
    render->setEnabled(balance < 0 || balance >= cost);
    QObject::connect(dialog, &QMessageBox::finished, dialog,
                     [dialog, render, onAccepted, onCancelled] {
                         if (dialog->clickedButton() == render)
                             onAccepted();
                         else
                             onCancelled();
                     });
    dialog->open();
    return dialog;
}

void confirmRenderWithBalance(QWidget *parent, CreditBalance *balance, const QString &title,
                              double cost, const std::function<void(QMessageBox *)> &shown,
                              const std::function<void()> &onAccepted,
                              const std::function<void()> &onCancelled)
{
    balance->refreshThen(parent,
                         [parent, title, cost, shown, onAccepted, onCancelled](double remaining) {
                             shown(openRenderConfirmation(parent, title, cost, remaining,
                                                          onAccepted, onCancelled));
                         });
}

} // namespace PreviewDeck
