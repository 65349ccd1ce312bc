#pragma once

#include "domain/Action.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <map>
#include <utility>

namespace cs {

// The canonical JSON of each pending action (FeedMessages::actionText), kept in the order a
// snapshot lists them (oldest first), so that a snapshot of 100,000 actions is a walk, not a sort.
class PendingTexts
{
public:
    void insert(const Action &action, QByteArray text)
    {
        const Key key{action.createdAt.toMSecsSinceEpoch(), action.id};
        if (const auto old = m_keys.constFind(action.id); old != m_keys.cend() && *old != key)
            m_ordered.erase(*old);
        m_keys.insert(action.id, key);
        m_ordered.insert_or_assign(key, std::move(text));
    }
    void remove(const QString &actionId)
    {
        if (const auto key = m_keys.constFind(actionId); key != m_keys.cend()) {
            m_ordered.erase(*key);
            m_keys.erase(key);
        }
    }
    void clear()
    {
        m_keys.clear();
        m_ordered.clear();
    }
    QByteArray value(const QString &actionId) const
    {
        const auto key = m_keys.constFind(actionId);
        return key == m_keys.cend() ? QByteArray() : m_ordered.at(*key);
    }
    // Every text, oldest action first (each shared, not copied).
    QList<QByteArray> inOrder() const
    {
        QList<QByteArray> texts;
        texts.reserve(qsizetype(m_ordered.size()));
        for (const auto &[key, text] : m_ordered)
            texts.append(text);
        return texts;
    }

private:
    using Key = std::pair<qint64, QString>; // created at (ms), id: unique, in snapshot order
    QHash<QString, Key> m_keys;
    std::map<Key, QByteArray> m_ordered;
};

} // namespace cs
