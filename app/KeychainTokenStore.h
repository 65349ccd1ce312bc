#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace cs {

// Keeps approvers' tokens in the system keychain through QtKeychain (Secret Service on Linux,
// Keychain on macOS, Credential Store on Windows), one entry per gateway URL. Never a plain file:
// when no keychain answers, the caller is told so and asks for the token each run.
class KeychainTokenStore : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        enum class Status { Ok, NotFound, Unavailable };
        Status status = Status::Unavailable;
        QString token;
        QString error;
        bool ok() const { return status == Status::Ok; }
    };
    using Callback = std::function<void(const Result &)>;

    explicit KeychainTokenStore(QString service = QStringLiteral("countersign"), QObject *parent = nullptr);

    void read(const QString &key, QObject *context, Callback callback);
    void write(const QString &key, const QString &token, QObject *context, Callback callback);
    void remove(const QString &key, QObject *context, Callback callback);

private:
    QString m_service;
};

} // namespace cs
