#pragma once

#include <functional>

class QWidget;

namespace PreviewDeck {

// Runs `action` once, from the event loop, after `window` has painted for the first time: the
// moment the user can see it and use it.
void runAfterFirstPaint(QWidget *window, std::function<void()> action);

} // namespace PreviewDeck
