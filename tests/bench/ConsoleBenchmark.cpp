#include "BenchSupport.h"
#include "ConsoleController.h"
#include "GatewayProcess.h"
#include "KeychainTokenStore.h"
#include "MainWindow.h"
#include "PendingQueueModel.h"
#include "QueueView.h"
#include "TestClients.h"

#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QLineEdit>
#include <QNetworkReply>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace cs::test;

namespace cs::bench {

namespace {

// Records when a widget has finished painting: the paint is run inside the filter, then timed.
class PaintClock : public QObject
{
public:
    explicit PaintClock(QWidget *widget) : m_widget(widget) { widget->installEventFilter(this); }
    qint64 lastPaintNs() const { return m_last; }
    int paints() const { return m_paints; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched != m_widget || event->type() != QEvent::Paint || m_inside)
            return false;
        m_inside = true;
        static_cast<QObject *>(m_widget)->event(event); // public through QObject
        m_inside = false;
        m_last = nowNs();
        ++m_paints;
        return true;
    }

private:
    QWidget *m_widget;
    qint64 m_last = 0;
    int m_paints = 0;
    bool m_inside = false;
};

QStringList kinds()
{
    return {u"db.export"_s, u"deploy"_s, u"iam.change"_s, u"key.rotate"_s, u"db.migrate"_s};
}

// Submits `count` actions, `concurrency` in flight, each answered once durable.
int submitMany(GatewayProcess &gateway, int count, int concurrency, const std::function<QJsonObject(int)> &body)
{
    QNetworkAccessManager network;
    int done = 0;
    int failed = 0;
    int next = 0;
    const auto send = [&](int n) {
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/v1/actions"_s.arg(gateway.port())));
        request.setRawHeader("Authorization", "Bearer " + gateway.dev().agent.token.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = network.post(request, QJsonDocument(body(n)).toJson(QJsonDocument::Compact));
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, &done, &failed] {
            ++done;
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 201)
                ++failed;
            reply->deleteLater();
        });
    };
    waitUntil(
        [&] {
            while (next < count && next - done < concurrency)
                send(next++);
            return done >= count;
        },
        600000);
    return failed;
}

QJsonObject pendingBody(int n)
{
    const QString kind = kinds().at(n % kinds().size());
    return HttpProbe::sampleAction({{u"kind"_s, kind},
                                    {u"urgency"_s, QStringList{u"low"_s, u"normal"_s, u"high"_s}.at(n % 3)},
                                    {u"ttl_seconds"_s, 3600},
                                    {u"command"_s, u"kubectl -n shop rollout restart deploy/svc-%1"_s.arg(n)},
                                    {u"context"_s, QJsonObject{{u"bench_seq"_s, n}}}});
}

// The bare machine: a QTableView over a QStandardItemModel of the same size, its first paint and
// a QSortFilterProxyModel filter over it.
QJsonObject bareTable(int rows)
{
    const qint64 start = nowNs();
    QStandardItemModel model(rows, PendingQueueModel::ColumnCount);
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < PendingQueueModel::ColumnCount; ++column)
            model.setItem(row, column, new QStandardItem(u"cell %1/%2"_s.arg(row).arg(column)));
    }
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QTableView view;
    view.setModel(&proxy);
    view.resize(1200, 700);
    PaintClock painted(view.viewport());
    view.show();
    waitUntil([&] { return painted.paints() > 0; }, 10000);
    const double firstPaintMs = double(painted.lastPaintNs() - start) / 1e6;
    const qint64 filterStart = nowNs();
    proxy.setFilterFixedString(u"cell 77"_s);
    const double filterMs = double(nowNs() - filterStart) / 1e6;
    return {{u"rows"_s, rows}, {u"first_paint_ms"_s, firstPaintMs}, {u"filter_ms"_s, filterMs}};
}

} // namespace

int consoleBenchmark(int pending, int events)
{
    GatewayProcess gateway;
    if (!gateway.startDev()) {
        std::fprintf(stderr, "countersign-bench: cannot start the gateway\n");
        return 2;
    }
    const qint64 fillStart = nowNs();
    const int fillFailed = submitMany(gateway, pending, 32, pendingBody);
    const double fillSeconds = double(nowNs() - fillStart) / 1e9;
    const QJsonObject snapshot = gatewaySnapshot(gateway);
    const qint64 rssBefore = residentKiB();

    // Cold start: the console made, shown and connected, until its queue is painted with every row.
    SystemClock clock;
    KeychainTokenStore keychain(u"countersign-bench"_s);
    const qint64 start = nowNs();
    ConsoleController console(&clock, &keychain);
    PaintClock painted(console.window()->queueView()->viewport());
    qint64 snapshotAt = 0;
    qint64 connectedAt = 0;
    console.window()->show();
    const qint64 shownAt = nowNs();
    console.start({GatewaySession::Options{
        u"bench"_s, gateway.url(), gateway.dev().approver.token, {}, gateway.dev().approver.signingKeySeed}});
    FeedClient *feed = console.feed();
    QObject::connect(feed, &FeedClient::helloReceived, feed, [&] { connectedAt = nowNs(); });
    // Connected after the console's own: it runs once the snapshot is in the model.
    QObject::connect(feed, &FeedClient::snapshotReceived, feed, [&] { snapshotAt = nowNs(); });
    PendingQueueModel *queue = console.queue();
    waitUntil([&] { return snapshotAt > 0 && painted.lastPaintNs() > snapshotAt; }, 120000);
    const double firstPaintMs = double(painted.lastPaintNs() - start) / 1e6;
    const double snapshotMs = double(snapshotAt - connectedAt) / 1e6;
    const int loaded = queue->rowCount();

    // Event to painted row: critical actions sort to the top, where the row is on screen.
    QHash<int, qint64> eventAt;
    QList<double> toPainted;
    QObject::connect(feed, &FeedClient::eventReceived, feed, [&](const Event &event) {
        const int n =
            event.payload.value(u"action"_s).toObject().value(u"context"_s).toObject().value(u"bench_seq"_s).toInt(-1);
        if (n >= 1000000)
            eventAt.insert(n, nowNs());
    });
    int lastPaints = painted.paints();
    QNetworkAccessManager network;
    int sent = 0;
    QTimer pace;
    pace.setInterval(10); // 100 events per second
    QObject::connect(&pace, &QTimer::timeout, &pace, [&] {
        if (sent >= events)
            return pace.stop();
        const int n = 1000000 + sent++;
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/v1/actions"_s.arg(gateway.port())));
        request.setRawHeader("Authorization", "Bearer " + gateway.dev().agent.token.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        const QJsonObject body = HttpProbe::sampleAction(
            {{u"urgency"_s, u"critical"_s}, {u"ttl_seconds"_s, 120}, {u"context"_s, QJsonObject{{u"bench_seq"_s, n}}}});
        QNetworkReply *reply = network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    });
    pace.start();
    QHash<int, bool> measured;
    waitUntil(
        [&] {
            if (painted.paints() != lastPaints) {
                lastPaints = painted.paints();
                for (auto it = eventAt.cbegin(); it != eventAt.cend(); ++it) {
                    if (!measured.contains(it.key()) && painted.lastPaintNs() > it.value()) {
                        measured.insert(it.key(), true);
                        toPainted.append(double(painted.lastPaintNs() - it.value()) / 1000.0);
                    }
                }
            }
            return int(measured.size()) >= events;
        },
        events * 100 + 30000);

    // Filter: typed into the filter box, until the filtered queue is painted.
    QLineEdit *filter = console.window()->filterEdit();
    const qint64 filterStart = nowNs();
    filter->setText(u"svc-77"_s);
    const double filterSyncMs = double(nowNs() - filterStart) / 1e6;
    const int paintsBefore = painted.paints();
    waitUntil([&] { return painted.paints() > paintsBefore; }, 10000);
    const double filterPaintedMs = double(painted.lastPaintNs() - filterStart) / 1e6;
    const int filteredRows = console.window()->filteredQueue()->rowCount();
    filter->clear();
    const qint64 rssAfter = residentKiB();

    const QJsonObject result{
        {u"benchmark"_s, u"console"_s},
        {u"pending_actions"_s, loaded},
        {u"fill"_s, QJsonObject{{u"submitted"_s, pending}, {u"failed"_s, fillFailed}, {u"seconds"_s, fillSeconds}}},
        {u"gateway_snapshot"_s, snapshot},
        {u"first_paint_ms"_s, firstPaintMs},
        {u"window_shown_after_ms"_s, double(shownAt - start) / 1e6},
        {u"hello_after_ms"_s, double(connectedAt - start) / 1e6},
        {u"snapshot_load_ms"_s, snapshotMs},
        {u"event_to_painted_row"_s, summary(toPainted)},
        {u"events"_s, int(toPainted.size())},
        {u"filter_ms"_s,
         QJsonObject{{u"model"_s, filterSyncMs}, {u"to_painted"_s, filterPaintedMs}, {u"rows"_s, filteredRows}}},
        {u"resident_mib"_s, QJsonObject{{u"process_before_console"_s, double(rssBefore) / 1024},
                                        {u"with_console"_s, double(rssAfter) / 1024}}},
        {u"baseline"_s, QJsonObject{{u"bare_table_same_rows"_s, bareTable(loaded)},
                                    {u"websocket_echo_round_trip"_s, websocketEcho(2000)},
                                    {u"sha256_1KiB"_s, sha256(20000)}}},
        {u"targets"_s, QJsonObject{{u"event_to_painted_p99_under_ms"_s, 16},
                                   {u"gateway_snapshot_of_100000_under_ms"_s, 1000},
                                   {u"filter_under_ms"_s, 50},
                                   {u"resident_under_mib"_s, 150},
                                   {u"first_paint_under_ms"_s, 500}}},
    };
    printJson(result);
    return fillFailed == 0 && int(toPainted.size()) == events ? 0 : 1;
}

} // namespace cs::bench
