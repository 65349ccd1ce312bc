#include "DevPrincipals.h"

#include "util/OwnerOnlyFile.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

QJsonObject entryJson(const DevPrincipals::Entry &entry)
{
    QJsonObject object{{u"id"_s, entry.id}, {u"token"_s, entry.token}};
    if (!entry.signingKeySeed.isEmpty())
        object.insert(u"software_signing_key"_s, QString::fromLatin1(entry.signingKeySeed.toBase64()));
    return object;
}

DevPrincipals::Entry entryFrom(const QJsonObject &object)
{
    return {object.value(u"id"_s).toString(), object.value(u"token"_s).toString(),
            QByteArray::fromBase64(object.value(u"software_signing_key"_s).toString().toLatin1())};
}

} // namespace

std::optional<DevPrincipals> DevPrincipals::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"Cannot read %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    DevPrincipals principals{entryFrom(root.value(u"agent"_s).toObject()),
                             entryFrom(root.value(u"approver"_s).toObject()),
                             entryFrom(root.value(u"auditor"_s).toObject())};
    for (const Entry *entry : {&principals.agent, &principals.approver, &principals.auditor}) {
        if (entry->id.isEmpty() || entry->token.isEmpty()) {
            *error = u"%1 is not a dev principals file: an id or token is missing."_s.arg(path);
            return std::nullopt;
        }
    }
    return principals;
}

bool DevPrincipals::save(const QString &path, QString *error) const
{
    const QJsonObject root{
        {u"agent"_s, entryJson(agent)}, {u"approver"_s, entryJson(approver)}, {u"auditor"_s, entryJson(auditor)}};
    return writeOwnerOnlyFile(path, QJsonDocument(root).toJson(QJsonDocument::Indented), error);
}

const DevPrincipals::Entry &DevPrincipals::forRole(Role role) const
{
    switch (role) {
    case Role::Agent:
        return agent;
    case Role::Approver:
        return approver;
    case Role::Auditor:
        break;
    }
    return auditor;
}

} // namespace cs
