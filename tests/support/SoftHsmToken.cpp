#include "SoftHsmToken.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace cs::test {

bool SoftHsmToken::run(const QString &program, const QStringList &arguments, QString *error)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error =
            u"%1 %2 failed: %3%4"_s.arg(program, arguments.join(u' '),
                                        QString::fromLocal8Bit(process.readAllStandardError()), process.errorString());
        return false;
    }
    return true;
}

bool SoftHsmToken::create(const QString &label, const QString &pin, const QString &keyLabel, QString *error)
{
    m_label = label;
    m_pin = pin;
    m_keyLabel = keyLabel;
    QDir().mkpath(m_dir.filePath(u"tokens"_s));
    const QString confPath = m_dir.filePath(u"softhsm2.conf"_s);
    QFile conf(confPath);
    if (!conf.open(QIODevice::WriteOnly)) {
        *error = conf.errorString();
        return false;
    }
    conf.write("directories.tokendir = " + m_dir.filePath(u"tokens"_s).toUtf8() +
               "\nobjectstore.backend = file\nlog.level = ERROR\n");
    conf.close();
    qputenv("SOFTHSM2_CONF", confPath.toUtf8());
    return run(u"softhsm2-util"_s,
               {u"--init-token"_s, u"--free"_s, u"--label"_s, label, u"--so-pin"_s, u"87654321"_s, u"--pin"_s, pin},
               error) &&
           run(u"pkcs11-tool"_s,
               {u"--module"_s, QString::fromLatin1(kModule), u"--token-label"_s, label, u"--login"_s, u"--pin"_s, pin,
                u"--keypairgen"_s, u"--key-type"_s, u"EC:prime256v1"_s, u"--label"_s, keyLabel, u"--id"_s, u"01"_s},
               error);
}

QString SoftHsmToken::uri() const
{
    return u"pkcs11:token=%1;object=%2"_s.arg(QString::fromLatin1(QUrl::toPercentEncoding(m_label)),
                                              QString::fromLatin1(QUrl::toPercentEncoding(m_keyLabel)));
}

} // namespace cs::test
