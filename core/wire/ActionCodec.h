#pragma once

#include "json/JcsView.h"

#include "domain/Action.h"
#include "domain/Event.h"
#include "domain/Timestamps.h"
#include "wire/WireError.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace cs {

// JSON <-> domain for actions and events. The gateway and every client use these functions,
// so both sides agree on field names, formats and validation.
namespace ActionCodec {

inline constexpr int kMaxTtlSecondsCap = 7 * 24 * 3600;

// Validates an agent's POST /v1/actions body. `missing_field` for an absent or empty required
// member, `invalid_field` for a member of the wrong type or value.
std::optional<ActionRequest> parseRequest(const QJsonObject &body, WireError *error);

QJsonObject toJson(const Action &action);
// The body of POST /v1/actions/{id}/execution: {"status":"succeeded"|"failed","exit_code"?,"detail"?}.
std::optional<Execution> parseExecution(const QJsonObject &body, WireError *error);
QJsonObject toJson(const Execution &execution);
inline constexpr int kMaxExecutionDetail = 4000;
std::optional<Action> actionFromJson(const QJsonObject &object, WireError *error);

QJsonObject toJson(const Event &event);
// The command of an action as JSON (`argv` joined with spaces, or `command`), for tables and search.
QString displayCommand(const QJsonObject &action);
// The same for an action read in place, as UTF-8.
QByteArray displayCommand(const Jcs::View::Value &action);
std::optional<Event> eventFromJson(const QJsonObject &object, WireError *error);

// A pending action's approvals (its "approvals" member, and approval events' payload).
QJsonArray toJson(const QList<Approval> &approvals);
QList<Approval> approvalsFromJson(const QJsonArray &array);

} // namespace ActionCodec
} // namespace cs
