#pragma once

#include "client/TlsTrust.h"

#include <QList>
#include <QString>
#include <QUrl>

namespace cs {

// The gateways this console connects to at start, remembered in QSettings as text
// (gateways/N/name, gateways/N/url); tokens are never here, only in the keychain.
struct GatewayEntry
{
    QString name;
    QUrl url;
    TlsTrust trust = {}; // a pinned CA file or fingerprint, for https://
    bool operator==(const GatewayEntry &) const = default;
};

namespace GatewayList {

QList<GatewayEntry> load();
void save(const QList<GatewayEntry> &gateways);
// Adds (or renames) the gateway of `url`.
void remember(const GatewayEntry &entry);

} // namespace GatewayList
} // namespace cs
