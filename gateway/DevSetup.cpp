#include "DevSetup.h"

#include "signing/SoftwareSigner.h"
#include "util/DevPrincipals.h"
#include "util/Tokens.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace cs::DevSetup {

bool addDevPrincipals(GatewayConfig &config, QString *error)
{
    if (!QDir().mkpath(config.dataDir)) {
        *error = u"cannot create the data directory %1"_s.arg(config.dataDir);
        return false;
    }
    const QString path = QDir(config.dataDir).filePath(u"dev-principals.json"_s);
    std::optional<DevPrincipals> dev;
    if (QFileInfo::exists(path)) {
        dev = DevPrincipals::load(path, error);
        if (!dev)
            return false;
    } else {
        dev = DevPrincipals{{u"dev-agent"_s, Tokens::generate(), {}},
                            {u"dev-approver"_s, Tokens::generate(), {}},
                            {u"dev-auditor"_s, Tokens::generate(), {}}};
    }
    if (dev->approver.signingKeySeed.size() != 32) {
        dev->approver.signingKeySeed = SoftwareSigner::generateSeed();
        if (!dev->save(path, error))
            return false;
    }
    // The dev approver's software key is listed as if an operator had approved it.
    SignerError signerError;
    const auto spki = SoftwareSigner(dev->approver.signingKeySeed).publicKey({}, &signerError);
    if (!spki) {
        *error = signerError.message;
        return false;
    }
    KeyRecord key = KeyEnrollment{KeyType::Software, *spki, {}, u"dev approver key"_s}.toRecord(
        dev->approver.id, QDateTime::currentDateTimeUtc());
    key.status = KeyStatus::Approved;
    key.approvedBy = u"dev setup"_s;
    key.approvedAt = key.createdAt;
    config.keys.append(key);
    const auto add = [&config](const DevPrincipals::Entry &entry, Role role, const QString &name) {
        config.principals.append({Principal{entry.id, name, role, {u"dev"_s}}, Tokens::hash(entry.token), {}});
    };
    add(dev->agent, Role::Agent, u"Dev agent"_s);
    add(dev->approver, Role::Approver, u"Dev approver"_s);
    add(dev->auditor, Role::Auditor, u"Dev auditor"_s);
    return true;
}

} // namespace cs::DevSetup
