#!/usr/bin/env bash
# Waits (at most about 60 s) until the broker blocks the connection whose client-provided name is $1 (a memory
# alarm is on), closes it, clears the alarm (the publisher can then reconnect and republish), and says so. Used by
# QueueTest's connection-closed-mid-bulk test.
name=$1
for _ in $(seq 1 120); do
    # the publishing connection is "blocked"; its topology connection (same name) may be "blocking": close both
    pids=$(rabbitmqctl -q list_connections pid client_properties state 2>/dev/null | grep -F "\"$name\"" | grep -E 'blocked$' | grep -o '^<[^>]*>')
    if [ -n "$pids" ]; then
        pids=$(rabbitmqctl -q list_connections pid client_properties 2>/dev/null | grep -F "\"$name\"" | grep -o '^<[^>]*>')
        for pid in $pids; do
            rabbitmqctl -q close_connection "$pid" "closed mid-bulk by the test" > /dev/null || exit 1
        done
        rabbitmqctl -q set_vm_memory_high_watermark 0.4 > /dev/null
        echo "closed the connections named $name"
        exit 0
    fi
    sleep 0.5
done
echo "the connection named $name was never blocked"
exit 1
