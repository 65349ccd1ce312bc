#pragma once

#include "domain/Principal.h"
#include "signing/KeyRecord.h"
#include "signing/SignedDecision.h"

namespace cs::test {

// An approver with a software key the gateway lists as approved, for in-process tests.
struct TestApprover
{
    Principal principal;
    QByteArray seed;
    KeyRecord key;

    static TestApprover make(const QString &id, Role role = Role::Approver);

    // A decision on `action` as a console would build it (digest recomputed from the request).
    SignedDecision decision(const Action &action, Verdict verdict, const QDateTime &now,
                            const QString &reason = {}) const;
    SignatureRecord sign(const SignedDecision &decision) const;
};

} // namespace cs::test
