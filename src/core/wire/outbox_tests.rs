use super::*;

/// Adds message `i`, whose three bytes are its own number.
fn push(o: &mut Outbox<u8>, i: u8) {
    o.push(i, |b: &mut Vec<u8>, _: &mut _| -> Result<(), ()> {
        b.extend_from_slice(&[i; 3]);
        Ok(())
    })
    .unwrap();
}

/// An outbox of `n` messages, all written.
fn written(n: u8) -> Outbox<u8> {
    let mut o = Outbox::default();
    for i in 1..=n {
        push(&mut o, i);
    }
    let len = o.unwritten().len();
    o.wrote(len);
    o
}

fn settle(o: &mut Outbox<u8>, tag: u64, multiple: bool) -> Vec<(u64, u8)> {
    let mut got = Vec::new();
    o.settle(tag, multiple, |t, v, bytes| {
        assert_eq!(bytes, &[v; 3]);
        got.push((t, v));
    });
    got
}

#[test]
fn acks_settle_in_tag_order_single_and_multiple() {
    let mut o = written(5);
    assert_eq!(settle(&mut o, 2, false), vec![(2, 2)]);
    assert_eq!(settle(&mut o, 4, true), vec![(1, 1), (3, 3), (4, 4)]);
    assert_eq!(settle(&mut o, 4, true), vec![], "settled twice: nothing");
    assert_eq!(settle(&mut o, 9, false), vec![], "a tag never written: nothing");
    assert_eq!(o.unsettled(), 1);
    assert_eq!(settle(&mut o, 5, false), vec![(5, 5)]);
    assert_eq!((o.unsettled(), o.held_bytes()), (0, 0));
}

#[test]
fn only_written_messages_have_tags() {
    let mut o = written(2);
    push(&mut o, 3);
    assert_eq!(o.unwritten(), &[3, 3, 3]);
    assert!(o.at_boundary());
    o.wrote(1);
    assert!(!o.at_boundary(), "half a message is out: nothing else may be written now");
    assert_eq!(settle(&mut o, 3, true), vec![], "tag 3 is not out yet");
    assert_eq!(settle(&mut o, 2, true), vec![(1, 1), (2, 2)]);
    assert_eq!(o.in_flight().count(), 0);
    o.wrote(2);
    assert!(o.at_boundary());
    assert_eq!(o.in_flight().map(|(t, v)| (t, *v)).collect::<Vec<_>>(), vec![(3, 3)]);
}

#[test]
fn a_failed_encoding_leaves_nothing_behind() {
    let mut o = written(1);
    let r = o.push(2, |b: &mut Vec<u8>, _: &mut _| {
        b.push(9);
        Err("too long")
    });
    assert_eq!(r, Err("too long"));
    assert_eq!((o.unsettled(), o.unwritten().len()), (1, 0));
}

#[test]
fn rewind_republishes_the_unsettled_in_order_with_tags_from_one() {
    let mut o = written(5);
    settle(&mut o, 2, false);
    assert_eq!(o.remove(4), Some(4), "a culprit fails alone");
    o.rewind(false);
    assert_eq!(o.unwritten(), &[1, 1, 1, 3, 3, 3, 5, 5, 5]);
    o.wrote(9);
    assert_eq!(o.in_flight().map(|(t, v)| (t, *v)).collect::<Vec<_>>(), vec![(1, 1), (2, 3), (3, 5)]);
    assert_eq!(settle(&mut o, 3, true), vec![(1, 1), (2, 3), (3, 5)]);
}

#[test]
fn a_rewind_with_retried_messages_puts_them_back_in_their_places() {
    let mut o = written(5);
    let mut nacked = Vec::new();
    o.settle(2, false, |_, v, bytes| nacked.push((bytes.to_vec(), v)));
    o.settle(4, false, |_, v, bytes| nacked.push((bytes.to_vec(), v)));
    o.rewind_with(false, nacked, |v| u64::from(*v));
    assert_eq!(o.unwritten(), &[1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5]);
    assert_eq!(o.unsettled(), 5);
    o.wrote(15);
    assert_eq!(settle(&mut o, 5, true), vec![(1, 1), (2, 2), (3, 3), (4, 4), (5, 5)]);
}

#[test]
fn settling_costs_what_it_settles_and_the_buffer_is_reclaimed() {
    let mut o: Outbox<u32> = Outbox::default();
    let mut count = 0;
    for i in 0..100_000u32 {
        o.push(i, |b: &mut Vec<u8>, _: &mut _| -> Result<(), ()> {
            b.extend_from_slice(&[0; 100]);
            Ok(())
        })
        .unwrap();
        let len = o.unwritten().len();
        o.wrote(len);
        if i % 1000 == 999 {
            o.settle(u64::from(i) + 1, true, |_, _, _| count += 1);
            assert!(o.held_bytes() < 200_000, "settled bytes are reclaimed: {}", o.held_bytes());
        }
    }
    assert_eq!(count, 100_000);
    assert_eq!(o.unsettled(), 0);
}

#[test]
fn drain_hands_back_every_unsettled_message() {
    let mut o = written(3);
    settle(&mut o, 1, false);
    let mut failed = Vec::new();
    o.drain(|v| failed.push(v));
    assert_eq!(failed, vec![2, 3]);
    assert_eq!((o.unsettled(), o.held_bytes()), (0, 0));
}

#[test]
fn a_rewind_on_the_same_socket_first_finishes_the_message_under_way() {
    let mut o = written(2);
    push(&mut o, 3);
    o.wrote(1);
    o.rewind(true);
    assert!(!o.at_boundary());
    assert_eq!(o.unwritten_message(), &[3, 3], "the rest of message 3 on the old channel");
    o.wrote(2);
    assert!(o.at_boundary(), "frames of the session may go now");
    assert_eq!(o.unwritten(), &[1, 1, 1, 2, 2, 2, 3, 3, 3]);
    o.wrote(9);
    assert_eq!(o.in_flight().map(|(t, v)| (t, *v)).collect::<Vec<_>>(), vec![(1, 1), (2, 2), (3, 3)]);
}

#[test]
fn a_gate_holds_back_a_message_and_those_after_it_until_lifted_or_removed() {
    let mut o = written(1);
    for i in 2..=4u8 {
        push(&mut o, i);
    }
    o.hold_at(Some(3));
    assert_eq!(o.unwritten(), &[2, 2, 2]);
    o.wrote(3);
    assert_eq!((o.unwritten(), o.unwritten_message()), (&[][..], &[][..]), "held at message 3");
    assert_eq!(o.remove_unwritten(|v| *v == 3), vec![3]);
    o.hold_at(None);
    assert_eq!(o.unwritten(), &[4, 4, 4]);
    o.wrote(3);
    assert_eq!(o.in_flight().map(|(t, v)| (t, *v)).collect::<Vec<_>>(), vec![(1, 1), (2, 2), (3, 4)]);
    assert_eq!(o.unsettled(), 3);
}
