#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QDialogButtonBox;

namespace cs {

// The two faces of signing a decision: asking for the token's PIN (never stored), and, while the
// key works, "Touch your security key" with Cancel. Both are opened with open(), never exec().
class SigningPrompt : public QDialog
{
    Q_OBJECT
public:
    enum class Mode { Pin, Touch, Working };

    explicit SigningPrompt(QWidget *parent = nullptr);

    void setMode(Mode mode, const QString &keyDescription);
    Mode mode() const { return m_mode; }
    QString pin() const;
    void setPin(const QString &pin); // for tests

Q_SIGNALS:
    void pinEntered(const QString &pin);
    void cancelRequested();

private:
    Mode m_mode = Mode::Working;
    QLabel *m_message;
    QLineEdit *m_pin;
    QDialogButtonBox *m_buttons;
};

} // namespace cs
