#include "widgets/wheelguard.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QEvent>

namespace PreviewDeck {

void WheelGuard::install()
{
    static WheelGuard *guard = nullptr;
    if (guard || !qApp)
        return;
    guard = new WheelGuard(qApp);
    qApp->installEventFilter(guard);
    // Fields polished before the guard was there (a size hint polishes early) are set now.
    const QWidgetList widgets = QApplication::allWidgets();
    for (QWidget *widget : widgets)
        guard->takeWheelFocusFrom(widget);
}

void WheelGuard::takeWheelFocusFrom(QWidget *widget)
{
    if (isValueField(widget) && (widget->focusPolicy() & Qt::WheelFocus) == Qt::WheelFocus)
        widget->setFocusPolicy(Qt::StrongFocus);
}

bool WheelGuard::isValueField(const QWidget *widget)
{
    return qobject_cast<const QComboBox *>(widget)
            || qobject_cast<const QAbstractSpinBox *>(widget);
}

bool WheelGuard::eventFilter(QObject *watched, QEvent *event)
{
    if (!watched->isWidgetType())
        return false;
    auto *widget = static_cast<QWidget *>(watched);
    // Combo and spin boxes take focus from the wheel by default (Qt::WheelFocus), before any
    // filter sees the wheel event: a click or Tab must be what gives them focus.
    if (event->type() == QEvent::Polish) {
        takeWheelFocusFrom(widget);
        return false;
    }
    if (event->type() != QEvent::Wheel || !isValueField(widget) || widget->hasFocus())
        return false;
    // Ignored, the event travels on to the parent (the scroll area) as if the field were not there.
    event->ignore();
    return true;
}

} // namespace PreviewDeck
