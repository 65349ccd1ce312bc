#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace cs {

// Who a bearer token belongs to. Agents submit actions, approvers submit and decide,
// auditors only read. A principal has exactly one role.
enum class Role { Agent, Approver, Auditor };

QString roleName(Role role);
std::optional<Role> roleFromName(QStringView name);

struct Principal
{
    QString id;
    QString displayName;
    Role role = Role::Agent;
    QStringList groups;

    bool mayRequest() const { return role == Role::Agent || role == Role::Approver; }
    bool mayDecide() const { return role == Role::Approver; }
};

} // namespace cs
