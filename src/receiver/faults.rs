//! Faults the receiver injects on request, for tests of delivery: each request draws one
//! from a seeded generator, so that a run can be repeated.

/// What happens to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    None,
    /// Answer 503 without storing.
    Fail,
    /// Answer 429 with `Retry-After: 1` without storing.
    Busy,
    /// Store the story this many milliseconds late, then answer.
    Delay(u64),
    /// Store the story, then close the connection without answering.
    DropAfterStoring,
}

/// How often each fault happens (each a share between 0 and 1).
#[derive(Debug, Clone, Default)]
pub struct Faults {
    pub fail: f64,
    pub busy: f64,
    pub delay: f64,
    pub delay_ms: u64,
    pub drop: f64,
    state: u64,
}

impl Faults {
    /// Faults at the given rates, drawn from `seed`.
    pub fn new(seed: u64) -> Faults {
        Faults {
            state: seed.max(1),
            delay_ms: 15_000,
            ..Faults::default()
        }
    }

    /// Starts the draws again from `seed`.
    pub fn reseed(&mut self, seed: u64) {
        self.state = seed.max(1);
    }

    /// A number in `[0, 1)` (xorshift64*: plenty for choosing faults).
    fn next(&mut self) -> f64 {
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        (self.state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// The fault for the next request.
    pub fn roll(&mut self) -> Fault {
        let draw = self.next();
        let mut bound = self.fail;
        if draw < bound {
            return Fault::Fail;
        }
        bound += self.busy;
        if draw < bound {
            return Fault::Busy;
        }
        bound += self.delay;
        if draw < bound {
            return Fault::Delay(self.delay_ms);
        }
        bound += self.drop;
        if draw < bound {
            return Fault::DropAfterStoring;
        }
        Fault::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_come_at_about_their_rates() {
        let mut faults = Faults::new(7);
        faults.fail = 0.2;
        faults.drop = 0.1;
        let draws: Vec<Fault> = (0..10_000).map(|_| faults.roll()).collect();
        let share = |fault| draws.iter().filter(|f| **f == fault).count() as f64 / 10_000.0;
        assert!((share(Fault::Fail) - 0.2).abs() < 0.02);
        assert!((share(Fault::DropAfterStoring) - 0.1).abs() < 0.02);
        assert_eq!(share(Fault::Busy), 0.0);
        assert!((share(Fault::None) - 0.7).abs() < 0.02);
    }

    #[test]
    fn no_rates_no_faults() {
        let mut faults = Faults::new(1);
        assert!((0..1000).all(|_| faults.roll() == Fault::None));
    }
}
