// The action codec: an agent's request body, a stored action, an event, an execution report.
#include "FuzzInput.h"
#include "json/Jcs.h"
#include "wire/ActionCodec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cs::Jcs::Error jcsError;
    const auto value = cs::Jcs::parse(fuzzInput(data, size), &jcsError);
    if (!value || !value->isObject())
        return 0;
    const QJsonObject object = value->toObject();
    cs::WireError error;
    if (const auto request = cs::ActionCodec::parseRequest(object, &error)) {
        cs::Action action;
        action.request = *request;
        (void)cs::ActionCodec::toJson(action);
    }
    if (const auto action = cs::ActionCodec::actionFromJson(object, &error))
        (void)cs::ActionCodec::toJson(*action);
    (void)cs::ActionCodec::eventFromJson(object, &error);
    (void)cs::ActionCodec::parseExecution(object, &error);
    (void)cs::ActionCodec::displayCommand(object);
    return 0;
}
