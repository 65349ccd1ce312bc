#include "Log.h"

Q_LOGGING_CATEGORY(lcFeed, "countersign.feed")
Q_LOGGING_CATEGORY(lcStore, "countersign.store")
Q_LOGGING_CATEGORY(lcHttp, "countersign.http")
Q_LOGGING_CATEGORY(lcGateway, "countersign.gateway")
Q_LOGGING_CATEGORY(lcClient, "countersign.client")
