#pragma once

#include <QObject>

#include <functional>

namespace PreviewDeck {

class ApiClient;

// The workspace's remaining credits, read from the API when asked and after every spend, so
// that every view shows the same figure and none keeps its own copy.
class CreditBalance : public QObject
{
    Q_OBJECT
public:
    explicit CreditBalance(ApiClient *client, QObject *parent = nullptr);

    // The last figure read; -1 until one was read.
    double value() const { return m_value; }
    void refresh();
    // Reads a fresh figure and then calls `then` with it (-1 when it could not be read), e.g. to
    // say in a confirmation what will be left.
    void refreshThen(QObject *context, const std::function<void(double)> &then);

Q_SIGNALS:
    void changed(double value);

private:
    ApiClient *m_client;
    double m_value = -1;
};

} // namespace PreviewDeck
