#include "WalCheckpointer.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <thread>

using namespace Qt::StringLiterals;
using namespace cs;

// The checkpointer on a real SQLite file, under a writer that never pauses.
class TestWalCheckpointer : public QObject
{
    Q_OBJECT

    static constexpr qint64 kMiB = 1024 * 1024;

    // Commits `total` bytes in rows of 64 KiB, one per transaction, a fifth of a millisecond apart
    // (less than a checkpoint takes, so a passive one never finds the log idle), and returns the
    // WAL's largest size seen meanwhile.
    static qint64 writeWithoutPause(const QString &path, qint64 total)
    {
        QSqlDatabase db = QSqlDatabase::database(u"writer"_s);
        QSqlQuery query(db);
        const QByteArray row(64 * 1024, 'x');
        qint64 largest = 0;
        for (qint64 written = 0; written < total; written += row.size()) {
            query.prepare(u"INSERT INTO rows (body) VALUES (?)"_s);
            query.addBindValue(row);
            if (!query.exec())
                qFatal("insert failed: %s", qPrintable(query.lastError().text()));
            largest = std::max(largest, QFileInfo(path + u"-wal"_s).size());
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        return largest;
    }

    QString path() const { return m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) + u".sqlite"_s); }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"writer"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery query(db);
        // As the store sets it: no automatic checkpoints, and the log cut back when it starts over.
        for (const QString &pragma :
             {u"PRAGMA journal_mode = WAL"_s, u"PRAGMA synchronous = NORMAL"_s, u"PRAGMA busy_timeout = 5000"_s,
              u"PRAGMA wal_autocheckpoint = 0"_s, u"PRAGMA journal_size_limit = %1"_s.arg(2 * kMiB),
              u"CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB)"_s})
            QVERIFY2(query.exec(pragma), qPrintable(query.lastError().text()));
    }

    void cleanup()
    {
        QSqlDatabase::database(u"writer"_s).close();
        QSqlDatabase::removeDatabase(u"writer"_s);
    }

    void sustainedWrites_logStartsOverOnceItHoldsTheBound()
    {
        const QString path = this->path();
        qint64 largest = 0;
        {
            WalCheckpointer checkpointer(path, 10, {2 * kMiB, 1024 * kMiB});
            largest = writeWithoutPause(path, 64 * kMiB);
        }
        // Without the RESTART the log holds all 64 MiB (the truncation bound is far above it).
        QVERIFY2(largest < 24 * kMiB, qPrintable(u"the WAL grew to %1 bytes"_s.arg(largest)));
        QSqlQuery count(QSqlDatabase::database(u"writer"_s));
        QVERIFY(count.exec(u"SELECT count(*) FROM rows"_s) && count.next());
        QCOMPARE(count.value(0).toLongLong(), 64 * kMiB / (64 * 1024));
    }

    void fileOverTheTruncationBound_isCutToNothing()
    {
        const QString path = this->path();
        writeWithoutPause(path, 8 * kMiB); // with no checkpointer, the log holds it all
        QVERIFY(QFileInfo(path + u"-wal"_s).size() > 4 * kMiB);
        {
            WalCheckpointer checkpointer(path, 10, {1024 * kMiB, 4 * kMiB});
            QTRY_COMPARE(QFileInfo(path + u"-wal"_s).size(), 0);
        }
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestWalCheckpointer)
#include "tst_walcheckpointer.moc"
