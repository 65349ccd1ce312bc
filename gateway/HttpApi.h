#pragma once

#include "ActionService.h"
#include "AuditPages.h"
#include "PrincipalDirectory.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMultiHash>
#include <QPointer>

#include <functional>

class QTcpSocket;

namespace cs {

// The agents' HTTP API on the gateway's port, and the door to the websocket feed on the same
// port. Subclasses QAbstractHttpServer rather than using QHttpServer's router because Qt 6.4's
// QHttpServer crashes when a parked responder outlives its client: long polls here hold their
// socket through a QPointer and answer only while it is still connected.
class HttpApi : public QAbstractHttpServer
{
    Q_OBJECT
public:
    HttpApi(ActionService *service, PrincipalDirectory *principals, AuditPages *auditPages, QString gatewayId,
            int maxWaitSeconds, QObject *parent = nullptr);
    ~HttpApi() override;

    int parkedPollCount() const { return int(m_parked.size()); }
    // Answers every parked long poll now with its action as it stands (the gateway is stopping).
    void answerParkedPolls();
    // Whether a long poll or an audit page on `socket` waits for its answer.
    bool isAwaiting(const QTcpSocket *socket) const;
    // Where the verified client certificate of a connection is known (mutual TLS).
    void setClientNames(std::function<QString(const QHostAddress &, quint16)> names)
    {
        m_clientNames = std::move(names);
    }
    // Every endpoint of the table, for the OpenAPI test: method, path ("{id}" for an action's id)
    // and the roles it serves (empty: any authenticated principal).
    struct Endpoint
    {
        QString method;
        QString path;
        QList<Role> roles;
    };
    static QList<Endpoint> endpoints();
    // What GET /readyz says: empty when the gateway takes writes, else why not.
    void setReadiness(std::function<QString()> readiness) { m_readiness = std::move(readiness); }
    // The public key (DER SPKI) that signs audit checkpoints, served by GET /v1/gateway.
    void setAuditKey(const QByteArray &publicKey) { m_auditKey = publicKey; }
    // What GET /v1/metrics answers (Prometheus text), for approvers and auditors.
    void setMetrics(std::function<QByteArray()> metrics) { m_metrics = std::move(metrics); }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct ParkedPoll;
    struct PageInFlight;
    using Method = QHttpServerRequest::Method;
    // One request on its way to its endpoint, after the path matched and the token was accepted.
    struct Call
    {
        const QHttpServerRequest &request;
        QHttpServerResponder &responder;
        QTcpSocket *socket;
        const Principal &principal;
        QString actionId; // the {id} of the path, where it has one
    };
    // One endpoint: its method, its path ("{id}" stands for an action's id), the roles it serves
    // (empty: any), what answers it.
    struct Route
    {
        using Handler = void (*)(HttpApi &api, const Call &call);
        Method method;
        QStringList segments;
        QList<Role> roles;
        Handler handler;

        bool matches(const QStringList &parts, QString *actionId) const;
    };
    static const QList<Route> &routes();

    void route(const QHttpServerRequest &request, QHttpServerResponder &responder, QTcpSocket *socket);
    // GET /v1/gateway: who the caller is, what the gateway asks of a signature, its audit key.
    void gatewayInfo(const Call &call);
    // GET /v1/metrics (Prometheus text), for approvers and auditors.
    void metrics(const Call &call);
    // GET /v1/audit: the page is built on AuditPages' thread and written when it comes back.
    void auditPage(const Call &call);
    void writePage(PageInFlight &page, const QByteArray &text);
    std::shared_ptr<PageInFlight> pageOf(const QTcpSocket *socket) const;
    // GET /healthz and GET /readyz, which need no token.
    bool probe(const QString &path, Method method, QHttpServerResponder &responder);
    // POST /v1/policy/explain: which rule a request would match and what it would need.
    void explain(const Principal &principal, const QHttpServerRequest &request, QHttpServerResponder &responder);
    void submit(const Principal &principal, const QHttpServerRequest &request, QHttpServerResponder &responder);
    // POST /v1/actions/{id}/withdraw: an approver takes back their approval of a pending action.
    void withdrawApproval(const Principal &principal, const QString &actionId, QHttpServerResponder &responder);
    void fetch(const Principal &principal, const QString &actionId, const QHttpServerRequest &request,
               QHttpServerResponder &responder, QTcpSocket *socket);
    void cancel(const Principal &principal, const QString &actionId, QHttpServerResponder &responder);
    void reportExecution(const Principal &principal, const QString &actionId, const QHttpServerRequest &request,
                         QHttpServerResponder &responder);
    void park(const QString &actionId, int waitSeconds, QHttpServerResponder &&responder, QTcpSocket *socket);
    void answerParked(ParkedPoll *poll, const Action &action);
    void onActionResolved(const Action &action);

    ActionService *m_service;
    PrincipalDirectory *m_principals;
    AuditPages *m_auditPages;
    QString m_gatewayId;
    QByteArray m_auditKey;
    std::function<QByteArray()> m_metrics;
    std::function<QString(const QHostAddress &, quint16)> m_clientNames;
    std::function<QString()> m_readiness;
    int m_maxWaitSeconds;
    QMultiHash<QString, ParkedPoll *> m_parked;
    // The audit page being built for a connection (one at most).
    QHash<const QTcpSocket *, std::shared_ptr<PageInFlight>> m_pages;
};

} // namespace cs
