#include "Principal.h"

using namespace Qt::StringLiterals;

namespace cs {

QString roleName(Role role)
{
    switch (role) {
    case Role::Agent:
        return u"agent"_s;
    case Role::Approver:
        return u"approver"_s;
    case Role::Auditor:
        return u"auditor"_s;
    }
    return {};
}

std::optional<Role> roleFromName(QStringView name)
{
    if (name == u"agent")
        return Role::Agent;
    if (name == u"approver")
        return Role::Approver;
    if (name == u"auditor")
        return Role::Auditor;
    return std::nullopt;
}

} // namespace cs
