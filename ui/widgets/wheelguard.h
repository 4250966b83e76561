#pragma once

#include <QObject>

namespace PreviewDeck {

// Keeps the mouse wheel from changing combo boxes and spin boxes that do not have focus: a user
// scrolling a form must not silently switch the language or double the length (and the cost).
// The wheel then scrolls whatever holds the field. Installed once on the application.
class WheelGuard : public QObject
{
    Q_OBJECT
public:
    static void install();

    static bool isValueField(const QWidget *widget);
    void takeWheelFocusFrom(QWidget *widget);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    using QObject::QObject;
};

} // namespace PreviewDeck
