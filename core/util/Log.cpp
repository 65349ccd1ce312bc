#include "Log.h"

Q_LOGGING_CATEGORY(lcFeed, "countersign.feed", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "countersign.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "countersign.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGateway, "countersign.gateway", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClient, "countersign.client", QtInfoMsg)
