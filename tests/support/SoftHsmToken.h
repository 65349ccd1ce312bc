#pragma once

#include <QString>
#include <QTemporaryDir>

namespace cs::test {

// A real SoftHSM2 token in a temporary directory: SOFTHSM2_CONF points this process (and every
// process it starts) at it, the token is made with softhsm2-util and its P-256 key pair with
// OpenSC's pkcs11-tool, exactly as an operator would prepare an HSM.
class SoftHsmToken
{
public:
    static constexpr char kModule[] = "/usr/lib/softhsm/libsofthsm2.so";

    // Creates the token `label` with user PIN `pin` and a key pair `keyLabel`. Says why on failure.
    bool create(const QString &label, const QString &pin, const QString &keyLabel, QString *error);

    QString uri() const; // pkcs11:token=…;object=…
    QString pin() const { return m_pin; }

private:
    static bool run(const QString &program, const QStringList &arguments, QString *error);

    QTemporaryDir m_dir;
    QString m_label;
    QString m_pin;
    QString m_keyLabel;
};

} // namespace cs::test
