#pragma once

#include "domain/Action.h"
#include "wire/FeedMessages.h"

#include <QList>

namespace cs::test {

// The canonical texts (FeedMessages::actionText) of `count` valid pending actions, "a-0", "a-1", …
inline QList<QByteArray> sampleActionTexts(int count)
{
    using namespace Qt::StringLiterals;
    QList<QByteArray> texts;
    for (int i = 0; i < count; ++i) {
        Action action;
        action.id = u"a-%1"_s.arg(i);
        action.initiator = u"deploy-bot"_s;
        action.request.kind = u"deploy"_s;
        action.request.command = u"echo %1"_s.arg(i);
        action.request.target = {u"k8s"_s, u"svc"_s, u"prod"_s};
        action.request.justification = u"why"_s;
        action.createdAt = QDateTime(QDate(2026, 12, 4), QTime(2, 8, 43), Qt::UTC);
        action.expiresAt = action.createdAt.addSecs(900);
        action.digest = action.computeDigest();
        texts.append(FeedMessages::actionText(action));
    }
    return texts;
}

} // namespace cs::test
