#!/bin/bash
# Widgets read what a job asked for through JobRecord::recorded() (RecordedRequest), never by
# parsing JobRecord::request, the API's JSON. Fails on any member access named `request` that is
# not a call (job.request.value(…), job->request[…], fromJson(job.request), r = job.request).
# Usage: check-ui-reads-no-request.sh UI_SOURCE_DIR
set -u
ui_dir=${1:?usage: $0 UI_SOURCE_DIR}
pattern='(\.|->)request\b(?!\s*\()'

# The pattern itself is checked first, so that a broken pattern cannot pass silently.
must_match=(
    'const QJsonArray asked = job.request.value(QLatin1String("visual_styles")).toArray();'
    'job->request.value(QLatin1String("aspect_ratio")).toString(),'
    'const QJsonValue v = job.request[QLatin1String("name")];'
    'const auto r = PreviewListRequest::fromJson(job->request);'
    'const QJsonObject body = row.job.request;'
)
must_not_match=(
    'const PreviewListRequest request = m_options->request(m_linkStep->link().id, name);'
    'request.linkId = linkId;'
    'pending.requests << request;'
    'job->recorded().aspectRatio(),'
    'SpendOperation *op = m_engine->spendGuard()->requestPreviews(request);'
)
for line in "${must_match[@]}"; do
    if ! printf '%s\n' "$line" | grep -qP "$pattern"; then
        echo "check is broken: it does not catch: $line" >&2
        exit 2
    fi
done
for line in "${must_not_match[@]}"; do
    if printf '%s\n' "$line" | grep -qP "$pattern"; then
        echo "check is broken: it flags allowed code: $line" >&2
        exit 2
    fi
done

mapfile -t sources < <(find "$ui_dir" -name '*.cpp' -o -name '*.h')
if [ "${#sources[@]}" -lt 20 ]; then
    echo "found only ${#sources[@]} sources under $ui_dir: wrong directory?" >&2
    exit 2
fi
if grep -nHP "$pattern" "${sources[@]}"; then
    echo "ui/ parses JobRecord::request above; read it through JobRecord::recorded()." >&2
    exit 1
fi
echo "checked ${#sources[@]} ui/ sources: none parses JobRecord::request"
