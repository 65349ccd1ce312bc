#pragma once

#include "GroupCommit.h"

#include <QByteArray>
#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>

#include <deque>

namespace cs {

// What a refusal (a connection or request over a limit) writes shows nothing of the store: it
// leaves at once, also while other bytes of the connection wait (GatedSocket).
class UngatedWrites
{
public:
    virtual void writeUngated(const QByteArray &bytes) = 0;

protected:
    UngatedWrites() = default;
    ~UngatedWrites() = default;
    UngatedWrites(const UngatedWrites &) = default;
    UngatedWrites &operator=(const UngatedWrites &) = default;
};

// Writes `bytes` past the gate where `socket` has one.
inline void writeUngated(QTcpSocket *socket, const QByteArray &bytes)
{
    if (auto *gated = dynamic_cast<UngatedWrites *>(socket))
        gated->writeUngated(bytes);
    else
        socket->write(bytes);
}

// A connection of the gateway's port that writes nothing before it is durable: bytes written
// while the store has commits not yet on disk (GroupCommit) wait until they are, in order. An
// answer, an event pushed to a console, a snapshot or an audit page may show what those commits
// changed, and no one may hear of a change a crash could still undo. With nothing undurable the
// bytes go straight through. Held bytes count in bytesToWrite(), so a connection holding some is
// not idle, and a console's backlog includes them. Should the store refuse a commit the bytes
// wait for (GroupCommit::abandoned()), they are dropped and the connection closes once what it held
// before them is out: what the client hears next would not follow from what it heard last.
template <typename Socket> class GatedSocket : public Socket, public UngatedWrites
{
public:
    GatedSocket(GroupCommit *gate, QObject *parent) : Socket(parent), m_gate(gate) {}

    qint64 bytesToWrite() const override { return Socket::bytesToWrite() + m_heldBytes; }
    void writeUngated(const QByteArray &bytes) override
    {
        if (m_closing)
            return;
        if (m_held.empty())
            Socket::writeData(bytes.constData(), bytes.size());
        else // still after what the connection wrote before it
            hold(0, bytes);
    }

protected:
    qint64 writeData(const char *data, qint64 size) override
    {
        if (m_closing)
            return size;
        if (!m_gate || (m_held.empty() && m_gate->settled()))
            return Socket::writeData(data, size);
        hold(m_gate->committedCount(), QByteArray(data, size));
        return size;
    }

private:
    struct Held
    {
        quint64 commit; // the bytes wait for this commit to be durable
        QByteArray bytes;
    };

    void hold(quint64 commit, const QByteArray &bytes)
    {
        m_held.push_back({commit, bytes});
        m_heldBytes += bytes.size();
        if (!m_watching && m_gate) {
            m_watching =
                QObject::connect(m_gate, &GroupCommit::durable, this, [this](quint64 count) { release(count); });
            m_watchingAbandoned =
                QObject::connect(m_gate, &GroupCommit::abandoned, this, [this](quint64 count) { abandon(count); });
        }
    }

    void abandon(quint64 commit)
    {
        if (m_held.empty() || m_held.back().commit < commit)
            return;
        while (!m_held.empty() && m_held.back().commit >= commit) {
            m_heldBytes -= m_held.back().bytes.size();
            m_held.pop_back();
        }
        m_closing = true;
        release(m_gate->durableCount());
    }

    void release(quint64 durable)
    {
        bool released = false;
        while (!m_held.empty() && m_held.front().commit <= durable) {
            const QByteArray bytes = std::move(m_held.front().bytes);
            m_held.pop_front();
            m_heldBytes -= bytes.size();
            if (this->state() == QAbstractSocket::ConnectedState) {
                Socket::writeData(bytes.constData(), bytes.size());
                released = true;
            }
        }
        // Out now rather than once the event loop has polled the socket for writing: the bytes
        // already waited for the disk, and a socket that takes them needs no write notifier.
        if (released)
            this->flush();
        if (m_held.empty()) {
            QObject::disconnect(m_watching);
            QObject::disconnect(m_watchingAbandoned);
            m_watching = {};
            m_watchingAbandoned = {};
            if (m_closing)
                this->disconnectFromHost();
        }
    }

    QPointer<GroupCommit> m_gate;
    std::deque<Held> m_held;
    qint64 m_heldBytes = 0;
    QMetaObject::Connection m_watching;
    QMetaObject::Connection m_watchingAbandoned;
    bool m_closing = false; // abandon(): nothing more is written
};

} // namespace cs
