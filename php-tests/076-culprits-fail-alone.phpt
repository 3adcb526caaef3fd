--TEST--
Messages the broker closes the channel over (missing exchanges) fail alone, each with its own 404, however many there are: every other message in flight beside them is acked and in the queue (republished on a fresh channel: the counts of duplicates go to the fault log)
--INI--
; the failures this test leaves for the log are checked in php-tests/070
error_log=/dev/null
--FILE--
<?php
require __DIR__ . '/helpers/common.inc';
foreach ([1, 10, 50] as $culprits) {
    $p = publisher(['max_attempts' => 3]);
    $q = temp_queue($p, 'culprits');
    $handles = [];
    $bad = [];
    $every = intdiv(3000, $culprits + 1);
    for ($i = 0; $i < 3000; $i++) {
        $isBad = $i % $every === $every - 1 && count($bad) < $culprits;
        $c = $p->publish($isBad ? uniq('missing') : '', $isBad ? 'rk' : $q, "m$i", ['message_id' => "c-$i"]);
        if ($isBad) $bad[] = $c; else $handles[] = $c;
    }
    $p->waitAll(120);
    $badRight = count(array_filter($bad, fn($c) => $c->status() === AmqpConfirm\Status::Failed
        && str_starts_with($c->reason(), "404 NOT_FOUND - no exchange '" . $c->exchange() . "'")));
    echo "$culprits culprit(s): $badRight failed alone with their own 404; ";
    report("culprits $culprits", $handles, array_map(fn($m) => $m->getMessageId(), read_back($q)));
    $p->deleteQueue($q);
}
?>
--EXPECTF--
1 culprit(s): 1 failed alone with their own 404; [culprits 1] published 2999: acked 2999, nacked 0, returned 0, failed 0, pending 0; queue holds %d (2999 distinct, %d duplicates); acked but missing: 0
culprits 1: settled all, acked but missing from the queue: 0
10 culprit(s): 10 failed alone with their own 404; [culprits 10] published 2990: acked 2990, nacked 0, returned 0, failed 0, pending 0; queue holds %d (2990 distinct, %d duplicates); acked but missing: 0
culprits 10: settled all, acked but missing from the queue: 0
50 culprit(s): 50 failed alone with their own 404; [culprits 50] published 2950: acked 2950, nacked 0, returned 0, failed 0, pending 0; queue holds %d (2950 distinct, %d duplicates); acked but missing: 0
culprits 50: settled all, acked but missing from the queue: 0
