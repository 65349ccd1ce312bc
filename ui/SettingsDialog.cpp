#include "SettingsDialog.h"

#include "SigningKeyPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cs {

SettingsDialog::SettingsDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Settings"));
    setObjectName(u"settingsDialog"_s);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"settingsTabs"_s);
    m_tabs->addTab(gatewaysPage(), tr("&Gateways"));
    m_tabs->addTab(signingKeysPage(), tr("Signing &keys"));
    m_tabs->addTab(notificationsPage(), tr("&Notifications"));
    m_tabs->addTab(generalPage(), tr("G&eneral"));
    auto *buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setObjectName(u"settingsOkButton"_s);
    buttons->button(QDialogButtonBox::Apply)->setObjectName(u"settingsApplyButton"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        Q_EMIT applied(values());
        accept();
    });
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            [this] { Q_EMIT applied(values()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(buttons);
    resize(640, 520);
}

QWidget *SettingsDialog::gatewaysPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_gateways = new QListWidget(page);
    m_gateways->setObjectName(u"gatewayList"_s);
    m_gateways->setAccessibleName(tr("Gateways"));
    layout->addWidget(m_gateways);
    auto *row = new QHBoxLayout;
    const auto button = [&](const QString &text, const QString &name, const QString &tip) {
        auto *b = new QPushButton(text, page);
        b->setObjectName(name);
        b->setToolTip(tip);
        row->addWidget(b);
        return b;
    };
    QPushButton *test =
        button(tr("&Test connection"), u"testGatewayButton"_s, tr("Ask the selected gateway whether it answers"));
    QPushButton *key = button(tr("Signing ke&y…"), u"gatewayKeyButton"_s,
                              tr("Pick the key that signs your decisions on the selected gateway"));
    QPushButton *remove =
        button(tr("&Remove"), u"removeGatewayButton"_s, tr("Stop connecting to the selected gateway"));
    row->addStretch();
    layout->addLayout(row);
    connect(test, &QPushButton::clicked, this, [this] { Q_EMIT testGatewayRequested(selectedGateway()); });
    connect(key, &QPushButton::clicked, this, [this] { showSigningKeys(selectedGateway()); });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (!selectedGateway().isEmpty())
            Q_EMIT removeGatewayRequested(selectedGateway());
    });

    auto *add = new QGroupBox(tr("Add a gateway"), page);
    auto *form = new QFormLayout(add);
    m_newName = new QLineEdit(add);
    m_newName->setObjectName(u"newGatewayName"_s);
    m_newName->setPlaceholderText(tr("prod"));
    m_newUrl = new QLineEdit(add);
    m_newUrl->setObjectName(u"newGatewayUrl"_s);
    m_newUrl->setPlaceholderText(u"https://countersign.example.com:8470"_s);
    m_newToken = new QLineEdit(add);
    m_newToken->setObjectName(u"newGatewayToken"_s);
    m_newToken->setEchoMode(QLineEdit::Password);
    m_newToken->setPlaceholderText(tr("your approver token; kept in the system keychain"));
    form->addRow(tr("&Name"), m_newName);
    form->addRow(tr("&URL"), m_newUrl);
    form->addRow(tr("T&oken"), m_newToken);
    // How an https:// gateway's certificate is trusted when it is not from a CA the system knows.
    m_newCaFile = new QLineEdit(add);
    m_newCaFile->setObjectName(u"newGatewayCaFile"_s);
    m_newCaFile->setPlaceholderText(tr("optional: the gateway's CA certificate (PEM), instead of the system's CAs"));
    m_newFingerprint = new QLineEdit(add);
    m_newFingerprint->setObjectName(u"newGatewayFingerprint"_s);
    m_newFingerprint->setPlaceholderText(tr("optional: SHA-256 fingerprint of its certificate or CA"));
    form->addRow(tr("&CA file"), m_newCaFile);
    form->addRow(tr("&Fingerprint"), m_newFingerprint);
    auto *addRow = new QHBoxLayout;
    auto *testNew = new QPushButton(tr("Test"), add);
    testNew->setObjectName(u"testNewGatewayButton"_s);
    auto *addButton = new QPushButton(tr("&Add"), add);
    addButton->setObjectName(u"addGatewayButton"_s);
    addRow->addStretch();
    addRow->addWidget(testNew);
    addRow->addWidget(addButton);
    form->addRow(addRow);
    layout->addWidget(add);
    connect(testNew, &QPushButton::clicked, this, [this] {
        Q_EMIT testNewGatewayRequested(QUrl::fromUserInput(m_newUrl->text().trimmed()), m_newToken->text(), newTrust());
    });
    connect(addButton, &QPushButton::clicked, this, [this] {
        const QUrl url = QUrl::fromUserInput(m_newUrl->text().trimmed());
        if (!url.isValid() || url.host().isEmpty())
            return setGatewayStatus(tr("Enter the gateway's URL, e.g. https://countersign.example.com:8470."));
        if (m_newToken->text().isEmpty())
            return setGatewayStatus(tr("Enter your approver token for this gateway."));
        Q_EMIT addGatewayRequested(m_newName->text().trimmed(), url, m_newToken->text(), newTrust());
        for (QLineEdit *field : {m_newName, m_newUrl, m_newToken, m_newCaFile, m_newFingerprint})
            field->clear();
    });

    m_gatewayStatus = new QLabel(page);
    m_gatewayStatus->setObjectName(u"gatewayStatus"_s);
    m_gatewayStatus->setWordWrap(true);
    layout->addWidget(m_gatewayStatus);
    return page;
}

QWidget *SettingsDialog::signingKeysPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *form = new QFormLayout;
    m_keyGateway = new QComboBox(page);
    m_keyGateway->setObjectName(u"keyGateway"_s);
    form->addRow(tr("Gate&way"), m_keyGateway);
    layout->addLayout(form);
    m_keyPanel = new SigningKeyPanel(page);
    layout->addWidget(m_keyPanel);
    connect(m_keyGateway, &QComboBox::currentIndexChanged, this,
            [this] { Q_EMIT signingKeyGatewayChanged(signingKeyGateway()); });
    return page;
}

QWidget *SettingsDialog::notificationsPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_minimumUrgency = new QComboBox(page);
    m_minimumUrgency->setObjectName(u"minimumUrgency"_s);
    m_minimumUrgency->addItem(tr("Critical only"), int(Urgency::Critical));
    m_minimumUrgency->addItem(tr("High and critical"), int(Urgency::High));
    m_minimumUrgency->addItem(tr("Every action"), int(Urgency::Low));
    form->addRow(tr("&Notify for"), m_minimumUrgency);
    m_showCommands = new QCheckBox(tr("Show &commands in notifications"), page);
    m_showCommands->setObjectName(u"showCommands"_s);
    m_showCommands->setToolTip(tr("Off by default: notifications can appear on a locked screen."));
    form->addRow(m_showCommands);
    m_renotify = new QSpinBox(page);
    m_renotify->setObjectName(u"renotifyMinutes"_s);
    m_renotify->setRange(1, 120);
    m_renotify->setSuffix(tr(" min"));
    form->addRow(tr("&Remind of an unopened urgent request after"), m_renotify);
    m_sound = new QCheckBox(tr("Play a &sound for critical requests"), page);
    m_sound->setObjectName(u"soundForCritical"_s);
    form->addRow(m_sound);
    auto *note = new QLabel(tr("Pausing notifications from the tray icon never holds back critical requests."), page);
    note->setWordWrap(true);
    form->addRow(note);
    return page;
}

QWidget *SettingsDialog::generalPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_language = new QComboBox(page);
    m_language->setObjectName(u"language"_s);
    m_language->addItem(tr("Follow the system"), QString());
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"Deutsch"_s, u"de"_s);
    m_language->addItem(u"Polski"_s, u"pl"_s); // the main window, the review and decision dialogs, the tray
    form->addRow(tr("&Language (after a restart)"), m_language);
    m_startAtLogin = new QCheckBox(tr("Start Countersign when I &log in"), page);
    m_startAtLogin->setObjectName(u"startAtLogin"_s);
    form->addRow(m_startAtLogin);
    return page;
}

void SettingsDialog::setGateways(const QList<GatewayRow> &gateways)
{
    const QString selected = selectedGateway();
    m_gateways->clear();
    for (const GatewayRow &gateway : gateways) {
        auto *item =
            new QListWidgetItem(tr("%1 — %2\n%3").arg(gateway.name, gateway.url.toString(), gateway.state), m_gateways);
        item->setData(Qt::UserRole, gateway.name);
        if (gateway.name == selected)
            m_gateways->setCurrentItem(item);
    }
    if (!m_gateways->currentItem() && m_gateways->count() > 0)
        m_gateways->setCurrentRow(0);

    const QString keyGateway = signingKeyGateway();
    const QSignalBlocker blocker(m_keyGateway); // one change signal, below, if the gateway shown changed
    m_keyGateway->clear();
    for (const GatewayRow &gateway : gateways)
        m_keyGateway->addItem(gateway.name, gateway.name);
    m_keyGateway->setCurrentIndex(std::max(0, m_keyGateway->findData(keyGateway)));
    if (signingKeyGateway() != keyGateway || keyGateway.isEmpty())
        Q_EMIT signingKeyGatewayChanged(signingKeyGateway());
}

void SettingsDialog::showSigningKeys(const QString &gateway)
{
    m_tabs->setCurrentWidget(m_keyPanel->parentWidget());
    const int index = m_keyGateway->findData(gateway);
    if (index >= 0)
        m_keyGateway->setCurrentIndex(index);
    m_keyPanel->setFocus();
}

QString SettingsDialog::signingKeyGateway() const
{
    return m_keyGateway->currentData().toString();
}

QString SettingsDialog::selectedGateway() const
{
    const QListWidgetItem *item = m_gateways->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void SettingsDialog::setValues(const Values &values)
{
    m_minimumUrgency->setCurrentIndex(std::max(0, m_minimumUrgency->findData(int(values.minimumUrgency))));
    m_showCommands->setChecked(values.showCommands);
    m_renotify->setValue(values.renotifyMinutes);
    m_sound->setChecked(values.soundForCritical);
    m_language->setCurrentIndex(std::max(0, m_language->findData(values.language)));
    m_startAtLogin->setChecked(values.startAtLogin);
}

SettingsDialog::Values SettingsDialog::values() const
{
    return {Urgency(m_minimumUrgency->currentData().toInt()),
            m_showCommands->isChecked(),
            m_renotify->value(),
            m_sound->isChecked(),
            m_language->currentData().toString(),
            m_startAtLogin->isChecked()};
}

void SettingsDialog::setGatewayStatus(const QString &sentence)
{
    m_gatewayStatus->setText(sentence);
}

void SettingsDialog::setNewGateway(const QString &name, const QString &url, const QString &token, const TlsTrust &trust)
{
    m_newName->setText(name);
    m_newUrl->setText(url);
    m_newToken->setText(token);
    m_newCaFile->setText(trust.caFile);
    m_newFingerprint->setText(trust.fingerprint);
}

TlsTrust SettingsDialog::newTrust() const
{
    return {m_newCaFile->text().trimmed(), m_newFingerprint->text().trimmed(), false};
}

} // namespace cs
