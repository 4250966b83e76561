#include "render/renderconfirmation.h"

#include "creditbalance.h"
#include "widgets/formmessages.h"

#include <QMessageBox>
#include <QPushButton>

namespace PreviewDeck {

QMessageBox *openSpendConfirmation(QWidget *parent, const SpendQuestion &question, double balance,
                                   const std::function<void()> &onAccepted,
                                   const std::function<void()> &onCancelled)
{
    auto *dialog = new QMessageBox(QMessageBox::Question, question.title, QString(),
                                   QMessageBox::NoButton, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QString text = question.lead;
    if (balance >= 0) {
        text += QLatin1Char(' ')
                + QObject::tr("Your balance is %1; %2 will be left.")
                          .arg(creditsText(balance), creditsText(balance - question.cost));
        if (balance < question.cost)
            text += QLatin1Char(' ')
                    + QObject::tr("That is not enough: top up your credits first.");
    }
    dialog->setText(text);
    dialog->setInformativeText(question.informativeText);
    if (!question.detailedText.isEmpty())
        dialog->setDetailedText(question.detailedText);
    QPushButton *accept = dialog->addButton(question.acceptText, QMessageBox::AcceptRole);
    dialog->addButton(QMessageBox::Cancel);
    dialog->setDefaultButton(QMessageBox::Cancel);
    accept->setEnabled(balance < 0 || balance >= question.cost);
    QObject::connect(dialog, &QMessageBox::finished, dialog,
                     [dialog, accept, onAccepted, onCancelled] {
                         if (dialog->clickedButton() == accept)
                             onAccepted();
                         else
                             onCancelled();
                     });
    dialog->open();
    return dialog;
}

void confirmSpendWithBalance(QWidget *parent, CreditBalance *balance, const SpendQuestion &question,
                             const std::function<void(QMessageBox *)> &shown,
                             const std::function<void()> &onAccepted,
                             const std::function<void()> &onCancelled,
                             const std::function<bool()> &stillWanted)
{
    balance->refreshThen(parent, [=](double remaining) {
        if (!stillWanted || stillWanted())
            shown(openSpendConfirmation(parent, question, remaining, onAccepted, onCancelled));
    });
}

SpendQuestion renderQuestion(const QString &title, double cost)
{
    SpendQuestion question;
    question.title = title;
    question.lead = QObject::tr("Rendering costs <b>%1</b>.").arg(creditsText(cost));
    question.cost = cost;
    question.acceptText = QObject::tr("Render for %1").arg(creditsText(cost));
    question.informativeText = QObject::tr(
            "The finished video is downloaded to your video folder by itself.");
    return question;
}

} // namespace PreviewDeck
