//! Targets (指标) and the numbers people type: how a target is addressed (`15#4`) and named,
//! and how values are read (`7.4万`, `1,200`), rounded and written.

use super::{ItemRef, ModelError, Target};

/// A target as users write it: `15#4`, the 4th target of task 15; the old form `15.4` (which
/// reads as measure 15.4) is still understood for one release ([`is_old_target_ref`]).
/// Returns the task and the stored id (`15.4`).
pub fn parse_target_ref(s: &str) -> Result<(u32, String), ModelError> {
    let t = s.trim();
    let dotted = match t.split_once(['#', '＃']) {
        Some((n, k)) if !n.contains('.') => format!("{n}.{k}"),
        Some(_) => return Err(ModelError::BadTargetRef(s.to_string())),
        None => t.to_string(),
    };
    match dotted.parse::<ItemRef>() {
        Ok(r @ ItemRef { task, sub: Some(_) }) => Ok((task, r.to_string())),
        _ => Err(ModelError::BadTargetRef(s.to_string())),
    }
}

/// Whether a target was written the old way, `N.K`, which reads as a measure.
pub fn is_old_target_ref(s: &str) -> bool {
    !s.contains(['#', '＃']) && parse_target_ref(s).is_ok()
}

/// How a target is named to people everywhere (screens, commands, history, reports, JSON):
/// `15#4` for the stored id `15.4`, so that it cannot be read as measure 15.4.
pub fn target_name(id: &str) -> String {
    match id.split_once('.') {
        Some((n, k)) => format!("{n}#{k}"),
        None => id.to_string(),
    }
}

impl Target {
    /// `15#4`, see [`target_name`].
    pub fn name(&self) -> String {
        target_name(&self.id)
    }

    /// Whether `value` is far outside this target (negative, or more than five times it):
    /// probably a typo (`1,200` for 200台), asked about or warned of before it is saved.
    pub fn implausible(&self, value: f64) -> bool {
        value < 0.0 || (self.target > 0.0 && value > 5.0 * self.target)
    }
}

/// Parse a number as users type it: `74000`, `7.4万`, `1,200`, full-width digits.
pub fn parse_value(s: &str) -> Result<f64, ModelError> {
    let bad = || ModelError::BadNumber(s.to_string());
    let mut t: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            c => c,
        })
        .filter(|c| *c != ',' && *c != '，')
        .collect();
    let mut factor = 1.0;
    if let Some(stripped) = t.strip_suffix('万') {
        factor = 1e4;
        t = stripped.to_string();
    } else if let Some(stripped) = t.strip_suffix('亿') {
        factor = 1e8;
        t = stripped.to_string();
    }
    let v: f64 = t.trim().parse().map_err(|_| bad())?;
    // Rounding scales by 1e6: a finite 1e303 would come out infinite.
    let v = round_value(v * factor);
    if !v.is_finite() {
        return Err(bad());
    }
    Ok(v)
}

/// Round away binary noise (`7.4 * 10000` is 74000.00000000001).
pub fn round_value(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// Format a value without a trailing `.0`.
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}
