#pragma once

#include "ActionService.h"
#include "PrincipalDirectory.h"

#include <QHash>
#include <QObject>

#include <memory>

class QWebSocket;

namespace cs {

// Serves /v1/feed: the live tail of the event log for consoles. Each websocket is authenticated
// as soon as it opens (Qt 6.4 has no upgrade verifier), then gets hello, a snapshot or exactly
// the events after its since_seq, then every new event. Decisions arrive here as `decide`.
class FeedHub : public QObject
{
    Q_OBJECT
public:
    // A reconnecting console further behind than this gets a fresh snapshot instead of a replay.
    static constexpr qint64 kMaxReplayEvents = 10000;

    FeedHub(ActionService *service, PrincipalDirectory *principals, QString gatewayId, QObject *parent = nullptr);

    void accept(std::unique_ptr<QWebSocket> socket);
    int sessionCount() const { return int(m_sessions.size()); }

private:
    void start(QWebSocket *socket, const Principal &principal);
    // Brings a newly opened feed up to the head (a snapshot, or the events after its since_seq)
    // and adds it to the sessions every event is pushed to.
    void catchUp(QWebSocket *socket, const Principal &principal);
    void sendSnapshot(QWebSocket *socket);
    void replay(QWebSocket *socket, qint64 sinceSeq);
    void onMessage(QWebSocket *socket, const QString &text);
    void onDecide(QWebSocket *socket, const QJsonObject &message);
    void onAudit(QWebSocket *socket, const QJsonObject &message);
    void broadcast(const Event &event);
    static void refuse(QWebSocket *socket, int closeCode, const WireError &error);

    ActionService *m_service;
    PrincipalDirectory *m_principals;
    QString m_gatewayId;
    QHash<QWebSocket *, Principal> m_sessions;
};

} // namespace cs
