#include "ConsoleController.h"

#include "ActionReviewPane.h"
#include "AuditController.h"
#include "DecisionSigner.h"
#include "GatewayList.h"
#include "MainWindow.h"
#include "PendingQueueModel.h"
#include "SettingsController.h"
#include "SigningKeySettings.h"
#include "TrayIcon.h"
#include "UrgentAlerts.h"
#include "notify/DBusNotifier.h"
#include "notify/FallbackNotifiers.h"

#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

QString resolutionSentence(const Event &event)
{
    const QString by = event.payload.value(u"approver"_s).toString();
    if (event.type == EventType::ActionApproved)
        return ConsoleController::tr("Approved by %1.").arg(by);
    if (event.type == EventType::ActionDenied)
        return ConsoleController::tr("Denied by %1: %2").arg(by, event.payload.value(u"reason"_s).toString());
    if (event.type == EventType::ActionExpired)
        return ConsoleController::tr("Expired without a decision.");
    return ConsoleController::tr("Cancelled by its initiator.");
}

} // namespace

ConsoleController::ConsoleController(const Clock *clock, KeychainTokenStore *keychain, QObject *parent)
    : QObject(parent), m_clock(clock), m_keychain(keychain), m_queue(std::make_unique<PendingQueueModel>(clock)),
      m_window(std::make_unique<MainWindow>(m_queue.get()))
{
    connect(m_window.get(), &MainWindow::auditLogRequested, this, [this] {
        if (GatewaySession *session = currentSession())
            session->audit()->showBrowser();
    });
    m_settings = std::make_unique<SettingsController>(this, keychain);
    connect(m_window.get(), &MainWindow::signingKeyRequested, this, [this] {
        GatewaySession *session = currentSession();
        m_settings->openSigningKeys(session ? session->name() : QString());
    });
    connect(m_window.get(), &MainWindow::settingsRequested, m_settings.get(), &SettingsController::open);
    connect(m_window.get(), &MainWindow::actionSelected, this, &ConsoleController::onActionSelected);
    connect(m_queue.get(), &PendingQueueModel::countsChanged, this, &ConsoleController::updateStatus);
    ActionReviewPane *pane = m_window->reviewPane();
    connect(pane, &ActionReviewPane::approveRequested, this, [this](const Action &action) {
        if (GatewaySession *session = this->session(m_shownGateway)) {
            m_window->reviewPane()->setBusy(true);
            session->decide(action, Verdict::Approve, {});
        }
    });
    connect(pane, &ActionReviewPane::denyRequested, this, [this](const Action &action, const QString &reason) {
        if (GatewaySession *session = this->session(m_shownGateway)) {
            m_window->reviewPane()->setBusy(true);
            session->decide(action, Verdict::Deny, reason);
        }
    });
    connect(pane, &ActionReviewPane::withdrawRequested, this, [this](const Action &action) {
        if (GatewaySession *session = this->session(m_shownGateway))
            session->withdrawApproval(action);
    });
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &ConsoleController::tick);
    m_ticker.start();
    setUpAlerts();
    updateStatus();
}

void ConsoleController::setUpAlerts()
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = std::make_unique<TrayIcon>(m_clock);
        connect(m_tray.get(), &TrayIcon::showRequested, this, &ConsoleController::showWindow);
        connect(m_tray.get(), &TrayIcon::quitRequested, qApp, &QCoreApplication::quit);
        connect(m_tray.get(), &TrayIcon::pauseRequested, this, [this](const QDateTime &until) {
            m_alerts->pauseUntil(until);
            m_tray->setPaused(until);
        });
        connect(m_tray.get(), &TrayIcon::resumeRequested, this, [this] {
            m_alerts->resume();
            m_tray->setPaused({});
        });
        m_window->setClosesToTray(true);
        connect(m_window.get(), &MainWindow::hiddenToTray, this, [this] {
            QSettings settings;
            if (settings.value(u"ui/tray_note_shown"_s).toBool())
                return;
            settings.setValue(u"ui/tray_note_shown"_s, true);
            m_tray->tray()->showMessage(tr("Countersign keeps running"),
                                        tr("Urgent requests still reach you here. Quit from this icon's menu."));
        });
    }
    // The freedesktop service when one answers, else the tray's balloon, else the taskbar hint.
    auto dbus = std::make_unique<DBusNotifier>();
    if (dbus->isAvailable())
        m_notifier = std::move(dbus);
    else if (m_tray)
        m_notifier = std::make_unique<TrayMessageNotifier>(m_tray->tray());
    else
        m_notifier = std::make_unique<WindowAlertNotifier>(m_window.get());
    m_alerts = std::make_unique<UrgentAlerts>(m_clock, m_notifier.get());
    connect(m_queue.get(), &PendingQueueModel::actionArrived, m_alerts.get(), &UrgentAlerts::actionArrived);
    connect(m_queue.get(), &PendingQueueModel::actionLeft, m_alerts.get(), &UrgentAlerts::actionLeft);
    connect(m_queue.get(), &PendingQueueModel::actionArrived, this,
            [this](const QString &gateway, const Action &action) {
                if (action.id != m_linkActionId || (gateway != m_linkGateway && !m_linkGateway.isEmpty()))
                    return;
                m_linkActionId.clear();
                // After the model has finished inserting the row.
                QMetaObject::invokeMethod(
                    this, [this, gateway, id = action.id] { openAction(gateway, id); }, Qt::QueuedConnection);
            });
    connect(m_alerts.get(), &UrgentAlerts::reviewRequested, this, [this](const QString &gateway, const QString &id) {
        if (id.isEmpty())
            return showWindow();
        openAction(gateway, id);
    });
    connect(m_window.get(), &MainWindow::quitRequested, qApp, &QCoreApplication::quit);
}

bool ConsoleController::openLink(const QString &link)
{
    const QUrl url(link);
    const QStringList path = url.path(QUrl::FullyDecoded).split(u'/', Qt::SkipEmptyParts);
    if (url.scheme() != u"countersign"_s || url.host() != u"action"_s || path.size() != 2)
        return false;
    if (!openAction(path.at(0), path.at(1))) {
        // Not in the queue yet (the console is still connecting): open it when it arrives.
        m_linkGateway = path.at(0);
        m_linkActionId = path.at(1);
    }
    return true;
}

void ConsoleController::showWindow()
{
    m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
}

ConsoleController::~ConsoleController()
{
    // Sessions' dialogs are children of the window, and the window's view shows the model.
    m_settings.reset();
    m_alerts.reset();
    for (const auto &session : m_sessions)
        session->disconnect(this); // the status walks every session: none may call back mid-clear
    m_sessions.clear();
    m_window.reset();
}

void ConsoleController::start(const QList<GatewaySession::Options> &gateways)
{
    QList<GatewaySession::Options> chosen = gateways;
    if (chosen.isEmpty()) {
        for (const GatewayEntry &entry : GatewayList::load())
            chosen.append({entry.name, entry.url, {}, {}, {}, entry.trust});
    }
    if (chosen.isEmpty())
        chosen.append(GatewaySession::Options{}); // its session asks which gateway
    for (const GatewaySession::Options &options : std::as_const(chosen))
        addGateway(options)->start();
}

GatewaySession *ConsoleController::addGateway(const GatewaySession::Options &options)
{
    auto session = std::make_unique<GatewaySession>(options, m_clock, m_keychain, m_window.get());
    GatewaySession *raw = session.get();
    m_sessions.push_back(std::move(session));
    connectSession(raw);
    m_window->setGatewayColumnVisible(m_sessions.size() > 1);
    updateStatus();
    Q_EMIT gatewaysChanged();
    return raw;
}

void ConsoleController::removeGateway(GatewaySession *session)
{
    const auto it =
        std::find_if(m_sessions.begin(), m_sessions.end(), [&](const auto &s) { return s.get() == session; });
    if (it == m_sessions.end())
        return;
    const QString name = session->name();
    session->stop();
    m_queue->applySnapshot({}, name);
    m_queue->setStale(name, false);
    m_sessions.erase(it);
    m_window->setGatewayColumnVisible(m_sessions.size() > 1);
    updateStatus();
    updatePaneOnline();
    Q_EMIT gatewaysChanged();
}

void ConsoleController::connectSession(GatewaySession *session)
{
    connect(session, &GatewaySession::changed, this, [this, session] { onSessionChanged(session); });
    connect(session, &GatewaySession::snapshotReceived, this, [this, session](const QList<Action> &actions) {
        m_queue->applySnapshot(actions, session->name());
        ActionReviewPane *pane = m_window->reviewPane();
        const Action *shown = pane->shownAction();
        if (shown && m_shownGateway == session->name() && !m_queue->actionById(shown->id, session->name()))
            pane->markResolved(tr("This action is no longer pending."));
        onSessionChanged(session);
    });
    connect(session, &GatewaySession::eventReceived, this,
            [this, session](const Event &event) { onEvent(session, event); });
    connect(session, &GatewaySession::decisionFailed, this,
            [this, session](const QString &actionId, const QString &sentence) {
                ActionReviewPane *pane = m_window->reviewPane();
                if (m_shownGateway == session->name() && pane->shownAction() &&
                    (actionId.isEmpty() || pane->shownAction()->id == actionId))
                    pane->showRefusal(sentence);
            });
    connect(session, &GatewaySession::decisionSettled, this, [this, session] {
        if (m_shownGateway == session->name())
            m_window->reviewPane()->setBusy(false);
    });
    connect(session, &GatewaySession::problem, this, [this, session](const QString &sentence) {
        m_problem = m_sessions.size() > 1 ? u"%1: %2"_s.arg(session->name(), sentence) : sentence;
        updateStatus();
    });
    connect(session, &GatewaySession::certificateRefused, this, [this, session](const QString &sentence) {
        // Said once, in full (the fingerprint does not fit a status bar); the session does not retry.
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Untrusted certificate"),
                                    tr("%1 (%2) was not connected.").arg(session->name(), session->url().toString()),
                                    QMessageBox::Ok, m_window.get());
        box->setObjectName(u"certificateRefused"_s);
        box->setInformativeText(sentence + u"\n\n"_s +
                                tr("Give the gateway's CA file or fingerprint in Settings > Gateways, or start the "
                                   "console with --ca-file."));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    connect(session, &GatewaySession::auditorSignedIn, this, [this, session] {
        // Auditor mode: the audit log and its exports, nothing that decides.
        session->audit()->showBrowser();
        if (std::all_of(m_sessions.cbegin(), m_sessions.cend(), [](const auto &s) { return s->isAuditor(); }))
            m_window->hide();
    });
}

GatewaySession *ConsoleController::session(const QString &name) const
{
    for (const auto &session : m_sessions) {
        if (session->name() == name || (name.isEmpty() && m_sessions.size() == 1))
            return session.get();
    }
    return nullptr;
}

GatewaySession *ConsoleController::currentSession() const
{
    if (GatewaySession *shown = session(m_shownGateway))
        return shown;
    return m_sessions.empty() ? nullptr : m_sessions.front().get();
}

FeedClient *ConsoleController::feed() const
{
    return m_sessions.empty() ? nullptr : m_sessions.front()->feed();
}

DecisionSigner *ConsoleController::signer() const
{
    return m_sessions.empty() ? nullptr : m_sessions.front()->signer();
}

SigningKeySettings *ConsoleController::signingKeys() const
{
    return m_sessions.empty() ? nullptr : m_sessions.front()->signingKeys();
}

AuditController *ConsoleController::audit() const
{
    return m_sessions.empty() ? nullptr : m_sessions.front()->audit();
}

void ConsoleController::onSessionChanged(GatewaySession *session)
{
    m_queue->setStale(session->name(), !session->mayDecide() && !session->isAuditor());
    updateStatus();
    updatePaneOnline();
}

void ConsoleController::onEvent(GatewaySession *session, const Event &event)
{
    m_queue->applyEvent(event, session->name());
    const Action *shown = m_window->reviewPane()->shownAction();
    if (shown && m_shownGateway == session->name() && shown->id == event.actionId &&
        EventType::resolvesAction(event.type))
        m_window->reviewPane()->markResolved(resolutionSentence(event));
    if (shown && m_shownGateway == session->name() && shown->id == event.actionId &&
        EventType::changesApprovals(event.type)) {
        if (const Action *action = m_queue->actionById(event.actionId, session->name()))
            m_window->reviewPane()->showApprovals(action->approvals);
    }
}

void ConsoleController::onActionSelected(const QString &gateway, const QString &actionId)
{
    if (actionId.isEmpty())
        return; // keep showing the last action, marked resolved, until another is picked
    if (const Action *action = m_queue->actionById(actionId, gateway)) {
        m_shownGateway = gateway;
        GatewaySession *viewer = this->session(gateway);
        m_window->reviewPane()->setViewer(viewer ? viewer->identity() : QString());
        m_window->reviewPane()->showAction(*action, m_clock->now());
        m_alerts->actionOpened(gateway, actionId);
        updatePaneOnline();
        if (GatewaySession *session = this->session(gateway))
            m_window->reviewPane()->setBusy(session->isBusy());
    }
}

bool ConsoleController::openAction(const QString &gateway, const QString &actionId)
{
    showWindow();
    return m_window->selectAction(gateway, actionId);
}

void ConsoleController::updateStatus()
{
    QStringList connection;
    QStringList identity;
    for (const auto &session : m_sessions) {
        const QString prefix = m_sessions.size() > 1 ? session->name() + u": "_s : QString();
        connection.append(prefix + session->stateText());
        if (!session->identity().isEmpty())
            identity.append(prefix +
                            (session->isAuditor() || session->mayDecide() || !session->isConnected()
                                 ? tr("Signed in as %1").arg(session->displayName())
                                 : tr("Signed in as %1 (read only: not an approver)").arg(session->displayName())));
    }
    m_window->setConnectionText(connection.join(u"  ·  "_s));
    if (!m_problem.isEmpty())
        identity.prepend(m_problem);
    m_window->setIdentityText(identity.join(u"  ·  "_s));

    const int pending = m_queue->pendingCount();
    const int urgent = m_queue->countAtLeast(Urgency::High);
    m_window->setPendingText(urgent > 0
                                 ? tr("%n pending", nullptr, pending) + u", "_s + tr("%n urgent", nullptr, urgent)
                                 : tr("%n pending", nullptr, pending));
    QStringList names;
    for (const auto &session : m_sessions)
        names.append(session->name());
    // Qt adds " — Countersign" (the display name) itself.
    QString title = pending > 0 ? tr("%n pending", nullptr, pending) : tr("Nothing pending");
    if (urgent > 0)
        title = tr("⚠ %n urgent", nullptr, urgent) + u" · "_s + title;
    if (!names.isEmpty())
        title += u" · "_s + names.join(u", "_s);
    m_window->setWindowTitle(title);

    if (m_tray) {
        const Action *top = m_queue->actionAt(0);
        QString tooltip =
            pending > 0 ? tr("Countersign: %n pending", nullptr, pending) : tr("Countersign: nothing pending");
        if (top)
            tooltip += u"\n"_s + tr("Most urgent: %1 %2 on %3 (%4)")
                                     .arg(PendingQueueModel::urgencyLabel(top->request.urgency), top->request.kind,
                                          top->request.target.system, top->request.target.environment);
        if (m_alerts && m_alerts->isPaused())
            tooltip += u"\n"_s + tr("Notifications paused; critical requests still notify.");
        m_tray->update(pending, top ? std::optional(top->request.urgency) : std::nullopt, tooltip);
    }
}

void ConsoleController::updatePaneOnline()
{
    GatewaySession *session = this->session(m_shownGateway);
    m_window->reviewPane()->setOnline(session && session->mayDecide());
}

void ConsoleController::tick()
{
    m_alerts->tick();
    m_queue->tick();
    m_window->reviewPane()->tick(m_clock->now());
}

} // namespace cs
