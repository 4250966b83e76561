#!/usr/bin/env bash
# The project's structural rules (issue #10), checked on the source tree:
#   1. no non-test source file (*.cpp, *.h) under app/ or ui/ is over 500 lines;
#   2. nothing in app/core includes a QtGui, widget or web-engine header;
#   3. nothing in ui/ includes QNetworkAccessManager or QNetworkReply (widgets run no requests).
# Usage: check-architecture.sh SOURCE_DIR QT_HEADERS_DIR   (exit 0 when all rules hold)
set -u

# Known violations that other branches are fixing. Each entry is "RULE PATH" with RULE one of
# size, core-gui, ui-network. The lead removes an entry when the branch fixing it merges; an
# entry that no longer matches a violation fails the check, so the list cannot go stale.
ALLOWLIST=(
)

readonly MAX_LINES=500
src=${1:?usage: check-architecture.sh SOURCE_DIR QT_HEADERS_DIR}
qt_headers=${2:?usage: check-architecture.sh SOURCE_DIR QT_HEADERS_DIR}
cd "$src" || exit 2

failures=0
declare -A allowed_used=()

# Reports a violation unless it is allowlisted.
violation() { # RULE PATH MESSAGE
    local entry="$1 $2"
    for allowed in "${ALLOWLIST[@]}"; do
        if [[ $allowed == "$entry" ]]; then
            allowed_used[$entry]=1
            echo "allowed (being fixed elsewhere): $2: $3"
            return
        fi
    done
    echo "FAIL: $2: $3"
    failures=$((failures + 1))
}

# Non-test sources of app/ and ui/ (tests live in tests/; a tests/ folder or tst_ file elsewhere
# is a test too).
sources() { # DIR...
    find "$@" -type f \( -name '*.cpp' -o -name '*.h' \) ! -path '*/tests/*' ! -name 'tst_*' \
        | LC_ALL=C sort
}

# The header names rule 2 forbids come from the installed Qt, so a new class is covered without
# editing this script.
forbidden_modules=()
for dir in "$qt_headers"/QtGui "$qt_headers"/Qt*Widgets "$qt_headers"/QtWebEngine*; do
    [[ -d $dir ]] && forbidden_modules+=("$(basename "$dir")")
done
declare -A forbidden_header=()
for module in "${forbidden_modules[@]}"; do
    forbidden_header[$module]=$module
    for header in "$qt_headers/$module"/*; do
        [[ -f $header ]] && forbidden_header[$(basename "$header")]=$module
    done
done
# Without the Qt headers this rule would pass vacuously: refuse instead.
for needed in QtGui QtWidgets QtWebEngineCore; do
    if [[ ! -f $qt_headers/$needed/$needed ]]; then
        echo "FAIL: cannot read the Qt headers of $needed in $qt_headers; pass the Qt include" \
            "directory (QT6_INSTALL_HEADERS) as the second argument"
        exit 1
    fi
done
if ((${#forbidden_header[@]} < 300)); then
    echo "FAIL: only ${#forbidden_header[@]} GUI header names found in $qt_headers"
    exit 1
fi

# 1. File length.
while IFS= read -r file; do
    lines=$(wc -l < "$file")
    if ((lines > MAX_LINES)); then
        violation size "$file" "$lines lines, more than $MAX_LINES: split it by responsibility"
    fi
done < <(sources app ui)

# 2. app/core: no QtGui, widget or web-engine header.
include_re='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^>"]+)[>"]'
while IFS= read -r file; do
    while IFS= read -r line; do
        [[ $line =~ $include_re ]] || continue
        name=${BASH_REMATCH[1]}
        module=${name%%/*} # <QtWidgets/QWidget> → QtWidgets
        if [[ $name == */* && -n ${forbidden_header[$module]:-} && $module == Qt* ]]; then
            violation core-gui "$file" "includes <$name> from $module; the core knows no GUI"
        elif [[ $name != */* && -n ${forbidden_header[$name]:-} ]]; then
            violation core-gui "$file" \
                "includes <$name> from ${forbidden_header[$name]}; the core knows no GUI"
        fi
    done < <(grep -E '^[[:space:]]*#[[:space:]]*include' "$file")
done < <(sources app/core)

# 3. ui/: no network requests of its own.
network_re='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](QtNetwork/)?(QNetworkAccessManager|QNetworkReply|qnetworkaccessmanager\.h|qnetworkreply\.h|QtNetwork)[>"]'
while IFS= read -r file; do
    if grep -qE "$network_re" "$file"; then
        what=$(grep -oE "$network_re" "$file" | head -n1 | sed 's/.*include[[:space:]]*//')
        violation ui-network "$file" \
            "includes $what; widgets ask the core for data and run no network requests"
    fi
done < <(sources ui)

# An allowlist entry whose violation is gone must go, or it would hide the next one.
for allowed in "${ALLOWLIST[@]}"; do
    if [[ -z ${allowed_used[$allowed]:-} ]]; then
        echo "FAIL: allowlist entry \"$allowed\" no longer matches a violation: remove it from" \
            "tests/architecture/check-architecture.sh"
        failures=$((failures + 1))
    fi
done

if ((failures > 0)); then
    echo "$failures architecture rule(s) broken"
    exit 1
fi
echo "architecture rules hold (${#ALLOWLIST[@]} known violations allowlisted)"
