// The strict JSON parser and JCS (RFC 8785): any bytes are refused or parsed; what parses has a
// canonical form that is a fixed point; and the in-place reader (Jcs::View) accepts exactly the
// texts that are their own canonical form, handing back the same bytes for every value.
#include "FuzzInput.h"
#include "json/Jcs.h"
#include "json/JcsView.h"

#include <cstdlib>

namespace {

void walk(const cs::Jcs::View::Value &value, int depth)
{
    if (depth > 200)
        return;
    (void)value.bytes();
    QByteArray scratch;
    if (value.isString())
        (void)value.utf8(&scratch);
    for (const cs::Jcs::View::Value &child : value.children())
        walk(child, depth + 1);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzzInput(data, size);
    cs::Jcs::Error error;
    const auto value = cs::Jcs::parse(input, &error);
    const auto canonical = cs::Jcs::canonicalize(input, &error);
    if (canonical) {
        const auto again = cs::Jcs::canonicalize(*canonical, &error);
        if (!again || *again != *canonical)
            std::abort(); // the canonical form is not a fixed point
    }
    const auto view = cs::Jcs::View::read(QByteArray(input.constData(), input.size()));
    if (view.has_value() != (canonical && *canonical == input))
        std::abort(); // the in-place reader and canonicalize() disagree on what is canonical
    if (view) {
        if (view->root().bytes() != input)
            std::abort();
        walk(view->root(), 0);
    }
    (void)value;
    return 0;
}
