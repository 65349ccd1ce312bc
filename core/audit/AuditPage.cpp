#include "AuditPage.h"

#include "json/Jcs.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

QJsonObject objectOf(const Jcs::View::Value &value)
{
    return QJsonDocument::fromJson(value.bytes().toByteArray()).object();
}

} // namespace

std::optional<AuditPage> AuditPage::read(const QByteArray &text, QString *error)
{
    if (auto view = Jcs::View::read(text); view && view->root().isObject())
        return fromView(*view);
    Jcs::Error jcsError;
    const auto value = Jcs::parse(text, &jcsError);
    if (!value || !value->isObject()) {
        *error = value ? u"The audit page is not a JSON object."_s
                       : u"The audit page is not acceptable JSON (%1): %2"_s.arg(jcsError.code, jcsError.message);
        return std::nullopt;
    }
    return fromJson(value->toObject());
}

AuditPage AuditPage::fromView(const Jcs::View &view)
{
    AuditPage page;
    const Jcs::View::Value root = view.root();
    page.events = root[QLatin1StringView("events")].children();
    for (const Jcs::View::Value &checkpoint : root[QLatin1StringView("checkpoints")].children()) {
        if (auto parsed = AuditChain::Checkpoint::fromJson(objectOf(checkpoint)))
            page.checkpoints.append(*parsed);
    }
    const Jcs::View::Value head = root[QLatin1StringView("head")];
    page.headSeq = head[QLatin1StringView("seq")].toInteger();
    page.headHash = head[QLatin1StringView("hash")].toString();
    page.m_views.push_back(view);
    return page;
}

AuditPage AuditPage::fromJson(const QJsonObject &object)
{
    AuditPage page;
    for (const QJsonValue &event : object.value(u"events"_s).toArray()) {
        if (auto view = Jcs::View::of(event)) {
            page.m_views.push_back(std::move(*view));
            page.events.push_back(page.m_views.back().root());
        } else {
            page.events.emplace_back();
        }
    }
    for (const QJsonValue &checkpoint : object.value(u"checkpoints"_s).toArray()) {
        if (auto parsed = AuditChain::Checkpoint::fromJson(checkpoint.toObject()))
            page.checkpoints.append(*parsed);
    }
    const QJsonObject head = object.value(u"head"_s).toObject();
    page.headSeq = head.value(u"seq"_s).toInteger();
    page.headHash = head.value(u"hash"_s).toString();
    return page;
}

qint64 AuditPage::lastSeq(qint64 fallback) const
{
    return events.empty() ? fallback : events.back()[QLatin1StringView("seq")].toInteger(fallback);
}

} // namespace cs
