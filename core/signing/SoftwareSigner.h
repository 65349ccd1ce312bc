#pragma once

#include "signing/Signer.h"

namespace cs {

// An Ed25519 key held in memory, for development only: the gateway marks it assurance
// `software` and can refuse it. The console keeps the seed in the system keychain.
class SoftwareSigner : public Signer
{
public:
    explicit SoftwareSigner(QByteArray seed);

    static QByteArray generateSeed();

    QString keyType() const override { return KeyType::Software; }
    std::optional<QByteArray> publicKey(const QString &pin, SignerError *error) override;
    std::optional<SignatureRecord> sign(const QByteArray &message, const QString &pin, SignerError *error) override;

private:
    QByteArray m_seed;
};

} // namespace cs
