// The gateway's byte-level watch of HTTP/1.1 (HttpFraming): any bytes, cut into pieces where the
// first byte says, never crash or read past a limit; feeding the same bytes in one piece gives
// the same verdict and request count.
#include "FuzzInput.h"
#include "HttpFraming.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const int step = 1 + data[0] % 16;
    const QByteArray input = fuzzInput(data + 1, size - 1);
    const cs::HttpFraming::Limits limits{4096, 1024, 20};
    cs::HttpFraming pieces(limits);
    cs::HttpFraming::Verdict verdict = cs::HttpFraming::Verdict::Continue;
    for (qsizetype at = 0; at < input.size(); at += step)
        verdict = pieces.feed(QByteArrayView(input).sliced(at, std::min<qsizetype>(step, input.size() - at)));
    cs::HttpFraming whole(limits);
    const cs::HttpFraming::Verdict once = whole.feed(input);
    if (once != verdict || whole.requestCount() != pieces.requestCount())
        std::abort();
    return 0;
}
