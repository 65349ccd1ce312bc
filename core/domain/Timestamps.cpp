#include "Timestamps.h"

namespace cs {

QString formatTime(const QDateTime &time)
{
    // "2026-12-04T02:08:43.123Z", as Qt::ISODateWithMs writes it, without its format parser (a
    // tenth of a submission's time went there).
    const QDateTime utc = time.toUTC();
    const QDate date = utc.date();
    if (!utc.isValid() || date.year() < 1 || date.year() > 9999)
        return utc.toString(Qt::ISODateWithMs);
    const QTime clock = utc.time();
    // Each field's digits, then the character after it.
    const struct
    {
        int value;
        int digits;
        char16_t after;
    } fields[] = {{date.year(), 4, u'-'},    {date.month(), 2, u'-'},   {date.day(), 2, u'T'},  {clock.hour(), 2, u':'},
                  {clock.minute(), 2, u':'}, {clock.second(), 2, u'.'}, {clock.msec(), 3, u'Z'}};
    char16_t text[24];
    int at = 0;
    for (const auto &field : fields) {
        int value = field.value;
        for (int i = field.digits - 1; i >= 0; --i, value /= 10)
            text[at + i] = char16_t(u'0' + value % 10);
        at += field.digits;
        text[at++] = field.after;
    }
    return QString(reinterpret_cast<const QChar *>(text), 24);
}

QDateTime parseTime(const QString &text)
{
    // The gateway writes "2026-12-04T02:08:43.123Z" (formatTime): read that shape directly, since
    // QDateTime::fromString is most of the cost of reading a 10,000-action snapshot.
    const auto digits = [&text](int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; ++i) {
            const char16_t c = text.at(i).unicode();
            if (c < u'0' || c > u'9')
                return -1;
            value = value * 10 + (c - u'0');
        }
        return value;
    };
    if (text.size() == 24 && text.at(4) == u'-' && text.at(7) == u'-' && text.at(10) == u'T' && text.at(13) == u':' &&
        text.at(16) == u':' && text.at(19) == u'.' && text.at(23) == u'Z') {
        const QDate date(digits(0, 4), digits(5, 2), digits(8, 2));
        const QTime time(digits(11, 2), digits(14, 2), digits(17, 2), digits(20, 3));
        if (date.isValid() && time.isValid())
            return QDateTime(date, time, Qt::UTC);
    }
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

} // namespace cs
