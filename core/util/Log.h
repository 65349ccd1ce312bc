#pragma once

#include <QLoggingCategory>

// One category per room, so that e.g. QT_LOGGING_RULES="countersign.feed.debug=true" shows the feed alone.
Q_DECLARE_LOGGING_CATEGORY(lcFeed)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcGateway)
Q_DECLARE_LOGGING_CATEGORY(lcClient)
