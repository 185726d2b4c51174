//! A limit on how often one client may post, so that a script cannot flood the city's
//! database: each client has a bucket of `per_minute` requests that refills steadily, and a
//! request that finds it empty is answered 429 with the seconds to wait. The table of buckets
//! has a hard cap, so that a flood from many addresses cannot grow it without end.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Instant;

/// How many clients are remembered at most.
const REMEMBERED: usize = 10_000;

struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Buckets by client address.
pub struct RateLimit {
    per_minute: u32,
    remembered: usize,
    buckets: HashMap<IpAddr, Bucket>,
}

impl RateLimit {
    /// A limit of `per_minute` requests per client, bursts included; 0 turns it off.
    pub fn new(per_minute: u32) -> RateLimit {
        RateLimit::remembering(per_minute, REMEMBERED)
    }

    /// The same limit, remembering at most `remembered` clients (at least one).
    pub fn remembering(per_minute: u32, remembered: usize) -> RateLimit {
        RateLimit {
            per_minute,
            remembered: remembered.max(1),
            buckets: HashMap::new(),
        }
    }

    /// Takes one request of `client` at `now`: `Ok`, or `Err` with the whole seconds until
    /// the next one will be taken.
    pub fn take(&mut self, client: IpAddr, now: Instant) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let key = bucket_key(client);
        if !self.buckets.contains_key(&key) && self.buckets.len() >= self.remembered {
            self.make_room(now);
        }
        let capacity = self.capacity();
        let per_second = self.per_second();
        let bucket = self.buckets.entry(key).or_insert(Bucket {
            tokens: capacity,
            updated: now,
        });
        bucket.tokens = refilled(bucket, now, capacity, per_second);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - bucket.tokens) / per_second).ceil().max(1.0) as u64)
        }
    }

    fn capacity(&self) -> f64 {
        f64::from(self.per_minute)
    }

    fn per_second(&self) -> f64 {
        self.capacity() / 60.0
    }

    /// Frees a tenth of the table (at least one place): first the buckets that have
    /// refilled, whose clients start afresh anyway, then the ones updated longest ago. A tenth
    /// at once, so that a flood of new addresses costs one pass over the table per many
    /// requests rather than one per request.
    fn make_room(&mut self, now: Instant) {
        let (capacity, per_second) = (self.capacity(), self.per_second());
        self.buckets
            .retain(|_, bucket| refilled(bucket, now, capacity, per_second) < capacity);
        let keep = self.remembered - (self.remembered / 10).max(1);
        let surplus = self.buckets.len().saturating_sub(keep);
        if surplus == 0 {
            return;
        }
        let mut by_age: Vec<(Instant, IpAddr)> = self
            .buckets
            .iter()
            .map(|(client, bucket)| (bucket.updated, *client))
            .collect();
        by_age.select_nth_unstable_by_key(surplus - 1, |(updated, _)| *updated);
        for (_, client) in &by_age[..surplus] {
            self.buckets.remove(client);
        }
    }
}

/// The tokens in `bucket` at `now`.
fn refilled(bucket: &Bucket, now: Instant, capacity: f64, per_second: f64) -> f64 {
    let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
    (bucket.tokens + elapsed * per_second).min(capacity)
}

/// The key of a client's bucket: its IPv4 address, or its IPv6 /64 network, since one
/// machine usually holds a whole /64 and could otherwise take a new address per request.
fn bucket_key(client: IpAddr) -> IpAddr {
    match client.to_canonical() {
        IpAddr::V6(v6) => {
            let network = u128::from(v6) & !(u128::from(u64::MAX));
            IpAddr::V6(network.into())
        }
        v4 => v4,
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

    fn numbered(n: usize) -> IpAddr {
        IpAddr::from([10, (n >> 16) as u8, (n >> 8) as u8, n as u8])
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
    fn an_ipv6_client_has_one_bucket_for_its_whole_64_network() {
        let mut limit = RateLimit::new(1);
        let now = Instant::now();
        let address = |text: &str| text.parse::<IpAddr>().unwrap();
        assert_eq!(limit.take(address("2001:db8:1:2::1"), now), Ok(()));
        assert!(limit.take(address("2001:db8:1:2:ffff::9"), now).is_err());
        assert_eq!(limit.take(address("2001:db8:1:3::1"), now), Ok(()));
        // An IPv4 address written as IPv6 is the IPv4 client.
        assert_eq!(limit.take(address("192.0.2.7"), now), Ok(()));
        assert!(limit.take(address("::ffff:192.0.2.7"), now).is_err());
    }

    #[test]
    fn the_table_never_holds_more_clients_than_its_cap() {
        let mut limit = RateLimit::remembering(10, 100);
        let start = Instant::now();
        // None of these buckets has refilled: room is made by forgetting the oldest.
        for n in 0..1_000 {
            let now = start + Duration::from_millis(n as u64);
            assert_eq!(limit.take(numbered(n), now), Ok(()));
            assert!(
                limit.buckets.len() <= 100,
                "{} clients",
                limit.buckets.len()
            );
        }
        // The default cap holds too.
        let mut limit = RateLimit::new(10);
        for n in 0..(REMEMBERED + 500) {
            limit.take(numbered(n), start).unwrap();
        }
        assert!(limit.buckets.len() <= REMEMBERED);
    }

    #[test]
    fn a_full_table_forgets_refilled_buckets_before_busy_ones() {
        // One a minute; room for three clients.
        let mut limit = RateLimit::remembering(1, 3);
        let start = Instant::now();
        limit.take(client(1), start).unwrap();
        limit
            .take(client(2), start + Duration::from_secs(50))
            .unwrap();
        limit
            .take(client(3), start + Duration::from_secs(55))
            .unwrap();
        // At 61 s only client 1 has refilled: it goes, and 2 and 3 still wait.
        let now = start + Duration::from_secs(61);
        limit.take(client(4), now).unwrap();
        assert!(!limit.buckets.contains_key(&client(1)));
        assert!(limit.take(client(2), now).is_err());
        assert!(limit.take(client(3), now).is_err());
    }

    #[test]
    fn a_full_table_with_no_refilled_bucket_forgets_the_oldest_updated() {
        let mut limit = RateLimit::remembering(1, 3);
        let start = Instant::now();
        for n in 1..=3 {
            limit
                .take(client(n), start + Duration::from_secs(u64::from(n)))
                .unwrap();
        }
        // Client 1 comes back (refused) and so is updated last: client 2 is now the oldest.
        let now = start + Duration::from_secs(10);
        assert!(limit.take(client(1), now).is_err());
        limit.take(client(4), now).unwrap();
        assert_eq!(limit.buckets.len(), 3);
        assert!(!limit.buckets.contains_key(&client(2)));
        assert!(limit.take(client(1), now).is_err());
        assert!(limit.take(client(3), now).is_err());
    }
}
