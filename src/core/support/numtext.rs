//! Numbers as text without the standard library's float formatting.
//!
//! `format!("{}", x)` and `format!("{:.2}", x)` on an `f64` pull `core::fmt::float` into the
//! wasm: Grisu and Dragon4 with their bignum code and power tables, about 20 KB. The app
//! already carries serde_json's shortest-float writer (files and links are JSON), so
//! [`shortest`] reuses it and [`fixed2`] rounds with integers. Both write what the standard
//! formatting writes (tested against it over many values below; the exceptions are named at
//! each function); first-load code calls these instead (`tests/core_purity.rs`).

/// `v` as `format!("{v}")` writes it: the shortest decimal that reads back as `v`, never with
/// an exponent (`0.1`, `60`, `0.00000015`, `1000000000000000000000`), and `NaN`, `inf`,
/// `-inf`. Where two shortest decimals read back as `v` (only with 16 or more significant
/// digits), the last digit may differ from the standard library's choice.
pub fn shortest(v: f64) -> String {
    let mut out = String::new();
    push_shortest(&mut out, v);
    out
}

/// Appends [`shortest`]`(v)` to `out`.
pub fn push_shortest(out: &mut String, v: f64) {
    if v.is_nan() {
        out.push_str("NaN");
        return;
    }
    if v.is_sign_negative() {
        out.push('-');
    }
    let a = v.abs();
    if a.is_infinite() {
        out.push_str("inf");
        return;
    }
    if a.fract() == 0.0 && a < 1e15 {
        push_int(out, a as u64);
        return;
    }
    // serde_json writes the shortest round-trip digits, as `123.45`, `1e21` or `1.5e-7`.
    let Some(n) = serde_json::Number::from_f64(a) else {
        return;
    };
    let text = n.to_string();
    let (mantissa, exp) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, parse_exp(e)),
        None => (text.as_str(), 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // All the digits, and where the point goes after the first of them.
    let all: String = [int, frac].concat();
    let trimmed = all.trim_start_matches('0');
    let point = int.len() as i64 + exp - (all.len() - trimmed.len()) as i64;
    let digits = trimmed.trim_end_matches('0');
    if digits.is_empty() {
        out.push('0');
        return;
    }
    let n_digits = digits.len() as i64;
    if point <= 0 {
        out.push_str("0.");
        for _ in 0..-point {
            out.push('0');
        }
        out.push_str(digits);
    } else if point >= n_digits {
        out.push_str(digits);
        for _ in 0..point - n_digits {
            out.push('0');
        }
    } else {
        let (a, b) = digits.split_at(point as usize);
        out.push_str(a);
        out.push('.');
        out.push_str(b);
    }
}

fn parse_exp(e: &str) -> i64 {
    let (neg, digits) = match e.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, e.strip_prefix('+').unwrap_or(e)),
    };
    let mut n: i64 = 0;
    for b in digits.bytes() {
        n = n * 10 + i64::from(b.wrapping_sub(b'0'));
    }
    if neg {
        -n
    } else {
        n
    }
}

/// Appends a whole number.
pub fn push_int(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    out.push_str(core::str::from_utf8(&buf[i..]).unwrap_or("0"));
}

/// `v` rounded to two decimals as `format!("{:.2}", v)` rounds it (the exact value of the
/// float, halves to even), then written without trailing zeros, and `-0` as `0`:
/// `12.5`, `3`, `0.33`. Beyond ±2^128 (never a coordinate) it writes [`shortest`] instead.
pub fn fixed2(v: f64) -> String {
    let mut out = String::new();
    if !v.is_finite() {
        push_shortest(&mut out, v);
        return out;
    }
    let a = v.abs();
    let (whole, cents): (u128, u64) = if a >= 9.0e15 {
        // A whole number already (beyond 2^53 every float is), written exactly as `{:.2}`
        // writes it; beyond 2^128 (never a coordinate) the shortest form stands in.
        if a >= 3.4e38 {
            push_shortest(&mut out, v);
            return out;
        }
        (a as u128, 0)
    } else {
        // a = m × 2^e exactly; round m × 100 × 2^e to an integer, halves to even.
        let bits = a.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i64;
        let frac = bits & ((1u64 << 52) - 1);
        let (m, e) = if exp == 0 {
            (frac, -1074)
        } else {
            (frac | (1u64 << 52), exp - 1075)
        };
        let scaled = u128::from(m) * 100;
        let hundredths = if e >= 0 {
            scaled << e
        } else {
            let s = (-e) as u32;
            if s >= 127 {
                0
            } else {
                let q = scaled >> s;
                let r = scaled & ((1u128 << s) - 1);
                let half = 1u128 << (s - 1);
                if r > half || (r == half && q & 1 == 1) {
                    q + 1
                } else {
                    q
                }
            }
        };
        (hundredths / 100, (hundredths % 100) as u64)
    };
    if whole == 0 && cents == 0 {
        out.push('0');
        return out;
    }
    if v < 0.0 {
        out.push('-');
    }
    if whole > u128::from(u64::MAX) {
        out.push_str(&whole.to_string());
    } else {
        push_int(&mut out, whole as u64);
    }
    if cents != 0 {
        out.push('.');
        out.push(char::from(b'0' + (cents / 10) as u8));
        if cents % 10 != 0 {
            out.push(char::from(b'0' + (cents % 10) as u8));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn std_fixed2(v: f64) -> String {
        let s = format!("{:.2}", v);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" {
            "0".to_owned()
        } else {
            s.to_owned()
        }
    }

    /// A spread of values: small, large, halves, thirds, powers of ten and two, sub-normals.
    fn samples() -> Vec<f64> {
        let mut v = vec![
            0.0,
            -0.0,
            0.1,
            0.2,
            0.3,
            0.1 + 0.2,
            1.0 / 3.0,
            2.0 / 3.0,
            0.125,
            0.375,
            2.5,
            0.005,
            1.005,
            0.015,
            12.345,
            -0.125,
            -12.345,
            60.0,
            0.25,
            0.5,
            1e-7,
            1.5e-7,
            1e21,
            1.5e21,
            1e15,
            1e16,
            123456789.125,
            f64::MIN_POSITIVE,
            5e-324,
            f64::MAX,
            f64::EPSILON,
            0.0045,
            0.0049999,
            0.00500001,
            9.0e15,
            9007199254740993.0,
            4503599627370495.5,
        ];
        let mut x = 0.000_173_f64;
        while x < 1e22 {
            v.push(x);
            v.push(-x);
            v.push(x * 1.000_000_1);
            x *= 1.37;
        }
        // Every multiple of 1/8 and 1/1000 across a canvas-sized range.
        for i in -4000..4000 {
            v.push(f64::from(i) / 8.0);
            v.push(f64::from(i) / 1000.0);
            v.push(f64::from(i) * 0.005);
            v.push(f64::from(i) / 3.0);
        }
        v
    }

    #[test]
    fn shortest_writes_what_display_writes() {
        let mut differ = 0;
        for v in samples() {
            let (ours, std) = (shortest(v), format!("{v}"));
            // Always the shortest text that reads back as the same float.
            assert_eq!(ours.parse::<f64>().ok(), Some(v), "{ours} for {std}");
            assert_eq!(ours.len(), std.len(), "{ours} for {std}");
            if ours != std {
                // Two shortest texts can both read back; the standard library takes the one
                // nearer the float's exact value, serde_json's writer may not. Only ever the
                // last of 16 or more significant digits.
                let significant = std.trim_start_matches(['-', '0', '.']).replace('.', "");
                assert!(
                    significant.trim_end_matches('0').len() >= 16,
                    "{ours} for {std}"
                );
                differ += 1;
            }
        }
        assert!(differ < 3, "{differ} values written differently");
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(shortest(v), format!("{v}"));
        }
    }

    #[test]
    fn fixed2_rounds_as_two_decimal_formatting_does() {
        for v in samples().into_iter().filter(|v| v.abs() < 3.4e38) {
            assert_eq!(fixed2(v), std_fixed2(v), "value {v:e}");
        }
    }

    #[test]
    fn whole_numbers_are_written_whole() {
        let mut s = String::new();
        push_int(&mut s, 0);
        s.push(' ');
        push_int(&mut s, u64::MAX);
        assert_eq!(s, format!("0 {}", u64::MAX));
    }
}
