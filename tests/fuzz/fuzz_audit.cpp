// An audit page as the console's mirror and `countersign-cli audit verify` read it: any text, then
// its chain checked from the start and from its first event.
#include "FuzzInput.h"
#include "audit/AuditChain.h"
#include "audit/AuditPage.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    const auto page = cs::AuditPage::read(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)), &error);
    if (!page)
        return 0;
    QList<QByteArray> contents;
    (void)cs::AuditChain::verify(page->events, 0, cs::AuditChain::kGenesisHash, &contents);
    (void)page->lastSeq(0);
    for (const cs::AuditChain::Checkpoint &checkpoint : page->checkpoints)
        (void)checkpoint.verifySignature(QByteArray(44, '\0'));
    return 0;
}
