#pragma once

#include <QObject>
#include <QStringList>

class QLocalServer;

namespace cs {

// One console per user: the first one listens on a local socket named after the user's
// configuration directory; a second start hands its countersign:// links (or just "show") to the
// first and exits 0. A notification's Review and a link clicked in a browser take the same path.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    explicit SingleInstance(QObject *parent = nullptr);
    ~SingleInstance() override;

    static QString serverName();

    // Second start: gives `links` to the running console. False when none is running (or it
    // does not answer within a second), and this process should become the console.
    static bool handOff(const QStringList &links);

    // First start: listens for later starts. False (and a warning) when the socket cannot be made.
    bool listen();

Q_SIGNALS:
    // A later start asked to be shown, with its links (perhaps none).
    void activated(const QStringList &links);

private:
    void onConnection();

    QLocalServer *m_server;
};

} // namespace cs
