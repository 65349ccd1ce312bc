#include "HttpApi.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;
using namespace cs;

// docs/openapi.yaml describes the HTTP API the gateway serves: the same paths and methods as its
// route table (and the unauthenticated probes and the feed), the same roles, and the same error
// codes as core/wire/WireError.h, each also in docs/protocol.md.
class TestOpenApi : public QObject
{
    Q_OBJECT

    YAML::Node m_spec;

    static QByteArray read(const QString &relative)
    {
        QFile file(QStringLiteral(COUNTERSIGN_SOURCE_DIR) + u'/' + relative);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    static QString text(const YAML::Node &node) { return QString::fromStdString(node.as<std::string>()); }

private Q_SLOTS:
    void initTestCase()
    {
        const QByteArray yaml = read(u"docs/openapi.yaml"_s);
        QVERIFY(!yaml.isEmpty());
        m_spec = YAML::Load(yaml.toStdString());
        QCOMPARE(text(m_spec["openapi"]).left(2), u"3."_s);
    }

    void pathsAndMethods_areTheRouteTables()
    {
        QSet<QString> served{u"GET /healthz"_s, u"GET /readyz"_s, u"GET /v1/feed"_s};
        for (const HttpApi::Endpoint &endpoint : HttpApi::endpoints())
            served.insert(endpoint.method + u' ' + endpoint.path);
        QSet<QString> described;
        for (const auto &path : m_spec["paths"]) {
            for (const auto &operation : path.second)
                described.insert(text(operation.first).toUpper() + u' ' + text(path.first));
        }
        QCOMPARE(described, served);
    }

    void roles_areTheRouteTables()
    {
        for (const HttpApi::Endpoint &endpoint : HttpApi::endpoints()) {
            const YAML::Node operation =
                m_spec["paths"][endpoint.path.toStdString()][endpoint.method.toLower().toStdString()];
            QVERIFY2(operation["x-countersign-roles"], qPrintable(endpoint.method + u' ' + endpoint.path));
            QSet<QString> described;
            for (const auto &role : operation["x-countersign-roles"])
                described.insert(text(role));
            QSet<QString> served;
            for (const Role role : endpoint.roles)
                served.insert(roleName(role));
            QVERIFY2(described == served, qPrintable(endpoint.method + u' ' + endpoint.path));
        }
    }

    void errorCodes_areWireErrorsAndDocumented()
    {
        const QString header = QString::fromUtf8(read(u"core/wire/WireError.h"_s));
        const qsizetype begin = header.indexOf(u"namespace ErrorCode {"_s);
        const qsizetype end = header.indexOf(u"} // namespace ErrorCode"_s);
        QVERIFY(begin >= 0 && end > begin);
        static const QRegularExpression literal(u"QStringLiteral\\(\"([a-z_]+)\"\\)"_s);
        QSet<QString> codes;
        for (const auto &match : literal.globalMatch(header.mid(begin, end - begin)))
            codes.insert(match.captured(1));
        QVERIFY(codes.size() > 40);
        QSet<QString> described;
        for (const auto &code : m_spec["components"]["schemas"]["Error"]["properties"]["code"]["enum"])
            described.insert(text(code));
        QCOMPARE(described, codes);
        const QString protocol = QString::fromUtf8(read(u"docs/protocol.md"_s));
        for (const QString &code : std::as_const(codes))
            QVERIFY2(protocol.contains(u'`' + code + u'`'), qPrintable(code + u" is not in docs/protocol.md"_s));
    }
};

QTEST_GUILESS_MAIN(TestOpenApi)
#include "tst_openapi.moc"
