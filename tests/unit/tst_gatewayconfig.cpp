#include "GatewayConfig.h"
#include "PrincipalDirectory.h"
#include "util/Clock.h"
#include "util/Tokens.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;

class TestGatewayConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_fullConfig_readsEveryField()
    {
        const QString token = Tokens::generate();
        const QByteArray yaml = "gateway_id: gw-eu\nlisten: 0.0.0.0:9000\ndata_dir: /var/lib/cs\n"
                                "actions:\n  default_ttl_seconds: 120\n  max_ttl_seconds: 600\n"
                                "principals:\n  - id: alice\n    display_name: Alice A.\n    role: approver\n"
                                "    groups: [sre, oncall]\n    token_sha256: " +
                                Tokens::hash(token).toUtf8() + "\n";
        QString error;
        const auto config = GatewayConfig::parse(yaml, &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(config->gatewayId, u"gw-eu"_s);
        QCOMPARE(config->listenPort, 9000);
        QCOMPARE(config->defaultTtlSeconds, 120);
        QCOMPARE(config->principals.size(), 1);
        QCOMPARE(config->principals.first().principal.groups, QStringList({u"sre"_s, u"oncall"_s}));

        ManualClock clock(QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC));
        PrincipalDirectory directory(config->principals, &clock, 3);
        const QHostAddress peer(u"192.0.2.7"_s);
        WireError refusal;
        qint64 retryAfter = 0;
        const auto login = [&](const QByteArray &header) {
            return directory.authenticate(header, {}, peer, &refusal, &retryAfter);
        };
        const auto alice = login("Bearer " + token.toUtf8());
        QVERIFY(alice);
        QCOMPARE(alice->displayName, u"Alice A."_s);
        QVERIFY(!login("Bearer cs_wrong"));
        QCOMPARE(refusal.code, u"unauthenticated"_s);
        QVERIFY(!login(token.toUtf8()));
        QVERIFY(!login({})); // the third failure in a minute: locked out

        // Locked out: even the right token waits, with the seconds to wait; another address does not.
        QVERIFY(!login("Bearer " + token.toUtf8()));
        QCOMPARE(refusal.code, u"rate_limited"_s);
        QCOMPARE(retryAfter, 1);
        QVERIFY(directory.authenticate("Bearer " + token.toUtf8(), {}, QHostAddress(u"192.0.2.8"_s), &refusal,
                                       &retryAfter));
        clock.advance(2000);
        // Failing on after the lockout doubles the next one.
        for (int i = 0; i < 3; ++i)
            QVERIFY(!login("Bearer cs_wrong"));
        retryAfter = 0;
        QVERIFY(!login("Bearer " + token.toUtf8()));
        QCOMPARE(retryAfter, 2);
        QCOMPARE(directory.throttle().lockouts(), 2);
        // A success once the lockout is over forgets it all.
        clock.advance(3000);
        QVERIFY(login("Bearer " + token.toUtf8()));
    }

    void parse_badConfigs_sayWhatIsWrong_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("mention");
        const QByteArray hash = QByteArray(64, 'a');
        QTest::newRow("unknown role") << "principals:\n  - {id: a, role: root, token_sha256: " + hash + "}\n"
                                      << u"root"_s;
        QTest::newRow("short hash") << QByteArray("principals:\n  - {id: a, role: agent, token_sha256: abc}\n")
                                    << u"64 hex"_s;
        QTest::newRow("duplicate id") << "principals:\n  - {id: a, role: agent, token_sha256: " + hash +
                                             "}\n  - {id: a, role: agent, token_sha256: " + QByteArray(64, 'b') + "}\n"
                                      << u"used twice"_s;
        QTest::newRow("missing role") << "principals:\n  - {id: a, token_sha256: " + hash + "}\n" << u"needs"_s;
        QTest::newRow("bad listen") << QByteArray("listen: nowhere\n") << u"HOST:PORT"_s;
        QTest::newRow("bad yaml") << QByteArray("principals: [\n") << QString();
        QTest::newRow("storage scheme") << QByteArray("storage: {url: 'mysql://db/countersign'}\n")
                                        << u"sqlite:///path or postgresql://host/dbname"_s;
        QTest::newRow("storage without file") << QByteArray("storage: {url: 'sqlite://'}\n") << u"names no file"_s;
        QTest::newRow("storage without database")
            << QByteArray("storage: {url: 'postgresql://cs:secret@db.internal:5432'}\n") << u"names no database"_s;
        QTest::newRow("ttl order") << QByteArray("actions: {default_ttl_seconds: 100, max_ttl_seconds: 10}\n")
                                   << u"max_ttl_seconds"_s;
    }

    void storageUrl_choosesTheStore()
    {
        QString error;
        auto config = GatewayConfig::parse("data_dir: /var/lib/cs\n", &error);
        QVERIFY(config);
        auto location = config->storeLocation(&error);
        QVERIFY(location && !location->isPostgresql());
        QCOMPARE(location->sqlitePath(), u"/var/lib/cs/gateway.sqlite"_s);
        config = GatewayConfig::parse("storage: {url: 'sqlite:///srv/cs/log.db'}\n", &error);
        QVERIFY(config);
        QCOMPARE(config->storeLocation(&error)->sqlitePath(), u"/srv/cs/log.db"_s);
        config = GatewayConfig::parse(
            "storage: {url: 'postgresql://cs:s3cret@db.internal:6432/countersign?sslmode=require'}\n", &error);
        QVERIFY2(config, qPrintable(error));
        location = config->storeLocation(&error);
        QVERIFY(location && location->isPostgresql());
        QVERIFY(!location->display().contains(u"s3cret"_s)); // the log never shows the password
        QCOMPARE(location->libpqConninfo(), QByteArray("dbname='countersign' host='db.internal' port=6432 user='cs' "
                                                       "password='s3cret' sslmode='require'"));
        // and neither does a mistake
        QVERIFY(!GatewayConfig::parse("storage: {url: 'postgresql://cs:s3cret@db.internal'}\n", &error));
        QVERIFY2(!error.contains(u"s3cret"_s), qPrintable(error));
    }

    void parse_badConfigs_sayWhatIsWrong()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, mention);
        QString error;
        QVERIFY(!GatewayConfig::parse(yaml, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY2(error.contains(mention), qPrintable(error));
    }

    void setListen_acceptsHostPortForms()
    {
        GatewayConfig config;
        QString error;
        QVERIFY(config.setListen(u"localhost:0"_s, &error));
        QVERIFY(config.listenAddress.isLoopback());
        QVERIFY(config.setListen(u"[::1]:8470"_s, &error));
        QCOMPARE(config.listenPort, 8470);
        QVERIFY(!config.setListen(u"127.0.0.1:99999"_s, &error));
    }
};

QTEST_GUILESS_MAIN(TestGatewayConfig)
#include "tst_gatewayconfig.moc"
