//! `sin` and `cos` as fdlibm computes them (V8's `Math.sin`/`Math.cos` are fdlibm ports), so
//! d3's phyllotaxis start positions are bit-identical in Rust (native and wasm) and JavaScript.
//! Platform libms differ from fdlibm in the last bit for a few percent of arguments.
//!
//! Only the argument reduction for |x| ≤ 2¹⁹·π/2 is ported (enough for 340k nodes' spiral
//! angles); larger arguments fall back to the standard library.

// fdlibm's published decimal constants, kept verbatim so they can be checked against it.
#![allow(clippy::excessive_precision)]

const S1: f64 = -1.666_666_666_666_663_243_48e-1;
const S2: f64 = 8.333_333_333_322_489_461_24e-3;
const S3: f64 = -1.984_126_982_985_794_931_34e-4;
const S4: f64 = 2.755_731_370_707_006_767_89e-6;
const S5: f64 = -2.505_076_025_340_686_341_95e-8;
const S6: f64 = 1.589_690_995_211_550_102_21e-10;
const C1: f64 = 4.166_666_666_666_660_190_37e-2;
const C2: f64 = -1.388_888_888_887_410_957_49e-3;
const C3: f64 = 2.480_158_728_947_672_941_78e-5;
const C4: f64 = -2.755_731_435_139_066_330_35e-7;
const C5: f64 = 2.087_572_321_298_174_827_90e-9;
const C6: f64 = -1.135_964_755_778_819_482_65e-11;
/// 2/π (fdlibm `invpio2`, 0x3FE45F30_6DC9C883).
const INV_PIO2: f64 = std::f64::consts::FRAC_2_PI;
const PIO2_1: f64 = 1.570_796_326_734_125_614_17;
const PIO2_1T: f64 = 6.077_100_506_506_192_249_32e-11;
const PIO2_2: f64 = 6.077_100_506_303_965_976_60e-11;
const PIO2_2T: f64 = 2.022_266_248_795_950_631_54e-21;
const PIO2_3: f64 = 2.022_266_248_711_166_455_80e-21;
const PIO2_3T: f64 = 8.478_427_660_368_899_569_97e-32;
/// High words of n·π/2 for n = 1‥32 (fdlibm `npio2_hw`): detects cancellation.
const NPIO2_HW: [u32; 32] = [
    0x3FF9_21FB,
    0x4009_21FB,
    0x4012_D97C,
    0x4019_21FB,
    0x401F_6A7A,
    0x4022_D97C,
    0x4025_FDBB,
    0x4029_21FB,
    0x402C_463A,
    0x402F_6A7A,
    0x4031_475C,
    0x4032_D97C,
    0x4034_6B9C,
    0x4035_FDBB,
    0x4037_8FDB,
    0x4039_21FB,
    0x403A_B41B,
    0x403C_463A,
    0x403D_D85A,
    0x403F_6A7A,
    0x4040_7E4C,
    0x4041_475C,
    0x4042_106C,
    0x4042_D97C,
    0x4043_A28C,
    0x4044_6B9C,
    0x4045_34AC,
    0x4045_FDBB,
    0x4046_C6CB,
    0x4047_8FDB,
    0x4048_58EB,
    0x4049_21FB,
];

fn high_word(x: f64) -> u32 {
    (x.to_bits() >> 32) as u32
}

fn kernel_sin(x: f64, y: f64) -> f64 {
    if high_word(x) & 0x7fff_ffff < 0x3e40_0000 {
        return x; // |x| < 2⁻²⁷
    }
    let z = x * x;
    let v = z * x;
    let r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
    x - ((z * (0.5 * y - v * r) - y) - v * S1)
}

fn kernel_sin0(x: f64) -> f64 {
    let z = x * x;
    let v = z * x;
    let r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
    x + v * (S1 + z * r)
}

fn kernel_cos(x: f64, y: f64) -> f64 {
    let ix = high_word(x) & 0x7fff_ffff;
    if ix < 0x3e40_0000 {
        return 1.0; // |x| < 2⁻²⁷
    }
    let z = x * x;
    let r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
    if ix < 0x3FD3_3333 {
        return 1.0 - (0.5 * z - (z * r - x * y));
    }
    let qx = if ix > 0x3fe9_0000 {
        0.28125
    } else {
        f64::from_bits(u64::from(ix - 0x0020_0000) << 32)
    };
    let hz = 0.5 * z - qx;
    let a = 1.0 - qx;
    a - (hz - (z * r - x * y))
}

/// fdlibm `__ieee754_rem_pio2` for π/4 < |x| ≤ 2¹⁹·π/2: `x = n·π/2 + (y0 + y1)`.
fn rem_pio2(x: f64) -> (i32, f64, f64) {
    let hx = high_word(x);
    let ix = hx & 0x7fff_ffff;
    let negative = x < 0.0;
    if ix < 0x4002_d97c {
        // |x| < 3π/4: n = ±1.
        let (sign, n) = if negative { (-1.0, -1) } else { (1.0, 1) };
        let mut z = x - sign * PIO2_1;
        let (y0, y1) = if ix == 0x3ff9_21fb {
            z -= sign * PIO2_2;
            let y0 = z - sign * PIO2_2T;
            (y0, (z - y0) - sign * PIO2_2T)
        } else {
            let y0 = z - sign * PIO2_1T;
            (y0, (z - y0) - sign * PIO2_1T)
        };
        return (n, y0, y1);
    }
    let t = x.abs();
    let n = (t * INV_PIO2 + 0.5) as i32;
    let f = f64::from(n);
    let mut r = t - f * PIO2_1;
    let mut w = f * PIO2_1T;
    let mut y0 = r - w;
    let quick = n < 32 && NPIO2_HW.get((n - 1) as usize).is_some_and(|&hw| hw != ix);
    if !quick {
        let j = ix >> 20;
        let exponent = |v: f64| (high_word(v) >> 20) & 0x7ff;
        if j.saturating_sub(exponent(y0)) > 16 {
            let t = r;
            w = f * PIO2_2;
            r = t - w;
            w = f * PIO2_2T - ((t - r) - w);
            y0 = r - w;
            if j.saturating_sub(exponent(y0)) > 49 {
                let t = r;
                w = f * PIO2_3;
                r = t - w;
                w = f * PIO2_3T - ((t - r) - w);
                y0 = r - w;
            }
        }
    }
    let y1 = (r - y0) - w;
    if negative {
        (-n, -y0, -y1)
    } else {
        (n, y0, y1)
    }
}

/// Largest |x| whose reduction is ported (high word of 2¹⁹·π/2).
const MEDIUM_LIMIT_HW: u32 = 0x4139_21fb;

/// `(sin x, cos x)` bit-identical to fdlibm (and so to V8's `Math.sin`/`Math.cos`).
#[must_use]
pub(super) fn sin_cos(x: f64) -> (f64, f64) {
    let ix = high_word(x) & 0x7fff_ffff;
    if ix <= 0x3fe9_21fb {
        if ix < 0x3e40_0000 {
            return (x, 1.0); // |x| < 2⁻²⁷: exact to double precision
        }
        return (kernel_sin0(x), kernel_cos(x, 0.0));
    }
    if ix > MEDIUM_LIMIT_HW {
        return (x.sin(), x.cos());
    }
    let (n, y0, y1) = rem_pio2(x);
    let (s, c) = (kernel_sin(y0, y1), kernel_cos(y0, y1));
    match n & 3 {
        0 => (s, c),
        1 => (c, -s),
        2 => (-s, -c),
        _ => (-c, s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_std_to_an_ulp_or_two() {
        for i in 0..20_000 {
            let x = f64::from(i) * 2.399_963_229_728_653 - 7_000.0;
            let (s, c) = sin_cos(x);
            assert!((s - x.sin()).abs() < 1e-15 && (c - x.cos()).abs() < 1e-15, "x = {x}");
        }
    }
}
