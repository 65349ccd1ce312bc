#!/bin/sh
# README command 1: install what is missing, build, start a dev gateway on loopback with a
# throwaway data dir, submit a few realistic actions from the demo agent, and open the console.
set -eu
cd "$(dirname "$0")/.."
./installers/debian/install-deps.sh
./scripts/build.sh

data_dir=$(mktemp -d -t countersign-demo.XXXXXX)
log="$data_dir/gateway.log"
./build/gateway/countersign-gateway --dev --data-dir "$data_dir" --listen 127.0.0.1:0 >"$log" 2>&1 &
gateway_pid=$!
trap 'kill "$gateway_pid" 2>/dev/null; rm -rf "$data_dir"' EXIT INT TERM

url=""
for _ in $(seq 1 100); do
    url=$(sed -n 's/^countersign-gateway listening on //p' "$log")
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { cat "$log"; echo "countersign: the dev gateway did not start" >&2; exit 1; }
echo "countersign: dev gateway at $url (data in $data_dir)"

principals="$data_dir/dev-principals.json"
request() {
    ./build/cli/countersign-cli request --url "$url" --dev-principals "$principals" "$@" >/dev/null
}
request --kind db.export --system postgres --resource customers --env production --urgency high \
    --justification "Quarterly SOC 2 evidence export requested in COMP-311" \
    --context '{"ticket":"COMP-311","rows_estimate":182000}' \
    -- pg_dump --table=customers --format=custom --file=/secure/exports/customers.dump prod
request --kind iam.change --system aws-iam --resource role/release-pipeline --env production --urgency critical \
    --on-behalf-of alice --ttl 600 \
    --justification "Release pipeline needs to publish artifacts for the 2.14 hotfix (INC-4211)" \
    -- aws iam attach-role-policy --role-name release-pipeline \
       --policy-arn arn:aws:iam::123456789012:policy/PublishArtifacts
request --kind deploy --system kubernetes --resource checkout-service --env production --urgency normal \
    --justification "Roll out v2.14.1 after green canary" \
    --command "kubectl -n shop set image deploy/checkout checkout=registry.local/checkout:2.14.1 && kubectl -n shop rollout status deploy/checkout"
request --kind key.rotate --system vault --resource transit/keys/payments --env production --urgency low \
    --ttl 3600 --justification "Scheduled 90-day rotation of the payments signing key" \
    -- vault write -f transit/keys/payments/rotate
echo "countersign: submitted 4 sample actions; opening the console (close it to stop the gateway)"

./build/app/countersign --gateway "$url" --dev-principals "$principals"
