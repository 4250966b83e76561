#include "window/firstpaint.h"

#include <QEvent>
#include <QTimer>
#include <QWidget>

namespace PreviewDeck {

namespace {

class FirstPaintWatcher : public QObject
{
public:
    FirstPaintWatcher(QWidget *window, std::function<void()> action)
        : QObject(window), m_action(std::move(action))
    {
        window->installEventFilter(this);
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            watched->removeEventFilter(this);
            // After this paint is flushed to the screen.
            QTimer::singleShot(0, parent(), std::move(m_action));
            deleteLater();
        }
        return false;
    }

private:
    std::function<void()> m_action;
};

} // namespace

void runAfterFirstPaint(QWidget *window, std::function<void()> action)
{
    new FirstPaintWatcher(window, std::move(action));
}

} // namespace PreviewDeck
