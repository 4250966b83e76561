#pragma once

#include <QString>

class QWebEngineScript;

namespace PreviewDeck {

// The scripts the grid runs in preview pages. They all run in QWebEngineScript::ApplicationWorld:
// the page sees the same DOM, but not our variables, and cannot call or fake them.
namespace PageScripts {

// Injected into every preview page at document creation (the shared profile): removes
// `autoplay` from video and audio elements as the parser adds them, and pauses any playback
// that neither the viewer (a click in the page) nor PreviewDeck (apply()) started. Defines
// window.__previewDeck for the calls below.
QWebEngineScript mediaGuard();

// Plays or pauses every video and audio element; `muted` 0 / 1 sets muted, -1 leaves it;
// `restart` seeks to 0 first. Answers like state().
QString apply(bool play, int muted, bool restart);
// {media: count, playing: count not paused, muted: count muted, ready: every video has had a frame
// presented, box: [left, top, right, bottom] of the largest video}, or null before the guard ran.
QString state();
// [scrollWidth, clientWidth, innerWidth, clientHeight, top, bottom of the largest video (-1:
// none)] of the main document, in CSS pixels.
QString measure();

} // namespace PageScripts

} // namespace PreviewDeck
