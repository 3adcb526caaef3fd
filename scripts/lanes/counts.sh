#!/usr/bin/env bash
# Reads a test command's log on stdin and prints one line of counts per suite, headed by the lane's name: cargo's
# "test result", each phpt summary, each PHPUnit summary, the fault tests' counts ("acked but missing") and the
# spool proofs' counts ("[spool ...]").
lane=$1
awk -v lane="$lane" '
    /^== stack: / { print lane " | stack | " substr($0, 11); next }
    /^== / { section = substr($0, 4); sub(/ \(.*$/, "", section); if (section !~ /^PHPUnit/) sub(/:.*$/, "", section) }
    /^test result: / { sub(/^test result: /, ""); print lane " | cargo test | " $0; next }
    /^(installed-extension )?phpt: / { print lane " | " section " | " $0; next }
    /^OK \([0-9]+ tests?/ || /^Tests: [0-9]+, / || /^OK, but / { print lane " | " section " | " $0; next }
    /acked but missing:/ || /^\[spool / { print lane " | fault counts | " $0; next }
    /passed only when run again/ { print lane " | " section " | " $0; next }
'
