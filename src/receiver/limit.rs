//! A limit on how often one client may post, so that a script cannot flood the city's
//! database: each client has a bucket of `per_minute` requests that refills steadily, and a
//! request that finds it empty is answered 429 with the seconds to wait.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Instant;

/// How many clients are remembered before full buckets are forgotten.
const REMEMBERED: usize = 10_000;

struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Buckets by client address.
pub struct RateLimit {
    per_minute: u32,
    buckets: HashMap<IpAddr, Bucket>,
}

impl RateLimit {
    /// A limit of `per_minute` requests per client, bursts included; 0 turns it off.
    pub fn new(per_minute: u32) -> RateLimit {
        RateLimit {
            per_minute,
            buckets: HashMap::new(),
        }
    }

    /// Takes one request of `client` at `now`: `Ok`, or `Err` with the whole seconds until
    /// the next one will be taken.
    pub fn take(&mut self, client: IpAddr, now: Instant) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        if self.buckets.len() >= REMEMBERED {
            self.forget_full(now, capacity, per_second);
        }
        let bucket = self.buckets.entry(client).or_insert(Bucket {
            tokens: capacity,
            updated: now,
        });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - bucket.tokens) / per_second).ceil().max(1.0) as u64)
        }
    }

    /// Drops the buckets that have refilled: those clients start afresh anyway.
    fn forget_full(&mut self, now: Instant, capacity: f64, per_second: f64) {
        self.buckets.retain(|_, bucket| {
            let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
            bucket.tokens + elapsed * per_second < capacity
        });
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::time::Duration;

    fn client(last: u8) -> IpAddr {
        IpAddr::from([192, 0, 2, last])
    }

    #[test]
    fn a_burst_up_to_the_limit_passes_and_the_next_request_waits() {
        let mut limit = RateLimit::new(6);
        let start = Instant::now();
        for _ in 0..6 {
            assert_eq!(limit.take(client(1), start), Ok(()));
        }
        // Six a minute refill one every ten seconds.
        assert_eq!(limit.take(client(1), start), Err(10));
        assert_eq!(
            limit.take(client(1), start + Duration::from_secs(4)),
            Err(6)
        );
        assert_eq!(
            limit.take(client(1), start + Duration::from_secs(10)),
            Ok(())
        );
    }

    #[test]
    fn each_client_has_its_own_bucket() {
        let mut limit = RateLimit::new(1);
        let now = Instant::now();
        assert_eq!(limit.take(client(1), now), Ok(()));
        assert!(limit.take(client(1), now).is_err());
        assert_eq!(limit.take(client(2), now), Ok(()));
    }

    #[test]
    fn zero_means_no_limit() {
        let mut limit = RateLimit::new(0);
        let now = Instant::now();
        for _ in 0..1_000 {
            assert_eq!(limit.take(client(1), now), Ok(()));
        }
    }

    #[test]
    fn the_remembered_clients_stay_bounded() {
        let mut limit = RateLimit::new(10);
        let start = Instant::now();
        for n in 0..(REMEMBERED + 500) {
            let address = IpAddr::from([10, (n >> 16) as u8, (n >> 8) as u8, n as u8]);
            limit.take(address, start).unwrap();
        }
        // A minute later every bucket is full again, and the next client clears them out.
        limit
            .take(client(9), start + Duration::from_secs(60))
            .unwrap();
        assert!(limit.buckets.len() < REMEMBERED);
    }
}
