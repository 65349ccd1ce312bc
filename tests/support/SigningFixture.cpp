#include "SigningFixture.h"

#include "signing/Crypto.h"
#include "signing/SoftwareSigner.h"

using namespace Qt::StringLiterals;

namespace cs::test {

TestApprover TestApprover::make(const QString &id, Role role)
{
    TestApprover approver;
    approver.principal = {id, id, role, {}};
    approver.seed = SoftwareSigner::generateSeed();
    const QByteArray spki = Crypto::ed25519PublicFromSeed(approver.seed).value_or(QByteArray());
    approver.key = KeyEnrollment{KeyType::Software, spki, {}, {}}.toRecord(id, QDateTime::currentDateTimeUtc());
    approver.key.status = KeyStatus::Approved;
    return approver;
}

SignedDecision TestApprover::decision(const Action &action, Verdict verdict, const QDateTime &now,
                                      const QString &reason) const
{
    return SignedDecision::create(action, verdict, reason, principal.id, key.id, now);
}

SignatureRecord TestApprover::sign(const SignedDecision &decision) const
{
    SignerError error;
    return SoftwareSigner(seed).sign(decision.canonicalBytes(), {}, &error).value_or(SignatureRecord{});
}

} // namespace cs::test
