#include "ConsoleController.h"
#include "GatewayProcess.h"
#include "KeychainTokenStore.h"
#include "MainWindow.h"
#include "PendingQueueModel.h"
#include "TestClients.h"

#include <QApplication>
#include <QMenuBar>
#include <QSet>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

namespace {

// Answers as the loaded translation does, and remembers every text of ours it was asked for and
// every one it had no translation of.
class RecordingTranslator : public QTranslator
{
public:
    explicit RecordingTranslator(QTranslator *translation) : m_translation(translation) {}

    QString translate(const char *context, const char *source, const char *disambiguation, int n) const override
    {
        QString text = m_translation->translate(context, source, disambiguation, n);
        const QString where = QString::fromLatin1(context);
        if (where.startsWith(u"cs::"_s) || where == u"ErrorText"_s || where == u"main"_s) {
            const QString key = where + u": "_s + QString::fromUtf8(source);
            m_asked.insert(key);
            if (text.isEmpty())
                m_missing.insert(key);
        }
        return text;
    }
    bool isEmpty() const override { return false; }

    QSet<QString> asked() const { return m_asked; }
    QStringList missing() const
    {
        QStringList list = m_missing.values();
        list.sort();
        return list;
    }

private:
    QTranslator *m_translation;
    mutable QSet<QString> m_asked;
    mutable QSet<QString> m_missing;
};

} // namespace

// Each translation of the console (German; Polish, with its three plural forms) covers its main
// window: the window is built and filled with every kind of action under the translation alone,
// and no text of ours goes untranslated.
class TestTranslations : public QObject
{
    Q_OBJECT

    GatewayProcess m_gateway;
    SystemClock m_clock;
    KeychainTokenStore m_keychain;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_gateway.startDev()); }

    void mainWindow_isTranslated_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("German") << u"de"_s;
        QTest::newRow("Polish") << u"pl"_s;
    }
    void mainWindow_isTranslated()
    {
        QFETCH(QString, language);
        QTranslator translation;
        QVERIFY(translation.load(u":/i18n/countersign_%1.qm"_s.arg(language)));
        RecordingTranslator recording(&translation);
        QCoreApplication::installTranslator(&recording);

        ConsoleController console(&m_clock, &m_keychain);
        console.window()->show();
        console.start({{u"prod"_s,
                        m_gateway.url(),
                        m_gateway.dev().approver.token,
                        {},
                        m_gateway.dev().approver.signingKeySeed}});
        QTRY_VERIFY(console.sessions().front()->mayDecide());
        // A routine action, a critical multi-line one in production, one on behalf of someone.
        HttpProbe http(m_gateway.url());
        const QString agent = m_gateway.dev().agent.token;
        QStringList ids;
        ids << http.submit(agent, {{u"urgency"_s, u"low"_s}}).value(u"id"_s).toString();
        ids << http.submit(agent, {{u"urgency"_s, u"critical"_s}, {u"command"_s, u"echo a\necho b\necho c"_s}})
                   .value(u"id"_s)
                   .toString();
        ids << http.submit(agent, {{u"on_behalf_of"_s, m_gateway.dev().approver.id}}).value(u"id"_s).toString();
        for (const QString &id : std::as_const(ids)) {
            QVERIFY(!id.isEmpty());
            QTRY_VERIFY(console.queue()->rowOf(id) >= 0);
            QVERIFY(console.window()->selectAction(u"prod"_s, id));
            QCoreApplication::processEvents();
        }
        for (QMenu *menu : console.window()->menuBar()->findChildren<QMenu *>()) {
            menu->popup({0, 0}); // built as it opens
            menu->close();
        }
        const QString screenshots = qEnvironmentVariable("COUNTERSIGN_SCREENSHOT_DIR");
        if (!screenshots.isEmpty())
            console.window()->grab().save(u"%1/main-%2.png"_s.arg(screenshots, language));
        QCoreApplication::removeTranslator(&recording);

        qInfo("%s: %lld texts of the main window asked for", qPrintable(language), qsizetype(recording.asked().size()));
        QVERIFY(recording.asked().size() > 40); // the window was really built under the translation
        QVERIFY2(recording.missing().isEmpty(), qPrintable(recording.missing().join(u'\n')));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
