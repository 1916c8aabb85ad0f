//! How one transaction passes taint from its tainted side (the inputs going forward, the outputs
//! going backward) to the other side: poison, haircut and FIFO, in integer satoshis.
//!
//! Both sides are lists of values; the "fee" is whatever taint the other side does not take.

use super::IntervalSet;

/// One element of the side taint comes from: its value and its taint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Incoming {
    /// The element's value (already raised to at least its taint, so bad data cannot overflow it).
    pub value_sats: u64,
    /// Tainted satoshis.
    pub taint_sats: u64,
    /// Tainted positions (FIFO only; empty otherwise).
    pub intervals: IntervalSet,
}

/// Taint for each element of the other side, plus the fee's share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Passed {
    /// Tainted satoshis per element, in order.
    pub taint_sats: Vec<u64>,
    /// Tainted positions per element (FIFO only; empty sets otherwise).
    pub intervals: Vec<IntervalSet>,
    /// Taint the other side did not take (the fee, and haircut rounding).
    pub fee_taint_sats: u64,
}

fn total(values: impl Iterator<Item = u64>) -> u64 {
    values.fold(0_u64, u64::saturating_add)
}

/// Poison: any taint makes every element of the other side fully tainted; the fee is the
/// difference of the two sides' values.
pub(crate) fn poison(incoming: &[Incoming], outgoing_values: &[u64]) -> Passed {
    let taint_in = total(incoming.iter().map(|i| i.taint_sats));
    let empty = vec![IntervalSet::new(); outgoing_values.len()];
    if taint_in == 0 {
        return Passed {
            taint_sats: vec![0; outgoing_values.len()],
            intervals: empty,
            fee_taint_sats: 0,
        };
    }
    let value_in = total(incoming.iter().map(|i| i.value_sats));
    let value_out = total(outgoing_values.iter().copied());
    Passed {
        taint_sats: outgoing_values.to_vec(),
        intervals: empty,
        fee_taint_sats: value_in.saturating_sub(value_out),
    }
}

/// Haircut: element j gets `floor(T × value_j ÷ V)` with T the taint in and V the larger of the
/// two sides' totals (the inputs, for a valid tx either way), so no element gets more than its
/// value and the sum never exceeds T; the remainder is the fee's.
pub(crate) fn haircut(incoming: &[Incoming], outgoing_values: &[u64]) -> Passed {
    let taint_in = total(incoming.iter().map(|i| i.taint_sats));
    let value_in = total(incoming.iter().map(|i| i.value_sats));
    let value_out = total(outgoing_values.iter().copied());
    let denominator = u128::from(value_in.max(value_out));
    let taint_sats: Vec<u64> = outgoing_values
        .iter()
        .map(|&value| {
            if denominator == 0 {
                return 0;
            }
            // u64 × u64 fits in u128; the quotient is ≤ value because taint_in ≤ denominator.
            let share = u128::from(taint_in) * u128::from(value) / denominator;
            u64::try_from(share).unwrap_or(value)
        })
        .collect();
    let passed = total(taint_sats.iter().copied());
    Passed {
        intervals: vec![IntervalSet::new(); outgoing_values.len()],
        fee_taint_sats: taint_in.saturating_sub(passed),
        taint_sats,
    }
}

/// FIFO: both sides laid end to end in order; each tainted satoshi keeps its position; positions
/// past the other side's total are the fee's.
pub(crate) fn fifo(incoming: &[Incoming], outgoing_values: &[u64]) -> Passed {
    // Output j covers [starts[j], starts[j] + value_j) on the tx's satoshi line (u128: no overflow).
    let mut starts = Vec::with_capacity(outgoing_values.len());
    let mut offset = 0_u128;
    for &value in outgoing_values {
        starts.push(offset);
        offset += u128::from(value);
    }
    let mut intervals = vec![IntervalSet::new(); outgoing_values.len()];
    let mut fee_taint = 0_u128;
    let mut j = 0_usize;
    let mut in_offset = 0_u128;
    for element in incoming {
        for &(start, end) in element.intervals.ranges() {
            let mut from = in_offset + u128::from(start);
            let to = in_offset + u128::from(end);
            while from < to {
                // Skip outputs that end at or before `from` (including zero-value ones).
                while j < outgoing_values.len() && end_of(&starts, outgoing_values, j) <= from {
                    j += 1;
                }
                let (Some(&out_start), Some(_)) = (starts.get(j), outgoing_values.get(j)) else {
                    fee_taint += to - from;
                    break;
                };
                let upto = to.min(end_of(&starts, outgoing_values, j));
                if let (Some(set), Ok(s), Ok(e)) = (
                    intervals.get_mut(j),
                    u64::try_from(from - out_start),
                    u64::try_from(upto - out_start),
                ) {
                    set.push(s, e);
                }
                from = upto;
            }
        }
        in_offset += u128::from(element.value_sats);
    }
    let taint_sats = intervals.iter().map(IntervalSet::len_sats).collect();
    Passed {
        taint_sats,
        intervals,
        fee_taint_sats: u64::try_from(fee_taint).unwrap_or(u64::MAX),
    }
}

/// One past the last position of outgoing element `j`.
fn end_of(starts: &[u128], values: &[u64], j: usize) -> u128 {
    match (starts.get(j), values.get(j)) {
        (Some(&s), Some(&v)) => s + u128::from(v),
        _ => u128::MAX,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn incoming(value_sats: u64, taint: IntervalSet) -> Incoming {
        Incoming {
            value_sats,
            taint_sats: taint.len_sats(),
            intervals: taint,
        }
    }

    #[test]
    fn haircut_gives_the_rounding_remainder_to_the_fee() {
        let passed = haircut(&[incoming(10, IntervalSet::full(10))], &[3, 3, 3]);
        assert_eq!(passed.taint_sats, vec![3, 3, 3]);
        assert_eq!(passed.fee_taint_sats, 1);
        let passed = haircut(&[incoming(3, IntervalSet::full(1))], &[1, 1, 1]);
        assert_eq!(passed.taint_sats, vec![0, 0, 0]);
        assert_eq!(passed.fee_taint_sats, 1);
    }

    #[test]
    fn fifo_splits_a_range_across_outputs_and_sends_the_tail_to_the_fee() {
        // Inputs 4 + 6, taint at [2,4) of the first and [0,6) of the second → line [2,10).
        let ins = [incoming(4, IntervalSet::full(4)), incoming(6, IntervalSet::full(6))];
        let ins = [incoming(4, IntervalSet::from_ranges([(2, 4)])), ins[1].clone()];
        let passed = fifo(&ins, &[3, 0, 5]);
        assert_eq!(passed.intervals[0].ranges(), &[(2, 3)]);
        assert!(passed.intervals[1].is_empty());
        assert_eq!(passed.intervals[2].ranges(), &[(0, 5)]);
        assert_eq!(passed.fee_taint_sats, 2);
        assert_eq!(passed.taint_sats, vec![1, 0, 5]);
    }

    #[test]
    fn poison_without_taint_passes_nothing() {
        let passed = poison(&[incoming(5, IntervalSet::new())], &[2, 2]);
        assert_eq!(passed.taint_sats, vec![0, 0]);
        assert_eq!(poison(&[incoming(5, IntervalSet::full(1))], &[2, 2]).fee_taint_sats, 1);
    }
}
