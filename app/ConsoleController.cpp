#include "ConsoleController.h"

#include "ActionReviewPane.h"
#include "AuditController.h"
#include "ConnectDialog.h"
#include "DecisionSigner.h"
#include "SigningKeyDialog.h"
#include "SigningKeySettings.h"
#include "ErrorText.h"
#include "MainWindow.h"
#include "PendingQueueModel.h"

#include "signing/SignerUri.h"
#include "signing/SoftwareSigner.h"

#include <QSettings>

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
    : QObject(parent), m_clock(clock), m_keychain(keychain), m_feed(std::make_unique<FeedClient>()),
      m_queue(std::make_unique<PendingQueueModel>(clock)), m_window(std::make_unique<MainWindow>(m_queue.get())),
      m_signer(std::make_unique<DecisionSigner>(m_window.get())),
      m_keys(std::make_unique<SigningKeySettings>(keychain, m_signer.get())),
      m_audit(std::make_unique<AuditController>())
{
    connect(m_window.get(), &MainWindow::auditLogRequested, m_audit.get(), [this] { m_audit->showBrowser(); });
    connect(m_window.get(), &MainWindow::signingKeyRequested, this, &ConsoleController::openSigningKeyDialog);
    connect(m_signer.get(), &DecisionSigner::signedDecision, this, &ConsoleController::sendDecision);
    connect(m_signer.get(), &DecisionSigner::failed, this, &ConsoleController::onSigningFailed);
    connect(m_feed.get(), &FeedClient::stateChanged, this, &ConsoleController::onStateChanged);
    connect(m_feed.get(), &FeedClient::helloReceived, this, &ConsoleController::onHello);
    connect(m_feed.get(), &FeedClient::snapshotReceived, this, &ConsoleController::onSnapshot);
    connect(m_feed.get(), &FeedClient::eventReceived, this, &ConsoleController::onEvent);
    connect(m_feed.get(), &FeedClient::decisionAnswered, this, &ConsoleController::onDecisionAnswered);
    connect(m_feed.get(), &FeedClient::authenticationFailed, this, &ConsoleController::onAuthenticationFailed);
    connect(m_feed.get(), &FeedClient::serverError, this, [this](const WireError &error) {
        m_window->setConnectionText(tr("The gateway reported: %1").arg(ErrorText::forError(error)));
    });
    connect(m_window.get(), &MainWindow::actionSelected, this, &ConsoleController::onActionSelected);
    ActionReviewPane *pane = m_window->reviewPane();
    connect(pane, &ActionReviewPane::approveRequested, this,
            [this](const Action &action) { decide(action, Verdict::Approve, {}); });
    connect(pane, &ActionReviewPane::denyRequested, this,
            [this](const Action &action, const QString &reason) { decide(action, Verdict::Deny, reason); });
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &ConsoleController::tick);
    m_ticker.start();
    onStateChanged(FeedClient::State::Offline);
}

ConsoleController::~ConsoleController()
{
    m_feed->stop();
    // The signer's dialogs and the window's view refer to the window and the model; they go first.
    m_audit.reset();
    m_keys.reset();
    m_signer.reset();
    m_window.reset();
}

void ConsoleController::start(const Options &options)
{
    setUpSigner(options);
    m_gatewayUrl = options.gatewayUrl;
    if (m_gatewayUrl.isEmpty())
        m_gatewayUrl = QSettings().value(u"gateway/url"_s).toUrl();
    if (m_gatewayUrl.isEmpty())
        return askForToken(tr("Which gateway should this console connect to?"));
    if (!options.token.isEmpty())
        return connectFeed(m_gatewayUrl, options.token);
    readStoredToken();
}

void ConsoleController::setUpSigner(const Options &options)
{
    if (!options.devSigningSeed.isEmpty()) {
        m_keys->setOverride(std::make_shared<SoftwareSigner>(options.devSigningSeed), tr("the dev software key"));
        return;
    }
    if (options.keyUri.isEmpty())
        return; // the approver's remembered key is loaded once the gateway says who they are
    QString error;
    std::shared_ptr<Signer> signer = SignerUri::open(options.keyUri, u"countersign"_s, &error);
    if (!signer) {
        m_window->setIdentityText(tr("The signing key cannot be used: %1").arg(error));
        return;
    }
    m_keys->setOverride(std::move(signer), options.keyUri);
}

void ConsoleController::openSigningKeyDialog()
{
    auto *dialog = new SigningKeyDialog(m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setCurrent(m_keys->description());
    connect(dialog, &SigningKeyDialog::useRequested, m_keys.get(), &SigningKeySettings::use);
    connect(m_keys.get(), &SigningKeySettings::statusChanged, dialog, &SigningKeyDialog::setStatus);
    connect(m_keys.get(), &SigningKeySettings::busyChanged, dialog, &SigningKeyDialog::setBusy);
    connect(m_keys.get(), &SigningKeySettings::statusChanged, dialog,
            [this, dialog] { dialog->setCurrent(m_keys->description()); });
    dialog->open();
}

void ConsoleController::readStoredToken()
{
    m_window->setConnectionText(tr("Reading the token from the keychain…"));
    m_keychain->read(m_gatewayUrl.toString(), this, [this](const KeychainTokenStore::Result &result) {
        if (result.ok()) {
            m_tokenFromKeychain = true;
            return connectFeed(m_gatewayUrl, result.token);
        }
        if (result.status == KeychainTokenStore::Result::Status::Unavailable) {
            m_keychainAvailable = false;
            return askForToken(tr("No keychain is reachable (%1). Enter your token; it will be asked again at "
                                  "the next start.")
                                   .arg(result.error));
        }
        askForToken(tr("Enter your approver token for %1.").arg(m_gatewayUrl.toString()));
    });
}

void ConsoleController::askForToken(const QString &message)
{
    if (m_connectDialog)
        m_connectDialog->close();
    auto *dialog = new ConnectDialog(m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setGatewayUrl(m_gatewayUrl);
    dialog->setMessage(message);
    dialog->setRememberAvailable(m_keychainAvailable, tr("No keychain is reachable."));
    connect(dialog, &ConnectDialog::connectRequested, this,
            [this](const QUrl &url, const QString &token, bool remember) {
                m_gatewayUrl = url;
                m_tokenFromKeychain = false;
                if (remember)
                    rememberToken(url, token);
                connectFeed(url, token);
            });
    m_connectDialog = dialog;
    m_window->setConnectionText(tr("Not connected"));
    dialog->open();
}

void ConsoleController::rememberToken(const QUrl &url, const QString &token)
{
    m_keychain->write(url.toString(), token, this, [this](const KeychainTokenStore::Result &result) {
        if (!result.ok()) {
            m_keychainAvailable = false;
            m_window->setIdentityText(tr("Keychain unavailable: the token will be asked at the next start."));
        }
    });
}

void ConsoleController::connectFeed(const QUrl &url, const QString &token)
{
    QSettings().setValue(u"gateway/url"_s, url);
    m_window->setWindowTitle(tr("Countersign — %1").arg(url.toString()));
    m_feed->setEndpoint(url, token);
    m_keys->setEndpoint(url, token);
    m_audit->setEndpoint(url, token);
    m_feed->start(m_feed->lastSeq());
}

void ConsoleController::onStateChanged(FeedClient::State state)
{
    switch (state) {
    case FeedClient::State::Connected:
        m_window->setConnectionText(tr("Connected to %1").arg(m_gatewayUrl.toString()));
        break;
    case FeedClient::State::Connecting:
        m_window->setConnectionText(tr("Connecting to %1…").arg(m_gatewayUrl.toString()));
        break;
    case FeedClient::State::Reconnecting:
        m_window->setConnectionText(
            tr("Reconnecting to %1 (attempt %2)…").arg(m_gatewayUrl.toString()).arg(m_feed->reconnectAttempts()));
        break;
    case FeedClient::State::Offline:
        m_window->setConnectionText(tr("Offline"));
        break;
    }
    if (state != FeedClient::State::Connected)
        m_pendingDecisionId.clear();
    updateOnline();
}

void ConsoleController::onHello(const FeedMessages::Hello &hello)
{
    m_mayDecide = hello.principal.mayDecide();
    m_identity = hello.principal.id;
    if (m_mayDecide)
        m_keys->setIdentity(m_identity);
    m_audit->syncNow();
    if (hello.principal.role == Role::Auditor) {
        // Auditor mode: the audit log and its exports, nothing that decides.
        m_audit->showBrowser();
        m_window->hide();
    }
    m_window->setIdentityText(
        m_mayDecide ? tr("Signed in as %1").arg(hello.principal.displayName)
                    : tr("Signed in as %1 (read only: not an approver)").arg(hello.principal.displayName));
    updateOnline();
}

void ConsoleController::onSnapshot(const FeedMessages::Snapshot &snapshot)
{
    m_queue->applySnapshot(snapshot.actions);
    const Action *shown = m_window->reviewPane()->shownAction();
    if (shown && !m_queue->actionById(shown->id))
        m_window->reviewPane()->markResolved(tr("This action is no longer pending."));
}

void ConsoleController::onEvent(const Event &event)
{
    m_audit->syncSoon();
    m_queue->applyEvent(event);
    const Action *shown = m_window->reviewPane()->shownAction();
    if (shown && shown->id == event.actionId && EventType::resolvesAction(event.type))
        m_window->reviewPane()->markResolved(resolutionSentence(event));
}

void ConsoleController::onDecisionAnswered(const FeedMessages::DecisionResult &result)
{
    if (result.requestId != m_pendingDecisionId)
        return;
    m_pendingDecisionId.clear();
    ActionReviewPane *pane = m_window->reviewPane();
    if (!result.accepted && pane->shownAction() && pane->shownAction()->id == result.actionId)
        pane->showRefusal(ErrorText::forError(result.error));
    pane->setBusy(false);
}

void ConsoleController::onAuthenticationFailed(const QString &reason)
{
    if (m_tokenFromKeychain)
        m_keychain->remove(m_gatewayUrl.toString(), this, [](const KeychainTokenStore::Result &) {});
    askForToken(tr("The gateway refused the token: %1").arg(reason));
}

void ConsoleController::onActionSelected(const QString &actionId)
{
    if (actionId.isEmpty())
        return; // keep showing the last action, marked resolved, until another is picked
    if (const Action *action = m_queue->actionById(actionId))
        m_window->reviewPane()->showAction(*action, m_clock->now());
}

void ConsoleController::decide(const Action &action, Verdict verdict, const QString &reason)
{
    if (m_signer->isBusy())
        return;
    m_window->reviewPane()->setBusy(true);
    // Sign what the pane shows: the action as the approver read it, not a fresher copy.
    m_signer->sign(action, verdict, reason, m_identity, m_clock->now());
}

void ConsoleController::sendDecision(const DecisionSubmission &submission)
{
    m_pendingDecisionId = m_feed->decide(submission);
    if (m_pendingDecisionId.isEmpty())
        onSigningFailed(tr("Not connected to the gateway; the decision was not sent."));
}

void ConsoleController::onSigningFailed(const QString &sentence)
{
    m_window->reviewPane()->showRefusal(sentence);
    m_window->reviewPane()->setBusy(false);
}

void ConsoleController::tick()
{
    m_queue->tick();
    m_window->reviewPane()->tick(m_clock->now());
}

void ConsoleController::updateOnline()
{
    m_window->reviewPane()->setOnline(m_mayDecide && m_feed->state() == FeedClient::State::Connected);
}

} // namespace cs
