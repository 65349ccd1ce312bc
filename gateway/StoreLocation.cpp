#include "StoreLocation.h"

#include "util/Sqlite.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

// libpq's quoting of a value in a connection string.
QByteArray conninfoValue(const QString &value)
{
    QByteArray quoted = value.toUtf8();
    quoted.replace("\\", "\\\\").replace("'", "\\'");
    return "'" + quoted + "'";
}

} // namespace

StoreLocation StoreLocation::sqliteFile(const QString &path)
{
    StoreLocation location;
    location.m_sqlitePath = path;
    location.m_url = QUrl::fromLocalFile(path);
    location.m_url.setScheme(u"sqlite"_s);
    return location;
}

std::optional<StoreLocation> StoreLocation::parse(const QString &url, QString *error)
{
    const QUrl parsed(url, QUrl::StrictMode);
    const QString scheme = parsed.scheme();
    if (!parsed.isValid()) {
        *error = u"storage.url %1 is not a URL: %2"_s.arg(url, parsed.errorString());
        return std::nullopt;
    }
    if (scheme == u"sqlite") {
        if (parsed.path().isEmpty() || !parsed.host().isEmpty()) {
            *error = u"storage.url %1 names no file: write sqlite:///absolute/path/gateway.db"_s.arg(url);
            return std::nullopt;
        }
        return sqliteFile(parsed.path());
    }
    if (scheme == u"postgresql" || scheme == u"postgres") {
        StoreLocation location;
        location.m_kind = Kind::Postgresql;
        location.m_url = parsed;
        if (parsed.path().size() < 2) {
            *error =
                u"storage.url %1 names no database: write postgresql://user@host:5432/dbname"_s.arg(location.display());
            return std::nullopt;
        }
        return location;
    }
    *error = u"storage.url %1: the store is sqlite:///path or postgresql://host/dbname"_s.arg(url);
    return std::nullopt;
}

QString StoreLocation::display() const
{
    return m_url.toDisplayString(QUrl::RemovePassword);
}

QByteArray StoreLocation::libpqConninfo() const
{
    QByteArray conninfo = "dbname=" + conninfoValue(m_url.path().mid(1));
    if (!m_url.host().isEmpty())
        conninfo += " host=" + conninfoValue(m_url.host());
    if (m_url.port() > 0)
        conninfo += " port=" + QByteArray::number(m_url.port());
    if (!m_url.userName().isEmpty())
        conninfo += " user=" + conninfoValue(m_url.userName());
    if (!m_url.password().isEmpty())
        conninfo += " password=" + conninfoValue(m_url.password());
    // Whatever else libpq takes (a socket directory as host=, sslmode=, connect_timeout=).
    for (const auto &[key, value] : QUrlQuery(m_url).queryItems(QUrl::FullyDecoded))
        conninfo += " " + key.toUtf8() + "=" + conninfoValue(value);
    return conninfo;
}

QSqlDatabase StoreLocation::open(const QString &name, bool readOnly, QString *error) const
{
    if (m_kind == Kind::Sqlite) {
        QStringList pragmas{u"PRAGMA busy_timeout = 5000"_s};
        if (readOnly)
            pragmas.append(u"PRAGMA query_only = 1"_s);
        return Sqlite::open(name, m_sqlitePath, pragmas, error);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
    db.setDatabaseName(m_url.path().mid(1));
    db.setUserName(m_url.userName());
    db.setPassword(m_url.password());
    if (m_url.port() > 0)
        db.setPort(m_url.port());
    QUrlQuery query(m_url);
    db.setHostName(m_url.host().isEmpty() ? query.queryItemValue(u"host"_s, QUrl::FullyDecoded) : m_url.host());
    QStringList options;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key != u"host")
            options.append(u"%1=%2"_s.arg(key, value));
    }
    if (!query.hasQueryItem(u"connect_timeout"_s))
        options.append(u"connect_timeout=5"_s);
    db.setConnectOptions(options.join(u';'));
    if (!db.open()) {
        *error = u"cannot open %1: %2"_s.arg(display(), db.lastError().text());
        return db;
    }
    QSqlQuery set(db);
    if (!set.exec(u"SET TIME ZONE 'UTC'"_s) || (readOnly && !set.exec(u"SET default_transaction_read_only = on"_s))) {
        *error = u"cannot set up the connection to %1: %2"_s.arg(display(), set.lastError().text());
        db.close();
    }
    return db;
}

void StoreLocation::close(QSqlDatabase &db, const QString &name)
{
    Sqlite::close(db, name); // closes any driver's connection
}

} // namespace cs
