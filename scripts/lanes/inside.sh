#!/usr/bin/env bash
# Run by scripts/matrix.sh inside a lane's new mount, network and pid namespaces: mounts the lane's root (an overlay
# on the untouched base), copies the checkout in, brings up loopback, forwards 127.0.0.1:3128 to the archive proxy,
# and runs the lane's command as root in the root, with the host's Rust toolchain mounted read-only.
# Arguments: BASE RUN_DIR APT_CACHE CARGO_REGISTRY COMMAND
set -euo pipefail
base=$1 run=$2 apt_cache=$3 registry=$4 command=$5
root="$run/root"
mount -t overlay overlay -o "lowerdir=$base,upperdir=$run/upper,workdir=$run/work" "$root"
mount -t proc proc "$root/proc"
mount --bind /sys "$root/sys" && mount -o remount,bind,ro "$root/sys"
mount --bind /dev "$root/dev"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts"
mount -t tmpfs tmpfs "$root/dev/shm"
mount -t tmpfs tmpfs "$root/run"
# downloads only: Debian's .deb files and crates.io's .crate files, kept between runs of the lane
mount --bind "$apt_cache" "$root/var/cache/apt/archives"
mkdir -p "$root/root/.rustup" "$root/root/.cargo/bin" "$root/root/.cargo/registry"
mount --bind "$registry" "$root/root/.cargo/registry"
# the machine's Rust toolchain (rustup's), read-only
rustup_home=${RUSTUP_HOME:-$HOME/.rustup}
cargo_bin=$(dirname "$(command -v cargo)")
mount --bind "$rustup_home" "$root/root/.rustup" && mount -o remount,bind,ro "$root/root/.rustup"
mount --bind "$cargo_bin" "$root/root/.cargo/bin" && mount -o remount,bind,ro "$root/root/.cargo/bin"
# the checkout, as it is (tracked and untracked files, not ignored ones, and its git directory)
mkdir -p "$root/src"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$root/src"
cp -a .git "$root/src/.git"
ip link set lo up
socat TCP-LISTEN:3128,bind=127.0.0.1,fork,reuseaddr "UNIX-CONNECT:$run/proxy.sock" &
proxy="http://127.0.0.1:3128"
exec chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 CI=true \
    PATH=/root/.cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    RUSTUP_HOME=/root/.rustup CARGO_HOME=/root/.cargo \
    http_proxy="$proxy" https_proxy="$proxy" no_proxy=127.0.0.1,localhost \
    bash -c "cd /src && $command"
