#include "GatewayList.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace cs::GatewayList {

QList<GatewayEntry> load()
{
    QSettings settings;
    QList<GatewayEntry> gateways;
    const int count = settings.beginReadArray(u"gateways"_s);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        const QUrl url(settings.value(u"url"_s).toString());
        if (url.isValid() && !url.isEmpty())
            gateways.append({settings.value(u"name"_s).toString(),
                             url,
                             {settings.value(u"ca_file"_s).toString(), settings.value(u"fingerprint"_s).toString()}});
    }
    settings.endArray();
    // Before several gateways: one URL, stored as a QUrl variant under gateway/url.
    const QVariant legacy = settings.value(u"gateway/url"_s);
    if (gateways.isEmpty() && legacy.isValid()) {
        const QUrl url = legacy.toUrl();
        settings.remove(u"gateway"_s);
        if (url.isValid() && !url.isEmpty()) {
            gateways.append({QString(), url, {}});
            save(gateways);
        }
    }
    return gateways;
}

void save(const QList<GatewayEntry> &gateways)
{
    QSettings settings;
    settings.remove(u"gateways"_s);
    settings.beginWriteArray(u"gateways"_s, int(gateways.size()));
    for (int i = 0; i < gateways.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(u"name"_s, gateways.at(i).name);
        settings.setValue(u"url"_s, gateways.at(i).url.toString());
        settings.setValue(u"ca_file"_s, gateways.at(i).trust.caFile);
        settings.setValue(u"fingerprint"_s, gateways.at(i).trust.fingerprint);
    }
    settings.endArray();
}

void remember(const GatewayEntry &entry)
{
    QList<GatewayEntry> gateways = load();
    for (GatewayEntry &known : gateways) {
        if (known.url == entry.url) {
            if (known.name == entry.name && known.trust == entry.trust)
                return;
            known.name = entry.name;
            known.trust = entry.trust;
            return save(gateways);
        }
    }
    gateways.append(entry);
    save(gateways);
}

} // namespace cs::GatewayList
