#pragma once

class QWebEngineProfile;

namespace PreviewDeck {

// The one web profile every preview tile shares (one cache, one cookie jar, one set of
// policies). Created on first use, owned by the application.
QWebEngineProfile *sharedPreviewProfile();

} // namespace PreviewDeck
