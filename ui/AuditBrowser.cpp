#include "AuditBrowser.h"

#include "AuditTableModel.h"
#include "BundleExport.h"
#include "audit/MirrorExport.h"
#include "audit/AuditExport.h"
#include "signing/DecisionVerifier.h"
#include "wire/ActionCodec.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <limits>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

QLineEdit *filterEdit(QWidget *parent, const QString &name, const QString &placeholder)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    edit->setAccessibleName(placeholder);
    // Wide enough for its placeholder in any language, with room for the clear button.
    edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(placeholder) + 4 * edit->fontMetrics().height());
    return edit;
}

// What the mirror can say of a signed decision, checked here with the key it holds.
QString signatureState(const AuditMirror &mirror, const QJsonObject &payload)
{
    WireError error;
    const auto submission = DecisionSubmission::fromJson(payload, &error);
    if (!submission)
        return AuditBrowser::tr("the signed decision cannot be read: %1").arg(error.message);
    const auto key = mirror.key(submission->decision.keyId);
    if (!key)
        return AuditBrowser::tr("key %1 is not in the mirror; the gateway checked it").arg(submission->decision.keyId);
    if (const auto refusal =
            DecisionVerifier::check(submission->decision, submission->signature, *key, mirror.fido2RpId()))
        return AuditBrowser::tr("SIGNATURE DOES NOT VERIFY: %1 (%2)").arg(refusal->message, refusal->code);
    return AuditBrowser::tr("signature verifies under %1's %2 key %3 (%4, %5)")
        .arg(key->owner, key->type, key->id, submission->signature.algorithm, key->assurance);
}

// One line of an action's story.
QString timelineLine(const AuditMirror &mirror, const QJsonObject &event)
{
    const QJsonObject payload = event.value(u"payload"_s).toObject();
    QString line = u"%1  #%2  %3  by %4"_s.arg(event.value(u"time"_s).toString())
                       .arg(event.value(u"seq"_s).toInteger())
                       .arg(event.value(u"type"_s).toString(), event.value(u"actor"_s).toString());
    const QString type = event.value(u"type"_s).toString();
    if (EventType::carriesAction(type)) {
        const QJsonObject action = payload.value(u"action"_s).toObject();
        const QJsonObject policy = action.value(u"policy"_s).toObject();
        if (!policy.isEmpty())
            line += AuditBrowser::tr("\n    policy: rule %1%2")
                        .arg(policy.value(u"rule"_s).toString(),
                             policy.contains(u"quorum"_s) ? u", "_s + policy.value(u"quorum"_s).toString() : QString());
        if (payload.contains(u"message"_s))
            line += u"\n    "_s + payload.value(u"message"_s).toString();
        line += AuditBrowser::tr("\n    %1 on %2 (%3)\n    $ %4\n    why: %5")
                    .arg(action.value(u"kind"_s).toString(),
                         action.value(u"target"_s).toObject().value(u"system"_s).toString(),
                         action.value(u"target"_s).toObject().value(u"environment"_s).toString(),
                         ActionCodec::displayCommand(action), action.value(u"justification"_s).toString());
    } else if (payload.contains(u"signature"_s)) {
        line += AuditBrowser::tr("\n    %1, reason: %2\n    %3")
                    .arg(payload.value(u"verdict"_s).toString(), payload.value(u"reason"_s).toString(),
                         signatureState(mirror, payload));
    } else if (type == EventType::ExecutionReported) {
        const QJsonValue exitCode = payload.value(u"exit_code"_s);
        line +=
            AuditBrowser::tr("\n    ran: %1%2%3")
                .arg(payload.value(u"status"_s).toString(),
                     exitCode.isUndefined() ? QString() : AuditBrowser::tr(", exit code %1").arg(exitCode.toInteger()),
                     payload.value(u"detail"_s).toString().isEmpty()
                         ? QString()
                         : u" — "_s + payload.value(u"detail"_s).toString());
    } else if (type == EventType::DecisionRefused) {
        line += AuditBrowser::tr("\n    refused: %1 (%2)")
                    .arg(payload.value(u"message"_s).toString(), payload.value(u"code"_s).toString());
    }
    return line;
}

} // namespace

AuditBrowser::AuditBrowser(AuditMirror *mirror, QWidget *parent)
    : QWidget(parent), m_mirror(mirror), m_model(new AuditTableModel(mirror, this)), m_breakBanner(new QLabel(this)),
      m_state(new QLabel(this)), m_type(new QComboBox(this)), m_verdict(new QComboBox(this)),
      m_text(filterEdit(this, u"auditSearch"_s, tr("Search command and justification"))),
      m_system(filterEdit(this, u"auditSystem"_s, tr("System"))),
      m_environment(filterEdit(this, u"auditEnvironment"_s, tr("Environment"))),
      m_initiator(filterEdit(this, u"auditInitiator"_s, tr("Initiator"))),
      m_approver(filterEdit(this, u"auditApprover"_s, tr("Approver"))), m_timeRange(new QCheckBox(tr("Between"), this)),
      m_from(new QDateTimeEdit(QDateTime::currentDateTimeUtc().addYears(-1), this)),
      m_to(new QDateTimeEdit(QDateTime::currentDateTimeUtc().addDays(1), this)), m_table(new QTableView(this)),
      m_timeline(new QPlainTextEdit(this))
{
    setObjectName(u"auditBrowser"_s);
    setWindowTitle(tr("Countersign — audit log"));
    m_breakBanner->setObjectName(u"breakBanner"_s);
    m_breakBanner->setWordWrap(true);
    m_breakBanner->setStyleSheet(u"QLabel { background: #b00020; color: white; font-weight: bold; padding: 8px; }"_s);
    m_breakBanner->hide();
    m_state->setObjectName(u"auditState"_s);
    m_type->setObjectName(u"auditType"_s);
    m_type->addItem(tr("Any event"), QString());
    for (const QString &type :
         {EventType::ActionRequested, EventType::ApprovalRecorded, EventType::ApprovalWithdrawn,
          EventType::ActionApproved, EventType::ActionDenied, EventType::ActionAllowed, EventType::ActionPolicyDenied,
          EventType::ActionExpired, EventType::ActionCancelled, EventType::DecisionRefused,
          EventType::ExecutionReported, EventType::ExecutionRefused, EventType::PolicyLoaded, EventType::PolicyRejected,
          EventType::KeyEnrolled, EventType::KeyApproved, EventType::KeyRevoked})
        m_type->addItem(type, type);
    m_verdict->setObjectName(u"auditVerdict"_s);
    m_verdict->addItem(tr("Any verdict"), QString());
    m_verdict->addItem(tr("Approved"), u"approve"_s);
    m_verdict->addItem(tr("Denied"), u"deny"_s);
    m_timeRange->setObjectName(u"auditTimeRange"_s);
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setTimeSpec(Qt::UTC);
        edit->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
        edit->setCalendarPopup(true);
    }
    m_table->setObjectName(u"auditTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true); // the command
    const QList<std::pair<int, int>> widths{{AuditTableModel::Seq, 8},     {AuditTableModel::Time, 30},
                                            {AuditTableModel::Type, 21},   {AuditTableModel::Actor, 17},
                                            {AuditTableModel::Kind, 14},   {AuditTableModel::Target, 26},
                                            {AuditTableModel::Verdict, 10}};
    const int padding = 2 * style()->pixelMetric(QStyle::PM_HeaderMargin) + fontMetrics().height(); // sort arrow
    for (const auto &[column, characters] : widths) {
        const QString header = m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        m_table->setColumnWidth(column, std::max(fontMetrics().averageCharWidth() * characters,
                                                 fontMetrics().horizontalAdvance(header) + padding));
    }
    m_timeline->setObjectName(u"auditTimeline"_s);
    m_timeline->setReadOnly(true);
    m_timeline->setPlaceholderText(tr("Select an event to see its action's whole story."));

    // Two rows, so no field is squeezed below its placeholder (German ones are long): the search
    // and the kinds of event, then who and what and when.
    auto *filters = new QVBoxLayout;
    auto *words = new QHBoxLayout;
    words->addWidget(m_text, 1);
    words->addWidget(m_type);
    words->addWidget(m_verdict);
    auto *scope = new QHBoxLayout;
    for (QWidget *widget : std::initializer_list<QWidget *>{m_system, m_environment, m_initiator, m_approver})
        scope->addWidget(widget, 1);
    for (QWidget *widget : std::initializer_list<QWidget *>{m_timeRange, m_from, m_to})
        scope->addWidget(widget);
    filters->addLayout(words);
    filters->addLayout(scope);
    auto *exportCsv = new QPushButton(tr("Export CSV…"), this);
    auto *exportJsonl = new QPushButton(tr("Export JSON Lines…"), this);
    auto *exportBundle = new QPushButton(tr("Evidence bundle…"), this);
    auto *verify = new QPushButton(tr("Verify local copy"), this);
    verify->setObjectName(u"verifyMirrorButton"_s);
    verify->setToolTip(tr("Check every stored event against its hash and the one before it, to find a change "
                          "made to this computer's copy of the log."));
    exportCsv->setObjectName(u"exportCsvButton"_s);
    exportJsonl->setObjectName(u"exportJsonlButton"_s);
    exportBundle->setObjectName(u"exportBundleButton"_s);
    exportBundle->setToolTip(tr("The matching events with what an auditor needs to check them offline: the chain "
                                "between them, the gateway's signed checkpoints and the signers' keys."));
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_state, 1);
    footer->addWidget(verify);
    footer->addWidget(exportCsv);
    footer->addWidget(exportJsonl);
    footer->addWidget(exportBundle);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_timeline);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_breakBanner);
    layout->addLayout(filters);
    layout->addWidget(split, 1);
    layout->addLayout(footer);

    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(250);
    connect(&m_filterDelay, &QTimer::timeout, this, &AuditBrowser::applyFilter);
    for (QLineEdit *edit : {m_text, m_system, m_environment, m_initiator, m_approver})
        connect(edit, &QLineEdit::textChanged, &m_filterDelay, qOverload<>(&QTimer::start));
    for (QComboBox *combo : {m_type, m_verdict})
        connect(combo, &QComboBox::currentIndexChanged, &m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_timeRange, &QCheckBox::toggled, &m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_from, &QDateTimeEdit::dateTimeChanged, &m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_to, &QDateTimeEdit::dateTimeChanged, &m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditBrowser::showTimeline);
    connect(exportCsv, &QPushButton::clicked, this, [this] { chooseExport(u"csv"_s); });
    connect(exportJsonl, &QPushButton::clicked, this, [this] { chooseExport(u"jsonl"_s); });
    connect(exportBundle, &QPushButton::clicked, this, &AuditBrowser::chooseBundle);
    connect(verify, &QPushButton::clicked, this, &AuditBrowser::verifyMirror);
    refresh();
}

AuditBrowser::~AuditBrowser() = default;

AuditFilter AuditBrowser::filter() const
{
    AuditFilter filter;
    if (m_timeRange->isChecked()) {
        filter.from = m_from->dateTime();
        filter.to = m_to->dateTime();
    }
    filter.type = m_type->currentData().toString();
    filter.verdict = m_verdict->currentData().toString();
    filter.text = m_text->text().trimmed();
    filter.system = m_system->text().trimmed();
    filter.environment = m_environment->text().trimmed();
    filter.initiator = m_initiator->text().trimmed();
    filter.approver = m_approver->text().trimmed();
    return filter;
}

void AuditBrowser::applyFilter()
{
    m_model->setFilter(filter());
    m_timeline->clear(); // the story shown was of a row the new filter may not hold
}

void AuditBrowser::refresh(const QString &syncState)
{
    if (const auto broken = m_mirror->storedBreak()) {
        m_breakBanner->setText(tr("The audit log does not verify at seq %1: %2 (%3). Events from there on were not "
                                  "accepted; tell your security team.")
                                   .arg(broken->seq)
                                   .arg(broken->message, broken->code));
        m_breakBanner->show();
    } else {
        m_breakBanner->hide();
    }
    const QString mirrored = tr("%n event(s) mirrored, verified up to seq %1", nullptr, int(m_mirror->eventCount()))
                                 .arg(m_mirror->headSeq());
    m_state->setText(syncState.isEmpty() ? mirrored : mirrored + u" · "_s + syncState);
    m_model->reload();
}

void AuditBrowser::showTimeline(const QModelIndex &index)
{
    QStringList lines;
    if (index.isValid()) {
        for (const QJsonObject &event : m_mirror->story(m_model->actionIdAt(index.row()), m_model->seqAt(index.row())))
            lines.append(timelineLine(*m_mirror, event));
    }
    m_timeline->setPlainText(lines.join(u"\n\n"_s));
}

void AuditBrowser::chooseExport(const QString &format)
{
    auto *dialog = new QFileDialog(this, tr("Export the matching events"), QString(),
                                   format == u"csv" ? tr("CSV (*.csv)") : tr("JSON Lines (*.jsonl)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(format);
    connect(dialog, &QFileDialog::fileSelected, this, [this, format](const QString &path) { exportTo(path, format); });
    dialog->open();
}

void AuditBrowser::verifyMirror()
{
    struct Outcome
    {
        std::optional<AuditChain::Break> broken;
        QString error;
    };
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Outcome outcome = watcher->result();
        QString message;
        if (!outcome.error.isEmpty()) {
            message = tr("The local copy cannot be read: %1").arg(outcome.error);
        } else if (outcome.broken) {
            message = tr("The local copy was changed on this computer at seq %1: %2 (%3). Delete it and sync again "
                         "from the gateway, and tell your security team.")
                          .arg(outcome.broken->seq)
                          .arg(outcome.broken->message, outcome.broken->code);
            m_breakBanner->setText(message);
            m_breakBanner->show();
        } else {
            message = tr("The local copy verifies: %n event(s) chain correctly up to seq %1.", nullptr,
                         int(m_mirror->eventCount()))
                          .arg(m_mirror->headSeq());
        }
        m_state->setText(message);
        Q_EMIT verified(!outcome.broken && outcome.error.isEmpty(), message);
    });
    m_state->setText(tr("Verifying the local copy…"));
    watcher->setFuture(QtConcurrent::run([path = m_mirror->path()] {
        Outcome outcome;
        outcome.broken = AuditMirror::verifyFile(path, &outcome.error);
        return outcome;
    }));
}

void AuditBrowser::chooseBundle()
{
    // A new folder, named like a file: the bundle is the folder's content.
    auto *dialog = new QFileDialog(this, tr("Write the evidence bundle to a new folder"),
                                   u"countersign-bundle-%1"_s.arg(QDate::currentDate().toString(Qt::ISODate)));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    connect(dialog, &QFileDialog::fileSelected, this, &AuditBrowser::exportBundleTo);
    dialog->open();
}

void AuditBrowser::exportBundleTo(const QString &directory)
{
    auto *job = new BundleExport(m_mirror->path(), filter(), directory, this);
    connect(job, &BundleExport::finished, this, [this](bool ok, const QString &message) {
        m_state->setText(message);
        Q_EMIT exportFinished(ok, message);
    });
    job->start();
}

void AuditBrowser::exportTo(const QString &path, const QString &format)
{
    if (m_exportWatcher)
        return;                                                           // one export at a time
    const qint64 total = filter().isEmpty() ? m_mirror->eventCount() : 0; // 0: unknown, a busy bar
    auto *progress = new QProgressDialog(tr("Exporting the audit log…"), tr("Cancel"), 0, int(total), this);
    progress->setObjectName(u"exportProgress"_s);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    auto *watcher = new QFutureWatcher<MirrorExport::Result>(this);
    m_exportWatcher = watcher;
    connect(progress, &QProgressDialog::canceled, watcher, &QFutureWatcher<MirrorExport::Result>::cancel);
    connect(watcher, &QFutureWatcher<MirrorExport::Result>::progressValueChanged, progress, &QProgressDialog::setValue);
    connect(watcher, &QFutureWatcher<MirrorExport::Result>::finished, this, [this, watcher, progress, path] {
        watcher->deleteLater();
        MirrorExport::Result result;
        result.outcome = MirrorExport::Result::Cancelled;
        if (!watcher->isCanceled() && watcher->future().resultCount() > 0)
            result = watcher->result();
        if (progress) {
            progress->disconnect(watcher);
            progress->close();
        }
        switch (result.outcome) {
        case MirrorExport::Result::Written:
            return finishExport(true, tr("Exported %n event(s) to %1.", nullptr, int(result.written)).arg(path));
        case MirrorExport::Result::Cancelled:
            return finishExport(false, tr("Export cancelled."));
        case MirrorExport::Result::Unreadable:
            return finishExport(
                false, tr("Event %1 in the local copy cannot be read; the export stopped.").arg(result.badSeq));
        case MirrorExport::Result::Failed:
            break;
        }
        finishExport(false, tr("Cannot write %1: %2").arg(path, result.detail));
    });
    // Off the UI thread, on a connection of its own: the window stays live for a million events.
    watcher->setFuture(QtConcurrent::run([mirrorPath = m_mirror->path(), exportFilter = filter(),
                                          csv = format == u"csv", path](QPromise<MirrorExport::Result> &promise) {
        promise.setProgressRange(0, std::numeric_limits<int>::max());
        promise.addResult(MirrorExport::write(mirrorPath, exportFilter, csv, path, [&promise](qint64 written) {
            promise.setProgressValue(int(std::min<qint64>(written, std::numeric_limits<int>::max())));
            return !promise.isCanceled();
        }));
    }));
}

void AuditBrowser::finishExport(bool ok, const QString &message)
{
    m_state->setText(message);
    Q_EMIT exportFinished(ok, message);
}

} // namespace cs
