#!/usr/bin/env bash
# Consumer test (`npx projen test:consumer`): installs the packed library (dist/js/*.tgz, written by `npx projen package`)
# into the app layouts of test/consumer/<variant>/ and, in each app, runs what its user runs: `npm run build` (tsc)
# and `npm test` (jest, a simulator test). Needs the npm registry. See test/consumer/README.md.
#
#   CONSUMER_VARIANTS="nodenext node"   the variants to run (default: both, in this order)
#   KEEP_CONSUMER_APPS=1                keep the temporary apps (their path is printed); a failed run always keeps them
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/test/consumer"
VARIANTS="${CONSUMER_VARIANTS:-nodenext node}"

shopt -s nullglob
tarballs=("$ROOT"/dist/js/*.tgz)
shopt -u nullglob
if [ "${#tarballs[@]}" -ne 1 ]; then
  echo "test:consumer: expected exactly one tarball in dist/js, found ${#tarballs[@]}; run 'npx projen package' first (after a compile)" >&2
  exit 1
fi
TARBALL="${tarballs[0]}"

# The install command the README gives users: the library plus its peer dependencies at the library's own ranges.
mapfile -t PEERS < <(node -e '
  const peers = require(process.argv[1]).peerDependencies || {};
  for (const [name, range] of Object.entries(peers)) console.log(`${name}@${range}`);
' "$ROOT/package.json")

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cdp-consumer.XXXXXX")"
failed=0
finish() {
  if [ "$failed" -ne 0 ] || [ -n "${KEEP_CONSUMER_APPS:-}" ]; then
    echo "test:consumer: the apps and logs are kept in $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap finish EXIT

# step <variant> <name> <command...>: runs the command in the variant's app, output to a log shown only on failure.
step() {
  local variant="$1" name="$2"
  shift 2
  local log="$WORK/$variant.$(echo "$name" | tr -c 'A-Za-z0-9\n' '-').log"
  local start=$SECONDS
  if (cd "$WORK/$variant" && "$@") >"$log" 2>&1; then
    printf 'ok    %-9s %-28s %4ss\n' "$variant" "$name" "$((SECONDS - start))"
  else
    local rc=$?
    failed=1
    printf 'FAIL  %-9s %-28s %4ss (exit %s)\n' "$variant" "$name" "$((SECONDS - start))" "$rc"
    echo "---- $* (in $WORK/$variant), last 80 lines of $log:"
    tail -n 80 "$log"
    echo "----"
    exit 1
  fi
}

echo "test:consumer: $(basename "$TARBALL") with ${PEERS[*]}, variants: $VARIANTS"
total_start=$SECONDS
for variant in $VARIANTS; do
  if [ ! -d "$HERE/$variant" ]; then
    echo "test:consumer: unknown variant '$variant' (no directory test/consumer/$variant)" >&2
    failed=1
    exit 1
  fi
  mkdir -p "$WORK/$variant"
  # The app: shared sources in cdk init's layout (bin/, lib/, test/) plus the variant's package.json, tsconfig.json,
  # jest.config.js and cdk.json.
  cp -R "$HERE/app/." "$WORK/$variant/"
  cp "$HERE/$variant/"* "$WORK/$variant/"
  step "$variant" "npm install (tarball, peers)" npm install --no-audit --no-fund "$TARBALL" "${PEERS[@]}"
  step "$variant" "npm run build (tsc)" npm run build
  step "$variant" "npm test (jest)" npm test -- --ci
done
echo "test:consumer: passed in $((SECONDS - total_start))s"
