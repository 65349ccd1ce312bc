#pragma once

#include "GatewaySession.h"
#include "KeychainTokenStore.h"
#include "util/Clock.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

namespace cs {

class AuditController;
class Notifier;
class TrayIcon;
class UrgentAlerts;
class DecisionSigner;
class FeedClient;
class MainWindow;
class PendingQueueModel;
class SettingsController;
class SigningKeySettings;

// The console's composition root: owns one GatewaySession per gateway, the one merged queue
// model and the window, and runs the flow between them. The pane shows the action the approver
// selected; its decision goes to the session of the gateway the action came from. Rows of a
// gateway whose feed is down are marked stale and cannot be decided until it confirms them again.
// It also owns the tray icon and the notifier, and tells UrgentAlerts what arrives and leaves.
class ConsoleController : public QObject
{
    Q_OBJECT
public:
    ConsoleController(const Clock *clock, KeychainTokenStore *keychain, QObject *parent = nullptr);
    ~ConsoleController() override;

    // Connects to these gateways; none: the ones remembered in the settings, else asks for one.
    void start(const QList<GatewaySession::Options> &gateways);
    // Adds a gateway while running (the settings dialog).
    GatewaySession *addGateway(const GatewaySession::Options &options);
    void removeGateway(GatewaySession *session);

    MainWindow *window() const { return m_window.get(); }
    PendingQueueModel *queue() const { return m_queue.get(); }
    const std::vector<std::unique_ptr<GatewaySession>> &sessions() const { return m_sessions; }
    GatewaySession *session(const QString &name) const;
    // The session of the action on screen, else the first: what File > Signing key… and
    // File > Audit log… are about.
    GatewaySession *currentSession() const;

    // The first gateway's parts, for a console with one gateway (and its tests).
    FeedClient *feed() const;
    DecisionSigner *signer() const;
    SigningKeySettings *signingKeys() const;
    AuditController *audit() const;

    // A countersign://action/GATEWAY/ID link, or a notification's Review: raise and select.
    bool openAction(const QString &gateway, const QString &actionId);
    void showWindow();
    // countersign://action/GATEWAY/ID: opens that action now, or as soon as its gateway's feed
    // brings it. False for a link of another form.
    bool openLink(const QString &link);

    UrgentAlerts *alerts() const { return m_alerts.get(); }
    Notifier *notifier() const { return m_notifier.get(); }
    TrayIcon *tray() const { return m_tray.get(); }
    SettingsController *settings() const { return m_settings.get(); }
    // File > Signing key…, and the Settings dialog's, for that gateway.

Q_SIGNALS:
    void gatewaysChanged();

private:
    void connectSession(GatewaySession *session);
    void onSessionChanged(GatewaySession *session);
    void onActionSelected(const QString &gateway, const QString &actionId);
    void onEvent(GatewaySession *session, const Event &event);
    void updateStatus();
    void updatePaneOnline();
    void setUpAlerts();
    void tick();

    const Clock *m_clock;
    KeychainTokenStore *m_keychain;
    std::unique_ptr<PendingQueueModel> m_queue;
    std::unique_ptr<MainWindow> m_window;
    std::vector<std::unique_ptr<GatewaySession>> m_sessions;
    std::unique_ptr<TrayIcon> m_tray;
    std::unique_ptr<Notifier> m_notifier;
    std::unique_ptr<UrgentAlerts> m_alerts;
    std::unique_ptr<SettingsController> m_settings;
    QTimer m_ticker;
    QString m_shownGateway;
    QString m_problem;
    QString m_linkGateway;
    QString m_linkActionId;
};

} // namespace cs
