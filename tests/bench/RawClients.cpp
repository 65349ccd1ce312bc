#include "RawClients.h"

#include <QtEndian>

#include <arpa/inet.h>
#include <cerrno>
#include <ctime>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cs::bench {

qint64 realtimeNs()
{
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

Agent::Agent(const QUrl &gateway, Answered answered) : m_gateway(gateway), m_answered(std::move(answered))
{
    QObject::connect(&m_socket, &QTcpSocket::connected, &m_socket, [this] {
        if (m_waiting)
            m_socket.write(m_sending);
    });
    QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { read(); });
    QObject::connect(&m_socket, &QTcpSocket::disconnected, &m_socket, [this] {
        if (m_waiting)
            reconnect();
    });
    reconnect();
}

void Agent::submit(const QByteArray &request)
{
    m_waiting = true;
    m_sending = request;
    if (m_socket.state() == QAbstractSocket::ConnectedState)
        m_socket.write(m_sending);
    else
        reconnect();
}

void Agent::reconnect()
{
    if (m_socket.state() != QAbstractSocket::UnconnectedState)
        return;
    m_buffer.clear();
    m_socket.connectToHost(m_gateway.host(), quint16(m_gateway.port()));
    ++m_reconnects;
}

void Agent::read()
{
    m_buffer += m_socket.readAll();
    for (;;) {
        const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QByteArray header = m_buffer.left(headerEnd).toLower();
        const qsizetype length = header.indexOf("content-length:");
        const qsizetype bodyBytes =
            length < 0 ? 0 : header.mid(length + 15, header.indexOf('\r', length) - length - 15).trimmed().toLongLong();
        if (m_buffer.size() < headerEnd + 4 + bodyBytes)
            return;
        const bool created = m_buffer.startsWith("HTTP/1.1 201");
        m_buffer.remove(0, headerEnd + 4 + bodyBytes);
        m_waiting = false;
        m_answered(created); // may submit the next request
    }
}

FeedReader::~FeedReader()
{
    close();
}

bool FeedReader::open(quint16 port, const QByteArray &token)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int one = 1;
    const timeval patience{10, 0};
    setsockopt(m_fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one);
    setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
    setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        close();
        return false;
    }
    const QByteArray upgrade = "GET /v1/feed HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
                               "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                               "Sec-WebSocket-Key: Y291bnRlcnNpZ24tYmVuY2g=\r\nAuthorization: Bearer " +
                               token + "\r\n\r\n";
    if (::send(m_fd, upgrade.constData(), size_t(upgrade.size()), MSG_NOSIGNAL) != upgrade.size()) {
        close();
        return false;
    }
    // The answer's head, read blocking (loopback, bounded by SO_RCVTIMEO).
    qsizetype headEnd = -1;
    while (headEnd < 0) {
        char chunk[4096];
        const ssize_t got = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (got <= 0) {
            close();
            return false;
        }
        m_buffer.append(chunk, got);
        headEnd = m_buffer.indexOf("\r\n\r\n");
    }
    if (!m_buffer.startsWith("HTTP/1.1 101")) {
        close();
        return false;
    }
    m_buffer.remove(0, headEnd + 4);
    fcntl(m_fd, F_SETFL, fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [this] { read(); });
    return takeFrames(realtimeNs());
}

void FeedReader::read()
{
    for (;;) {
        char chunk[65536];
        iovec vector{chunk, sizeof chunk};
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
        msghdr header{};
        header.msg_iov = &vector;
        header.msg_iovlen = 1;
        header.msg_control = control;
        header.msg_controllen = sizeof control;
        const ssize_t got = ::recvmsg(m_fd, &header, MSG_DONTWAIT);
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
            return;
        if (got <= 0)
            return close();
        qint64 arrivedNs = realtimeNs(); // should the kernel give no stamp
        for (cmsghdr *message = CMSG_FIRSTHDR(&header); message; message = CMSG_NXTHDR(&header, message)) {
            if (message->cmsg_level == SOL_SOCKET && message->cmsg_type == SCM_TIMESTAMPNS) {
                timespec stamp{};
                memcpy(&stamp, CMSG_DATA(message), sizeof stamp);
                arrivedNs = qint64(stamp.tv_sec) * 1'000'000'000 + stamp.tv_nsec;
            }
        }
        m_buffer.append(chunk, got);
        if (!takeFrames(arrivedNs))
            return close();
    }
}

bool FeedReader::takeFrames(qint64 arrivedNs)
{
    qsizetype at = 0;
    const auto *bytes = reinterpret_cast<const uchar *>(m_buffer.constData());
    bool open = true;
    while (open && m_buffer.size() - at >= 2) {
        const uchar first = bytes[at];
        const uchar second = bytes[at + 1];
        quint64 length = second & 0x7f;
        qsizetype head = 2;
        if (length == 126) {
            if (m_buffer.size() - at < 4)
                break;
            length = qFromBigEndian<quint16>(bytes + at + 2);
            head = 4;
        } else if (length == 127) {
            if (m_buffer.size() - at < 10)
                break;
            length = qFromBigEndian<quint64>(bytes + at + 2);
            head = 10;
        }
        if (second & 0x80)
            head += 4; // masked: a gateway never masks, but a frame's length says where the next starts
        if (quint64(m_buffer.size() - at - head) < length)
            break;
        const QByteArray payload = m_buffer.mid(at + head, qsizetype(length));
        at += head + qsizetype(length);
        switch (first & 0x0f) {
        case 0x0: // continuation
        case 0x1: // text
        case 0x2: // binary
            m_message += payload;
            if (first & 0x80) {
                m_onMessage(m_message, arrivedNs);
                m_message.clear();
            }
            break;
        case 0x8: // close
            open = false;
            break;
        case 0x9: { // ping: a pong with the same payload, masked (all-zero key) as a client's must be
            QByteArray pong = QByteArray("\x8a") + char(0x80 | payload.size()) + QByteArray(4, '\0') + payload;
            ::send(m_fd, pong.constData(), size_t(pong.size()), MSG_NOSIGNAL);
            break;
        }
        default:
            break;
        }
    }
    m_buffer.remove(0, at);
    return open;
}

void FeedReader::close()
{
    if (m_notifier) { // perhaps in its own signal: it goes once that returns
        m_notifier->setEnabled(false);
        m_notifier.release()->deleteLater();
    }
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

} // namespace cs::bench
