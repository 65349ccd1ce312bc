#pragma once

#include <QObject>
#include <QSocketNotifier>

#include <memory>

namespace cs {

// Turns SIGHUP, SIGTERM and SIGINT into Qt signals on the event loop's thread: the handler only
// writes the signal's number as a byte to a socket pair, which a QSocketNotifier reads (the one
// async-signal-safe way into Qt). One per process; main() makes it.
class UnixSignals : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignals(QObject *parent = nullptr);
    ~UnixSignals() override;

Q_SIGNALS:
    void hangup();
    // SIGTERM (systemd stopping the service) or SIGINT (Ctrl+C).
    void terminate();

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace cs
