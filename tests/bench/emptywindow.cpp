// The reference for bench_startup: an empty QMainWindow, built like previewdeck, that reports
// when it takes input the way previewdeck does with PREVIEWDECK_REPORT_READY: from the event
// loop, once the window has painted for the first time (ui/firstpaint.cpp).

#include <QApplication>
#include <QEvent>
#include <QMainWindow>
#include <QTimer>

#include <cstdio>

namespace {

class FirstPaintReporter : public QObject
{
public:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            watched->removeEventFilter(this);
            QTimer::singleShot(0, this, [] {
                fputs("ready\n", stdout);
                fflush(stdout);
            });
        }
        return false;
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QMainWindow window;
    FirstPaintReporter reporter;
    window.installEventFilter(&reporter);
    window.resize(1280, 820);
    window.show();
    return app.exec();
}
