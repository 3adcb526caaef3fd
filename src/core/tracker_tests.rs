use super::*;

/// Test messages are named by a char: its message id is that char, and a char after `'m'` goes to routing key "b".
impl Returnable for char {
    fn is_returned_by(&self, ret: &Return) -> bool {
        ret.message_id.as_deref() == Some(self.to_string().as_str()) && ret.routing_key == routing_key(*self)
    }
}

fn routing_key(c: char) -> &'static str {
    if c > 'm' { "b" } else { "a" }
}

fn ret(id: &str) -> Option<Return> {
    let c = id.chars().next().unwrap_or('a');
    Some(Return {
        message_id: Some(id.to_string()),
        exchange: String::new(),
        routing_key: routing_key(c).into(),
        headers: None,
        code: 312,
        text: "NO_ROUTE".to_string(),
    })
}

fn returned() -> Outcome {
    Outcome::Returned { code: 312, text: "NO_ROUTE".to_string() }
}

#[test]
fn tags_count_from_one_and_restart_after_the_channel_is_lost() {
    let mut t = Tracker::default();
    assert_eq!(t.publish(false, 'a'), 1);
    assert_eq!(t.publish(false, 'b'), 2);
    let mut out = Vec::new();
    assert_eq!(t.take_unconfirmed(&mut out), vec!['a', 'b']);
    assert!(out.is_empty());
    assert!(t.is_empty());
    assert_eq!(t.publish(false, 'c'), 1);
}

#[test]
fn plain_ack_and_nack_settle_at_once() {
    let mut t = Tracker::default();
    let a = t.publish(false, 'a');
    let b = t.publish(false, 'b');
    let mut out = Vec::new();
    t.complete(b, false, None, &mut out);
    t.complete(a, true, None, &mut out);
    assert_eq!(out, vec![('b', Outcome::Nacked), ('a', Outcome::Acked)]);
    assert!(t.is_empty());
}

#[test]
fn multiple_ack_completing_in_any_order_settles_every_covered_tag() {
    let mut t = Tracker::default();
    let tags: Vec<u64> = (0..100).map(|i| t.publish(false, char::from(b'0' + (i % 10) as u8))).collect();
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
    let a = t.publish(true, 'a');
    let mut out = Vec::new();
    t.complete(a, true, ret("a"), &mut out);
    assert_eq!(out, vec![('a', returned())]);
}

#[test]
fn return_attached_to_another_message_settles_its_owner_not_the_carrier() {
    let mut t = Tracker::default();
    let a = t.publish(true, 'a');
    let b = t.publish(true, 'b');
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
    let a = t.publish(true, 'a');
    let b = t.publish(true, 'b');
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
    let a = t.publish(false, 'a');
    let mut out = Vec::new();
    t.complete(a, true, None, &mut out);
    assert!(!t.has_held());
    assert_eq!(out, vec![('a', Outcome::Acked)]);
}

/// A message known by (message id, routing key), both the user's.
impl Returnable for (&'static str, &'static str) {
    fn is_returned_by(&self, ret: &Return) -> bool {
        ret.message_id.as_deref() == Some(self.0) && ret.routing_key == self.1
    }
}

fn ret_to(id: &str, routing_key: &str) -> Option<Return> {
    Some(Return {
        message_id: Some(id.into()),
        exchange: "ex".into(),
        routing_key: routing_key.into(),
        headers: None,
        code: 312,
        text: "NO_ROUTE".into(),
    })
}

#[test]
fn identical_messages_return_the_oldest_unreturned_one_first() {
    let mut t = Tracker::default();
    let a = t.publish(true, ("same", "nowhere"));
    let b = t.publish(true, ("same", "nowhere"));
    let mut out = Vec::new();
    t.complete(a, true, ret_to("same", "nowhere"), &mut out);
    t.complete(b, true, ret_to("same", "nowhere"), &mut out);
    assert_eq!(out, vec![(("same", "nowhere"), returned()), (("same", "nowhere"), returned())]);
}

#[test]
fn a_shared_message_id_returns_the_unroutable_message_not_the_oldest_with_that_id() {
    // the user's id names one event sent to two places: billing is routable, shipping is not
    let mut t = Tracker::default();
    let billing = t.publish(true, ("order-1", "billing"));
    let shipping = t.publish(true, ("order-1", "shipping"));
    let mut out = Vec::new();
    // one multiple ack; lapin pops shipping's return onto billing's completion
    t.complete(billing, true, ret_to("order-1", "shipping"), &mut out);
    t.complete(shipping, true, None, &mut out);
    t.end_scan(&mut out);
    t.end_scan(&mut out);
    assert_eq!(out, vec![(("order-1", "shipping"), returned()), (("order-1", "billing"), Outcome::Acked)]);
}

#[test]
fn a_thousand_interleaved_messages_sharing_one_id_each_get_their_own_outcome() {
    let mut t = Tracker::default();
    let keys = ["routable", "unroutable"];
    let tags: Vec<u64> = (0..1000).map(|i| t.publish(true, ("one-id", keys[i % 2]))).collect();
    let mut out = Vec::new();
    // each return rides on the completion of the message before it, as a multiple ack delivers them
    for (i, tag) in tags.iter().enumerate() {
        let next_is_returned = i + 1 < tags.len() && (i + 1) % 2 == 1;
        t.complete(*tag, true, if next_is_returned { ret_to("one-id", "unroutable") } else { None }, &mut out);
        t.end_scan(&mut out);
    }
    t.end_scan(&mut out);
    t.end_scan(&mut out);
    assert_eq!(out.len(), 1000);
    for (item, outcome) in &out {
        let expected = if item.1 == "unroutable" { returned() } else { Outcome::Acked };
        assert_eq!(*outcome, expected, "{item:?}");
    }
    assert!(t.is_empty());
}

#[test]
fn return_for_unknown_message_is_ignored() {
    let mut t = Tracker::default();
    let a = t.publish(false, 'a');
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
    let a = t.publish(true, 'a');
    let _b = t.publish(true, 'b');
    let _c = t.publish(false, 'c');
    let d = t.publish(true, 'd');
    let _e = t.publish(false, 'e');
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
    let a = t.publish(false, 'a');
    let _b = t.publish(false, 'b');
    let mut out = Vec::new();
    t.fail(a, &Cause::other("write failed"), &mut out);
    assert_eq!(out, vec![('a', Outcome::Failed(Cause::other("write failed")))]);
    assert_eq!(t.take_unconfirmed(&mut out), vec!['b']);
}
