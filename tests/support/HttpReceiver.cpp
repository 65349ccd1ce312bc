#include "HttpReceiver.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace cs::test {

QJsonObject HttpReceiver::Request::json() const
{
    return QJsonDocument::fromJson(body).object();
}

HttpReceiver::HttpReceiver()
{
    m_server.listen(QHostAddress::LocalHost);
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] { read(socket, *buffer); });
        }
    });
}

QString HttpReceiver::url() const
{
    return u"http://127.0.0.1:%1/hook"_s.arg(m_server.serverPort());
}

void HttpReceiver::read(QTcpSocket *socket, QByteArray &buffer)
{
    buffer += socket->readAll();
    while (true) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        Request request;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length").toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        ++received;
        if (keepRequests)
            requests.append(request);
        if (hang) {
            held.append(socket);
            continue;
        }
        const int status = statuses.isEmpty() ? 200 : statuses.takeFirst();
        socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: 0\r\n\r\n");
    }
}

} // namespace cs::test
