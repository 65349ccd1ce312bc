#pragma once

#include "KeychainTokenStore.h"
#include "feed/FeedClient.h"
#include "util/Clock.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace cs {

class AuditController;
class ConnectDialog;
class DecisionSigner;
class SigningKeySettings;
class MainWindow;
class PendingQueueModel;

// The console's composition root: builds the feed client, the queue model and the window, and
// runs the flow between them. Finding the token: given (COUNTERSIGN_TOKEN, --dev-principals),
// else the keychain, else the connect dialog. Decisions go out through the feed; their outcome
// comes back as events and decision results; each is signed first by the DecisionSigner.
class ConsoleController : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl gatewayUrl;
        QString token; // when set, the keychain is not consulted
        // A signing key for this run, over the one remembered for the approver (File > Signing
        // key…): a pkcs11:/fido2:/software: URI (see docs/cli.md), or a dev software key.
        QString keyUri;
        QByteArray devSigningSeed;
    };

    ConsoleController(const Clock *clock, KeychainTokenStore *keychain, QObject *parent = nullptr);
    ~ConsoleController() override;

    void start(const Options &options);

    MainWindow *window() const { return m_window.get(); }
    FeedClient *feed() const { return m_feed.get(); }
    PendingQueueModel *queue() const { return m_queue.get(); }
    DecisionSigner *signer() const { return m_signer.get(); }
    SigningKeySettings *signingKeys() const { return m_keys.get(); }
    AuditController *audit() const { return m_audit.get(); }

private:
    void readStoredToken();
    void askForToken(const QString &message);
    void connectFeed(const QUrl &url, const QString &token);
    void rememberToken(const QUrl &url, const QString &token);

    void onStateChanged(FeedClient::State state);
    void onHello(const FeedMessages::Hello &hello);
    void onSnapshot(const FeedMessages::Snapshot &snapshot);
    void onEvent(const Event &event);
    void onDecisionAnswered(const FeedMessages::DecisionResult &result);
    void onAuthenticationFailed(const QString &reason);
    void onActionSelected(const QString &actionId);
    void decide(const Action &action, Verdict verdict, const QString &reason);
    void sendDecision(const DecisionSubmission &submission);
    void onSigningFailed(const QString &sentence);
    void setUpSigner(const Options &options);
    void openSigningKeyDialog();
    void tick();
    void updateOnline();

    const Clock *m_clock;
    KeychainTokenStore *m_keychain;
    std::unique_ptr<FeedClient> m_feed;
    std::unique_ptr<PendingQueueModel> m_queue;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<DecisionSigner> m_signer;
    std::unique_ptr<SigningKeySettings> m_keys;
    std::unique_ptr<AuditController> m_audit;
    QPointer<ConnectDialog> m_connectDialog;
    QTimer m_ticker;
    QUrl m_gatewayUrl;
    bool m_keychainAvailable = true;
    bool m_tokenFromKeychain = false;
    bool m_mayDecide = false;
    QString m_identity;
    QString m_pendingDecisionId;
};

} // namespace cs
