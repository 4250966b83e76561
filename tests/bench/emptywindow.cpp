// The reference for bench_startup: an empty QMainWindow, built like previewdeck, that reports
// when it takes input, the same way previewdeck does with PREVIEWDECK_REPORT_READY.

#include <QApplication>
#include <QMainWindow>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.resize(1280, 820);
    window.show();
    QTimer::singleShot(0, &window, [] {
        fputs("ready\n", stdout);
        fflush(stdout);
    });
    return app.exec();
}
