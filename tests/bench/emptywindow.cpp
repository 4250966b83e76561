// The reference for bench_startup: an empty QMainWindow, built like previewdeck, that reports
// when it takes input the way previewdeck does with PREVIEWDECK_REPORT_READY: from the event
// loop, once the window has painted for the first time (ui/firstpaint.cpp).
// With --form it shows the least a real window has (a menu, a label, a line edit, a button, a
// status message): what any window with text costs over an empty one.

#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QStatusBar>
#include <QVBoxLayout>
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
    if (app.arguments().contains(QStringLiteral("--form"))) {
        window.menuBar()->addMenu(QStringLiteral("&File"))->addAction(QStringLiteral("&Quit"));
        auto *central = new QWidget;
        auto *layout = new QVBoxLayout(central);
        layout->addWidget(new QLabel(QStringLiteral("Product address")));
        auto *address = new QLineEdit;
        address->setClearButtonEnabled(true);
        layout->addWidget(address);
        layout->addWidget(new QPushButton(QStringLiteral("Read product")));
        layout->addStretch();
        window.setCentralWidget(central);
        window.statusBar()->showMessage(QStringLiteral("Ready"));
    }
    FirstPaintReporter reporter;
    window.installEventFilter(&reporter);
    window.resize(1280, 820);
    window.show();
    return app.exec();
}
