#pragma once

#include "signing/Signer.h"

#include <QFutureWatcher>
#include <QObject>

#include <memory>

namespace cs {

// What to sign: the action as the approver saw it and their verdict.
struct SigningRequest
{
    Action action;
    Verdict verdict = Verdict::Deny;
    QString reason;
    QString approver;
    QString pin;
    QDateTime now;
};

struct SigningOutcome
{
    std::optional<SignedDecision> decision;
    std::optional<SignatureRecord> signature;
    SignerError error;
};

// Builds the decision for `request` and signs it with `signer`, blocking. Refuses to sign when
// the digest the gateway sent differs from the one recomputed from what is shown.
SigningOutcome signDecision(Signer &signer, const SigningRequest &request);

// Runs signDecision() on the thread pool and reports back on the owner's thread, so the UI stays
// responsive while a key waits for a touch. One job signs once.
class SigningJob : public QObject
{
    Q_OBJECT
public:
    SigningJob(std::shared_ptr<Signer> signer, SigningRequest request, QObject *parent = nullptr);
    ~SigningJob() override;

    void start();
    // Asks the device to stop; finished() still follows, with the error `cancelled`.
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }

Q_SIGNALS:
    void finished(const cs::SigningOutcome &outcome);

private:
    std::shared_ptr<Signer> m_signer;
    SigningRequest m_request;
    QFutureWatcher<SigningOutcome> m_watcher;
    bool m_cancelled = false;
};

} // namespace cs
