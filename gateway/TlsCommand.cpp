#include "TlsCommand.h"

#include "CommandLine.h"
#include "ServerTls.h"
#include "util/OwnerOnlyFile.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QSslCertificate>

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;

using CommandLine::print;

Key newKey()
{
    return Key(EVP_EC_gen("P-256"), EVP_PKEY_free);
}

bool addExtension(X509 *certificate, X509V3_CTX *context, int nid, const QByteArray &value)
{
    X509_EXTENSION *extension = X509V3_EXT_nconf_nid(nullptr, context, nid, value.constData());
    if (!extension)
        return false;
    const bool added = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

struct Profile
{
    QString commonName;
    QStringList hosts; // subjectAltName: DNS names and IP addresses
    enum class Use { Ca, Server, Client } use = Use::Server;
    int days = 825;
};

// A certificate for `key` as `profile` says, signed by the issuer (or by itself without one).
Certificate issue(EVP_PKEY *key, const Profile &profile, X509 *issuer, EVP_PKEY *issuerKey)
{
    Certificate certificate(X509_new(), X509_free);
    X509 *x = certificate.get();
    const std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(BN_new(), BN_free);
    BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
    BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(x));
    X509_set_version(x, X509_VERSION_3);
    X509_gmtime_adj(X509_getm_notBefore(x), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x), long(profile.days) * 24 * 3600);
    X509_set_pubkey(x, key);
    X509_NAME *name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>("Countersign"), -1, -1,
                               0);
    const QByteArray commonName = profile.commonName.toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(commonName.constData()), -1, -1, 0);
    X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : name);
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer ? issuer : x, x, nullptr, nullptr, 0);
    const bool ca = profile.use == Profile::Use::Ca;
    bool ok =
        addExtension(x, &context, NID_basic_constraints, ca ? "critical,CA:TRUE,pathlen:0" : "critical,CA:FALSE") &&
        addExtension(x, &context, NID_key_usage, ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature") &&
        addExtension(x, &context, NID_subject_key_identifier, "hash");
    if (issuer)
        ok = ok && addExtension(x, &context, NID_authority_key_identifier, "keyid:always");
    if (!ca) {
        ok = ok && addExtension(x, &context, NID_ext_key_usage,
                                profile.use == Profile::Use::Server ? "serverAuth" : "clientAuth");
    }
    QStringList names;
    for (const QString &host : profile.hosts)
        names.append((QHostAddress(host).isNull() ? u"DNS:"_s : u"IP:"_s) + host);
    if (!names.isEmpty())
        ok = ok && addExtension(x, &context, NID_subject_alt_name, names.join(u',').toUtf8());
    if (!ok || X509_sign(x, issuerKey ? issuerKey : key, EVP_sha256()) == 0)
        return Certificate(nullptr, X509_free);
    return certificate;
}

QByteArray pem(X509 *certificate)
{
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_X509(bio.get(), certificate);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, size);
}

QByteArray pem(EVP_PKEY *key)
{
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, size);
}

bool writePublic(const QString &path, const QByteArray &content, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    // A certificate is public: readable by the service user and by clients (not so its key).
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    return true;
}

std::optional<std::pair<Certificate, Key>> readCa(const QString &directory, QString *error)
{
    const QString certificatePath = QDir(directory).filePath(u"ca.pem"_s);
    const QString keyPath = QDir(directory).filePath(u"ca.key"_s);
    QFile certificateFile(certificatePath);
    QFile keyFile(keyPath);
    if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1 and %2 (made by tls self-signed --out %3)"_s.arg(certificatePath, keyPath, directory);
        return std::nullopt;
    }
    const QByteArray certificatePem = certificateFile.readAll();
    const QByteArray keyPem = keyFile.readAll();
    const std::unique_ptr<BIO, decltype(&BIO_free)> certificateBio(
        BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())), BIO_free);
    const std::unique_ptr<BIO, decltype(&BIO_free)> keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())),
                                                           BIO_free);
    Certificate certificate(PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr), X509_free);
    Key key(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
    if (!certificate || !key) {
        *error = u"%1 or %2 is not a PEM certificate and key"_s.arg(certificatePath, keyPath);
        return std::nullopt;
    }
    return std::make_pair(std::move(certificate), std::move(key));
}

int selfSigned(const QCommandLineParser &parser)
{
    const QStringList hosts = parser.values(u"host"_s);
    if (hosts.isEmpty()) {
        print(stderr, u"countersign-gateway: tls self-signed needs --host NAME (repeat it for more names)"_s);
        return 2;
    }
    const QString out = parser.value(u"out"_s);
    const int days = parser.value(u"days"_s).toInt();
    QString error;
    if (!QDir().mkpath(out)) {
        print(stderr, u"countersign-gateway: cannot create %1"_s.arg(out));
        return 1;
    }
    const Key caKey = newKey();
    const Key serverKey = newKey();
    const Certificate ca =
        issue(caKey.get(), {u"Countersign CA for %1"_s.arg(hosts.first()), {}, Profile::Use::Ca, std::max(days, 3650)},
              nullptr, nullptr);
    const Certificate server =
        ca ? issue(serverKey.get(), {hosts.first(), hosts, Profile::Use::Server, days}, ca.get(), caKey.get())
           : Certificate(nullptr, X509_free);
    if (!server) {
        print(stderr, u"countersign-gateway: OpenSSL could not make the certificates"_s);
        return 1;
    }
    const QDir dir(out);
    // The server's file holds its chain, so a client that pins the CA's fingerprint finds it.
    if (!writePublic(dir.filePath(u"ca.pem"_s), pem(ca.get()), &error) ||
        !writeOwnerOnlyFile(dir.filePath(u"ca.key"_s), pem(caKey.get()), &error) ||
        !writePublic(dir.filePath(u"server.pem"_s), pem(server.get()) + pem(ca.get()), &error) ||
        !writeOwnerOnlyFile(dir.filePath(u"server.key"_s), pem(serverKey.get()), &error)) {
        print(stderr, u"countersign-gateway: "_s + error);
        return 1;
    }
    const QSslCertificate caCertificate(pem(ca.get()), QSsl::Pem);
    print(stdout, u"CA certificate:  %1 (give it to clients: --ca-file, COUNTERSIGN_CA_FILE)"_s.arg(
                      dir.absoluteFilePath(u"ca.pem"_s)));
    print(stdout, u"CA key:          %1 (keep it; tls client-certificate issues from it)"_s.arg(
                      dir.absoluteFilePath(u"ca.key"_s)));
    print(stdout, u"CA SHA-256 fingerprint: %1"_s.arg(ServerTls::fingerprint(caCertificate)));
    print(stdout,
          u"Server certificate for %1, valid %2 days. Add to the gateway's configuration:"_s.arg(hosts.join(u", "_s))
              .arg(days));
    print(stdout, u"tls:\n  certificate: %1\n  private_key: %2"_s.arg(dir.absoluteFilePath(u"server.pem"_s),
                                                                      dir.absoluteFilePath(u"server.key"_s)));
    return 0;
}

int clientCertificate(const QCommandLineParser &parser)
{
    const QString commonName = parser.value(u"cn"_s);
    if (commonName.isEmpty()) {
        print(stderr, u"countersign-gateway: tls client-certificate needs --cn NAME"_s);
        return 2;
    }
    QString error;
    const auto ca = readCa(parser.value(u"ca-dir"_s), &error);
    if (!ca) {
        print(stderr, u"countersign-gateway: "_s + error);
        return 1;
    }
    const Key key = newKey();
    const Certificate certificate =
        issue(key.get(), {commonName, {}, Profile::Use::Client, parser.value(u"days"_s).toInt()}, ca->first.get(),
              ca->second.get());
    const QDir dir(parser.value(u"out"_s));
    const QString base = dir.filePath(commonName);
    if (!certificate || !QDir().mkpath(dir.path()) || !writePublic(base + u".pem"_s, pem(certificate.get()), &error) ||
        !writeOwnerOnlyFile(base + u".key"_s, pem(key.get()), &error)) {
        print(stderr, u"countersign-gateway: cannot issue the certificate: "_s + error);
        return 1;
    }
    print(stdout, u"Client certificate: %1.pem\nClient key:         %1.key"_s.arg(QDir(base).absolutePath()));
    print(stdout,
          u"Give the principal `certificate_cn: %1` in the configuration, and the gateway\n"
          "`tls: client_ca: %2`."_s.arg(commonName, QDir(parser.value(u"ca-dir"_s)).absoluteFilePath(u"ca.pem"_s)));
    return 0;
}

} // namespace

int runTlsCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "countersign-gateway", "TLS files for the gateway:\n"
                               "  tls self-signed --host NAME [--host NAME…] [--out DIR] [--days N]\n"
                               "  tls client-certificate --cn NAME [--ca-dir DIR] [--out DIR] [--days N]\n"
                               "  tls fingerprint FILE"));
    parser.addHelpOption();
    parser.addPositionalArgument(
        u"verb"_s,
        QCoreApplication::translate("countersign-gateway", "self-signed, client-certificate or fingerprint."));
    parser.addOption(
        {u"host"_s,
         QCoreApplication::translate("countersign-gateway", "A DNS name or IP address the server certificate is for."),
         u"NAME"_s});
    parser.addOption({u"cn"_s,
                      QCoreApplication::translate("countersign-gateway", "The client certificate's common name."),
                      u"NAME"_s});
    parser.addOption(
        {u"out"_s, QCoreApplication::translate("countersign-gateway", "Where the files go (default: countersign-tls)."),
         u"DIR"_s, u"countersign-tls"_s});
    parser.addOption({u"ca-dir"_s,
                      QCoreApplication::translate(
                          "countersign-gateway", "Where self-signed put ca.pem and ca.key (default: countersign-tls)."),
                      u"DIR"_s, u"countersign-tls"_s});
    parser.addOption(
        {u"days"_s,
         QCoreApplication::translate("countersign-gateway", "How long the certificate is valid (default 825)."), u"N"_s,
         u"825"_s});
    if (int code = 0; !CommandLine::parse(parser, arguments, &code))
        return code;
    const QStringList positional = parser.positionalArguments();
    const QString verb = positional.value(0);
    bool daysOk = false;
    if (parser.value(u"days"_s).toInt(&daysOk) < 1 || !daysOk) {
        print(stderr, u"countersign-gateway: --days must be a whole number of at least 1"_s);
        return 2;
    }
    if (verb == u"self-signed" && positional.size() == 1)
        return selfSigned(parser);
    if (verb == u"client-certificate" && positional.size() == 1)
        return clientCertificate(parser);
    if (verb == u"fingerprint" && positional.size() == 2) {
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(positional.at(1), QSsl::Pem);
        if (certificates.isEmpty()) {
            print(stderr, u"countersign-gateway: %1 holds no PEM certificate"_s.arg(positional.at(1)));
            return 1;
        }
        for (const QSslCertificate &certificate : certificates) {
            print(stdout, u"%1  %2"_s.arg(ServerTls::fingerprint(certificate),
                                          certificate.subjectInfo(QSslCertificate::CommonName).value(0)));
        }
        return 0;
    }
    return CommandLine::usageError(QCoreApplication::translate(
        "countersign-gateway",
        "usage: tls self-signed --host NAME | tls client-certificate --cn NAME | tls fingerprint FILE"));
}

} // namespace cs
