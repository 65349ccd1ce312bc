// The policy file (YAML) as the gateway loads it: any text is loaded or refused with its mistakes,
// never a crash; a loaded policy is evaluated once.
#include "FuzzInput.h"
#include "PolicyFile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cs::PolicyFile::Known known;
    known.total = 3;
    known.perGroup = {{QStringLiteral("sre"), 2}, {QStringLiteral("security"), 1}};
    known.webhooks = {QStringLiteral("chat")};
    QList<cs::PolicyError> errors;
    const auto policy = cs::PolicyFile::parse(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)),
                                              QStringLiteral("fuzz.yaml"), known, &errors);
    if (!policy)
        return 0;
    cs::ActionRequest request;
    request.kind = QStringLiteral("deploy");
    request.command = QStringLiteral("kubectl apply -f app.yaml");
    request.target = {QStringLiteral("k8s"), QStringLiteral("app"), QStringLiteral("production")};
    request.justification = QStringLiteral("release");
    (void)policy->evaluate(QStringLiteral("deploy-bot"), request);
    return 0;
}
