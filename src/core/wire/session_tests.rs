use super::*;
use amq_protocol::frame::{AMQPContentHeader, gen_frame, parse_frame};
use amq_protocol::protocol::BasicProperties;
use amq_protocol::types::ShortString;

fn login() -> Login {
    Login {
        username: "guest".into(),
        password: "secret".into(),
        vhost: "/".into(),
        mechanism: SASLMechanism::Plain,
        frame_max: 131_072,
        heartbeat: 10,
        connection_name: Some("orders".into()),
    }
}

/// The bytes of frames as the broker would send them.
fn broker(frames: &[AMQPFrame]) -> Vec<u8> {
    let mut out = Vec::new();
    for f in frames {
        let (bytes, _) = gen_frame(f)(amq_protocol::frame::WriteContext::from(std::mem::take(&mut out))).unwrap().into_inner();
        out = bytes;
    }
    out
}

fn conn(m: connection::AMQPMethod) -> AMQPFrame {
    AMQPFrame::Method(0, AMQPClass::Connection(m))
}

fn chan(c: AMQPClass) -> AMQPFrame {
    AMQPFrame::Method(CHANNEL, c)
}

/// What the session wrote, parsed back, and forgotten.
fn sent(s: &mut Session) -> Vec<AMQPFrame> {
    let mut bytes = s.output().to_vec();
    s.wrote(bytes.len());
    if bytes.starts_with(b"AMQP") {
        assert_eq!(&bytes[..8], frame::PROTOCOL_HEADER);
        bytes.drain(..8);
    }
    let mut frames = Vec::new();
    let mut rest = &bytes[..];
    while !rest.is_empty() {
        let (r, f) = parse_frame(rest).unwrap();
        frames.push(f);
        rest = r;
    }
    frames
}

fn feed(s: &mut Session, frames: &[AMQPFrame]) -> Vec<Event> {
    let mut events = Vec::new();
    s.receive(&broker(frames), &mut events).unwrap();
    events
}

/// A session taken through the handshake to confirm mode.
fn open(heartbeat: u16) -> Session {
    let mut s = Session::new(login());
    assert!(sent(&mut s).is_empty(), "only the protocol header goes first");
    let start = connection::Start { version_major: 0, version_minor: 9, mechanisms: "AMQPLAIN PLAIN".into(), locales: "en_US".into(), ..Default::default() };
    assert!(feed(&mut s, &[conn(connection::AMQPMethod::Start(start))]).is_empty());
    let [AMQPFrame::Method(0, AMQPClass::Connection(connection::AMQPMethod::StartOk(ok)))] = &sent(&mut s)[..] else { panic!() };
    assert_eq!((ok.mechanism.as_str(), ok.response.to_string()), ("PLAIN", "\0guest\0secret".to_string()));
    let caps = ok.client_properties.inner().get(&ShortString::from("capabilities"));
    assert!(matches!(caps, Some(AMQPValue::FieldTable(t)) if t.inner().len() == 4));
    let tune = connection::Tune { channel_max: 2047, frame_max: 131_072, heartbeat };
    feed(&mut s, &[conn(connection::AMQPMethod::Tune(tune))]);
    let [tune_ok, AMQPFrame::Method(0, AMQPClass::Connection(connection::AMQPMethod::Open(o)))] = &sent(&mut s)[..] else { panic!() };
    assert!(matches!(tune_ok, AMQPFrame::Method(0, AMQPClass::Connection(connection::AMQPMethod::TuneOk(_)))));
    assert_eq!(o.virtual_host.as_str(), "/");
    feed(&mut s, &[conn(connection::AMQPMethod::OpenOk(connection::OpenOk {}))]);
    assert!(matches!(&sent(&mut s)[..], [AMQPFrame::Method(1, AMQPClass::Channel(channel::AMQPMethod::Open(_)))]));
    feed(&mut s, &[chan(AMQPClass::Channel(channel::AMQPMethod::OpenOk(channel::OpenOk {})))]);
    assert!(matches!(&sent(&mut s)[..], [AMQPFrame::Method(1, AMQPClass::Confirm(confirm::AMQPMethod::Select(_)))]));
    assert!(!s.is_ready());
    assert_eq!(feed(&mut s, &[chan(AMQPClass::Confirm(confirm::AMQPMethod::SelectOk(confirm::SelectOk {})))]), vec![Event::Ready]);
    assert!(s.is_ready());
    s
}

fn ack(tag: u64, multiple: bool) -> AMQPFrame {
    chan(AMQPClass::Basic(basic::AMQPMethod::Ack(basic::Ack { delivery_tag: tag, multiple })))
}

#[test]
fn the_handshake_reaches_confirm_mode_and_tunes_to_the_lower_limits() {
    let s = open(60);
    assert_eq!((s.frame_max(), s.heartbeat()), (131_072, 10));
    assert_eq!(open(5).heartbeat(), 5);
    assert_eq!(open(0).heartbeat(), 10, "the broker asks for none: ours stands");
}

#[test]
fn acks_nacks_and_returns_come_out_in_wire_order_whatever_the_chunking() {
    let mut s = open(10);
    let ret = chan(AMQPClass::Basic(basic::AMQPMethod::Return(basic::Return {
        reply_code: 312,
        reply_text: "NO_ROUTE".into(),
        exchange: "ex".into(),
        routing_key: "nowhere".into(),
    })));
    let header = AMQPFrame::Header(
        CHANNEL,
        AMQPContentHeader { class_id: 60, body_size: 6, properties: BasicProperties::default().with_message_id("m-7".into()) },
    );
    let nack = chan(AMQPClass::Basic(basic::AMQPMethod::Nack(basic::Nack { delivery_tag: 8, multiple: false, requeue: false })));
    let frames = [
        ack(3, true),
        ret,
        header,
        AMQPFrame::Body(CHANNEL, b"abc".to_vec()),
        AMQPFrame::Body(CHANNEL, b"def".to_vec()),
        ack(7, false),
        AMQPFrame::Heartbeat,
        nack,
    ];
    let bytes = broker(&frames);
    let expected = vec![
        Event::Acked { tag: 3, multiple: true },
        Event::Returned {
            code: 312,
            text: "NO_ROUTE".into(),
            exchange: "ex".into(),
            routing_key: "nowhere".into(),
            fingerprint: frame::fingerprint(&BasicProperties::default().with_message_id("m-7".into())),
        },
        Event::Acked { tag: 7, multiple: false },
        Event::Nacked { tag: 8, multiple: false },
    ];
    for step in [1, 2, 7, 21, 64, bytes.len()] {
        let mut events = Vec::new();
        for part in bytes.chunks(step) {
            s.receive(part, &mut events).unwrap();
        }
        assert_eq!(events, expected, "fed {step} bytes at a time");
    }
}

#[test]
fn a_channel_close_is_answered_and_the_channel_reopened_in_confirm_mode() {
    let mut s = open(10);
    let close = channel::Close { reply_code: 404, reply_text: "NOT_FOUND - no exchange 'x'".into(), class_id: 60, method_id: 40 };
    let events = feed(&mut s, &[chan(AMQPClass::Channel(channel::AMQPMethod::Close(close))), ack(1, false)]);
    assert_eq!(
        events,
        vec![Event::ChannelClosed { code: 404, text: "NOT_FOUND - no exchange 'x'".into(), class_id: 60, method_id: 40 }],
        "nothing on the closed channel counts"
    );
    assert!(!s.is_ready());
    let out = sent(&mut s);
    assert!(matches!(&out[..], [
        AMQPFrame::Method(1, AMQPClass::Channel(channel::AMQPMethod::CloseOk(_))),
        AMQPFrame::Method(1, AMQPClass::Channel(channel::AMQPMethod::Open(_)))
    ]));
    feed(&mut s, &[chan(AMQPClass::Channel(channel::AMQPMethod::OpenOk(channel::OpenOk {})))]);
    assert_eq!(sent(&mut s).len(), 1, "confirm.select");
    assert_eq!(feed(&mut s, &[chan(AMQPClass::Confirm(confirm::AMQPMethod::SelectOk(confirm::SelectOk {})))]), vec![Event::Ready]);
}

#[test]
fn the_broker_closing_the_connection_or_refusing_the_login_ends_the_session() {
    let mut s = Session::new(login());
    let start = connection::Start { mechanisms: "PLAIN".into(), ..Default::default() };
    feed(&mut s, &[conn(connection::AMQPMethod::Start(start))]);
    feed(&mut s, &[conn(connection::AMQPMethod::Tune(connection::Tune { channel_max: 0, frame_max: 0, heartbeat: 0 }))]);
    let refused = connection::Close { reply_code: 530, reply_text: "NOT_ALLOWED - vhost".into(), class_id: 10, method_id: 40 };
    let events = feed(&mut s, &[conn(connection::AMQPMethod::Close(refused))]);
    assert_eq!(events, vec![Event::ConnectionClosed { code: 530, text: "NOT_ALLOWED - vhost".into() }]);
    assert!(s.is_over());
    assert!(matches!(sent(&mut s).last(), Some(AMQPFrame::Method(0, AMQPClass::Connection(connection::AMQPMethod::CloseOk(_))))));
}

#[test]
fn blocked_unblocked_and_our_own_close() {
    let mut s = open(10);
    let blocked = conn(connection::AMQPMethod::Blocked(connection::Blocked { reason: "low on memory".into() }));
    let events = feed(&mut s, &[blocked, conn(connection::AMQPMethod::Unblocked(connection::Unblocked {}))]);
    assert_eq!(events, vec![Event::Blocked("low on memory".into()), Event::Unblocked]);
    s.send_heartbeat();
    assert_eq!(sent(&mut s), vec![AMQPFrame::Heartbeat]);
    s.close().unwrap();
    assert!(matches!(&sent(&mut s)[..], [AMQPFrame::Method(0, AMQPClass::Connection(connection::AMQPMethod::Close(_)))]));
    let events = feed(&mut s, &[ack(1, false), conn(connection::AMQPMethod::CloseOk(connection::CloseOk {}))]);
    assert_eq!(events, vec![Event::Acked { tag: 1, multiple: false }, Event::Closed], "acks before the close-ok still count");
    assert!(s.is_over());
}

#[test]
fn a_mechanism_the_broker_does_not_offer_and_frames_out_of_turn_are_errors() {
    let mut s = Session::new(Login { mechanism: SASLMechanism::External, ..login() });
    let start = connection::Start { mechanisms: "PLAIN AMQPLAIN".into(), ..Default::default() };
    let err = s.receive(&broker(&[conn(connection::AMQPMethod::Start(start))]), &mut Vec::new()).unwrap_err();
    assert!(err.to_string().contains("EXTERNAL"), "{err}");
    let mut s = Session::new(login());
    let err = s.receive(&broker(&[conn(connection::AMQPMethod::OpenOk(connection::OpenOk {}))]), &mut Vec::new()).unwrap_err();
    assert!(err.to_string().contains("while the session was at Start"), "{err}");
}

#[test]
fn a_renewed_channel_ignores_the_old_one_and_comes_back_ready() {
    let mut s = open(10);
    s.renew_channel().unwrap();
    assert!(matches!(&sent(&mut s)[..], [AMQPFrame::Method(1, AMQPClass::Channel(channel::AMQPMethod::Close(_)))]));
    let close_ok = chan(AMQPClass::Channel(channel::AMQPMethod::CloseOk(channel::CloseOk {})));
    assert!(feed(&mut s, &[ack(4, true), close_ok]).is_empty(), "an ack on the closing channel is not an answer");
    assert!(matches!(&sent(&mut s)[..], [AMQPFrame::Method(1, AMQPClass::Channel(channel::AMQPMethod::Open(_)))]));
    feed(&mut s, &[chan(AMQPClass::Channel(channel::AMQPMethod::OpenOk(channel::OpenOk {})))]);
    sent(&mut s);
    assert_eq!(feed(&mut s, &[chan(AMQPClass::Confirm(confirm::AMQPMethod::SelectOk(confirm::SelectOk {})))]), vec![Event::Ready]);
}

#[test]
fn the_probe_channel_says_whether_an_exchange_exists() {
    use amq_protocol::protocol::exchange;
    let mut s = open(10);
    s.check_exchange("orders").unwrap();
    assert_eq!(s.checking(), Some("orders"));
    assert!(matches!(&sent(&mut s)[..], [AMQPFrame::Method(2, AMQPClass::Channel(channel::AMQPMethod::Open(_)))]));
    let probe = |c| AMQPFrame::Method(2, c);
    feed(&mut s, &[probe(AMQPClass::Channel(channel::AMQPMethod::OpenOk(channel::OpenOk {})))]);
    let [AMQPFrame::Method(2, AMQPClass::Exchange(exchange::AMQPMethod::Declare(d)))] = &sent(&mut s)[..] else { panic!() };
    assert!(d.passive && d.exchange.as_str() == "orders");
    let events = feed(&mut s, &[probe(AMQPClass::Exchange(exchange::AMQPMethod::DeclareOk(exchange::DeclareOk {})))]);
    assert_eq!(events, vec![Event::ExchangeChecked { exchange: "orders".into(), missing: None }]);
    s.check_exchange("gone").unwrap();
    assert_eq!(sent(&mut s).len(), 1, "the open probe declares at once");
    let close = channel::Close { reply_code: 404, reply_text: "NOT_FOUND - no exchange 'gone'".into(), class_id: 40, method_id: 10 };
    let events = feed(&mut s, &[probe(AMQPClass::Channel(channel::AMQPMethod::Close(close)))]);
    assert_eq!(events, vec![Event::ExchangeChecked { exchange: "gone".into(), missing: Some((404, "NOT_FOUND - no exchange 'gone'".into())) }]);
    assert!(matches!(&sent(&mut s)[..], [AMQPFrame::Method(2, AMQPClass::Channel(channel::AMQPMethod::CloseOk(_)))]));
    assert!(s.checking().is_none() && s.is_ready(), "the confirm channel is untouched");
}
