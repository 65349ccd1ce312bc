#include "SingleInstance.h"

#include "util/Log.h"

#include <QCryptographicHash>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

constexpr int kHandOffTimeoutMs = 1000;
constexpr QByteArrayView kShow = "show";

} // namespace

SingleInstance::SingleInstance(QObject *parent) : QObject(parent), m_server(new QLocalServer(this))
{
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onConnection);
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::serverName()
{
    // Per user and per configuration: two test HOMEs (or two users) never meet.
    const QByteArray config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation).toUtf8();
    return u"countersign-"_s +
           QString::fromLatin1(QCryptographicHash::hash(config, QCryptographicHash::Sha256).toHex().left(16));
}

bool SingleInstance::handOff(const QStringList &links)
{
    QLocalSocket socket;
    socket.connectToServer(serverName());
    // Before the console exists: a short blocking wait here holds up nothing else.
    if (!socket.waitForConnected(kHandOffTimeoutMs))
        return false;
    QByteArray message = kShow.toByteArray() + '\n';
    for (const QString &link : links)
        message += link.toUtf8() + '\n';
    socket.write(message);
    socket.disconnectFromServer();
    return socket.state() == QLocalSocket::UnconnectedState || socket.waitForDisconnected(kHandOffTimeoutMs);
}

bool SingleInstance::listen()
{
    if (m_server->listen(serverName()))
        return true;
    // A console that crashed leaves its socket behind: nobody answered handOff(), so take it over.
    QLocalServer::removeServer(serverName());
    if (m_server->listen(serverName()))
        return true;
    qCWarning(lcClient) << "single instance: cannot listen on" << serverName() << m_server->errorString();
    return false;
}

void SingleInstance::onConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readChannelFinished, this, [this, socket] {
            const QList<QByteArray> lines = socket->readAll().split('\n');
            if (lines.isEmpty() || lines.first() != kShow)
                return;
            QStringList links;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                if (!lines.at(i).isEmpty() && lines.at(i).size() < 4096)
                    links.append(QString::fromUtf8(lines.at(i)));
            }
            Q_EMIT activated(links);
        });
    }
}

} // namespace cs
