#!/usr/bin/env bash
# Starts the materialised product (not the test runtime) the way a user does, so a bundle that p2 left out of
# the product shows up here: the headless commands must answer, and the workbench window must appear under a
# display with no error in the log. Needs DISPLAY (run under xvfb-run) and xdotool.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export AVLENS_NO_BUILD=1 AVLENS_DATA="$(mktemp -d)"
trap 'rm -rf "$AVLENS_DATA"' EXIT

version=$(./avlens version)
for key in avlens java eclipse osgi ffmpeg; do
  grep -q "\"$key\"" <<<"$version" || { echo "smoke: 'avlens version' lacks \"$key\": $version" >&2; exit 1; }
done
set +e
./avlens inspect "$ROOT/pom.xml" >/dev/null 2>&1; bad=$?
set -e
[ "$bad" -eq 2 ] || { echo "smoke: 'avlens inspect pom.xml' exited $bad, expected 2" >&2; exit 1; }

# a program killed with -9 at any instant leaves the project readable: kill imports at a few moments and validate
./avlens synth --out "$AVLENS_DATA/clips" --clips 6 --size 32 --seconds 1 >/dev/null 2>&1
./avlens import --project "$AVLENS_DATA/killed" --dataset first "$AVLENS_DATA/clips/media" >/dev/null 2>&1
for delay in 0.5 1.5 2.5 3.5; do
  ./avlens import --project "$AVLENS_DATA/killed" --dataset "after-$delay" "$AVLENS_DATA/clips/media" \
    >/dev/null 2>&1 &
  victim=$!
  sleep "$delay"
  kill -9 "$victim" 2>/dev/null || true
  wait "$victim" 2>/dev/null || true
  if ! ./avlens validate --project "$AVLENS_DATA/killed" >"$AVLENS_DATA/validate.json" 2>&1; then
    echo "smoke: the project is not valid after an import killed at ${delay} s:" >&2
    cat "$AVLENS_DATA/validate.json" >&2
    exit 1
  fi
done

log="$AVLENS_DATA/gui.log"
./avlens -consoleLog >"$log" 2>&1 &
pid=$!
start=$(date +%s%N)
window=""
for _ in $(seq 1 600); do
  window=$(xdotool search --name '^AV Lens$' 2>/dev/null | head -n 1 || true)
  [ -n "$window" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
sleep 2
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
if [ -z "$window" ]; then
  echo "smoke: the AV Lens window did not appear; log:" >&2
  cat "$log" >&2
  exit 1
fi
if grep -E '^!ENTRY [^ ]+ 4 ' "$log" >/dev/null; then
  echo "smoke: the workbench logged errors:" >&2
  cat "$log" >&2
  exit 1
fi
echo "smoke: product ok (commands answer, projects survive kill -9, window after ${elapsed_ms} ms, no errors logged)"
