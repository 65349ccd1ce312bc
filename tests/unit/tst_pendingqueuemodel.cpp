#include "PendingQueueModel.h"
#include "wire/ActionCodec.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;

class TestPendingQueueModel : public QObject
{
    Q_OBJECT

    ManualClock m_clock{QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC)};

    Action action(const QString &id, Urgency urgency, int ttl) const
    {
        Action a;
        a.id = id;
        a.initiator = u"bot"_s;
        a.request.kind = u"deploy"_s;
        a.request.command = u"make"_s;
        a.request.target = {u"k8s"_s, u"svc"_s, u"prod"_s};
        a.request.justification = u"why"_s;
        a.request.urgency = urgency;
        a.createdAt = m_clock.now();
        a.expiresAt = m_clock.now().addSecs(ttl);
        a.digest = a.computeDigest();
        return a;
    }

    Event requested(qint64 seq, const Action &a) const
    {
        return {seq,         m_clock.now(), EventType::ActionRequested,
                a.initiator, a.id,          {{u"action"_s, ActionCodec::toJson(a)}}};
    }

    static QStringList ids(const PendingQueueModel &model)
    {
        QStringList result;
        for (int row = 0; row < model.rowCount(); ++row)
            result.append(model.actionAt(row)->id);
        return result;
    }

private Q_SLOTS:
    void rows_sortByUrgencyThenDeadline()
    {
        PendingQueueModel model(&m_clock);
        model.applySnapshot({action(u"low"_s, Urgency::Low, 10), action(u"n-late"_s, Urgency::Normal, 500),
                             action(u"n-soon"_s, Urgency::Normal, 50)});
        model.applyEvent(requested(4, action(u"crit"_s, Urgency::Critical, 900)));
        model.applyEvent(requested(5, action(u"n-mid"_s, Urgency::Normal, 100)));
        QCOMPARE(ids(model), QStringList({u"crit"_s, u"n-soon"_s, u"n-mid"_s, u"n-late"_s, u"low"_s}));
    }

    void resolvingEvents_removeTheRow_andOthersDoNot()
    {
        PendingQueueModel model(&m_clock);
        model.applySnapshot({action(u"a"_s, Urgency::Normal, 10), action(u"b"_s, Urgency::Normal, 20),
                             action(u"c"_s, Urgency::Normal, 30), action(u"d"_s, Urgency::Normal, 40),
                             action(u"e"_s, Urgency::Normal, 50)});
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.applyEvent({6, m_clock.now(), EventType::DecisionRefused, u"x"_s, u"a"_s, {}});
        QCOMPARE(removed.size(), 0);
        const QStringList types{EventType::ActionApproved, EventType::ActionDenied, EventType::ActionExpired,
                                EventType::ActionCancelled};
        for (int i = 0; i < types.size(); ++i)
            model.applyEvent({7 + i, m_clock.now(), types[i], u"x"_s, QString(QChar(u'a' + i)), {}});
        QCOMPARE(ids(model), QStringList({u"e"_s}));
        QCOMPARE(removed.size(), 4);
    }

    void approvalEvents_updateTheRowsApprovals_andKeepItPending()
    {
        PendingQueueModel model(&m_clock);
        Action a = action(u"a"_s, Urgency::High, 60);
        a.policy = ActionPolicy{u"iam"_s, u"1 of sre AND 1 of security"_s, false, std::nullopt, {}};
        model.applySnapshot({a});
        QSignalSpy changed(&model, &PendingQueueModel::approvalsChanged);
        const QList<Approval> approvals{{u"alice"_s, {u"sre"_s}, u"k-1"_s, m_clock.now()}};
        model.applyEvent({2,
                          m_clock.now(),
                          EventType::ApprovalRecorded,
                          u"alice"_s,
                          u"a"_s,
                          {{u"approvals"_s, ActionCodec::toJson(approvals)}}});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(changed.size(), 1);
        const Action *row = model.actionAt(0);
        QVERIFY(row->approvedBy(u"alice"_s));
        const Quorum::Progress progress = row->approvalProgress();
        QCOMPARE(progress.have, 1);
        QCOMPARE(progress.needed, 2);
        QCOMPARE(progress.open.first().group, u"security"_s);

        model.applyEvent(
            {3, m_clock.now(), EventType::ApprovalWithdrawn, u"alice"_s, u"a"_s, {{u"approvals"_s, QJsonArray()}}});
        QCOMPARE(changed.size(), 2);
        QVERIFY(model.actionAt(0)->approvals.isEmpty());
    }

    void requestedTwice_addsOneRow()
    {
        PendingQueueModel model(&m_clock);
        const Action a = action(u"a"_s, Urgency::High, 60);
        model.applyEvent(requested(1, a));
        model.applyEvent(requested(1, a));
        QCOMPARE(model.rowCount(), 1);
    }

    void timeLeft_followsTheClock()
    {
        PendingQueueModel model(&m_clock);
        model.applySnapshot({action(u"a"_s, Urgency::Normal, 125)});
        const QModelIndex cell = model.index(0, PendingQueueModel::TimeLeftColumn);
        QCOMPARE(cell.data().toString(), u"2 min 05 s"_s);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        m_clock.advance(120'000);
        model.tick();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(cell.data().toString(), u"5 s"_s);
        m_clock.advance(10'000);
        QCOMPARE(cell.data().toString(), u"expired"_s);
        QCOMPARE(PendingQueueModel::formatTimeLeft(7322), u"2 h 02 min"_s);
    }

    void snapshot_dropsActionsThatAreNotPending()
    {
        PendingQueueModel model(&m_clock);
        Action done = action(u"done"_s, Urgency::Normal, 60);
        done.status = ActionStatus::Approved;
        model.applySnapshot({done, action(u"open"_s, Urgency::Normal, 60)});
        QCOMPARE(ids(model), QStringList({u"open"_s}));
    }
};

QTEST_GUILESS_MAIN(TestPendingQueueModel)
#include "tst_pendingqueuemodel.moc"
