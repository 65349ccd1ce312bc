#include "GatewaySession.h"

#include "AuditController.h"
#include "ConnectDialog.h"
#include "DecisionSigner.h"
#include "ErrorText.h"
#include "GatewayList.h"
#include "SigningKeySettings.h"
#include "wire/GatewayInfo.h"

#include "signing/SignerUri.h"
#include "signing/SoftwareSigner.h"

#include <QWidget>

using namespace Qt::StringLiterals;

namespace cs {

GatewaySession::GatewaySession(const Options &options, const Clock *clock, KeychainTokenStore *keychain,
                               QWidget *dialogParent, QObject *parent)
    : QObject(parent), m_options(options), m_name(options.name.isEmpty() ? defaultName(options.url) : options.name),
      m_url(options.url), m_clock(clock), m_keychain(keychain), m_dialogParent(dialogParent),
      m_feed(std::make_unique<FeedClient>()), m_signer(std::make_unique<DecisionSigner>(dialogParent)),
      m_keys(std::make_unique<SigningKeySettings>(keychain, m_signer.get())),
      m_audit(std::make_unique<AuditController>())
{
    connect(m_signer.get(), &DecisionSigner::signedDecision, this, &GatewaySession::sendDecision);
    connect(m_signer.get(), &DecisionSigner::failed, this, [this](const QString &sentence) {
        const QString actionId = std::exchange(m_pendingActionId, QString());
        Q_EMIT decisionFailed(actionId, sentence);
        Q_EMIT decisionSettled(actionId);
    });
    connect(m_keys.get(), &SigningKeySettings::unusable, this, &GatewaySession::problem);
    connect(m_feed.get(), &FeedClient::stateChanged, this, &GatewaySession::onStateChanged);
    connect(m_feed.get(), &FeedClient::reconnectScheduled, this, [this](int attempt, int delayMs) {
        setStateText(tr("Reconnecting to %1 (attempt %2, next in %3 s)…")
                         .arg(m_url.toString())
                         .arg(attempt)
                         .arg((delayMs + 999) / 1000));
    });
    connect(m_feed.get(), &FeedClient::helloReceived, this, &GatewaySession::onHello);
    connect(m_feed.get(), &FeedClient::snapshotReceived, this, [this](const FeedMessages::Snapshot &snapshot) {
        Q_EMIT snapshotReceived(snapshot.actions);
        Q_EMIT changed();
    });
    connect(m_feed.get(), &FeedClient::eventReceived, this, [this](const Event &event) {
        m_audit->syncSoon();
        Q_EMIT eventReceived(event);
    });
    connect(m_feed.get(), &FeedClient::decisionAnswered, this, &GatewaySession::onDecisionAnswered);
    connect(m_feed.get(), &FeedClient::authenticationFailed, this, &GatewaySession::onAuthenticationFailed);
    connect(m_feed.get(), &FeedClient::tlsFailed, this, [this](const QString &sentence) {
        setStateText(tr("%1: its certificate is not trusted").arg(m_name));
        Q_EMIT certificateRefused(sentence);
    });
    connect(m_feed.get(), &FeedClient::serverError, this, [this](const WireError &error) {
        setStateText(tr("%1 reported: %2").arg(m_name, ErrorText::forError(error)));
    });
    setStateText(tr("Offline"));
}

GatewaySession::~GatewaySession()
{
    // Nothing is told of a session going away: its listeners (the console's status, which walks
    // every session) may be in the middle of being destroyed themselves.
    m_feed->disconnect(this);
    disconnect();
    m_feed->stop();
    delete m_connectDialog;
    // The signer's dialogs refer to the window; the audit browser reads the mirror.
    m_audit.reset();
    m_keys.reset();
    m_signer.reset();
}

QString GatewaySession::defaultName(const QUrl &url)
{
    return url.port() > 0 ? u"%1:%2"_s.arg(url.host()).arg(url.port()) : url.host();
}

void GatewaySession::start()
{
    setUpSigner();
    if (m_url.isEmpty())
        return askForToken(tr("Which gateway should this console connect to?"));
    if (!m_options.token.isEmpty())
        return connectFeed(m_options.token);
    readStoredToken();
}

void GatewaySession::stop()
{
    m_feed->stop();
}

bool GatewaySession::isBusy() const
{
    return m_signer->isBusy() || !m_pendingDecisionId.isEmpty();
}

void GatewaySession::setUpSigner()
{
    if (!m_options.devSigningSeed.isEmpty()) {
        m_keys->setOverride(std::make_shared<SoftwareSigner>(m_options.devSigningSeed), tr("the dev software key"));
        return;
    }
    if (m_options.keyUri.isEmpty())
        return; // the approver's remembered key is loaded once the gateway says who they are
    QString error;
    std::shared_ptr<Signer> signer = SignerUri::open(m_options.keyUri, kDefaultFido2RpId, &error);
    if (!signer) {
        Q_EMIT problem(tr("The signing key cannot be used: %1").arg(error));
        return;
    }
    m_keys->setOverride(std::move(signer), m_options.keyUri);
}

void GatewaySession::readStoredToken()
{
    setStateText(tr("Reading the token for %1 from the keychain…").arg(m_url.toString()));
    m_keychain->read(m_url.toString(), this, [this](const KeychainTokenStore::Result &result) {
        if (result.ok()) {
            m_tokenFromKeychain = true;
            return connectFeed(result.token);
        }
        if (result.status == KeychainTokenStore::Result::Status::Unavailable) {
            m_keychainAvailable = false;
            return askForToken(tr("No keychain is reachable (%1). Enter your token; it will be asked again at "
                                  "the next start.")
                                   .arg(result.error));
        }
        askForToken(tr("Enter your approver token for %1.").arg(m_url.toString()));
    });
}

void GatewaySession::askForToken(const QString &message)
{
    if (m_connectDialog)
        m_connectDialog->close();
    auto *dialog = new ConnectDialog(m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setGatewayUrl(m_url);
    dialog->setMessage(message);
    dialog->setRememberAvailable(m_keychainAvailable, tr("No keychain is reachable."));
    connect(dialog, &ConnectDialog::connectRequested, this,
            [this](const QUrl &url, const QString &token, bool remember) {
                m_url = url;
                if (m_options.name.isEmpty())
                    m_name = defaultName(url);
                m_tokenFromKeychain = false;
                if (remember)
                    rememberToken(token);
                connectFeed(token);
            });
    m_connectDialog = dialog;
    setStateText(tr("Not connected"));
    dialog->open();
}

void GatewaySession::rememberToken(const QString &token)
{
    m_keychain->write(m_url.toString(), token, this, [this](const KeychainTokenStore::Result &result) {
        if (!result.ok()) {
            m_keychainAvailable = false;
            Q_EMIT problem(tr("Keychain unavailable: the token will be asked at the next start."));
        }
    });
}

void GatewaySession::connectFeed(const QString &token)
{
    // A gateway reached with a token of the keychain or the dialog is one to come back to; a dev
    // gateway's token from the command line is for this run only.
    QString refusal = m_options.trust.refuse(m_url).value_or(QString());
    if (refusal.isEmpty())
        m_options.trust.sslConfiguration(&refusal);
    if (!refusal.isEmpty()) { // never a silent retry: the approver reads why
        setStateText(tr("%1: %2").arg(m_name, refusal));
        Q_EMIT problem(refusal);
        return;
    }
    if (m_options.token.isEmpty())
        GatewayList::remember({m_options.name, m_url, m_options.trust});
    m_feed->setEndpoint(m_url, token);
    m_feed->setTrust(m_options.trust, &refusal);
    m_client.setEndpoint(m_url, token, m_options.trust);
    m_keys->setEndpoint(m_url, token, m_options.trust);
    m_audit->setEndpoint(m_url, token, m_options.trust);
    m_feed->start(m_feed->lastSeq());
}

void GatewaySession::setStateText(const QString &text)
{
    m_stateText = text;
    Q_EMIT changed();
}

void GatewaySession::onStateChanged(FeedClient::State state)
{
    if (state != FeedClient::State::Connected) {
        m_confirmed = false;
        if (!m_pendingDecisionId.isEmpty()) {
            m_pendingDecisionId.clear();
            Q_EMIT decisionSettled(std::exchange(m_pendingActionId, QString()));
        }
    }
    switch (state) {
    case FeedClient::State::Connected:
        return setStateText(tr("Connected to %1").arg(m_url.toString()));
    case FeedClient::State::Connecting:
        return setStateText(tr("Connecting to %1…").arg(m_url.toString()));
    case FeedClient::State::Reconnecting:
        return setStateText(
            tr("Reconnecting to %1 (attempt %2)…").arg(m_url.toString()).arg(m_feed->reconnectAttempts()));
    case FeedClient::State::Offline:
        return setStateText(tr("Offline"));
    }
}

void GatewaySession::onHello(const FeedMessages::Hello &hello)
{
    // The gateway follows its hello with a snapshot, or with every event since our last seq:
    // from here on the queue is confirmed by the feed again.
    m_confirmed = true;
    m_mayDecide = hello.principal.mayDecide();
    m_auditor = hello.principal.role == Role::Auditor;
    m_identity = hello.principal.id;
    m_displayName = hello.principal.displayName;
    if (m_mayDecide)
        m_keys->setIdentity(m_identity);
    m_audit->syncNow();
    if (m_auditor)
        Q_EMIT auditorSignedIn();
    Q_EMIT changed();
}

void GatewaySession::decide(const Action &action, Verdict verdict, const QString &reason)
{
    if (isBusy())
        return;
    m_pendingActionId = action.id;
    // Sign what the pane shows: the action as the approver read it, not a fresher copy.
    m_signer->sign(action, verdict, reason, m_identity, m_clock->now());
}

void GatewaySession::withdrawApproval(const Action &action)
{
    m_client.post(u"/v1/actions/%1/withdraw"_s.arg(action.id), {}, this,
                  [this, id = action.id](const AgentClient::Reply &reply) {
                      if (!reply.ok())
                          Q_EMIT decisionFailed(id, ErrorText::forError(reply.error));
                  });
}

void GatewaySession::sendDecision(const DecisionSubmission &submission)
{
    m_pendingDecisionId = m_feed->decide(submission);
    if (m_pendingDecisionId.isEmpty()) {
        const QString actionId = std::exchange(m_pendingActionId, QString());
        Q_EMIT decisionFailed(actionId, tr("Not connected to the gateway; the decision was not sent."));
        Q_EMIT decisionSettled(actionId);
    }
}

void GatewaySession::onDecisionAnswered(const FeedMessages::DecisionResult &result)
{
    if (result.requestId != m_pendingDecisionId)
        return;
    m_pendingDecisionId.clear();
    m_pendingActionId.clear();
    if (!result.accepted)
        Q_EMIT decisionFailed(result.actionId, ErrorText::forError(result.error));
    Q_EMIT decisionSettled(result.actionId);
}

void GatewaySession::onAuthenticationFailed(const QString &reason)
{
    if (m_tokenFromKeychain)
        m_keychain->remove(m_url.toString(), this, [](const KeychainTokenStore::Result &) {});
    askForToken(tr("The gateway %1 refused the token: %2").arg(m_name, reason));
}

} // namespace cs
