#!/usr/bin/env bash
# Runs the project's tests in lanes: clean Debian root file systems of other releases and stacks (scripts/lanes/*.lane),
# each in its own network namespace (its own loopback: its own broker, cluster nodes and epmd, never the host's) and
# its own pid namespace (whatever a lane starts ends with it). A lane's base (debootstrap, then its packages) is built
# once and cached untouched in $CACHE; each run mounts a throwaway overlay on it, so every run starts from the clean
# base. Inside, apt and cargo reach Debian's archive and crates.io only, through scripts/lanes/proxy.py.
# (Functions here are called where set -e does not apply, so each step that can fail says "|| return 1".)
# Usage: scripts/matrix.sh [-j] LANE...  (as root; -j: the lanes at once). Prints one line of counts per suite of each lane; the whole log of a
# lane is in $WORK/LANE.log. Exits non-zero when any lane failed.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "matrix: run as root (debootstrap, namespaces, mounts)" >&2; exit 1; }
[ "$#" -gt 0 ] || { echo "usage: scripts/matrix.sh LANE... (lanes: $(cd scripts/lanes && ls ./*.lane | sed 's|./||; s|\.lane||' | tr '\n' ' '))" >&2; exit 2; }
CACHE=${AMQP_CONFIRM_LANES_CACHE:-/var/cache/amqp-confirm-lanes}
WORK=${AMQP_CONFIRM_LANES_WORK:-/var/tmp/amqp-confirm-lanes}
scripts/ensure-packages.sh debootstrap socat python3 iproute2 util-linux
mkdir -p "$CACHE" "$WORK"

# The base of a lane: its release and packages, named by a hash of its definition and of the base recipe below.
base_of() {
    echo "$CACHE/base-$1-$(cat "scripts/lanes/$1.lane" <(sed -n '/^build_base()/,/^}/p' "$0") | sha256sum | cut -c1-12)"
}

build_base() { # lane dir: debootstrap, apt sources, no service starts, the host's CA certificates, the lane's packages
    local lane=$1 dir=$2 tmp="$2.building"
    rm -rf "$CACHE"/base-"$lane"-*   # older bases of this lane, and a build that was cut short
    echo "matrix: building the $lane base ($RELEASE) in $dir" >&2
    debootstrap --variant=minbase "$RELEASE" "$tmp" http://deb.debian.org/debian > "$WORK/$lane.base.log" 2>&1 \
        || { tail -n 20 "$WORK/$lane.base.log" >&2; return 1; }
    printf '%s\n' "$SOURCES" > "$tmp/etc/apt/sources.list" || return 1
    printf '#!/bin/sh\nexit 101\n' > "$tmp/usr/sbin/policy-rc.d" && chmod +x "$tmp/usr/sbin/policy-rc.d" || return 1
    printf 'Acquire::Check-Valid-Until "false";\n' > "$tmp/etc/apt/apt.conf.d/80lane" || return 1  # experimental's Release expires
    cp -a /usr/local/share/ca-certificates/. "$tmp/usr/local/share/ca-certificates/" 2>/dev/null || true
    mount -t proc proc "$tmp/proc" || return 1
    local status=0
    chroot "$tmp" sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(echo $BASE_PACKAGES) && update-ca-certificates && apt-get clean" \
        >> "$WORK/$lane.base.log" 2>&1 || status=$?
    umount "$tmp/proc"
    [ "$status" = 0 ] || { tail -n 20 "$WORK/$lane.base.log" >&2; return 1; }
    mv "$tmp" "$dir" || return 1
}

run_lane() { # lane: overlay on the base, namespaces, the lane's command; prints the counts
    local lane=$1 base run log="$WORK/$1.log"
    base=$(base_of "$lane")
    [ -d "$base" ] || build_base "$lane" "$base" || return 1
    run="$WORK/$lane.run"
    rm -rf "$run" && mkdir -p "$run/upper" "$run/work" "$run/root" "$CACHE/apt-$lane" "$CACHE/cargo-registry-$lane" || return 1
    python3 scripts/lanes/proxy.py "$run/proxy.sock" &
    local proxy=$! status=0 started=$SECONDS
    echo "matrix: lane $lane: $RUN (log: $log)"
    unshare --mount --net --pid --fork --kill-child --propagation private \
        bash scripts/lanes/inside.sh "$base" "$run" "$CACHE/apt-$lane" "$CACHE/cargo-registry-$lane" "$RUN" > "$log" 2>&1 || status=$?
    kill "$proxy" 2>/dev/null || true
    wait "$proxy" 2>/dev/null || true
    scripts/lanes/counts.sh "$lane" < "$log"
    echo "matrix: lane $lane: exit $status in $((SECONDS - started)) s"
    [ "$status" = 0 ] || { echo "---- last lines of $log"; tail -n 60 "$log"; echo "----"; }
    rm -rf "$run"
    return "$status"
}

lane_in_subshell() { # lane: reads the lane's definition and runs it; its summary goes to $WORK/LANE.summary
    (
        unset RELEASE SOURCES BASE_PACKAGES RUN
        # shellcheck source=/dev/null
        . "scripts/lanes/$1.lane"
        run_lane "$1"
    ) > "$WORK/$1.summary" 2>&1
}

together=0
[ "$1" != "-j" ] || { together=1; shift; }
for lane in "$@"; do
    [ -f "scripts/lanes/$lane.lane" ] || { echo "matrix: no lane $lane" >&2; exit 2; }
done
failed=()
if [ "$together" = 1 ]; then # the lanes at once (each has its own namespaces); summaries in the order given
    pids=()
    for lane in "$@"; do
        lane_in_subshell "$lane" &
        pids+=($!)
    done
    for i in "${!pids[@]}"; do
        wait "${pids[$i]}" || failed+=("${*:$((i + 1)):1}")
    done
    for lane in "$@"; do cat "$WORK/$lane.summary"; done
else
    for lane in "$@"; do
        lane_in_subshell "$lane" || failed+=("$lane")
        cat "$WORK/$lane.summary"
    done
fi
[ "${#failed[@]}" = 0 ] || { echo "matrix: failed: ${failed[*]}"; exit 1; }
echo "matrix: every lane passed: $*"
