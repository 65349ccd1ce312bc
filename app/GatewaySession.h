#pragma once

#include "KeychainTokenStore.h"
#include "client/AgentClient.h"
#include "domain/ActionRules.h"
#include "feed/FeedClient.h"
#include "util/Clock.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

class QWidget;

namespace cs {

class AuditController;
class ConnectDialog;
class DecisionSigner;
class SigningKeySettings;

// Everything the console holds for one gateway: its feed client, the approver's token (given,
// from the keychain, or asked for), the signing key and the decision flow, and the audit mirror.
// The ConsoleController owns one per gateway and merges what they receive into one queue; a
// decision goes out through the session of the gateway the action came from.
class GatewaySession : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString name; // how the console labels this gateway ("prod"); the URL's host:port when empty
        QUrl url;
        QString token; // when set, the keychain is not consulted
        // A signing key for this run, over the one remembered for the approver: a
        // pkcs11:/fido2:/software: URI (see docs/cli.md), or a dev software key.
        QString keyUri;
        QByteArray devSigningSeed;
        TlsTrust trust = {}; // how the certificate of an https:// gateway is trusted
    };

    GatewaySession(const Options &options, const Clock *clock, KeychainTokenStore *keychain, QWidget *dialogParent,
                   QObject *parent = nullptr);
    ~GatewaySession() override;

    static QString defaultName(const QUrl &url);

    // Finds the token (given, keychain, dialog) and connects.
    void start();
    void stop();

    QString name() const { return m_name; }
    QUrl url() const { return m_url; }
    const TlsTrust &trust() const { return m_options.trust; }
    FeedClient *feed() const { return m_feed.get(); }
    DecisionSigner *signer() const { return m_signer.get(); }
    SigningKeySettings *signingKeys() const { return m_keys.get(); }
    AuditController *audit() const { return m_audit.get(); }

    bool isConnected() const { return m_feed->state() == FeedClient::State::Connected; }
    // Connected, greeted (a snapshot or the missed events follow), and signed in as someone who may decide.
    bool mayDecide() const { return m_mayDecide && isConnected() && m_confirmed; }
    bool isAuditor() const { return m_auditor; }
    QString identity() const { return m_identity; }
    QString displayName() const { return m_displayName; }
    // "Connected to …", "Reconnecting to … (attempt 3, next in 4 s)…", for the status bar.
    QString stateText() const { return m_stateText; }
    bool isBusy() const;

    // Signs the action as the pane shows it, then sends the decision on the feed.
    void decide(const Action &action, Verdict verdict, const QString &reason);
    // Takes back this approver's approval of an action that waits for more (POST …/withdraw);
    // the feed's action.approval_withdrawn updates the queue.
    void withdrawApproval(const Action &action);

Q_SIGNALS:
    // The connection, the identity or mayDecide() changed.
    void changed();
    void snapshotReceived(const QList<cs::Action> &actions);
    void eventReceived(const cs::Event &event);
    // A decision of this session went nowhere: refused by the gateway, or not signed.
    void decisionFailed(const QString &actionId, const QString &sentence);
    // A decision was answered or failed: the pane may enable its buttons again.
    void decisionSettled(const QString &actionId);
    void auditorSignedIn();
    // Something the approver must hear about this gateway outside any dialog (a remembered
    // signing key that cannot be used, a keychain that cannot store the token).
    void problem(const QString &sentence);
    // The gateway's certificate is not trusted: the whole sentence, with its fingerprint. The
    // session does not retry.
    void certificateRefused(const QString &sentence);

private:
    void readStoredToken();
    void askForToken(const QString &message);
    void connectFeed(const QString &token);
    void rememberToken(const QString &token);
    void setUpSigner();
    void setStateText(const QString &text);
    void onStateChanged(FeedClient::State state);
    void onHello(const FeedMessages::Hello &hello);
    void onDecisionAnswered(const FeedMessages::DecisionResult &result);
    void onAuthenticationFailed(const QString &reason);
    void sendDecision(const DecisionSubmission &submission);

    Options m_options;
    QString m_name;
    QUrl m_url;
    const Clock *m_clock;
    KeychainTokenStore *m_keychain;
    QPointer<QWidget> m_dialogParent;
    std::unique_ptr<FeedClient> m_feed;
    QNetworkAccessManager m_network;
    AgentClient m_client{&m_network};
    std::unique_ptr<DecisionSigner> m_signer;
    std::unique_ptr<SigningKeySettings> m_keys;
    std::unique_ptr<AuditController> m_audit;
    QPointer<ConnectDialog> m_connectDialog;
    bool m_keychainAvailable = true;
    bool m_tokenFromKeychain = false;
    bool m_mayDecide = false;
    bool m_auditor = false;
    bool m_confirmed = false;
    QString m_identity;
    QString m_displayName;
    QString m_stateText;
    QString m_pendingDecisionId;
    QString m_pendingActionId;
};

} // namespace cs
