#include "SettingsController.h"

#include "Autostart.h"
#include "ConsoleController.h"
#include "GatewayList.h"
#include "MainWindow.h"
#include "SettingsDialog.h"
#include "SigningKeyPanel.h"
#include "SigningKeySettings.h"
#include "UrgentAlerts.h"
#include "wire/GatewayInfo.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace cs {

SettingsController::SettingsController(ConsoleController *console, KeychainTokenStore *keychain, QObject *parent)
    : QObject(parent), m_console(console), m_keychain(keychain)
{
    connect(console, &ConsoleController::gatewaysChanged, this, &SettingsController::refreshGateways);
}

SettingsDialog *SettingsController::open()
{
    if (m_dialog) {
        m_dialog->raise();
        return m_dialog;
    }
    auto *dialog = new SettingsDialog(m_console->window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    connect(dialog, &QObject::destroyed, this, [this] { m_keyBinding.reset(); });
    const NotificationPreferences preferences = m_console->alerts()->preferences();
    dialog->setValues({preferences.minimumUrgency, preferences.showCommands, preferences.renotifySeconds / 60,
                       preferences.soundForCritical, QSettings().value(u"ui/language"_s).toString(),
                       Autostart::isEnabled()});
    connect(dialog, &SettingsDialog::addGatewayRequested, this, &SettingsController::addGateway);
    connect(dialog, &SettingsDialog::removeGatewayRequested, this, &SettingsController::removeGateway);
    connect(dialog, &SettingsDialog::testNewGatewayRequested, this,
            [this](const QUrl &url, const QString &token, const TlsTrust &trust) {
                testGateway(url, token, url.toString(), trust);
            });
    connect(dialog, &SettingsDialog::testGatewayRequested, this, [this](const QString &name) {
        if (GatewaySession *session = m_console->session(name))
            testGateway(session->url(), {}, name, session->trust());
    });
    connect(dialog, &SettingsDialog::signingKeyGatewayChanged, this, &SettingsController::showSigningKey);
    connect(dialog, &SettingsDialog::applied, this, [this](const SettingsDialog::Values &values) {
        NotificationPreferences chosen;
        chosen.minimumUrgency = values.minimumUrgency;
        chosen.showCommands = values.showCommands;
        chosen.renotifySeconds = values.renotifyMinutes * 60;
        chosen.soundForCritical = values.soundForCritical;
        chosen.save();
        m_console->alerts()->setPreferences(chosen);
        QSettings().setValue(u"ui/language"_s, values.language);
        QString error;
        if (values.startAtLogin != Autostart::isEnabled() && !Autostart::setEnabled(values.startAtLogin, &error))
            m_dialog->setGatewayStatus(tr("Start at login could not be changed: %1").arg(error));
    });
    refreshGateways();
    dialog->open();
    return dialog;
}

SettingsDialog *SettingsController::openSigningKeys(const QString &gateway)
{
    SettingsDialog *dialog = open();
    dialog->showSigningKeys(gateway);
    return dialog;
}

void SettingsController::showSigningKey(const QString &gateway)
{
    m_keyBinding = std::make_unique<QObject>();
    SigningKeyPanel *panel = m_dialog ? m_dialog->signingKeyPanel() : nullptr;
    GatewaySession *session = m_console->session(gateway);
    if (!panel)
        return;
    panel->setStatus({});
    panel->setEnabled(session != nullptr);
    if (!session)
        return panel->setCurrent({});
    SigningKeySettings *keys = session->signingKeys();
    panel->setCurrent(keys->description());
    QObject *context = m_keyBinding.get();
    connect(panel, &SigningKeyPanel::useRequested, context,
            [keys](SigningKeyPanel::Kind kind, const QString &uri, bool enroll) { keys->use(kind, uri, enroll); });
    connect(keys, &SigningKeySettings::statusChanged, context, [panel, keys](const QString &sentence) {
        panel->setStatus(sentence);
        panel->setCurrent(keys->description());
    });
    connect(keys, &SigningKeySettings::busyChanged, context, [panel](bool busy) { panel->setBusy(busy); });
}

void SettingsController::refreshGateways()
{
    if (!m_dialog)
        return;
    QList<SettingsDialog::GatewayRow> rows;
    for (const auto &session : m_console->sessions())
        rows.append({session->name(), session->url(), session->stateText()});
    m_dialog->setGateways(rows);
}

void SettingsController::addGateway(const QString &name, const QUrl &url, const QString &token, const TlsTrust &trust)
{
    const QString label = name.isEmpty() ? GatewaySession::defaultName(url) : name;
    if (const auto refused = trust.refuse(url))
        return m_dialog->setGatewayStatus(*refused);
    if (GatewaySession *existing = m_console->session(label); existing && existing->name() == label)
        return m_dialog->setGatewayStatus(tr("A gateway named %1 is already connected.").arg(label));
    GatewayList::remember({label, url, trust});
    m_keychain->write(url.toString(), token, this, [this, label](const KeychainTokenStore::Result &result) {
        if (m_dialog)
            m_dialog->setGatewayStatus(
                result.ok() ? tr("Added %1; its token is kept in the system keychain.").arg(label)
                            : tr("Added %1, but the keychain cannot keep its token (%2): it will be asked at the "
                                 "next start.")
                                  .arg(label, result.error));
    });
    m_console->addGateway({label, url, token, {}, {}, trust})->start();
}

void SettingsController::removeGateway(const QString &name)
{
    GatewaySession *session = m_console->session(name);
    if (!session)
        return;
    const QUrl url = session->url();
    QList<GatewayEntry> remembered = GatewayList::load();
    remembered.removeIf([&](const GatewayEntry &entry) { return entry.url == url; });
    GatewayList::save(remembered);
    m_keychain->remove(url.toString(), this, [](const KeychainTokenStore::Result &) {});
    m_console->removeGateway(session);
    if (m_dialog)
        m_dialog->setGatewayStatus(tr("Removed %1 and its token.").arg(name));
}

void SettingsController::testGateway(const QUrl &url, const QString &token, const QString &label, const TlsTrust &trust)
{
    if (const auto refused = trust.refuse(url))
        return m_dialog->setGatewayStatus(*refused);
    auto *client = new AgentClient(&m_network, this);
    client->setEndpoint(url, token, trust);
    const QString path = token.isEmpty() ? u"/healthz"_s : u"/v1/gateway"_s;
    client->get(path, this, [this, client, label, token](const AgentClient::Reply &reply) {
        client->deleteLater();
        if (!m_dialog)
            return;
        if (reply.unreachable())
            return m_dialog->setGatewayStatus(tr("%1 does not answer: %2").arg(label, reply.error.message));
        if (reply.error.code == u"tls_untrusted")
            return m_dialog->setGatewayStatus(reply.error.message);
        if (!reply.ok())
            return m_dialog->setGatewayStatus(tr("%1 answers, but refused: %2").arg(label, reply.error.message));
        if (token.isEmpty())
            return m_dialog->setGatewayStatus(tr("%1 answers.").arg(label));
        WireError error;
        const auto info = GatewayInfo::fromJson(reply.body, &error);
        if (!info)
            return m_dialog->setGatewayStatus(
                tr("%1 answers, but not as a Countersign gateway: %2").arg(label, error.message));
        m_dialog->setGatewayStatus(
            tr("%1 answers and knows you as %2 (%3).").arg(label, info->principal.id, roleName(info->principal.role)));
    });
}

} // namespace cs
