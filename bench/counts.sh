#!/usr/bin/env bash
# Per-message counts for one workload, this extension beside php-amqp (issue 18's report): system calls
# (strace -c -f, every thread) and context switches (perf stat: thread wake-ups; this VM has no instruction
# counter, so instructions come from callgrind, see bench/ANALYSIS.md). Usage: bench/counts.sh [w1|w2] [count] [window]
# Needs a local RabbitMQ on 5672 and the release build; prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
workload=${1:-w2} count=${2:-20000} window=${3:-1000}
ext="$PWD/target/release/libamqp_confirm.so"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
declare -A cmd=(
    [amqp_confirm]="php -d extension=$ext bench/client.php amqp_confirm $workload %Q $count 100 $window"
    [php-amqp]="php bench/client.php php-amqp $workload %Q $count 100"
)
echo "| client ($workload, $count messages) | syscalls/msg | of which write-like | of which read-like | poll-like | futex | context switches/msg |"
echo "|---|---|---|---|---|---|---|"
for client in amqp_confirm php-amqp; do
    queue="bench.counts.$client.$$"
    php -d extension="$ext" -r "(new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f'))->declareQueue('$queue', ['arguments' => ['x-expires' => 600000]]);"
    run=${cmd[$client]//%Q/$queue}
    strace -c -f -o "$tmp/strace" $run > /dev/null
    perf stat -x, -e context-switches -o "$tmp/perf" $run > /dev/null
    php -d extension="$ext" -r "(new AmqpConfirm\Publisher('amqp://guest:guest@127.0.0.1:5672/%2f'))->deleteQueue('$queue');"
    awk -v n="$count" -v client="$client" -F, '
        FILENAME ~ /strace/ && $0 ~ /^ *[0-9]/ {
            split($0, f, " "); calls = f[4]; name = f[length(f)]
            if (name == "total") next
            total += calls
            if (name ~ /^(write|writev|sendto|sendmsg)$/) w += calls
            if (name ~ /^(read|readv|recvfrom|recvmsg)$/) r += calls
            if (name ~ /^(poll|ppoll|epoll_wait|epoll_pwait|select)$/) p += calls
            if (name == "futex") fx += calls
        }
        FILENAME ~ /perf/ && $3 == "context-switches" { cs = $1 }
        END { printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", client, total/n, w/n, r/n, p/n, fx/n, cs/n }
    ' "$tmp/strace" "$tmp/perf"
done
