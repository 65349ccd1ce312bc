#include "ErrorText.h"

#include <QCoreApplication>

namespace cs::ErrorText {

QString forError(const WireError &error)
{
    struct Entry
    {
        const QString &code;
        const char *text;
    };
    static const Entry entries[] = {
        {ErrorCode::NotPending, QT_TRANSLATE_NOOP("ErrorText", "This action was already decided.")},
        {ErrorCode::Expired, QT_TRANSLATE_NOOP("ErrorText", "This action has expired.")},
        {ErrorCode::DigestMismatch,
         QT_TRANSLATE_NOOP("ErrorText", "The action changed since it was shown; the decision was not accepted.")},
        {ErrorCode::NotApprover, QT_TRANSLATE_NOOP("ErrorText", "Your account may not approve or deny actions.")},
        {ErrorCode::SelfApproval, QT_TRANSLATE_NOOP("ErrorText", "You requested this action; someone else must decide it.")},
        {ErrorCode::OnBehalfOfApproval,
         QT_TRANSLATE_NOOP("ErrorText", "This action was requested on your behalf; someone else must decide it.")},
        {ErrorCode::ReasonRequired, QT_TRANSLATE_NOOP("ErrorText", "A denial needs a reason.")},
        {ErrorCode::UnknownAction, QT_TRANSLATE_NOOP("ErrorText", "The gateway does not know this action.")},
    };
    for (const Entry &entry : entries) {
        if (entry.code == error.code)
            return QCoreApplication::translate("ErrorText", entry.text);
    }
    return error.message.isEmpty() ? error.code : error.message;
}

} // namespace cs::ErrorText
