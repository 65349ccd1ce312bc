#pragma once

#include "ActionService.h"
#include "AuditPages.h"
#include "PrincipalDirectory.h"
#include "Refusals.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

class QWebSocket;

namespace cs {

// Serves /v1/feed: the live tail of the event log for consoles. Each websocket is authenticated
// as soon as it opens (Qt 6.4 has no upgrade verifier), then gets hello, a snapshot or exactly
// the events after its since_seq, then every new event. Decisions arrive here as `decide`.
// Each socket is bounded: frames and messages in (FeedLimits), messages per second, one audit page
// in flight, and the unread messages out (a console that stops reading is dropped).
class FeedHub : public QObject
{
    Q_OBJECT
public:
    // A reconnecting console further behind than this gets a fresh snapshot instead of a replay.
    static constexpr qint64 kMaxReplayEvents = 10000;
    // A snapshot is sent in pages of this many actions, one page per turn of the event loop
    // while the console reads them, so that others are served between pages.
    static constexpr qsizetype kSnapshotPage = 1000;

    FeedHub(ActionService *service, PrincipalDirectory *principals, AuditPages *auditPages, Refusals *refusals,
            QString gatewayId, FeedLimits limits = {}, QObject *parent = nullptr);

    void accept(std::unique_ptr<QWebSocket> socket);
    // Closes every feed with "going away": the gateway is stopping, consoles reconnect.
    void closeAll();
    int sessionCount() const { return int(m_sessions.size()); }
    // A replica that cannot reach its store cannot tell what the others append: while it is out
    // of reach every feed is closed with close code 4503 and new ones are refused, so
    // consoles reconnect, behind a load balancer to another replica.
    void setStoreReachable(bool reachable);
    // Where the verified client certificate of a connection is known (mutual TLS).
    void setClientNames(std::function<QString(const QHostAddress &, quint16)> names)
    {
        m_clientNames = std::move(names);
    }

private:
    // The pending actions as of `seq`, sent a page at a time.
    struct SnapshotInFlight
    {
        qint64 seq = 0;
        QList<QByteArray> texts;
        qsizetype next = 0;
        bool scheduled = false; // the next page is due on the next turn of the event loop
    };
    struct Session
    {
        Principal principal;
        bool live = false;     // caught up: every new event is pushed to it
        qint64 sentSeq = 0;    // the last event it has (in its snapshot, replayed or pushed)
        double allowance = 0;  // messages it may send now (a token bucket)
        qint64 refilledAt = 0; // ms on m_clock
        int refusedInARow = 0;
        bool buildingAudit = false; // AuditPages builds a page for it
        QJsonObject pendingAudit;   // an audit request waiting for the previous page to be built and read
        std::optional<SnapshotInFlight> snapshot;
    };
    // Sends a message, or drops a console whose unread messages passed the bound (it reconnects
    // and resumes from its last seq).
    void send(QWebSocket *socket, const QString &message);
    // Whether the console may send another message now.
    bool allow(QWebSocket *socket, Session &session);
    void answerAudit(QWebSocket *socket, const QJsonObject &message);
    // Builds the audit page a console asked for while its previous one was on its way, if that
    // one was built and (nearly) written.
    void answerPendingAudit(QWebSocket *socket);
    void start(QWebSocket *socket, const Principal &principal);
    // Brings a newly opened feed up to the head (a snapshot, or the events after its since_seq)
    // and adds it to the sessions every event is pushed to.
    void catchUp(QWebSocket *socket, const Principal &principal);
    // From here on every event after `sentSeq` is pushed to it.
    void goLive(QWebSocket *socket, qint64 sentSeq);
    void sendSnapshotPage(QWebSocket *socket);
    // Has the next snapshot page sent on the next turn, once the console read most of the last.
    void continueSnapshot(QWebSocket *socket);
    // Returns the seq of the last event the console now has.
    qint64 replay(QWebSocket *socket, qint64 sinceSeq);
    void onMessage(QWebSocket *socket, const QString &text);
    void onDecide(QWebSocket *socket, const QJsonObject &message);
    void onAudit(QWebSocket *socket, const QJsonObject &message);
    void broadcast(const Event &event);
    static void refuse(QWebSocket *socket, int closeCode, const WireError &error);

    ActionService *m_service;
    AuditPages *m_auditPages;
    PrincipalDirectory *m_principals;
    Refusals *m_refusals;
    QString m_gatewayId;
    FeedLimits m_limits;
    std::function<QString(const QHostAddress &, quint16)> m_clientNames;
    QElapsedTimer m_clock;
    QHash<QWebSocket *, Session> m_sessions;
    bool m_storeReachable = true;
};

} // namespace cs
