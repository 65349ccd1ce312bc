#!/bin/sh
# README command 1: install what is missing, build, start two dev gateways on loopback ("prod" and
# "staging", each with a throwaway data dir), submit realistic actions from their demo agents, and
# open the console on both (with its tray icon where the desktop has a tray). Closing the console
# (File > Quit, or the tray's Quit) stops the gateways and removes their data and dev tokens.
set -eu
cd "$(dirname "$0")/.."
./installers/debian/install-deps.sh
./scripts/build.sh

prod_dir=$(mktemp -d -t countersign-demo-prod.XXXXXX)
staging_dir=$(mktemp -d -t countersign-demo-staging.XXXXXX)
pids=""
cleanup() {
    # Never fails, even when a gateway already died: the dev tokens must not stay in /tmp.
    for pid in $pids; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$prod_dir" "$staging_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_gateway() { # DIR: starts a dev gateway in this shell (so cleanup knows its pid); its URL in $url
    ./build/gateway/countersign-gateway --dev --data-dir "$1" --listen 127.0.0.1:0 \
        --policy scripts/demo-policy.yaml >"$1/gateway.log" 2>&1 &
    pids="$pids $!"
    url=""
    for _ in $(seq 1 100); do
        url=$(sed -n 's/^countersign-gateway listening on //p' "$1/gateway.log")
        [ -n "$url" ] && return 0
        sleep 0.1
    done
    cat "$1/gateway.log" >&2
    return 1
}
start_gateway "$prod_dir" || { echo "countersign: the prod dev gateway did not start" >&2; exit 1; }
prod_url=$url
start_gateway "$staging_dir" || { echo "countersign: the staging dev gateway did not start" >&2; exit 1; }
staging_url=$url
echo "countersign: dev gateways prod at $prod_url, staging at $staging_url"

request() { # URL DIR options…
    url=$1 dir=$2
    shift 2
    ./build/cli/countersign-cli request --url "$url" --dev-principals "$dir/dev-principals.json" "$@" >/dev/null
}
request "$prod_url" "$prod_dir" --kind db.export --system postgres --resource customers --env production --urgency high \
    --justification "Quarterly SOC 2 evidence export requested in COMP-311" \
    --context '{"ticket":"COMP-311","rows_estimate":182000}' \
    -- pg_dump --table=customers --format=custom --file=/secure/exports/customers.dump prod
request "$prod_url" "$prod_dir" --kind iam.change --system aws-iam --resource role/release-pipeline --env production \
    --urgency critical --on-behalf-of dev-auditor --ttl 600 \
    --justification "Release pipeline needs to publish artifacts for the 2.14 hotfix (INC-4211)" \
    -- aws iam attach-role-policy --role-name release-pipeline \
       --policy-arn arn:aws:iam::123456789012:policy/PublishArtifacts
request "$prod_url" "$prod_dir" --kind deploy --system kubernetes --resource checkout-service --env production \
    --urgency normal --justification "Roll out v2.14.1 after green canary" \
    --command "kubectl -n shop set image deploy/checkout checkout=registry.local/checkout:2.14.1 && kubectl -n shop rollout status deploy/checkout"
request "$prod_url" "$prod_dir" --kind key.rotate --system vault --resource transit/keys/payments --env production \
    --urgency low --ttl 3600 --justification "Scheduled 90-day rotation of the payments signing key" \
    -- vault write -f transit/keys/payments/rotate
request "$staging_url" "$staging_dir" --kind db.migrate --system postgres --resource orders --env staging --urgency high \
    --justification "Schema change for the refunds feature, PR 1432" \
    --command "psql postgres://migrator:St4ging-Pass@db.staging.internal/orders -c 'ALTER TABLE orders ADD COLUMN refunded_at timestamptz'"
request "$staging_url" "$staging_dir" --kind script.run --system ci-runner --resource nightly-cleanup --env staging \
    --justification "Nightly cleanup of stale preview environments" \
    --command "$(printf 'set -e\nfor ns in $(kubectl get ns -l preview=true -o name); do\n  kubectl delete \"$ns\" --wait=false\ndone\necho done')"
# Two the policy settles at once, so they never reach the queue: they are in the audit log (Ctrl+L).
request "$staging_url" "$staging_dir" --kind db.query --system postgres --resource orders --env staging \
    --justification "Count yesterday's refunds for the weekly report" \
    --command "SELECT count(*) FROM orders WHERE refunded_at > now() - interval '1 day'"
request "$prod_url" "$prod_dir" --kind db.query --system postgres --resource sessions --env production \
    --justification "Free disk space" --command "psql -c 'TRUNCATE TABLE sessions'" || true
echo "countersign: submitted 8 sample actions (6 wait for you, 2 the policy settled); opening the console (quit it to stop the gateways)"

./build/app/countersign --gateway "prod=$prod_url" --dev-principals "$prod_dir/dev-principals.json" \
    --gateway "staging=$staging_url" --dev-principals "$staging_dir/dev-principals.json"
