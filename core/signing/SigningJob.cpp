#include "SigningJob.h"

#include "signing/Crypto.h"

#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace cs {

SigningOutcome signDecision(Signer &signer, const SigningRequest &request)
{
    SigningOutcome outcome;
    if (request.action.computeDigest() != request.action.digest) {
        outcome.error = {SignerErrorCode::DigestMismatch,
                         u"The gateway's digest for this action does not match the request shown; "
                         "nothing was signed."_s};
        return outcome;
    }
    const auto spki = signer.publicKey(request.pin, &outcome.error);
    if (!spki)
        return outcome;
    SignedDecision decision = SignedDecision::create(request.action, request.verdict, request.reason, request.approver,
                                                     Crypto::keyIdFor(*spki), request.now);
    auto signature = signer.sign(decision.canonicalBytes(), request.pin, &outcome.error);
    if (!signature)
        return outcome;
    outcome.decision = std::move(decision);
    outcome.signature = std::move(signature);
    return outcome;
}

SigningJob::SigningJob(std::shared_ptr<Signer> signer, SigningRequest request, QObject *parent)
    : QObject(parent), m_signer(std::move(signer)), m_request(std::move(request))
{
    connect(&m_watcher, &QFutureWatcher<SigningOutcome>::finished, this, [this] {
        SigningOutcome outcome = m_watcher.result();
        if (m_cancelled && outcome.decision) {
            // The device finished before it heard the cancel; the approver asked not to send it.
            outcome = {};
            outcome.error = {SignerErrorCode::Cancelled, u"Signing was cancelled."_s};
        }
        Q_EMIT finished(outcome);
    });
}

SigningJob::~SigningJob()
{
    // The worker holds its own reference to the signer; it may outlive the job, never the other way.
    if (m_watcher.isRunning())
        m_signer->cancel();
}

void SigningJob::start()
{
    std::shared_ptr<Signer> signer = m_signer;
    SigningRequest request = m_request;
    m_watcher.setFuture(QtConcurrent::run([signer, request] { return signDecision(*signer, request); }));
}

void SigningJob::cancel()
{
    m_cancelled = true;
    m_signer->cancel();
}

} // namespace cs
