#include "AuditBrowser.h"
#include "AuditController.h"
#include "AuditTableModel.h"
#include "ConsoleController.h"
#include "GatewayProcess.h"
#include "KeychainTokenStore.h"
#include "MainWindow.h"
#include "TestClients.h"
#include "TestDatabase.h"
#include "audit/AuditExport.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QScopeGuard>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// The console's audit browser, offscreen, over a mirror synced from the real gateway: filter,
// search, read an action's story, export; an auditor gets only the audit log; a changed record
// is shown with its seq.
class TestAuditBrowser : public QObject
{
    Q_OBJECT

    GatewayProcess m_gateway;
    SystemClock m_clock;
    KeychainTokenStore m_keychain;

    void makeHistory()
    {
        HttpProbe http(m_gateway.url());
        FeedProbe approver;
        QVERIFY(approver.open(m_gateway.url(), m_gateway.dev().approver.token));
        approver.setSigningKey(m_gateway.dev().approver.signingKeySeed);
        QVERIFY(!approver.waitFor(u"snapshot"_s).isEmpty());
        const QStringList commands{u"pg_dump --table=customers prod"_s, u"kubectl rollout restart deploy/api"_s,
                                   u"vault write -f transit/keys/payments/rotate"_s};
        QString firstId;
        for (int i = 0; i < 9; ++i) {
            const QJsonObject created =
                http.submit(m_gateway.dev().agent.token,
                            {{u"command"_s, commands.at(i % 3)},
                             {u"justification"_s, i == 4 ? u"=HYPERLINK(\"http://x\") quarterly SOC2 evidence"_s
                                                         : u"routine change %1"_s.arg(i)}});
            if (i == 0)
                firstId = created.value(u"id"_s).toString();
            const bool approve = i % 2 == 0;
            QVERIFY(approver
                        .decide(created.value(u"id"_s).toString(), approve ? u"approve"_s : u"deny"_s,
                                created.value(u"digest"_s).toString(), approve ? QString() : u"not now"_s)
                        .value(u"accepted"_s)
                        .toBool());
        }
        // The agent ran the first one: event 19.
        QCOMPARE(http.post(u"/v1/actions/%1/execution"_s.arg(firstId), m_gateway.dev().agent.token,
                           {{u"status"_s, u"succeeded"_s}, {u"exit_code"_s, 0}, {u"detail"_s, u"dumped 1204 rows"_s}})
                     .status,
                 201);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_gateway.startDev());
        makeHistory();
    }

    void browser_filtersSearchesShowsTheStoryAndExports()
    {
        ConsoleController console(&m_clock, &m_keychain);
        console.window()->show();
        console.start({GatewaySession::Options{
            {}, m_gateway.url(), m_gateway.dev().approver.token, {}, m_gateway.dev().approver.signingKeySeed}});
        QSignalSpy synced(console.audit(), &AuditController::synced);
        QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 20000);
        console.window()->findChild<QAction *>(u"auditLogAction"_s)->trigger();
        AuditBrowser *browser = console.audit()->browser();
        QVERIFY(browser && browser->isVisible());
        AuditTableModel *model = browser->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(model->rowCount(), 19); // 9 requests, 9 decisions, 1 execution report
        QCOMPARE(model->data(model->index(0, AuditTableModel::Seq), Qt::DisplayRole).toLongLong(), 19); // newest first
        QCOMPARE(model->data(model->index(0, AuditTableModel::Target), Qt::DisplayRole).toString(),
                 u"postgres / users (production)"_s);

        // The story of the action that ran: request, decision, and how it ran.
        auto *table = browser->findChild<QTableView *>(u"auditTable"_s);
        table->selectionModel()->setCurrentIndex(model->index(0, 0),
                                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const QString ran = browser->findChild<QPlainTextEdit *>(u"auditTimeline"_s)->toPlainText();
        QVERIFY2(ran.contains(u"action.approved"_s) && ran.contains(u"execution.reported"_s) &&
                     ran.contains(u"ran: succeeded, exit code 0 — dumped 1204 rows"_s),
                 qPrintable(ran));

        // Full-text search over command and justification.
        browser->findChild<QLineEdit *>(u"auditSearch"_s)->setText(u"vault"_s);
        QTRY_COMPARE(model->rowCount(), 6);
        browser->findChild<QLineEdit *>(u"auditSearch"_s)->setText(u"pg_dump"_s);
        QTRY_COMPARE(model->rowCount(), 7); // with the execution report
        browser->findChild<QLineEdit *>(u"auditSearch"_s)->setText(u"SOC2"_s);
        QTRY_COMPARE(model->rowCount(), 2);
        // The user's words are text, not FTS5 syntax: a path, a colon, a stray quote.
        browser->findChild<QLineEdit *>(u"auditSearch"_s)->setText(u"deploy/api"_s);
        QTRY_COMPARE(model->rowCount(), 6);
        browser->findChild<QLineEdit *>(u"auditSearch"_s)->setText(u"transit/keys/payments rotate"_s);
        QTRY_COMPARE(model->rowCount(), 6);
        browser->findChild<QLineEdit *>(u"auditSearch"_s)->setText(u"table=customers\" AND"_s);
        QTRY_COMPARE(model->rowCount(), 0);
        QTRY_VERIFY(browser->findChild<QPlainTextEdit *>(u"auditTimeline"_s)->toPlainText().isEmpty());
        browser->findChild<QLineEdit *>(u"auditSearch"_s)->clear();
        // Filters: verdict, event type.
        auto *verdict = browser->findChild<QComboBox *>(u"auditVerdict"_s);
        verdict->setCurrentIndex(verdict->findData(u"deny"_s));
        QTRY_COMPARE(model->rowCount(), 8); // 4 denied actions, their request and their decision
        auto *type = browser->findChild<QComboBox *>(u"auditType"_s);
        type->setCurrentIndex(type->findData(EventType::ActionDenied));
        QTRY_COMPARE(model->rowCount(), 4);

        // The story of one action, as a timeline.
        table->selectionModel()->setCurrentIndex(model->index(0, 0),
                                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const QString story = browser->findChild<QPlainTextEdit *>(u"auditTimeline"_s)->toPlainText();
        QVERIFY2(story.contains(u"action.requested"_s) && story.contains(u"action.denied"_s), qPrintable(story));
        QVERIFY(story.contains(u"not now"_s));
        QVERIFY2(story.contains(u"signature verifies under dev-approver's software key k-"_s), qPrintable(story));

        // Export what matches, then everything; the CSV is safe in a spreadsheet.
        QTemporaryDir dir;
        QSignalSpy exported(browser, &AuditBrowser::exportFinished);
        browser->exportTo(dir.filePath(u"denied.jsonl"_s), u"jsonl"_s);
        QTRY_VERIFY(!exported.isEmpty());
        QVERIFY(exported.first().first().toBool());
        QFile jsonl(dir.filePath(u"denied.jsonl"_s));
        QVERIFY(jsonl.open(QIODevice::ReadOnly));
        QCOMPARE(jsonl.readAll().count('\n'), 4);
        type->setCurrentIndex(0);
        verdict->setCurrentIndex(0);
        QTRY_COMPARE(model->rowCount(), 19);
        exported.clear();
        browser->exportTo(dir.filePath(u"all.csv"_s), u"csv"_s);
        QTRY_VERIFY(!exported.isEmpty());
        QFile csv(dir.filePath(u"all.csv"_s));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray table_ = csv.readAll();
        QCOMPARE(table_.count("\r\n"), 20);
        QVERIFY(table_.contains(",succeeded,0,\r\n")); // the rule column is empty for a report
        QVERIFY(table_.startsWith("seq,") && table_.left(table_.indexOf("\r\n")).endsWith(",exit_code,rule"));
        QVERIFY(table_.contains(",default\r\n")); // requests name the rule they were made under
        QVERIFY(table_.contains("'=HYPERLINK("));
        const QString screenshots = qEnvironmentVariable("COUNTERSIGN_SCREENSHOT_DIR");
        if (!screenshots.isEmpty())
            browser->grab().save(screenshots + u"/audit-browser.png"_s);
    }

    // In German (long words) every column header and every filter's placeholder is shown whole.
    void browser_inGerman_clipsNoHeaderOrPlaceholder()
    {
        QTranslator german;
        QVERIFY(german.load(u":/i18n/countersign_de.qm"_s));
        QCoreApplication::installTranslator(&german);
        const auto cleanup = qScopeGuard([&] { QCoreApplication::removeTranslator(&german); });
        ConsoleController console(&m_clock, &m_keychain);
        console.start({GatewaySession::Options{
            {}, m_gateway.url(), m_gateway.dev().approver.token, {}, m_gateway.dev().approver.signingKeySeed}});
        QSignalSpy synced(console.audit(), &AuditController::synced);
        QTRY_VERIFY_WITH_TIMEOUT(!synced.isEmpty(), 20000);
        console.audit()->showBrowser();
        AuditBrowser *browser = console.audit()->browser();
        QVERIFY(browser);
        browser->resize(1280, 720);
        QTRY_COMPARE(browser->model()->rowCount(), 19);
        QCOMPARE(browser->model()->headerData(AuditTableModel::Time, Qt::Horizontal, Qt::DisplayRole).toString(),
                 u"Zeit (UTC)"_s);
        auto *table = browser->findChild<QTableView *>(u"auditTable"_s);
        for (int column = 0; column < AuditTableModel::ColumnCount - 1; ++column) {
            const QString header = browser->model()->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
            QVERIFY2(table->columnWidth(column) > table->horizontalHeader()->fontMetrics().horizontalAdvance(header),
                     qPrintable(header));
        }
        for (QLineEdit *edit : browser->findChildren<QLineEdit *>()) {
            if (edit->placeholderText().isEmpty())
                continue;
            QVERIFY2(edit->width() > edit->fontMetrics().horizontalAdvance(edit->placeholderText()),
                     qPrintable(edit->placeholderText()));
        }
        const QString screenshots = qEnvironmentVariable("COUNTERSIGN_SCREENSHOT_DIR");
        if (!screenshots.isEmpty())
            browser->grab().save(screenshots + u"/audit-browser-de.png"_s);
    }

    // An evidence bundle of the denials, from the mirror alone: it carries the chain between them
    // and the checkpoint that covers them, and verifies offline as countersign-cli would.
    void browser_bundlesTheMatchingEvents_forAnOfflineCheck()
    {
        ConsoleController console(&m_clock, &m_keychain);
        console.start({GatewaySession::Options{
            {}, m_gateway.url(), m_gateway.dev().approver.token, {}, m_gateway.dev().approver.signingKeySeed}});
        AuditController *audit = console.audit();
        // The gateway signs a checkpoint every 10 s; sync until one covers the history.
        QTRY_VERIFY_WITH_TIMEOUT((audit->syncNow(), audit->mirror() && audit->mirror()->coveredSeq() >= 19), 30000);
        console.window()->findChild<QAction *>(u"auditLogAction"_s)->trigger();
        AuditBrowser *browser = audit->browser();
        QVERIFY(browser);
        auto *type = browser->findChild<QComboBox *>(u"auditType"_s);
        type->setCurrentIndex(type->findData(EventType::ActionDenied));
        QTRY_COMPARE(browser->model()->rowCount(), 4);

        QTemporaryDir dir;
        const QString bundle = dir.filePath(u"denials"_s);
        QSignalSpy exported(browser, &AuditBrowser::exportFinished);
        browser->exportBundleTo(bundle);
        QTRY_VERIFY_WITH_TIMEOUT(!exported.isEmpty(), 10000);
        QVERIFY2(exported.first().first().toBool(), qPrintable(exported.first().at(1).toString()));
        QString summary;
        const auto problem = AuditExport::verifyBundle(bundle, &summary);
        QVERIFY2(!problem, problem ? qPrintable(problem->message) : "");
        QVERIFY2(summary.contains(u"made for 4 of these events"_s), qPrintable(summary));
        QFile manifest(QDir(bundle).filePath(u"manifest.json"_s));
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(manifest.readAll()).object().value(u"selected_seqs"_s).toArray().size(), 4);

        // A folder that already holds something is refused, and left as it was.
        exported.clear();
        browser->exportBundleTo(bundle);
        QTRY_VERIFY(!exported.isEmpty());
        QVERIFY(!exported.first().first().toBool());
        QVERIFY(QFile::exists(QDir(bundle).filePath(u"manifest.json"_s)));
        // A filter nothing matches says so, and writes nothing.
        browser->findChild<QLineEdit *>(u"auditSearch"_s)->setText(u"nosuchcommand"_s);
        QTRY_COMPARE(browser->model()->rowCount(), 0);
        exported.clear();
        browser->exportBundleTo(dir.filePath(u"empty"_s));
        QTRY_VERIFY(!exported.isEmpty());
        QVERIFY(!exported.first().first().toBool());
        QVERIFY(!QDir(dir.filePath(u"empty"_s)).exists());
    }

    void auditor_getsTheAuditLogOnly_andItOpensOffline()
    {
        {
            ConsoleController console(&m_clock, &m_keychain);
            console.window()->show();
            console.start({GatewaySession::Options{{}, m_gateway.url(), m_gateway.dev().auditor.token, {}, {}}});
            QTRY_VERIFY_WITH_TIMEOUT(console.audit()->browser() && console.audit()->browser()->isVisible(), 20000);
            QTRY_VERIFY(!console.window()->isVisible()); // nothing to approve with
            QTRY_COMPARE_WITH_TIMEOUT(console.audit()->mirror()->headSeq(), 19, 20000);
        }
        // The gateway gone, the mirror still opens and reads.
        m_gateway.kill();
        ConsoleController offline(&m_clock, &m_keychain);
        offline.start({GatewaySession::Options{{}, m_gateway.url(), m_gateway.dev().auditor.token, {}, {}}});
        offline.window()->findChild<QAction *>(u"auditLogAction"_s)->trigger();
        QVERIFY(offline.audit()->browser());
        QCOMPARE(offline.audit()->browser()->model()->rowCount(), 19);
        QVERIFY(m_gateway.restart());
    }

    // Someone edits this computer's copy of the log; Verify local copy finds the event.
    void changedLocalCopy_isFoundWithItsSeq()
    {
        ConsoleController console(&m_clock, &m_keychain);
        console.start({GatewaySession::Options{{}, m_gateway.url(), m_gateway.dev().auditor.token, {}, {}}});
        QTRY_VERIFY_WITH_TIMEOUT(console.audit()->browser(), 20000);
        AuditBrowser *browser = console.audit()->browser();
        QSignalSpy verified(browser, &AuditBrowser::verified);
        browser->verifyMirror();
        QTRY_VERIFY(!verified.isEmpty());
        QVERIFY2(verified.first().first().toBool(), qPrintable(verified.first().at(1).toString()));

        QVERIFY(runSql(console.audit()->mirror()->path(),
                       {u"UPDATE events SET body = replace(body, 'routine change 3', 'routine change X')"_s}));
        verified.clear();
        browser->findChild<QPushButton *>(u"verifyMirrorButton"_s)->click();
        QTRY_VERIFY(!verified.isEmpty());
        QVERIFY(!verified.first().first().toBool());
        auto *banner = browser->findChild<QLabel *>(u"breakBanner"_s);
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(u"seq 7"_s) && banner->text().contains(u"hash_mismatch"_s),
                 qPrintable(banner->text()));
        // Put it back, so the tests after this one see the copy the gateway sent.
        QVERIFY(runSql(console.audit()->mirror()->path(),
                       {u"UPDATE events SET body = replace(body, 'routine change X', 'routine change 3')"_s}));
    }

    void changedRecord_isShownWithItsSeq()
    {
        // Someone edits event 5 in the gateway's database; the next sync refuses it, loudly.
        m_gateway.kill();
        QVERIFY(runSql(QDir(m_gateway.dataDir()).filePath(u"gateway.sqlite"_s),
                       {u"DROP TRIGGER events_no_update"_s,
                        u"UPDATE events SET body = json_set(body, '$.actor', 'mallory') WHERE seq = 5"_s}));
        QVERIFY(m_gateway.restart());
        // A fresh mirror (another data directory) meets the edit.
        QTemporaryDir elsewhere;
        qputenv("XDG_DATA_HOME", elsewhere.path().toUtf8());
        ConsoleController console(&m_clock, &m_keychain);
        console.window()->show();
        console.start({GatewaySession::Options{{}, m_gateway.url(), m_gateway.dev().auditor.token, {}, {}}});
        QTRY_VERIFY_WITH_TIMEOUT(console.audit()->browser(), 20000);
        auto *banner = console.audit()->browser()->findChild<QLabel *>(u"breakBanner"_s);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 20000);
        QVERIFY2(banner->text().contains(u"seq 5"_s) && banner->text().contains(u"hash_mismatch"_s),
                 qPrintable(banner->text()));
        QCOMPARE(console.audit()->mirror()->headSeq(), 4);
    }
};

QTEST_MAIN(TestAuditBrowser)
#include "tst_auditbrowser.moc"
