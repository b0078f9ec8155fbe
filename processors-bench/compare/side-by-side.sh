#!/usr/bin/env bash
# Runs Signalbox and the pandas version of the default preset on the same generated prices file, one after the
# other, and prints the wall time, input MB/s and peak memory (maximum resident set size) of each.
#
#   processors-bench/compare/side-by-side.sh [ROWS] [DIR]
#
# ROWS defaults to 5,000,000 (8 interleaved symbols, about 314 MB); DIR (default: a new temporary folder) keeps
# prices.csv and every tool's result. JDKS, a space-separated list of JDK homes, runs Signalbox on each (default:
# the java on the PATH); JAVA_OPTS defaults to -Xmx256m. Needs /usr/bin/time (Debian: time) and, for the pandas
# run, python3 with pandas (Debian: python3-pandas).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROWS="${1:-5000000}"
DIR="${2:-$(mktemp -d -t signalbox-compare.XXXXXX)}"
export JAVA_OPTS="${JAVA_OPTS:--Xmx256m}"
JDKS="${JDKS:-}"

if [ ! -x /usr/bin/time ]; then
  echo "side-by-side: /usr/bin/time is missing (Debian: apt-get install time)" >&2
  exit 1
fi
mkdir -p "$DIR"
"$ROOT/signalbox" bench --rows "$ROWS" --summary-only --keep "$DIR" --no-progress > "$DIR/bench.txt"
SIZE=$(stat -c %s "$DIR/prices.csv")
echo "input: $DIR/prices.csv, $ROWS rows, $(awk -v s="$SIZE" 'BEGIN { printf "%.1f MB", s / 1e6 }'), load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-52s %10s %12s %12s\n' "tool" "wall s" "input MB/s" "max RSS MB"

measure() {
  local label="$1"
  shift
  if /usr/bin/time -f '%e %M' -o "$DIR/time.txt" "$@" > /dev/null 2> "$DIR/stderr.txt"; then
    read -r seconds kilobytes < <(tail -1 "$DIR/time.txt")
    awk -v l="$label" -v t="$seconds" -v k="$kilobytes" -v s="$SIZE" \
      'BEGIN { printf "%-52s %10.2f %12.1f %12.0f\n", l, t, s / 1e6 / t, k / 1024 }'
  else
    echo "$label: failed: $(tail -3 "$DIR/stderr.txt")"
  fi
}

run_signalbox() {
  local version
  version=$(java -version 2>&1 | head -1 | sed -E 's/.*version "([^"]+)".*/\1/')
  measure "signalbox process, CSV, JDK $version, $JAVA_OPTS" "$ROOT/signalbox" process --no-progress \
    --recipe default "$DIR/prices.csv" -o "$DIR/signalbox.csv" --summary "$DIR/summary.json"
  measure "signalbox process, summary only, JDK $version" "$ROOT/signalbox" process --no-progress \
    --recipe default "$DIR/prices.csv" --summary-only
  measure "signalbox process, Parquet, JDK $version" "$ROOT/signalbox" process --no-progress \
    --recipe default "$DIR/prices.csv" -o "$DIR/signalbox.parquet"
}

if [ -n "$JDKS" ]; then
  for jdk in $JDKS; do
    PATH="$jdk/bin:$PATH" run_signalbox
  done
else
  run_signalbox
fi

if /usr/bin/python3 -c 'import pandas' 2> /dev/null; then
  measure "pandas $(/usr/bin/python3 -c 'import pandas; print(pandas.__version__)') (the same computation)" \
    /usr/bin/python3 "$ROOT/processors-bench/compare/pandas_default_preset.py" "$DIR/prices.csv" "$DIR/pandas.csv"
else
  echo "pandas: not installed (Debian: apt-get install python3-pandas); skipped"
fi
echo "files kept in $DIR"
