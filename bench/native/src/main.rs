//! Native lapin publisher for the benchmarks: the same workloads as the PHP clients, printing one JSON line.
//! Usage: native-bench <w1|w2|w6> <queue> <count> <body-bytes> [window]

use futures_util::stream::{FuturesUnordered, StreamExt};
use lapin::options::{BasicPublishOptions, ConfirmSelectOptions};
use lapin::{BasicProperties, Confirmation, Connection, ConnectionProperties};
use std::time::Instant;

fn cpu_seconds() -> f64 {
    // user + system time of the whole process (all threads), from /proc/self/stat fields 14 and 15
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

fn peak_rss_kb() -> u64 {
    status_kb("VmHWM:")
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let workload = args.get(1).map(String::as_str).unwrap_or("w2");
    let queue = args.get(2).cloned().unwrap_or_else(|| "bench".into());
    let count: usize = args.get(3).and_then(|v| v.parse().ok()).unwrap_or(50_000);
    let size: usize = args.get(4).and_then(|v| v.parse().ok()).unwrap_or(100);
    let window: usize = args.get(5).and_then(|v| v.parse().ok()).unwrap_or(1000);
    let conn = Connection::connect("amqp://guest:guest@127.0.0.1:5672/%2f", ConnectionProperties::default()).await?;
    let ch = conn.create_channel().await?;
    ch.confirm_select(ConfirmSelectOptions::default()).await?;
    let body = vec![b'x'; size];
    let props = BasicProperties::default().with_delivery_mode(2);
    let (cpu0, t0) = (cpu_seconds(), Instant::now());
    let mut latencies = Vec::new();
    let mut extra = String::new();
    let (mut acked, mut other) = (0usize, 0usize);
    if workload == "w6" {
        // the cost of the publish call (until its frames are written), confirms collected aside
        let mut pending = FuturesUnordered::new();
        for _ in 0..count {
            let t = Instant::now();
            let confirm = ch.basic_publish("".into(), queue.as_str().into(), BasicPublishOptions::default(), &body, props.clone()).await?;
            latencies.push(t.elapsed().as_secs_f64() * 1e6);
            pending.push(confirm);
        }
        while let Some(result) = pending.next().await {
            match result {
                Ok(Confirmation::Ack(_)) => acked += 1,
                _ => other += 1,
            }
        }
        latencies.sort_by(|a, b| a.total_cmp(b));
        let (p50, p99) = (latencies[latencies.len() / 2], latencies[latencies.len() * 99 / 100]);
        latencies.clear();
        let long = format!("{queue}.long");
        let transient = BasicProperties::default().with_delivery_mode(1);
        let (mut rss_100k, mut window_set) = (0, FuturesUnordered::new());
        for i in 1..=1_000_000usize {
            if window_set.len() >= 5000 {
                window_set.next().await;
            }
            let publish = ch.basic_publish("".into(), long.as_str().into(), BasicPublishOptions::default(), &body, transient.clone());
            window_set.push(async move { publish.await?.await });
            if i == 100_000 {
                rss_100k = status_kb("VmRSS:");
            }
        }
        while window_set.next().await.is_some() {}
        extra = format!(",\"publish_p50_us\":{p50:.2},\"publish_p99_us\":{p99:.2},\"rss_100k_kb\":{rss_100k},\"rss_1m_kb\":{}", status_kb("VmRSS:"));
    } else if workload == "w1" {
        for _ in 0..count {
            let t = Instant::now();
            let confirm = ch.basic_publish("".into(), queue.as_str().into(), BasicPublishOptions::default(), &body, props.clone()).await?;
            match confirm.await? {
                Confirmation::Ack(_) => acked += 1,
                _ => other += 1,
            }
            latencies.push(t.elapsed().as_secs_f64() * 1e6);
        }
    } else {
        // a window of concurrent publishes: writes coalesce, and each confirm is awaited on its own
        let mut pending = FuturesUnordered::new();
        for _ in 0..count {
            if pending.len() >= window {
                if let Some(result) = pending.next().await {
                    match result {
                        Ok(Confirmation::Ack(_)) => acked += 1,
                        _ => other += 1,
                    }
                }
            }
            let publish = ch.basic_publish("".into(), queue.as_str().into(), BasicPublishOptions::default(), &body, props.clone());
            pending.push(async move { publish.await?.await });
        }
        while let Some(result) = pending.next().await {
            match result {
                Ok(Confirmation::Ack(_)) => acked += 1,
                _ => other += 1,
            }
        }
    }
    let (seconds, cpu) = (t0.elapsed().as_secs_f64(), cpu_seconds() - cpu0);
    latencies.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| latencies.get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1))).copied().unwrap_or(0.0);
    println!(
        "{{\"messages\":{count},\"acked\":{acked},\"other\":{other},\"seconds\":{seconds:.6},\"cpu\":{cpu:.6},\"peak_rss_kb\":{},\"p50_us\":{:.1},\"p99_us\":{:.1}{extra}}}",
        peak_rss_kb(),
        pct(0.5),
        pct(0.99)
    );
    conn.close(200, "bye".into()).await?;
    Ok(())
}
