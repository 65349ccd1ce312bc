#pragma once

#include <QObject>
#include <QSocketNotifier>

#include <memory>

namespace cs {

// Turns SIGHUP into a Qt signal on the event loop's thread: the handler only writes a byte to a
// socket pair, which a QSocketNotifier reads (the one async-signal-safe way into Qt). One per
// process; main() makes it.
class UnixSignals : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignals(QObject *parent = nullptr);
    ~UnixSignals() override;

Q_SIGNALS:
    void hangup();

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace cs
