use super::*;

fn ret(id: &str) -> Option<Return> {
    Some(Return { message_id: Some(id.to_string()), code: 312, text: "NO_ROUTE".to_string() })
}

fn returned() -> Outcome {
    Outcome::Returned { code: 312, text: "NO_ROUTE".to_string() }
}

#[test]
fn tags_count_from_one_and_restart_after_the_channel_is_lost() {
    let mut t = Tracker::default();
    assert_eq!(t.publish("a".into(), false, 'a'), 1);
    assert_eq!(t.publish("b".into(), false, 'b'), 2);
    let mut out = Vec::new();
    assert_eq!(t.take_unconfirmed(&mut out), vec!['a', 'b']);
    assert!(out.is_empty());
    assert!(t.is_empty());
    assert_eq!(t.publish("c".into(), false, 'c'), 1);
}

#[test]
fn plain_ack_and_nack_settle_at_once() {
    let mut t = Tracker::default();
    let a = t.publish("a".into(), false, 'a');
    let b = t.publish("b".into(), false, 'b');
    let mut out = Vec::new();
    t.complete(b, false, None, &mut out);
    t.complete(a, true, None, &mut out);
    assert_eq!(out, vec![('b', Outcome::Nacked), ('a', Outcome::Acked)]);
    assert!(t.is_empty());
}

#[test]
fn multiple_ack_completing_in_any_order_settles_every_covered_tag() {
    let mut t = Tracker::default();
    let tags: Vec<u64> = (0..100).map(|i| t.publish(format!("m{i}"), false, i)).collect();
    let mut out = Vec::new();
    for tag in tags.iter().rev() {
        t.complete(*tag, true, None, &mut out);
    }
    assert_eq!(out.len(), 100);
    assert!(out.iter().all(|(_, o)| *o == Outcome::Acked));
    assert!(t.is_empty());
}

#[test]
fn return_attached_to_its_own_ack_settles_returned() {
    let mut t = Tracker::default();
    let a = t.publish("a".into(), true, 'a');
    let mut out = Vec::new();
    t.complete(a, true, ret("a"), &mut out);
    assert_eq!(out, vec![('a', returned())]);
}

#[test]
fn return_attached_to_another_message_settles_its_owner_not_the_carrier() {
    let mut t = Tracker::default();
    let a = t.publish("a".into(), true, 'a');
    let b = t.publish("b".into(), true, 'b');
    let mut out = Vec::new();
    // one multiple ack covers both; lapin pops b's return onto a's completion
    t.complete(a, true, ret("b"), &mut out);
    t.complete(b, true, None, &mut out);
    assert_eq!(out, vec![('b', returned())]);
    t.end_scan(&mut out);
    t.end_scan(&mut out);
    assert_eq!(out, vec![('b', returned()), ('a', Outcome::Acked)]);
}

#[test]
fn mandatory_ack_waits_one_more_scan_for_a_return_seen_late() {
    let mut t = Tracker::default();
    let a = t.publish("a".into(), true, 'a');
    let b = t.publish("b".into(), true, 'b');
    let mut out = Vec::new();
    // scan 1 sees a's ack (without a return) but not yet b's completion, which carries a's return
    t.complete(a, true, None, &mut out);
    t.end_scan(&mut out);
    assert!(out.is_empty());
    t.complete(b, true, ret("a"), &mut out);
    t.end_scan(&mut out);
    assert_eq!(out, vec![('a', returned())]);
    t.end_scan(&mut out);
    assert_eq!(out, vec![('a', returned()), ('b', Outcome::Acked)]);
    assert!(!t.has_held());
}

#[test]
fn non_mandatory_acks_are_never_held() {
    let mut t = Tracker::default();
    let a = t.publish("a".into(), false, 'a');
    let mut out = Vec::new();
    t.complete(a, true, None, &mut out);
    assert!(!t.has_held());
    assert_eq!(out, vec![('a', Outcome::Acked)]);
}

#[test]
fn duplicate_message_ids_return_the_oldest_unreturned_one_first() {
    let mut t = Tracker::default();
    let a = t.publish("same".into(), true, 'a');
    let b = t.publish("same".into(), true, 'b');
    let mut out = Vec::new();
    t.complete(a, true, ret("same"), &mut out);
    t.complete(b, true, ret("same"), &mut out);
    assert_eq!(out, vec![('a', returned()), ('b', returned())]);
}

#[test]
fn return_for_unknown_message_is_ignored() {
    let mut t = Tracker::default();
    let a = t.publish("a".into(), false, 'a');
    let mut out = Vec::new();
    t.complete(a, true, ret("zzz"), &mut out);
    assert_eq!(out, vec![('a', Outcome::Acked)]);
}

#[test]
fn completion_for_unknown_tag_is_ignored() {
    let mut t: Tracker<char> = Tracker::default();
    let mut out = Vec::new();
    t.complete(42, true, None, &mut out);
    assert!(out.is_empty());
}

#[test]
fn a_lost_channel_keeps_the_answers_already_received_and_hands_back_the_rest_in_tag_order() {
    let mut t = Tracker::default();
    let a = t.publish("a".into(), true, 'a');
    let _b = t.publish("b".into(), true, 'b');
    let _c = t.publish("c".into(), false, 'c');
    let d = t.publish("d".into(), true, 'd');
    let _e = t.publish("e".into(), false, 'e');
    let mut out = Vec::new();
    // a's completion carries b's return: b is known returned, a acked but not yet verified
    t.complete(a, true, ret("b"), &mut out);
    t.complete(d, true, None, &mut out);
    assert!(out.is_empty());
    let unconfirmed = t.take_unconfirmed(&mut out);
    assert_eq!(unconfirmed, vec!['c', 'e']);
    assert_eq!(out, vec![('a', Outcome::Acked), ('b', returned()), ('d', Outcome::Acked)]);
    assert!(!t.has_held());
    assert!(t.is_empty());
}

#[test]
fn failed_write_settles_only_that_message() {
    let mut t = Tracker::default();
    let a = t.publish("a".into(), false, 'a');
    let _b = t.publish("b".into(), false, 'b');
    let mut out = Vec::new();
    t.fail(a, &Cause::other("write failed"), &mut out);
    assert_eq!(out, vec![('a', Outcome::Failed(Cause::other("write failed")))]);
    assert_eq!(t.items().count(), 1);
}
