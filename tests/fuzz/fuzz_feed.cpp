// The feed's messages as a console reads them (and the gateway reads a console's): any text.
#include "FuzzInput.h"
#include "wire/FeedMessages.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    cs::WireError error;
    (void)cs::FeedMessages::readCanonicalSnapshot(text, &error);
    QString type;
    const auto message = cs::FeedMessages::parse(text, &type, &error);
    if (!message)
        return 0;
    (void)cs::FeedMessages::parseHello(*message, &error);
    (void)cs::FeedMessages::parseSnapshot(*message, &error);
    (void)cs::FeedMessages::parseEvent(*message, &error);
    (void)cs::FeedMessages::parseDecisionResult(*message);
    (void)cs::FeedMessages::parseError(*message);
    return 0;
}
