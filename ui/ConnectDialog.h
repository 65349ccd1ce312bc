#pragma once

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace cs {

// Asks for the gateway URL and the approver's token. Opened with open(); connectRequested()
// fires on OK. The token field never shows the token.
class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectDialog(QWidget *parent = nullptr);

    void setGatewayUrl(const QUrl &url);
    void setMessage(const QString &message);
    void setRememberAvailable(bool available, const QString &why);

Q_SIGNALS:
    void connectRequested(const QUrl &url, const QString &token, bool remember);

private:
    QLineEdit *m_url;
    QLineEdit *m_token;
    QCheckBox *m_remember;
    QLabel *m_message;
};

} // namespace cs
