#include "DecisionSigner.h"

#include "ErrorText.h"
#include "SigningPrompt.h"

namespace cs {

DecisionSigner::DecisionSigner(QWidget *dialogParent, QObject *parent)
    : QObject(parent), m_dialogParent(dialogParent), m_prompt(new SigningPrompt(dialogParent))
{
    m_promptDelay.setSingleShot(true);
    m_promptDelay.setInterval(kPromptDelayMs);
    connect(&m_promptDelay, &QTimer::timeout, this, &DecisionSigner::showPrompt);
    connect(m_prompt, &SigningPrompt::pinEntered, this, [this](const QString &pin) {
        m_prompt->hide();
        startJob(pin);
    });
    connect(m_prompt, &SigningPrompt::cancelRequested, this, &DecisionSigner::cancel);
}

DecisionSigner::~DecisionSigner()
{
    if (m_job && m_job->isRunning())
        m_job->cancel();
}

void DecisionSigner::setSigner(std::shared_ptr<Signer> signer, const QString &description)
{
    m_signer = std::move(signer);
    m_description = description;
}

void DecisionSigner::sign(const Action &action, Verdict verdict, const QString &reason, const QString &approver,
                          const QDateTime &now)
{
    if (m_busy)
        return;
    if (!m_signer) {
        Q_EMIT failed(tr("No signing key is set up for this console. Start it with --key pkcs11:…, fido2:FILE or "
                         "software:FILE, or with --dev-principals against a dev gateway."));
        return;
    }
    m_busy = true;
    m_request = {action, verdict, reason, approver, {}, now};
    if (m_signer->needsPin()) {
        m_prompt->setMode(SigningPrompt::Mode::Pin, m_description);
        m_prompt->open();
        return;
    }
    startJob({});
}

void DecisionSigner::startJob(const QString &pin)
{
    m_request.pin = pin;
    m_job = std::make_unique<SigningJob>(m_signer, m_request);
    m_request.pin.clear();
    connect(m_job.get(), &SigningJob::finished, this, &DecisionSigner::onFinished);
    m_job->start();
    m_promptDelay.start();
}

void DecisionSigner::showPrompt()
{
    if (!m_job || !m_job->isRunning())
        return;
    m_prompt->setMode(m_signer->needsTouch() ? SigningPrompt::Mode::Touch : SigningPrompt::Mode::Working,
                      m_description);
    m_prompt->open();
}

void DecisionSigner::cancel()
{
    if (m_job && m_job->isRunning()) {
        m_job->cancel(); // finished() follows with `cancelled`
        return;
    }
    finish();
    Q_EMIT failed(ErrorText::forSignerError({SignerErrorCode::Cancelled, {}}));
}

void DecisionSigner::onFinished(const SigningOutcome &outcome)
{
    finish();
    if (outcome.decision && outcome.signature)
        Q_EMIT signedDecision({*outcome.decision, *outcome.signature});
    else
        Q_EMIT failed(ErrorText::forSignerError(outcome.error));
}

void DecisionSigner::finish()
{
    m_promptDelay.stop();
    m_prompt->hide();
    if (m_job)
        m_job.release()->deleteLater(); // we are inside its finished() signal
    m_busy = false;
}

} // namespace cs
