#include "domain/ActionRules.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;

class TestActionRules : public QObject
{
    Q_OBJECT

    const QDateTime t0 = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
    const Principal alice{u"alice"_s, u"Alice"_s, Role::Approver, {}};
    const Principal bot{u"bot"_s, u"Bot"_s, Role::Agent, {}};

    Action pending() const
    {
        Action action;
        action.id = u"a1"_s;
        action.initiator = u"bot"_s;
        action.request.kind = u"deploy"_s;
        action.request.command = u"make deploy"_s;
        action.request.onBehalfOf = u"carol"_s;
        action.createdAt = t0;
        action.expiresAt = t0.addSecs(300);
        action.digest = action.computeDigest();
        return action;
    }

    DecisionAttempt approve(const Action &action) const { return {action.id, Verdict::Approve, {}, action.digest}; }

    void expectRefusal(const Action &action, const DecisionAttempt &attempt, const Principal &who, const QDateTime &now,
                       const QString &code)
    {
        const auto refusal = ActionRules::checkDecision(action, attempt, who, now);
        QVERIFY2(refusal, qPrintable(u"expected "_s + code));
        QCOMPARE(refusal->code, code);
        QVERIFY(!refusal->message.isEmpty());
    }

private Q_SLOTS:
    void decide_byAnotherApproverInTime_isAccepted()
    {
        const Action action = pending();
        QVERIFY(!ActionRules::checkDecision(action, approve(action), alice, t0.addSecs(10)));
        QVERIFY(!ActionRules::checkDecision(action, {action.id, Verdict::Deny, u"no"_s, action.digest}, alice, t0));
    }

    void decide_byAgentOrAuditor_isRefusedWithNotApprover()
    {
        const Action action = pending();
        expectRefusal(action, approve(action), {u"x"_s, {}, Role::Agent, {}}, t0, ErrorCode::NotApprover);
        expectRefusal(action, approve(action), {u"y"_s, {}, Role::Auditor, {}}, t0, ErrorCode::NotApprover);
    }

    void decide_afterResolution_isRefusedWithItsCode_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("approved") << int(ActionStatus::Approved) << ErrorCode::NotPending;
        QTest::newRow("denied") << int(ActionStatus::Denied) << ErrorCode::NotPending;
        QTest::newRow("expired") << int(ActionStatus::Expired) << ErrorCode::Expired;
        QTest::newRow("cancelled") << int(ActionStatus::Cancelled) << ErrorCode::NotPending;
    }

    void decide_afterResolution_isRefusedWithItsCode()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        const Action action = ActionRules::resolved(pending(), ActionStatus(status), {u"z"_s, {}, t0});
        expectRefusal(action, approve(action), alice, t0, code);
    }

    void decide_atOrAfterDeadline_isRefusedWithExpired()
    {
        const Action action = pending();
        expectRefusal(action, approve(action), alice, action.expiresAt, ErrorCode::Expired);
        expectRefusal(action, approve(action), alice, action.expiresAt.addSecs(1), ErrorCode::Expired);
    }

    void decide_withOtherDigest_isRefusedWithDigestMismatch()
    {
        const Action action = pending();
        DecisionAttempt attempt = approve(action);
        attempt.actionDigest = QString(64, u'0');
        expectRefusal(action, attempt, alice, t0, ErrorCode::DigestMismatch);
    }

    void decide_byInitiator_isRefusedWithSelfApproval()
    {
        Action action = pending();
        action.initiator = u"alice"_s;
        expectRefusal(action, approve(action), alice, t0, ErrorCode::SelfApproval);
        // Denying one's own request is refused too: nobody decides their own request.
        expectRefusal(action, {action.id, Verdict::Deny, u"oops"_s, action.digest}, alice, t0, ErrorCode::SelfApproval);
    }

    void decide_byOnBehalfOf_isRefusedWithOnBehalfOfApproval()
    {
        const Action action = pending();
        const Principal carol{u"carol"_s, u"Carol"_s, Role::Approver, {}};
        expectRefusal(action, approve(action), carol, t0, ErrorCode::OnBehalfOfApproval);
    }

    void deny_withoutReason_isRefusedWithReasonRequired()
    {
        const Action action = pending();
        expectRefusal(action, {action.id, Verdict::Deny, u"   "_s, action.digest}, alice, t0,
                      ErrorCode::ReasonRequired);
    }

    void cancel_byInitiatorWhilePending_isAllowed() { QVERIFY(!ActionRules::checkCancel(pending(), bot, t0)); }

    void cancel_byOthersOrLate_isRefused()
    {
        const Action action = pending();
        QCOMPARE(ActionRules::checkCancel(action, alice, t0)->code, ErrorCode::NotInitiator);
        QCOMPARE(ActionRules::checkCancel(action, bot, action.expiresAt)->code, ErrorCode::Expired);
        const Action done = ActionRules::resolved(action, ActionStatus::Approved, {u"alice"_s, {}, t0});
        QCOMPARE(ActionRules::checkCancel(done, bot, t0)->code, ErrorCode::NotPending);
    }

    void resolved_setsStatusAndResolution()
    {
        const Action done = ActionRules::resolved(pending(), ActionStatus::Denied, {u"alice"_s, u"risky"_s, t0});
        QCOMPARE(done.status, ActionStatus::Denied);
        QCOMPARE(done.resolution->by, u"alice"_s);
        QCOMPARE(done.resolution->reason, u"risky"_s);
        QVERIFY(!done.isPending());
    }
};

QTEST_GUILESS_MAIN(TestActionRules)
#include "tst_actionrules.moc"
