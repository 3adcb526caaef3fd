#!/usr/bin/env bash
# Installs the Debian packages given as arguments that are not installed yet (apt-get update first), as root or with
# sudo. Names after --if-available are installed only when this release's archive has them (each one skipped is
# named on stderr).
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=() optional=0 updated=0
update() { [ "$updated" = 1 ] || { $SUDO apt-get update -q >/dev/null; updated=1; }; }
for p in "$@"; do
    [ "$p" = "--if-available" ] && { optional=1; continue; }
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] && continue
    if [ "$optional" = 1 ]; then
        update
        # a candidate, not only a name some other package provides
        policy=$(apt-cache policy "$p" 2>/dev/null)   # not piped into grep -q: pipefail would see apt-cache's SIGPIPE
        [[ "$policy" == *"Candidate: "[0-9]* ]] || { echo "not in this release's archive: $p (skipped)" >&2; continue; }
    fi
    missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    update
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi
