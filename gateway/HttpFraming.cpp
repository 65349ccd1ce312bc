#include "HttpFraming.h"

#include "wire/WireError.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

constexpr qsizetype kMaxChunkLine = 1024; // a chunk size with its extensions

bool isLineEnd(QByteArrayView head, qsizetype from, qsizetype *end)
{
    // The head ends at an empty line: CRLF CRLF, or bare LFs as lenient parsers take them.
    for (qsizetype i = std::max<qsizetype>(from, 1); i < head.size(); ++i) {
        if (head[i] != '\n')
            continue;
        if (head[i - 1] == '\n' || (i >= 2 && head[i - 1] == '\r' && head[i - 2] == '\n')) {
            *end = i + 1;
            return true;
        }
    }
    return false;
}

} // namespace

bool HttpFraming::inBody() const
{
    return m_state == State::Body || m_state == State::ChunkSize || m_state == State::ChunkData ||
           m_state == State::ChunkDataEnd || m_state == State::Trailer;
}

HttpFraming::Verdict HttpFraming::refuse(int status, const QString &code, const QString &message)
{
    m_state = State::Refused;
    m_refusal = {status, code, message};
    m_head.clear();
    m_line.clear();
    return Verdict::Refused;
}

bool HttpFraming::takeLine(QByteArrayView &bytes, qsizetype maxLength, bool *tooLong)
{
    const qsizetype newline = bytes.indexOf('\n');
    const qsizetype take = newline < 0 ? bytes.size() : newline + 1;
    if (m_line.size() + take > maxLength) {
        *tooLong = true;
        return false;
    }
    m_line.append(bytes.first(take));
    bytes = bytes.sliced(take);
    return newline >= 0;
}

HttpFraming::Verdict HttpFraming::feed(QByteArrayView bytes)
{
    while (!bytes.isEmpty()) {
        switch (m_state) {
        case State::Refused:
            return Verdict::Refused;
        case State::Upgraded:
            return Verdict::Upgraded;
        case State::Head: {
            // Empty lines before a request line are allowed (RFC 9112 §2.2).
            while (m_head.isEmpty() && !bytes.isEmpty() && (bytes.front() == '\r' || bytes.front() == '\n'))
                bytes = bytes.sliced(1);
            if (bytes.isEmpty())
                break;
            const qsizetype before = m_head.size();
            const qsizetype room = m_limits.maxHeaderBytes + 1 - before;
            m_head.append(bytes.first(std::min(room, bytes.size())));
            qsizetype end = 0;
            if (!isLineEnd(m_head, std::max<qsizetype>(0, before - 3), &end)) {
                if (m_head.size() > m_limits.maxHeaderBytes) {
                    return refuse(
                        431, ErrorCode::HeadersTooLarge,
                        u"The request's header block is larger than %1 bytes."_s.arg(m_limits.maxHeaderBytes));
                }
                bytes = {};
                break;
            }
            bytes = bytes.sliced(end - before);
            m_head.truncate(end);
            const Verdict verdict = startBody();
            m_head.clear();
            if (verdict != Verdict::Continue)
                return verdict;
            break;
        }
        case State::Body: {
            const qint64 take = std::min<qint64>(m_remaining, bytes.size());
            m_remaining -= take;
            bytes = bytes.sliced(take);
            if (m_remaining == 0)
                m_state = State::Head;
            break;
        }
        case State::ChunkSize: {
            bool tooLong = false;
            if (!takeLine(bytes, kMaxChunkLine, &tooLong)) {
                if (tooLong)
                    return refuse(400, ErrorCode::MalformedRequest, u"A chunk-size line is too long."_s);
                break;
            }
            QByteArrayView size = QByteArrayView(m_line).trimmed();
            if (const qsizetype extension = size.indexOf(';'); extension >= 0)
                size = size.first(extension).trimmed();
            bool ok = !size.isEmpty() && size.size() <= 15;
            const qint64 length = ok ? size.toLongLong(&ok, 16) : -1;
            m_line.clear();
            if (!ok || length < 0)
                return refuse(400, ErrorCode::MalformedRequest, u"A chunk size is not a hexadecimal number."_s);
            if (m_bodySoFar + length > m_limits.maxBodyBytes) {
                return refuse(413, ErrorCode::PayloadTooLarge,
                              u"The request body is larger than %1 bytes."_s.arg(m_limits.maxBodyBytes));
            }
            m_bodySoFar += length;
            m_remaining = length;
            m_state = length == 0 ? State::Trailer : State::ChunkData;
            m_trailerBytes = 0;
            break;
        }
        case State::ChunkData: {
            const qint64 take = std::min<qint64>(m_remaining, bytes.size());
            m_remaining -= take;
            bytes = bytes.sliced(take);
            if (m_remaining == 0)
                m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd: {
            bool tooLong = false;
            if (!takeLine(bytes, 2, &tooLong)) {
                if (tooLong)
                    return refuse(400, ErrorCode::MalformedRequest, u"A chunk's data is longer than its size."_s);
                break;
            }
            const bool empty = QByteArrayView(m_line).trimmed().isEmpty();
            m_line.clear();
            if (!empty)
                return refuse(400, ErrorCode::MalformedRequest, u"A chunk's data is longer than its size."_s);
            m_state = State::ChunkSize;
            break;
        }
        case State::Trailer: {
            bool tooLong = false;
            const bool complete = takeLine(bytes, m_limits.maxHeaderBytes - m_trailerBytes, &tooLong);
            if (tooLong) {
                return refuse(431, ErrorCode::HeadersTooLarge,
                              u"The request's trailer is larger than %1 bytes."_s.arg(m_limits.maxHeaderBytes));
            }
            if (!complete)
                break;
            m_trailerBytes += int(m_line.size());
            const bool last = QByteArrayView(m_line).trimmed().isEmpty();
            m_line.clear();
            if (last)
                m_state = State::Head;
            break;
        }
        }
    }
    if (m_state == State::Refused)
        return Verdict::Refused;
    return m_state == State::Upgraded ? Verdict::Upgraded : Verdict::Continue;
}

HttpFraming::Verdict HttpFraming::startBody()
{
    ++m_requests;
    const QList<QByteArray> lines = m_head.split('\n');
    const QByteArray requestLine = lines.first().trimmed();
    QList<QByteArray> lengths;
    QByteArray transferEncoding;
    bool upgrade = false;
    int fields = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        if (QByteArrayView(line).trimmed().isEmpty())
            continue;
        if (line.front() == ' ' || line.front() == '\t') // obsolete line folding (RFC 9112 §5.2)
            return refuse(400, ErrorCode::MalformedRequest, u"A header field is folded over two lines."_s);
        if (++fields > m_limits.maxHeaders) {
            return refuse(431, ErrorCode::HeadersTooLarge,
                          u"The request has more than %1 header fields."_s.arg(m_limits.maxHeaders));
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return refuse(400, ErrorCode::MalformedRequest, u"A header line has no field name."_s);
        const QByteArray name = line.first(colon).toLower();
        const QByteArray value = line.sliced(colon + 1).trimmed();
        if (name == "content-length")
            lengths.append(value);
        else if (name == "transfer-encoding")
            transferEncoding += (transferEncoding.isEmpty() ? "" : ",") + value.toLower();
        else if (name == "upgrade" && value.toLower().contains("websocket"))
            upgrade = true;
    }
    if (!transferEncoding.isEmpty() && !lengths.isEmpty()) {
        return refuse(400, ErrorCode::AmbiguousLength,
                      u"The request has both Content-Length and Transfer-Encoding; its length is ambiguous."_s);
    }
    if (lengths.size() > 1)
        return refuse(400, ErrorCode::AmbiguousLength, u"The request has more than one Content-Length."_s);
    if (!transferEncoding.isEmpty()) {
        if (!transferEncoding.endsWith("chunked") || transferEncoding.count("chunked") != 1) {
            return refuse(400, ErrorCode::MalformedRequest,
                          u"A request's Transfer-Encoding must end with chunked, once."_s);
        }
        m_bodySoFar = 0;
        m_state = State::ChunkSize;
        return Verdict::Continue;
    }
    if (!lengths.isEmpty()) {
        const QByteArray &text = lengths.first();
        bool ok = !text.isEmpty() && text.size() <= 18 &&
                  std::all_of(text.cbegin(), text.cend(), [](char c) { return c >= '0' && c <= '9'; });
        const qint64 length = ok ? text.toLongLong(&ok) : -1;
        if (!ok)
            return refuse(400, ErrorCode::MalformedRequest, u"The Content-Length is not a whole number."_s);
        if (length > m_limits.maxBodyBytes) {
            return refuse(413, ErrorCode::PayloadTooLarge,
                          u"The request body is larger than %1 bytes."_s.arg(m_limits.maxBodyBytes));
        }
        m_remaining = length;
        m_state = length > 0 ? State::Body : State::Head;
        return Verdict::Continue;
    }
    // A websocket handshake: a GET without a body, after which the connection carries frames.
    if (upgrade && requestLine.startsWith("GET ")) {
        m_state = State::Upgraded;
        return Verdict::Upgraded;
    }
    m_state = State::Head;
    return Verdict::Continue;
}

} // namespace cs
