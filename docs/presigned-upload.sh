#!/usr/bin/env bash
# Uploads a large file to Signalbox straight to storage: the API hands out a presigned URL per part, the parts go
# up in parallel, and the upload is completed. Interrupted (Ctrl-C, a dropped network), run it again with the same
# arguments: it asks the API which parts storage already has and sends only the others.
#
#   docs/presigned-upload.sh FILE [PRESET]          e.g. docs/presigned-upload.sh prices.csv default
#
# Environment:
#   SIGNALBOX_URL      the API (default http://localhost:8080)
#   SIGNALBOX_API_KEY  the API key (default: the one local mode wrote to .signalbox/local.json)
#   PARALLEL           parts in flight at once (default 4)
#   STATE              where the job's id is kept between runs (default FILE.upload; deleted once processed)
#
# Needs bash, curl, jq and coreutils (sha256sum, tail, head, mktemp). Each part in flight is copied to a temporary
# file first, because a presigned PUT needs its length up front; nothing else is copied.
set -euo pipefail

if [ $# -lt 1 ] || [ ! -f "$1" ]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
file=$1
preset=${2:-default}
api=${SIGNALBOX_URL:-http://localhost:8080}
key=${SIGNALBOX_API_KEY:-$(jq -r .api.apiKey .signalbox/local.json)}
parallel=${PARALLEL:-4}
state=${STATE:-$file.upload}
auth="Authorization: Bearer $key"

# Answers the body of a call, or stops with the API's error (its "message" names what is wrong).
call() {
  local response status
  response=$(curl -sS -w '\n%{http_code}' -H "$auth" "$@")
  status=${response##*$'\n'}
  response=${response%$'\n'*}
  if [ "${status:0:1}" != 2 ]; then
    echo "Signalbox answered $status: $(jq -r '.detail // .message // .' <<<"$response" 2>/dev/null || echo "$response")" >&2
    exit 1
  fi
  printf '%s' "$response"
}

if [ -s "$state" ]; then
  job=$(cat "$state")
  echo "Resuming the upload of job $job" >&2
else
  size=$(wc -c <"$file" | tr -d ' ')
  echo "Hashing $file ($size bytes)..." >&2
  sha=$(sha256sum "$file" | cut -d' ' -f1)
  request=$(jq -n --arg name "$(basename "$file")" --argjson size "$size" --arg sha "$sha" --arg preset "$preset" \
    '{upload: "presigned", name: $name, size: $size, sha256: $sha, preset: $preset}')
  # The same file asks for the same job, so a run whose answer was lost does not make a second one.
  job=$(call -H 'Content-Type: application/json' -H "Idempotency-Key: presigned-$size-$sha" -d "$request" \
    "$api/v1/jobs" | jq -r .job.id)
  echo "$job" >"$state"
  echo "Created job $job" >&2
fi

await_result() {
  echo "Job $job is being processed:" >&2
  until status=$(call "$api/v1/jobs/$job" | jq -r .status) && [[ $status =~ ^(SUCCEEDED|FAILED)$ ]]; do sleep 2; done
  call "$api/v1/jobs/$job" | jq '{id, status, inputBytes, inputSha256, rows, failure}'
  rm -f "$state"
}

# A run interrupted after it completed the upload has only the result left to wait for.
if [ "$(call "$api/v1/jobs/$job" | jq -r .status)" != AWAITING_UPLOAD ]; then
  await_result
  exit
fi

# What storage has, and a fresh URL for every part it lacks.
upload=$(call "$api/v1/jobs/$job/upload")
part_size=$(jq -r .partSize <<<"$upload")
part_count=$(jq -r .partCount <<<"$upload")
echo "$(jq '.uploadedParts | length' <<<"$upload") of $part_count parts already uploaded;" \
  "sending $(jq '.parts | length' <<<"$upload") in parts of $part_size bytes, $parallel at a time" >&2

put_part() {  # part number, URL
  local part
  part=$(mktemp)
  # tail seeks in a regular file, so reading part n does not read the parts before it.
  tail -c +$(( ($1 - 1) * part_size + 1 )) "$file" | head -c "$part_size" >"$part"
  if curl -sSf -X PUT -T "$part" "$2" -o /dev/null; then
    echo "part $1 uploaded" >&2
  else
    echo "part $1 failed; run again to resume" >&2
  fi
  rm -f "$part"
}
export -f put_part
export file part_size
jq -r '.parts[] | "\(.partNumber) \(.url)"' <<<"$upload" | xargs -r -P "$parallel" -L 1 bash -c 'put_part "$0" "$1"'

# Complete with what storage reports, so that ETags of parts sent by an earlier run are included too.
upload=$(call "$api/v1/jobs/$job/upload")
missing=$(jq '.parts | length' <<<"$upload")
if [ "$missing" != 0 ]; then
  echo "$missing parts are still missing; run again to resume" >&2
  exit 1
fi
call -H 'Content-Type: application/json' -d "$(jq '{parts: [.uploadedParts[] | {partNumber, etag}]}' <<<"$upload")" \
  "$api/v1/jobs/$job/upload/complete" >/dev/null
echo "Upload complete." >&2
await_result
