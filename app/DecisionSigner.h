#pragma once

#include "signing/SigningJob.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class QWidget;

namespace cs {

class SigningPrompt;

// Signs the console's decisions with the approver's key: asks for the PIN when the key needs
// one, runs the device work off the UI thread (SigningJob), and after 200 ms without an answer
// shows "Touch your security key" (or "Signing…") with Cancel. One decision at a time.
class DecisionSigner : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPromptDelayMs = 200;

    DecisionSigner(QWidget *dialogParent, QObject *parent = nullptr);
    ~DecisionSigner() override;

    // The signer to use from now on (null: none configured) and how to name it to the approver.
    void setSigner(std::shared_ptr<Signer> signer, const QString &description);
    bool hasSigner() const { return m_signer != nullptr; }
    bool isBusy() const { return m_busy; }

    void sign(const Action &action, Verdict verdict, const QString &reason, const QString &approver,
              const QDateTime &now);
    void cancel();

    SigningPrompt *prompt() const { return m_prompt; }

Q_SIGNALS:
    void signedDecision(const cs::DecisionSubmission &submission);
    // Nothing was signed; `sentence` says why in the approver's language.
    void failed(const QString &sentence);

private:
    void startJob(const QString &pin);
    void onFinished(const SigningOutcome &outcome);
    void showPrompt();
    void finish();

    QPointer<QWidget> m_dialogParent;
    std::shared_ptr<Signer> m_signer;
    QString m_description;
    SigningRequest m_request;
    std::unique_ptr<SigningJob> m_job;
    SigningPrompt *m_prompt = nullptr;
    QTimer m_promptDelay;
    bool m_busy = false;
};

} // namespace cs
