#include "widgets/formmessages.h"

#include "apierror.h"
#include "spendguard.h"

#include <QApplication>

namespace PreviewDeck {

namespace {
QString colorFor(const QPalette &palette, bool error)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    if (error)
        return dark ? QStringLiteral("#ff8a80") : QStringLiteral("#b3261e");
    return palette.color(QPalette::PlaceholderText).name();
}

// The style's colours for a label, not the label's own: its style sheet reaches every colour
// role, so an information read after an error would take the error's red.
QPalette stylePalette(const QWidget *label)
{
    return QApplication::palette(label);
}
} // namespace

FieldMessage::FieldMessage(QWidget *parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

void FieldMessage::showError(const QString &text)
{
    m_error = true;
    setStyleSheet(QStringLiteral("color: %1;").arg(colorFor(stylePalette(this), true)));
    setText(text);
    setVisible(!text.isEmpty());
}

void FieldMessage::showInfo(const QString &text)
{
    m_error = false;
    setStyleSheet(QStringLiteral("color: %1;").arg(colorFor(stylePalette(this), false)));
    setText(text);
    setVisible(!text.isEmpty());
}

void FieldMessage::clearMessage()
{
    if (m_countdown)
        m_countdown->stop();
    clear();
    hide();
}

void FieldMessage::showCountdown(int seconds)
{
    if (!m_countdown) {
        m_countdown = new QTimer(this);
        m_countdown->setInterval(1000);
        connect(m_countdown, &QTimer::timeout, this, [this] {
            if (--m_secondsLeft <= 0) {
                m_countdown->stop();
                showInfo(tr("Sending again…"));
                return;
            }
            showInfo(ApiError::waitMessage(m_secondsLeft));
        });
    }
    m_secondsLeft = seconds;
    showInfo(ApiError::waitMessage(seconds));
    m_countdown->start();
}

void showWaitsOf(SpendOperation *operation, FieldMessage *message)
{
    QObject::connect(operation, &SpendOperation::waiting, message,
                     [message](int seconds, const QString &) { message->showCountdown(seconds); });
    QObject::connect(operation, &SpendOperation::finished, message, [message] {
        // The wait is over either way; whatever the outcome says replaces the countdown.
        message->clearMessage();
    });
}

QString creditsText(double credits)
{
    const QString number = QString::number(credits, 'g', 8);
    return qFuzzyCompare(credits, 1.0) ? QObject::tr("1 credit")
                                       : QObject::tr("%1 credits").arg(number);
}

QString asSentence(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || QStringLiteral(".!?…").contains(trimmed.back()))
        return trimmed;
    return trimmed + QLatin1Char('.');
}

QString withBalance(const QString &text, double balance)
{
    if (balance < 0)
        return text;
    return asSentence(text) + QLatin1Char(' ')
            + FieldMessage::tr("Your balance: %1.").arg(creditsText(balance));
}

void showApiError(const ApiError &error, const QMap<QString, FieldMessage *> &fields,
                  FieldMessage *general)
{
    for (FieldMessage *label : fields)
        label->clearMessage();
    bool placed = false;
    for (auto it = error.fieldErrors.cbegin(); it != error.fieldErrors.cend(); ++it) {
        if (FieldMessage *label = fields.value(it.key())) {
            label->showError(it.value().join(QLatin1Char(' ')));
            placed = true;
        }
    }
    if (placed && error.messages.isEmpty() && error.kind == ApiError::Kind::Validation) {
        general->showError(QObject::tr("Please correct the fields marked above."));
        return;
    }
    general->showError(error.message());
}

} // namespace PreviewDeck
