#include "KeychainTokenStore.h"

#include "util/Log.h"

#include <qt6keychain/keychain.h>

namespace cs {

namespace {

void deliver(QKeychain::Job *job, QObject *context, KeychainTokenStore::Callback callback)
{
    QObject::connect(job, &QKeychain::Job::finished, context, [callback = std::move(callback)](QKeychain::Job *done) {
        KeychainTokenStore::Result result;
        switch (done->error()) {
        case QKeychain::NoError:
            result.status = KeychainTokenStore::Result::Status::Ok;
            if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(done))
                result.token = read->textData();
            break;
        case QKeychain::EntryNotFound:
            result.status = KeychainTokenStore::Result::Status::NotFound;
            break;
        default:
            result.status = KeychainTokenStore::Result::Status::Unavailable;
            result.error = done->errorString();
            qCWarning(lcClient) << "keychain:" << done->error() << done->errorString();
            break;
        }
        callback(result);
    });
}

} // namespace

KeychainTokenStore::KeychainTokenStore(QString service, QObject *parent)
    : QObject(parent), m_service(std::move(service))
{
}

void KeychainTokenStore::read(const QString &key, QObject *context, Callback callback)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(key);
    deliver(job, context, std::move(callback));
    job->start();
}

void KeychainTokenStore::write(const QString &key, const QString &token, QObject *context, Callback callback)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(key);
    job->setTextData(token);
    deliver(job, context, std::move(callback));
    job->start();
}

void KeychainTokenStore::remove(const QString &key, QObject *context, Callback callback)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(key);
    deliver(job, context, std::move(callback));
    job->start();
}

} // namespace cs
