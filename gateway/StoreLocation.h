#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QUrl>

#include <optional>

namespace cs {

// Where the gateway's store lives, from `storage.url` (docs/gateway.md): a SQLite file
// (`sqlite:///var/lib/countersign/gateway.db`, the default: gateway.sqlite in the data directory)
// or a PostgreSQL database (`postgresql://user:password@host:port/dbname?sslmode=require`), which
// several gateway replicas may share. Every part of the gateway that reads or writes the store
// opens its connections through this.
class StoreLocation
{
public:
    enum class Kind { Sqlite, Postgresql };

    static StoreLocation sqliteFile(const QString &path);
    // The URL as configured; nullopt with `error` saying why for anything else.
    static std::optional<StoreLocation> parse(const QString &url, QString *error);

    Kind kind() const { return m_kind; }
    bool isPostgresql() const { return m_kind == Kind::Postgresql; }
    // The SQLite file (empty for PostgreSQL).
    QString sqlitePath() const { return m_sqlitePath; }
    // For the log: the URL without its password.
    QString display() const;
    // libpq's connection string ("host=… port=… dbname=…"), for the connections that bypass Qt.
    QByteArray libpqConninfo() const;

    // Opens a new connection named `name` on the calling thread (Qt's connections stay on the
    // thread that opened them). `readOnly` connections refuse writes. Says why on failure.
    QSqlDatabase open(const QString &name, bool readOnly, QString *error) const;
    static void close(QSqlDatabase &db, const QString &name);

private:
    Kind m_kind = Kind::Sqlite;
    QString m_sqlitePath;
    QUrl m_url;
};

} // namespace cs
