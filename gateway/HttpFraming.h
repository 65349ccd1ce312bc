#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace cs {

// Follows the bytes of one HTTP/1.1 connection as they arrive, before Qt's parser reads them, and
// says as soon as a request breaks a limit: a Content-Length over the body limit before any of
// the body is read, a chunked body when its count passes the limit, a header block too long or
// with too many fields, and a length with two readings (RFC 9112 §6.3). It keeps only the header
// block being read (bounded by its limit), never a body. A websocket upgrade ends the watch: from
// there on the bytes are frames, which QWebSocket bounds.
class HttpFraming
{
public:
    struct Limits
    {
        qint64 maxBodyBytes = 1024 * 1024;
        int maxHeaderBytes = 16 * 1024; // the request line and every field, with their line ends
        int maxHeaders = 100;
    };
    // Why the connection is refused: the status and code the client is told (docs/protocol.md).
    struct Refusal
    {
        int status = 0;
        QString code;
        QString message;
    };
    enum class Verdict { Continue, Upgraded, Refused };

    explicit HttpFraming(Limits limits) : m_limits(limits) {}

    // The next bytes of the connection, in order. After Refused or Upgraded, further calls return
    // the same verdict and read nothing.
    Verdict feed(QByteArrayView bytes);
    const Refusal &refusal() const { return m_refusal; }

    // Partway through a request: reading its head, or its body.
    bool inHead() const { return m_state == State::Head && !m_head.isEmpty(); }
    bool inBody() const;
    // Requests whose head was read completely.
    int requestCount() const { return m_requests; }

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailer, Upgraded, Refused };

    Verdict refuse(int status, const QString &code, const QString &message);
    // A complete head in m_head: how its body is framed, or a refusal.
    Verdict startBody();
    // Reads one line (up to LF) into m_line; false when the bytes ran out first.
    bool takeLine(QByteArrayView &bytes, qsizetype maxLength, bool *tooLong);

    Limits m_limits;
    State m_state = State::Head;
    QByteArray m_head;      // the head being read
    QByteArray m_line;      // a chunk-size or trailer line being read
    qint64 m_remaining = 0; // of the body (Content-Length) or of the current chunk
    qint64 m_bodySoFar = 0; // of a chunked body
    int m_trailerBytes = 0;
    int m_requests = 0;
    Refusal m_refusal;
};

} // namespace cs
