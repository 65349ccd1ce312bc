#pragma once

#include "signing/SoftwareSigner.h"

#include <QMutex>
#include <QWaitCondition>

namespace cs::test {

// A test double for a hardware key: it signs with a software key the gateway knows, but like a
// FIDO2 key it waits for a "touch" (release()) or a cancel, and like a token it may want a PIN.
class FakeSigner : public Signer
{
public:
    FakeSigner(QByteArray seed, bool needsTouch, QString pin = {})
        : m_software(std::move(seed)), m_needsTouch(needsTouch), m_pin(std::move(pin))
    {
    }

    QString keyType() const override { return KeyType::Software; }
    bool needsPin() const override { return !m_pin.isEmpty(); }
    bool needsTouch() const override { return m_needsTouch; }

    std::optional<QByteArray> publicKey(const QString &pin, SignerError *error) override
    {
        return m_software.publicKey(pin, error);
    }

    std::optional<SignatureRecord> sign(const QByteArray &message, const QString &pin, SignerError *error) override
    {
        if (needsPin() && pin != m_pin) {
            *error = {SignerErrorCode::PinIncorrect, QStringLiteral("wrong PIN")};
            return std::nullopt;
        }
        QMutexLocker lock(&m_mutex);
        m_waiting = true;
        while (m_needsTouch && !m_touched && !m_cancelled)
            m_changed.wait(&m_mutex);
        m_waiting = false;
        const bool cancelled = m_cancelled;
        m_touched = m_cancelled = false;
        if (cancelled) {
            *error = {SignerErrorCode::Cancelled, QStringLiteral("cancelled")};
            return std::nullopt;
        }
        return m_software.sign(message, pin, error);
    }

    void cancel() override
    {
        QMutexLocker lock(&m_mutex);
        m_cancelled = true;
        m_changed.wakeAll();
    }

    // The approver touches the key.
    void release()
    {
        QMutexLocker lock(&m_mutex);
        m_touched = true;
        m_changed.wakeAll();
    }

    bool isWaitingForTouch()
    {
        QMutexLocker lock(&m_mutex);
        return m_waiting;
    }

private:
    SoftwareSigner m_software;
    bool m_needsTouch;
    QString m_pin;
    QMutex m_mutex;
    QWaitCondition m_changed;
    bool m_waiting = false;
    bool m_touched = false;
    bool m_cancelled = false;
};

} // namespace cs::test
