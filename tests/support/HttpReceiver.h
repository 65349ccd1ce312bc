#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace cs::test {

// A small HTTP receiver on loopback for webhook tests and the benchmark: records each request and
// answers with the next scripted status (200 when the script is empty), or holds the request
// unanswered while `hang` is set.
class HttpReceiver : public QObject
{
public:
    struct Request
    {
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
        QJsonObject json() const;
    };

    HttpReceiver();

    QString url() const;

    QList<Request> requests;
    QList<int> statuses;
    bool hang = false;
    QList<QPointer<QTcpSocket>> held;
    bool keepRequests = true; // false: count only (the benchmark)
    int received = 0;

private:
    void read(QTcpSocket *socket, QByteArray &buffer);

    QTcpServer m_server;
};

} // namespace cs::test
