use super::*;
use crate::core::message::HeaderValue;
use amq_protocol::protocol::basic;

fn publish_bytes(body: &[u8], frame_max: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let props = Properties { delivery_mode: 2, message_id: "m-1".into(), ..Default::default() };
    let route = Route { exchange: "ex", routing_key: "rk", mandatory: true };
    let print = publish(&mut out, 1, route, &props, body, frame_max).unwrap();
    let amqp = props.to_amqp().unwrap();
    assert_eq!(print, fingerprint(&amqp), "the fingerprint of the bytes written is the properties'");
    assert_ne!(print, fingerprint(&amqp.with_app_id("other".into())));
    out
}

/// Parses every frame of `bytes` with amq-protocol's own parser.
fn frames(mut bytes: &[u8]) -> Vec<AMQPFrame> {
    let mut all = Vec::new();
    while !bytes.is_empty() {
        let (rest, frame) = parse_frame(bytes).unwrap();
        all.push(frame);
        bytes = rest;
    }
    all
}

#[test]
fn publish_frames_are_what_amq_protocol_parses() {
    let all = frames(&publish_bytes(b"hello", 131_072));
    assert_eq!(all.len(), 3);
    let AMQPFrame::Method(1, AMQPClass::Basic(basic::AMQPMethod::Publish(p))) = &all[0] else { panic!("{:?}", all[0]) };
    assert_eq!((p.exchange.as_str(), p.routing_key.as_str(), p.mandatory, p.immediate), ("ex", "rk", true, false));
    let AMQPFrame::Header(1, header) = &all[1] else { panic!("{:?}", all[1]) };
    assert_eq!(header.body_size, 5);
    assert_eq!(header.properties.message_id().as_ref().map(|m| m.as_str()), Some("m-1"));
    assert_eq!(header.properties.delivery_mode(), &Some(2));
    assert_eq!(all[2], AMQPFrame::Body(1, b"hello".to_vec()));
}

#[test]
fn bodies_are_split_at_frame_max_and_empty_bodies_have_no_body_frame() {
    let body = vec![7u8; 10_000];
    let all = frames(&publish_bytes(&body, 4096));
    let sizes: Vec<usize> = all[2..].iter().map(|f| if let AMQPFrame::Body(_, b) = f { b.len() } else { 0 }).collect();
    assert_eq!(sizes, vec![4088, 4088, 1824]);
    assert_eq!(frames(&publish_bytes(b"", 4096)).len(), 2);
}

#[test]
fn names_over_255_bytes_are_refused_and_leave_the_buffer_as_it_was() {
    let mut out = vec![1, 2, 3];
    let long = "x".repeat(256);
    let route = Route { exchange: "", routing_key: &long, mandatory: false };
    let err = publish(&mut out, 1, route, &Properties::default(), b"", 131_072).unwrap_err();
    assert_eq!(err.to_string(), "$routingKey must be at most 255 bytes, 256 given");
    assert_eq!(out, vec![1, 2, 3]);
}

#[test]
fn acks_are_read_by_hand_and_everything_else_by_the_parser() {
    let mut bytes = Vec::new();
    method(&mut bytes, 1, AMQPClass::Basic(basic::AMQPMethod::Ack(basic::Ack { delivery_tag: 300, multiple: true }))).unwrap();
    assert_eq!(bytes.len(), 21);
    heartbeat(&mut bytes);
    assert_eq!(decode(&bytes, 131_072).unwrap(), Some((Inbound::Ack { channel: 1, tag: 300, multiple: true }, 21)));
    assert_eq!(decode(&bytes[21..], 131_072).unwrap(), Some((Inbound::Frame(AMQPFrame::Heartbeat), 8)));
    for cut in 0..21 {
        assert_eq!(decode(&bytes[..cut], 131_072).unwrap(), None, "a partial frame of {cut} bytes waits");
    }
}

#[test]
fn broken_or_foreign_input_is_an_error_not_a_panic() {
    let http = decode(b"HTTP/1.1 400 Bad Request\r\n", 131_072).unwrap_err().to_string();
    assert!(http.contains("RabbitMQ's AMQP port"), "{http}");
    let version = decode(b"AMQP\x00\x00\x09\x01", 131_072).unwrap_err().to_string();
    assert!(version.contains("protocol header"), "{version}");
    let no_end = decode(&[8, 0, 0, 0, 0, 0, 0, 0], 131_072).unwrap_err().to_string();
    assert!(no_end.contains("end octet"), "{no_end}");
    let huge = decode(&[3, 0, 1, 0x7f, 0xff, 0xff, 0xff], 131_072).unwrap_err().to_string();
    assert!(huge.contains("more than the frame_max"), "{huge}");
    let garbage = decode(&[1, 0, 1, 0, 0, 0, 2, 0xff, 0xff, 0xCE], 131_072).unwrap_err().to_string();
    assert!(garbage.contains("cannot parse"), "{garbage}");
}

#[test]
fn a_close_whose_text_was_cut_inside_a_character_is_read_up_to_that_character() {
    let mut text = b"NOT_FOUND - no exchange '".to_vec();
    text.extend_from_slice(&"é".repeat(120).as_bytes()[..229]); // cut in the middle of a character
    let mut payload = vec![0, 20, 0, 40, 1, 148, text.len() as u8];
    payload.extend_from_slice(&text);
    payload.extend_from_slice(&[0, 40, 0, 10]);
    let mut bytes = vec![1, 0, 2];
    bytes.extend_from_slice(&(payload.len() as u32).to_be_bytes());
    bytes.extend_from_slice(&payload);
    bytes.push(0xCE);
    let Some((Inbound::Frame(AMQPFrame::Method(2, AMQPClass::Channel(channel::AMQPMethod::Close(c)))), used)) = decode(&bytes, 131_072).unwrap() else {
        panic!("not a channel.close")
    };
    assert_eq!((used, c.reply_code, c.class_id, c.method_id), (bytes.len(), 404, 40, 10));
    assert!(c.reply_text.as_str().starts_with("NOT_FOUND - no exchange 'éé") && c.reply_text.as_str().ends_with('é'));
}

#[test]
fn properties_are_encoded_as_amq_protocol_encodes_them() {
    let every = Properties {
        content_type: Some("application/json".into()),
        content_encoding: Some("gzip".into()),
        delivery_mode: 2,
        priority: Some(7),
        correlation_id: Some("c".into()),
        reply_to: Some("r".into()),
        expiration: Some("60000".into()),
        message_id: "m".into(),
        timestamp: Some(1_700_000_000),
        kind: Some("t".into()),
        user_id: Some("guest".into()),
        app_id: Some("a".into()),
        headers: Some(vec![
            ("z".into(), HeaderValue::Int(1)),
            ("a".into(), HeaderValue::List(vec![HeaderValue::Bytes(b"x".to_vec()), HeaderValue::Null])),
            ("m".into(), HeaderValue::Map(vec![("d".into(), HeaderValue::Decimal { scale: 2, value: 5 })])),
            ("x".into(), HeaderValue::ByteArray(b"{}".to_vec())),
        ]),
    };
    let fewest = Properties { message_id: "m".into(), ..Default::default() };
    for props in [every, fewest] {
        let mut ours = Vec::new();
        encode_properties(&mut ours, &props).unwrap();
        let mut theirs = Vec::new();
        generated(&mut theirs, gen_properties(&props.to_amqp().unwrap())).unwrap();
        assert_eq!(ours, theirs);
    }
    let long = Properties { message_id: "m".into(), reply_to: Some("r".repeat(256)), ..Default::default() };
    let err = encode_properties(&mut Vec::new(), &long).unwrap_err();
    assert_eq!(err.to_string(), "$properties[\"reply_to\"] must be at most 255 bytes, 256 given");
}

#[test]
fn a_byte_array_header_goes_out_as_type_x_with_a_32_bit_length() {
    let props = Properties {
        message_id: "m".into(),
        headers: Some(vec![("rr_headers".into(), HeaderValue::ByteArray(b"{}".to_vec()))]),
        ..Default::default()
    };
    let mut out = Vec::new();
    encode_properties(&mut out, &props).unwrap();
    let entry = [&[10u8][..], b"rr_headers", b"x", &[0, 0, 0, 2], b"{}"].concat();
    assert!(out.windows(entry.len()).any(|w| w == entry.as_slice()), "{out:?}");
}
