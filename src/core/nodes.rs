//! A node list: the hosts of one URI (`amqp://user:pass@h1:5672,h2:5673,h3/vhost?query`: comma-separated inside
//! one authority, sharing credentials, vhost and query) or of several URIs, expanded to one single-host URI per
//! node, and the order in which to try them.

use super::error::{Error, Result};

/// In which order nodes are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NodeOrder {
    /// A random order, made once per publisher (every node is an equal peer in RabbitMQ), as the Java and .NET
    /// clients do.
    #[default]
    Shuffle,
    /// The order given.
    Ordered,
}

impl NodeOrder {
    /// Parses the `node_order` option.
    pub fn parse(value: &str) -> Option<NodeOrder> {
        match value {
            "shuffle" => Some(NodeOrder::Shuffle),
            "ordered" => Some(NodeOrder::Ordered),
            _ => None,
        }
    }
}

/// Expands a URI naming one or several hosts into one URI per host. Errors never repeat the URI.
pub fn split(uri: &str) -> Result<Vec<String>> {
    let Some((scheme, rest)) = uri.split_once("://") else { return Ok(vec![uri.to_string()]) };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (userinfo, hosts) = match authority.rfind('@') {
        Some(at) => (&authority[..=at], &authority[at + 1..]),
        None => ("", authority),
    };
    if !hosts.contains(',') {
        return Ok(vec![uri.to_string()]);
    }
    hosts
        .split(',')
        .map(|host| {
            if host.trim().is_empty() {
                return Err(Error::invalid("$uri", "has an empty host in its node list"));
            }
            Ok(format!("{scheme}://{userinfo}{}{tail}", host.trim()))
        })
        .collect()
}

/// The indices `0..n` in the order to try them; `seed` makes the shuffle (a different one per publisher).
pub fn order(n: usize, order: NodeOrder, seed: u64) -> Vec<usize> {
    let mut indices: Vec<usize> = (0..n).collect();
    if order == NodeOrder::Shuffle {
        let mut state = seed | 1;
        for i in (1..n).rev() {
            // xorshift64: enough to spread publishers over nodes; no cryptographic use
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            indices.swap(i, (state % (i as u64 + 1)) as usize);
        }
    }
    indices
}

/// A seed that differs between publishers and processes.
pub fn seed() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    (u64::from(super::pid::current()) << 32) ^ u64::from(nanos) ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_list_expands_to_one_uri_per_host_sharing_credentials_vhost_and_query() {
        let uris = split("amqp://u:p%40ss@10.0.0.1:5672,10.0.0.2:5673,rabbit-3/%2f?heartbeat=10").unwrap();
        assert_eq!(
            uris,
            vec![
                "amqp://u:p%40ss@10.0.0.1:5672/%2f?heartbeat=10",
                "amqp://u:p%40ss@10.0.0.2:5673/%2f?heartbeat=10",
                "amqp://u:p%40ss@rabbit-3/%2f?heartbeat=10",
            ]
        );
        assert_eq!(split("amqps://h1,h2").unwrap(), vec!["amqps://h1", "amqps://h2"]);
        assert_eq!(split("amqp://u@h1:1,[::1]:2?x=1").unwrap(), vec!["amqp://u@h1:1?x=1", "amqp://u@[::1]:2?x=1"]);
        assert_eq!(split("amqp://guest:guest@127.0.0.1:5672/%2f").unwrap(), vec!["amqp://guest:guest@127.0.0.1:5672/%2f"]);
    }

    #[test]
    fn an_empty_host_is_an_error_that_does_not_repeat_the_uri() {
        let err = split("amqp://u:secret@h1,,h3/%2f").unwrap_err();
        assert_eq!(err.to_string(), "$uri has an empty host in its node list");
    }

    #[test]
    fn ordered_keeps_the_list_and_shuffle_is_a_permutation_that_varies_with_the_seed() {
        assert_eq!(order(4, NodeOrder::Ordered, 99), vec![0, 1, 2, 3]);
        let mut seen = std::collections::HashSet::new();
        for seed in 0..64 {
            let o = order(3, NodeOrder::Shuffle, seed);
            let mut sorted = o.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, vec![0, 1, 2]);
            seen.insert(o[0]);
        }
        assert_eq!(seen.len(), 3, "every node comes first for some seed");
        assert_eq!(NodeOrder::parse("ordered"), Some(NodeOrder::Ordered));
        assert_eq!(NodeOrder::parse("random"), None);
    }
}
