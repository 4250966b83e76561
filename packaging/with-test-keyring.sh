#!/bin/sh
# Runs CMD inside a private D-Bus session that has a fresh, unlocked GNOME Keyring (secrets
# component only), with a throwaway HOME and XDG directories. Keychain tests then work on a
# headless machine or CI runner and can never touch a real user's keyring.
#
#   packaging/with-test-keyring.sh CMD [ARGS...]
#   e.g. packaging/with-test-keyring.sh ctest --test-dir build --output-on-failure
#
# Needs dbus-run-session and dbus-send (Debian: dbus-daemon, dbus-bin) and gnome-keyring.
# Exits with CMD's status; 125 if the keyring could not be set up.
set -eu

if [ "$#" -eq 0 ]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

script=$(readlink -f "$0")

if [ "${PREVIEWDECK_TEST_KEYRING_INNER:-}" != 1 ]; then
    for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "$0: $tool not found; install dbus-daemon, dbus-bin and gnome-keyring" >&2
            exit 125
        fi
    done

    tmp=$(mktemp -d "${TMPDIR:-/tmp}/previewdeck-keyring.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    trap 'exit 130' INT TERM HUP
    mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/runtime"
    chmod 700 "$tmp/home" "$tmp/data" "$tmp/runtime"

    # The daemon and libsecret look for an existing keyring through these; a desktop name
    # would make QtKeychain prefer KWallet. Start from none of them.
    unset GNOME_KEYRING_CONTROL GNOME_KEYRING_PID XDG_CURRENT_DESKTOP XDG_SESSION_DESKTOP \
        DESKTOP_SESSION KDE_FULL_SESSION KDE_SESSION_VERSION DBUS_SESSION_BUS_ADDRESS

    status=0
    PREVIEWDECK_TEST_KEYRING_INNER=1 HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" \
        XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/runtime" \
        dbus-run-session -- sh "$script" "$@" || status=$?
    exit "$status"
fi

# Inside the private session bus from here on.
unset PREVIEWDECK_TEST_KEYRING_INNER

bus_call() {
    dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        "org.freedesktop.DBus.$1" "string:org.freedesktop.secrets" 2>/dev/null
}

# --unlock creates the "login" keyring with this password (it becomes the default collection)
# and leaves it unlocked. The daemon forks into the background and claims its bus name a
# moment later.
if ! printf '%s' "test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
    echo "$0: gnome-keyring-daemon failed to start" >&2
    exit 125
fi
tries=0
until bus_call NameHasOwner | grep -q true; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ]; then
        echo "$0: gnome-keyring-daemon did not appear on the session bus within 10 s" >&2
        exit 125
    fi
    sleep 0.1
done
keyring_pid=$(bus_call GetConnectionUnixProcessID | awk '{print $NF}')

status=0
"$@" || status=$?

# The daemon would also quit when the bus goes away; stopping it first keeps it from writing
# into the directory that is about to be removed.
if [ -n "$keyring_pid" ]; then
    kill "$keyring_pid" 2>/dev/null || true
fi
exit "$status"
