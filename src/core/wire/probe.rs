//! The session's probe channel: passive `exchange.declare`s, one at a time, to learn whether an exchange exists
//! before the first message to it is written (a publish to a missing exchange would close the confirm channel).

use super::frame;
use super::event::Event;
use crate::core::error::Result;
use amq_protocol::protocol::{AMQPClass, channel, exchange};

/// The channel the probe declares on.
pub const PROBE_CHANNEL: u16 = 2;

/// Where the probe channel is.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum State {
    #[default]
    Closed,
    Opening,
    Open,
    Declaring,
}

/// The probe channel and the exchange being checked.
#[derive(Debug, Default)]
pub struct Probe {
    state: State,
    exchange: String,
}

impl Probe {
    /// Starts checking `exchange` (opening the channel first when needed); `ExchangeChecked` answers.
    pub fn check(&mut self, exchange: &str, out: &mut Vec<u8>) -> Result<()> {
        self.exchange = exchange.to_string();
        match self.state {
            State::Closed => {
                self.state = State::Opening;
                frame::method(out, PROBE_CHANNEL, AMQPClass::Channel(channel::AMQPMethod::Open(channel::Open {})))
            }
            State::Open => self.declare(out),
            State::Opening | State::Declaring => Ok(()),
        }
    }

    /// The exchange being checked, while a check is under way.
    pub fn checking(&self) -> Option<&str> {
        matches!(self.state, State::Opening | State::Declaring).then_some(self.exchange.as_str())
    }

    /// A frame on the probe channel.
    pub fn on_frame(&mut self, class: AMQPClass, out: &mut Vec<u8>, events: &mut Vec<Event>) -> Result<()> {
        match (self.state, class) {
            (State::Opening, AMQPClass::Channel(channel::AMQPMethod::OpenOk(_))) => self.declare(out),
            (State::Declaring, AMQPClass::Exchange(exchange::AMQPMethod::DeclareOk(_))) => {
                self.state = State::Open;
                events.push(Event::ExchangeChecked { exchange: std::mem::take(&mut self.exchange), missing: None });
                Ok(())
            }
            (state, AMQPClass::Channel(channel::AMQPMethod::Close(close))) => {
                self.state = State::Closed;
                if matches!(state, State::Opening | State::Declaring) {
                    let missing = (close.reply_code == 404).then(|| (close.reply_code, close.reply_text.to_string()));
                    events.push(Event::ExchangeChecked { exchange: std::mem::take(&mut self.exchange), missing });
                }
                frame::method(out, PROBE_CHANNEL, AMQPClass::Channel(channel::AMQPMethod::CloseOk(channel::CloseOk {})))
            }
            _ => Ok(()),
        }
    }

    fn declare(&mut self, out: &mut Vec<u8>) -> Result<()> {
        self.state = State::Declaring;
        let declare = exchange::Declare { exchange: self.exchange.as_str().into(), passive: true, ..Default::default() };
        frame::method(out, PROBE_CHANNEL, AMQPClass::Exchange(exchange::AMQPMethod::Declare(declare)))
    }
}
