//! The wire engine against a scripted broker on loopback: no RabbitMQ, exact control of what the broker says
//! and when it hangs up.

use super::conn::Conn;
use super::dial::dial;
use super::pipeline::Pipeline;
use super::supervisor;
use crate::core::outcome::Outcome;
use crate::core::window::Drive;
use crate::core::config::Config;
use crate::core::confirmation::Confirmation;
use crate::core::connection::Node;
use crate::core::connector::Connector;
use crate::core::ledger::Ledger;
use crate::core::message::{Message, Properties};
use crate::core::window::{Limits, Window};
use amq_protocol::frame::{AMQPFrame, WriteContext, gen_frame, parse_frame};
use amq_protocol::protocol::{AMQPClass, basic, channel, confirm, connection};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

/// The broker's side of one connection.
struct Broker {
    stream: TcpStream,
    pending: Vec<u8>,
}

impl Broker {
    fn send(&mut self, frame: AMQPFrame) {
        let (bytes, _) = gen_frame(&frame)(WriteContext::from(Vec::new())).unwrap().into_inner();
        self.stream.write_all(&bytes).unwrap();
    }

    /// The next frame the client sent (the protocol header skipped).
    fn next(&mut self) -> AMQPFrame {
        loop {
            if self.pending.starts_with(b"AMQP") && self.pending.len() >= 8 {
                self.pending.drain(..8);
            }
            if let Ok((rest, frame)) = parse_frame(&self.pending[..]) {
                let used = self.pending.len() - rest.len();
                self.pending.drain(..used);
                return frame;
            }
            let mut buf = [0u8; 65536];
            let n = self.stream.read(&mut buf).unwrap();
            assert!(n > 0, "the client hung up");
            self.pending.extend_from_slice(&buf[..n]);
        }
    }

    /// Answers the client's handshake up to confirm mode.
    fn handshake(&mut self) {
        let start = connection::Start { version_major: 0, version_minor: 9, mechanisms: "PLAIN".into(), locales: "en_US".into(), ..Default::default() };
        self.send(AMQPFrame::Method(0, AMQPClass::Connection(connection::AMQPMethod::Start(start))));
        self.next();
        let tune = connection::Tune { channel_max: 2047, frame_max: 131_072, heartbeat: 60 };
        self.send(AMQPFrame::Method(0, AMQPClass::Connection(connection::AMQPMethod::Tune(tune))));
        self.next();
        self.next();
        self.send(AMQPFrame::Method(0, AMQPClass::Connection(connection::AMQPMethod::OpenOk(connection::OpenOk {}))));
        self.next();
        self.send(AMQPFrame::Method(1, AMQPClass::Channel(channel::AMQPMethod::OpenOk(channel::OpenOk {}))));
        self.next();
        self.send(AMQPFrame::Method(1, AMQPClass::Confirm(confirm::AMQPMethod::SelectOk(confirm::SelectOk {}))));
    }
}

/// One connection's script on the broker's side (after the handshake).
type Script = Box<dyn FnOnce(&mut Broker) + Send>;

/// A pipeline connected to a scripted broker that runs one script per connection, in order.
fn connected(scripts: Vec<Script>) -> (Arc<Pipeline>, Arc<Window>, std::thread::JoinHandle<()>) {
    connected_with(scripts, Config::default())
}

/// As `connected`, with the publisher's settings (`uris` set here).
fn connected_with(scripts: Vec<Script>, config: Config) -> (Arc<Pipeline>, Arc<Window>, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let broker = std::thread::spawn(move || {
        for script in scripts {
            let (stream, _) = listener.accept().unwrap();
            let mut b = Broker { stream, pending: Vec::new() };
            b.handshake();
            script(&mut b);
        }
    });
    let uri = format!("amqp://guest:guest@127.0.0.1:{}/%2f", address.port());
    let connector = Connector::new(Config { uris: vec![uri.clone()], ..config }).unwrap();
    let node = Node::parse(&uri).unwrap();
    let dialed = dial(&node, &[address], connector.tls(), None, Duration::from_secs(5)).unwrap();
    let window = Arc::new(Window::new(Limits { messages: connector.config().max_in_flight, bytes: connector.config().max_in_flight_bytes }));
    let pipeline = Arc::new(Pipeline::new(connector, window.clone(), Arc::new(Ledger::default()), Some(Conn::new(dialed)), None));
    (pipeline, window, broker)
}

fn publish(p: &Pipeline, window: &Arc<Window>, body: &[u8]) -> Arc<Confirmation> {
    let idle = window.acquire(body.len() as u64, Duration::ZERO).unwrap();
    let properties = Properties { message_id: "m".into(), delivery_mode: 2, ..Default::default() };
    let message = Message { exchange: "", routing_key: "q", body, properties: properties.clone(), mandatory: false };
    let c = Arc::new(Confirmation::new("m".into(), Arc::from(""), Arc::from("q"), body.len() as u64, window.clone()));
    p.publish(&message, c.clone(), idle).unwrap();
    c
}

#[test]
fn a_write_that_fails_after_the_broker_closed_the_connection_reports_the_brokers_reason() {
    let (p, window, broker) = connected(vec![Box::new(|b: &mut Broker| {
        b.next(); // the first message's publish frame
        let close = connection::Close { reply_code: 541, reply_text: "INTERNAL_ERROR".into(), class_id: 60, method_id: 40 };
        b.send(AMQPFrame::Method(0, AMQPClass::Connection(connection::AMQPMethod::Close(close))));
        b.stream.shutdown(std::net::Shutdown::Both).unwrap();
    })]);
    publish(&p, &window, b"first");
    broker.join().unwrap();
    // the broker is gone: writing fails (a reset, then a broken pipe) before anything reads its close
    let body = vec![0u8; 256 * 1024];
    for _ in 0..20 {
        publish(&p, &window, &body[..64]);
        p.flush();
        if p.lock().broken.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let broken = p.lock().broken.clone().expect("the connection is given up");
    assert_eq!(broken.code, 541, "{}", broken.text);
    assert!(broken.text.contains("INTERNAL_ERROR"), "{}", broken.text);
}

/// Takes one message (publish, header, body), then hangs up without a word (as RabbitMQ 4.x does when it cannot
/// encode its reply).
fn take_and_hang_up(b: &mut Broker) {
    take_one(b);
    b.stream.shutdown(std::net::Shutdown::Both).unwrap();
}

#[test]
fn a_waiter_whose_connection_breaks_leaves_the_next_ones_to_the_supervisor() {
    let (p, window, broker) = connected(vec![Box::new(take_and_hang_up), Box::new(take_and_hang_up), Box::new(take_and_ack)]);
    window.set_driver(Arc::downgrade(&p) as std::sync::Weak<dyn Drive>);
    let _ended = supervisor::start(p.clone()).unwrap();
    let c = publish(&p, &window, b"kept");
    // the waiter reads the first connection's end; the two next connections are read by the supervisor, which
    // must not stand by for a waiter that sleeps
    window.wait(Duration::from_secs(10), |counts| counts.in_flight == 0).expect("settled within the wait");
    assert_eq!((c.outcome(), c.attempts()), (Some(Outcome::Acked), 3));
    p.close();
    broker.join().unwrap();
}

/// Takes one message and acks it, then reads until the client hangs up.
fn take_and_ack(b: &mut Broker) {
    take_one(b);
    b.send(AMQPFrame::Method(1, AMQPClass::Basic(basic::AMQPMethod::Ack(basic::Ack { delivery_tag: 1, multiple: false }))));
    until_hung_up(b);
}

/// Reads one message: its publish, header and body frames.
fn take_one(b: &mut Broker) {
    for _ in 0..3 {
        b.next();
    }
}

/// Reads (and drops) whatever the client sends until it hangs up.
fn until_hung_up(b: &mut Broker) {
    let mut rest = Vec::new();
    let _ = b.stream.read_to_end(&mut rest);
}

#[test]
fn a_broker_that_never_answers_for_a_message_is_left_after_confirm_timeout_and_the_message_goes_out_again() {
    // the first connection takes the message and never confirms it (as RabbitMQ 4.x may after a quorum queue
    // lost its majority), the connection staying up: the client must not wait for it forever
    let silent: Script = Box::new(|b| {
        take_one(b);
        until_hung_up(b); // until the client gives the connection up
    });
    let config = Config { confirm_timeout: Duration::from_millis(300), reconnect_backoff: (Duration::ZERO, Duration::ZERO), ..Config::default() };
    let (p, window, broker) = connected_with(vec![silent, Box::new(take_and_ack)], config);
    let _ended = supervisor::start(p.clone()).unwrap();
    let c = publish(&p, &window, b"kept");
    window.wait(Duration::from_secs(10), |counts| counts.in_flight == 0).expect("settled within the wait");
    assert_eq!((c.outcome(), c.attempts()), (Some(Outcome::Acked), 2));
    p.close();
    broker.join().unwrap();
}

#[test]
fn a_full_socket_is_not_written_again_until_it_has_room() {
    // the broker stops reading: the sockets fill up, and every later publish (and every read of acks) must not
    // try the full socket again, one failed system call each
    let (release, released) = std::sync::mpsc::channel::<()>();
    let stalled: Script = Box::new(move |b| {
        let _ = released.recv();
        until_hung_up(b);
    });
    let (p, window, broker) = connected(vec![stalled]);
    let body = vec![0u8; 64 * 1024];
    for _ in 0..400 {
        publish(&p, &window, &body); // 25 MiB: more than the two sockets hold
    }
    let state = p.lock().conn.as_ref().map(|c| (c.blocked_write, c.full_writes));
    assert_eq!(state, Some((true, 1)), "one write found the socket full; the publishes after it left it alone");
    drop(release);
    drop(p);
    broker.join().unwrap();
}

#[test]
fn a_single_node_that_never_answers_is_reported_with_connect_timeout_as_it_was_set() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let uri = format!("amqp://guest:guest@127.0.0.1:{}/%2f", listener.local_addr().unwrap().port());
    let config = Config { uris: vec![uri], connect_timeout: Some(Duration::from_millis(200)), ..Config::default() };
    let connector = Connector::new(config).unwrap();
    // whatever time resolving the name takes, the share of a single node is the whole timeout
    let error = super::dial::dial_first(&connector).err().unwrap().to_string();
    assert!(error.contains("no answer within 0.200 s (connect_timeout)"), "{error}");
    drop(listener);
}
