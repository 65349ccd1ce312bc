#pragma once

#include <QByteArray>
#include <QSocketNotifier>
#include <QTcpSocket>
#include <QUrl>

#include <functional>
#include <memory>

// Clients of the gateway that cost this process as little as they can, so that what a benchmark
// measures on this 2-core machine is the gateway: raw HTTP for agents, raw websocket frames for
// consoles.
namespace cs::bench {

// Nanoseconds of CLOCK_REALTIME: the clock the kernel stamps received packets with.
qint64 realtimeNs();

// One agent on a keep-alive connection of its own, one request at a time: each answer is read only
// as far as its status line and length (QNetworkAccessManager took more CPU per request than the
// gateway did, and its own threads added their latency to every request). The gateway closes a
// connection at a quiet moment once it has served its share of requests
// (limits.max_requests_per_connection): the agent connects again, as an HTTP client does, and sends
// again what the closed connection did not answer.
class Agent
{
public:
    using Answered = std::function<void(bool created)>;
    Agent(const QUrl &gateway, Answered answered);
    // Sends `request`, a whole HTTP request; `answered` is called once it is answered.
    void submit(const QByteArray &request);
    bool idle() const { return !m_waiting; }
    int reconnects() const { return m_reconnects; }

private:
    void reconnect();
    void read();

    QUrl m_gateway;
    QTcpSocket m_socket;
    Answered m_answered;
    QByteArray m_sending; // the request in flight, sent again on a new connection
    QByteArray m_buffer;
    int m_reconnects = -1; // the first connection is not one
    bool m_waiting = false;
};

// A console on the feed that reads websocket frames from a socket of its own with recvmsg, each
// message stamped with the time the kernel received its last bytes (SO_TIMESTAMPNS): so
// submit→feed measures the gateway and the loopback, not how long this process took to come round
// to each of 100 consoles and decode their messages.
class FeedReader
{
public:
    using Message = std::function<void(const QByteArray &text, qint64 arrivedNs)>;
    explicit FeedReader(Message onMessage) : m_onMessage(std::move(onMessage)) {}
    ~FeedReader();
    FeedReader(const FeedReader &) = delete;
    FeedReader &operator=(const FeedReader &) = delete;

    // Connects to the feed at `port` of the loopback with `token` and reads from then on; false
    // when the gateway did not take the upgrade within 10 s.
    bool open(quint16 port, const QByteArray &token);
    bool isOpen() const { return m_fd >= 0; }

private:
    void read();
    // Takes in each whole frame of m_buffer; false when the gateway closed the feed.
    bool takeFrames(qint64 arrivedNs);
    void close();

    Message m_onMessage;
    int m_fd = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QByteArray m_buffer;  // bytes of frames not yet whole
    QByteArray m_message; // the fragments of a message so far
};

} // namespace cs::bench
