#include "SigningKeySettings.h"

#include "DecisionSigner.h"
#include "ErrorText.h"
#include "signing/Fido2Signer.h"
#include "signing/Pkcs11Signer.h"
#include "signing/SignerUri.h"
#include "signing/SoftwareSigner.h"

#include <QDir>
#include <QFutureWatcher>
#include <QSettings>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

const QString kSoftwareInKeychain = u"software:keychain"_s;

struct EnrollOutcome
{
    std::optional<KeyEnrollment> enrollment;
    SignerError error;
};

} // namespace

SigningKeySettings::SigningKeySettings(KeychainTokenStore *keychain, DecisionSigner *signer, QObject *parent)
    : QObject(parent), m_keychain(keychain), m_signer(signer), m_client(&m_network)
{
}

void SigningKeySettings::setEndpoint(const QUrl &gatewayUrl, const QString &token, const TlsTrust &trust)
{
    m_gatewayUrl = gatewayUrl;
    m_client.setEndpoint(gatewayUrl, token, trust);
    m_client.get(u"/v1/gateway"_s, this, [this](const AgentClient::Reply &reply) {
        WireError error;
        if (const auto info = GatewayInfo::fromJson(reply.body, &error))
            m_rpId = info->fido2RpId;
    });
}

void SigningKeySettings::setOverride(std::shared_ptr<Signer> signer, const QString &description)
{
    m_overridden = true;
    m_description = description;
    m_signer->setSigner(std::move(signer), description);
}

QString SigningKeySettings::settingsKey() const
{
    return u"signing/%1/%2/uri"_s.arg(QString::fromLatin1(QUrl::toPercentEncoding(m_gatewayUrl.toString())),
                                      QString::fromLatin1(QUrl::toPercentEncoding(m_approver)));
}

QString SigningKeySettings::keychainKey() const
{
    return u"signing-seed:%1@%2"_s.arg(m_approver, m_gatewayUrl.toString());
}

void SigningKeySettings::setIdentity(const QString &approver)
{
    if (approver == m_approver)
        return;
    m_approver = approver;
    if (m_overridden)
        return;
    const QString uri = QSettings().value(settingsKey()).toString();
    if (uri.isEmpty())
        return;
    if (uri == kSoftwareInKeychain) {
        m_keychain->read(keychainKey(), this, [this, uri](const KeychainTokenStore::Result &result) {
            if (!result.ok())
                return Q_EMIT unusable(
                    tr("The software key could not be read from the keychain: %1").arg(result.error));
            install(std::make_shared<SoftwareSigner>(QByteArray::fromBase64(result.token.toLatin1())), uri,
                    tr("the software key in the keychain"));
        });
        return;
    }
    QString error;
    std::shared_ptr<Signer> signer = SignerUri::open(uri, m_rpId, &error);
    if (!signer)
        return Q_EMIT unusable(tr("The remembered signing key cannot be used: %1").arg(error));
    install(std::move(signer), uri, uri.startsWith(u"fido2:"_s) ? tr("your security key") : uri);
}

void SigningKeySettings::install(std::shared_ptr<Signer> signer, const QString &uri, const QString &description)
{
    m_description = description;
    m_overridden = false;
    QSettings().setValue(settingsKey(), uri);
    m_signer->setSigner(std::move(signer), description);
}

void SigningKeySettings::use(SigningKeyPanel::Kind kind, const QString &pkcs11Uri, bool enroll)
{
    if (m_approver.isEmpty())
        return fail(tr("Connect to the gateway first: the key belongs to the approver it knows you as."));
    switch (kind) {
    case SigningKeyPanel::Kind::Pkcs11: {
        QString error;
        if (!Pkcs11Signer::isValidUri(pkcs11Uri, &error))
            return fail(error);
        auto signer = std::make_shared<Pkcs11Signer>(pkcs11Uri);
        install(signer, pkcs11Uri, pkcs11Uri);
        if (enroll)
            startEnrollment(signer, pkcs11Uri, pkcs11Uri);
        else
            Q_EMIT statusChanged(tr("Decisions are now signed with %1.").arg(pkcs11Uri));
        return;
    }
    case SigningKeyPanel::Kind::Fido2: {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(dir);
        const QString uri =
            u"fido2:"_s +
            QDir(dir).filePath(u"fido2-%1.json"_s.arg(keychainKey().section(u':', 1).replace(u'/', u'_')));
        Q_EMIT statusChanged(tr("Touch your security key to create the credential…"));
        startEnrollment(std::make_shared<Fido2Signer>(m_rpId), uri, tr("your security key"));
        return;
    }
    case SigningKeyPanel::Kind::Software: {
        const QByteArray seed = SoftwareSigner::generateSeed();
        Q_EMIT busyChanged(true);
        m_keychain->write(
            keychainKey(), QString::fromLatin1(seed.toBase64()), this,
            [this, seed, enroll](const KeychainTokenStore::Result &result) {
                Q_EMIT busyChanged(false);
                if (!result.ok()) {
                    return fail(tr("No keychain is reachable, so no software key can be kept: %1").arg(result.error));
                }
                auto signer = std::make_shared<SoftwareSigner>(seed);
                install(signer, kSoftwareInKeychain, tr("the software key in the keychain"));
                if (enroll)
                    startEnrollment(signer, kSoftwareInKeychain, tr("the software key in the keychain"));
                else
                    Q_EMIT statusChanged(tr("A new software key is in the keychain."));
            });
        return;
    }
    }
}

void SigningKeySettings::startEnrollment(const std::shared_ptr<Signer> &signer, const QString &uri,
                                         const QString &description)
{
    Q_EMIT busyChanged(true);
    auto *watcher = new QFutureWatcher<EnrollOutcome>(this);
    connect(watcher, &QFutureWatcher<EnrollOutcome>::finished, this, [this, watcher, signer, uri, description] {
        watcher->deleteLater();
        Q_EMIT busyChanged(false);
        EnrollOutcome outcome = watcher->result();
        if (!outcome.enrollment)
            return fail(ErrorText::forSignerError(outcome.error));
        if (outcome.enrollment->type == KeyType::Fido2) {
            QString error;
            if (!SignerUri::saveFido2Credential(uri, m_rpId, {}, outcome.enrollment->credentialId,
                                                outcome.enrollment->publicKey, &error))
                return fail(error);
            install(signer, uri, description);
        }
        outcome.enrollment->label = tr("%1's console").arg(m_approver);
        sendEnrollment(*outcome.enrollment);
    });
    // Enrolling a FIDO2 key waits for a touch; reading a token's public key may be slow too.
    watcher->setFuture(QtConcurrent::run([signer] {
        EnrollOutcome outcome;
        outcome.enrollment = signer->enroll({}, &outcome.error);
        return outcome;
    }));
}

void SigningKeySettings::sendEnrollment(const KeyEnrollment &enrollment)
{
    m_client.post(u"/v1/keys"_s, enrollment.toJson(), this, [this](const AgentClient::Reply &reply) {
        if (!reply.ok())
            return fail(ErrorText::forError(reply.error));
        const QString id = reply.body.value(u"id"_s).toString();
        Q_EMIT statusChanged(tr("Key %1 is enrolled. It counts once an operator runs "
                                "\"countersign-gateway key approve %1\".")
                                 .arg(id));
    });
}

void SigningKeySettings::fail(const QString &sentence)
{
    Q_EMIT statusChanged(sentence);
}

} // namespace cs
