//! Pairs a site's lines across versions: by statement text when the source of
//! both sides is known (so lines that moved still match), else by file and
//! line, else by file and nearest line.

use super::model::LineMatch;

/// Lines further apart than this are not paired by proximity.
const NEAREST_WINDOW: i64 = 20;

/// One line of one side.
#[derive(Debug, Clone)]
pub(crate) struct LineIn {
    /// File name as displayed (resolved relative path, or the profile's base name).
    pub(crate) file: String,
    /// Line number.
    pub(crate) line: i64,
    /// The statement on it, when the source was found.
    pub(crate) code: Option<String>,
}

impl LineIn {
    fn base_name(&self) -> &str {
        self.file.rsplit('/').next().unwrap_or(&self.file)
    }
}

/// Index pairs `(base, new)`; unpaired lines come back with `None` on the other side.
///
/// Without statements to compare, a file's lines usually moved together (code
/// added above them): the offset most pairs agree on is tried first, then the
/// nearest line.
pub(crate) fn match_lines(
    base: &[LineIn],
    new: &[LineIn],
) -> Vec<(Option<usize>, Option<usize>, LineMatch)> {
    let mut m = Matcher {
        out: Vec::new(),
        used_b: vec![false; base.len()],
        used_n: vec![false; new.len()],
    };
    m.pass(
        base,
        new,
        |b, n| (b.code.is_some() && b.code == n.code).then(|| (b.line - n.line).abs()),
        |_| LineMatch::Code,
    );
    for (file, offset) in offsets(base, new) {
        m.pass(
            base,
            new,
            |b, n| {
                (b.base_name() == file && comparable(b, n) && n.line - b.line == offset)
                    .then_some(0)
            },
            |_| {
                if offset == 0 {
                    LineMatch::Line
                } else {
                    LineMatch::Nearest
                }
            },
        );
    }
    m.pass(
        base,
        new,
        |b, n| {
            let d = (b.line - n.line).abs();
            (same_file(b, n) && d <= NEAREST_WINDOW && comparable(b, n)).then_some(d)
        },
        |d| {
            if d == 0 {
                LineMatch::Line
            } else {
                LineMatch::Nearest
            }
        },
    );
    let Matcher {
        mut out,
        used_b,
        used_n,
    } = m;
    out.extend(
        (0..base.len())
            .filter(|&i| !used_b[i])
            .map(|i| (Some(i), None, LineMatch::Gone)),
    );
    out.extend(
        (0..new.len())
            .filter(|&j| !used_n[j])
            .map(|j| (None, Some(j), LineMatch::Added)),
    );
    out
}

struct Matcher {
    out: Vec<(Option<usize>, Option<usize>, LineMatch)>,
    used_b: Vec<bool>,
    used_n: Vec<bool>,
}

impl Matcher {
    /// Pairs free lines greedily, closest first.
    fn pass(
        &mut self,
        base: &[LineIn],
        new: &[LineIn],
        distance: impl Fn(&LineIn, &LineIn) -> Option<i64>,
        how: impl Fn(i64) -> LineMatch,
    ) {
        let mut candidates: Vec<(i64, usize, usize)> = Vec::new();
        for (i, b) in base.iter().enumerate().filter(|(i, _)| !self.used_b[*i]) {
            for (j, n) in new.iter().enumerate().filter(|(j, _)| !self.used_n[*j]) {
                if let Some(d) = distance(b, n) {
                    candidates.push((d, i, j));
                }
            }
        }
        candidates.sort_unstable();
        for (d, i, j) in candidates {
            if !self.used_b[i] && !self.used_n[j] {
                self.used_b[i] = true;
                self.used_n[j] = true;
                self.out.push((Some(i), Some(j), how(d)));
            }
        }
    }
}

/// Per file (base name), the line offset that most pairs of lines without
/// known statements agree on (ties: the smaller shift), within the window.
fn offsets<'a>(base: &'a [LineIn], new: &[LineIn]) -> Vec<(&'a str, i64)> {
    let mut votes: std::collections::BTreeMap<(&str, i64), usize> =
        std::collections::BTreeMap::new();
    for b in base {
        for n in new.iter().filter(|n| {
            same_file(b, n) && comparable(b, n) && (n.line - b.line).abs() <= NEAREST_WINDOW
        }) {
            *votes.entry((b.base_name(), n.line - b.line)).or_default() += 1;
        }
    }
    let mut best: Vec<(&str, i64, usize)> = Vec::new();
    for ((file, offset), count) in votes {
        match best.last_mut() {
            Some(last) if last.0 == file => {
                if (count, std::cmp::Reverse(offset.abs()))
                    > (last.2, std::cmp::Reverse(last.1.abs()))
                {
                    *last = (file, offset, count);
                }
            }
            _ => best.push((file, offset, count)),
        }
    }
    best.into_iter().map(|(f, o, _)| (f, o)).collect()
}

fn same_file(b: &LineIn, n: &LineIn) -> bool {
    b.base_name() == n.base_name()
}

/// Two statements known on both sides are compared by text only: when the
/// text differs the line changed, whatever its number.
fn comparable(b: &LineIn, n: &LineIn) -> bool {
    b.code.is_none() || n.code.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(file: &str, line: i64, code: Option<&str>) -> LineIn {
        LineIn {
            file: file.into(),
            line,
            code: code.map(str::to_string),
        }
    }

    #[test]
    fn moved_statement_matches_by_text() {
        let base = [
            l("a.go", 10, Some("x := make([]byte, n)")),
            l("a.go", 12, Some("y := f()")),
        ];
        let new = [
            l("a.go", 14, Some("y := f()")),
            l("a.go", 13, Some("x := make([]byte, n)")),
        ];
        let m = match_lines(&base, &new);
        assert!(m.contains(&(Some(0), Some(1), LineMatch::Code)));
        assert!(m.contains(&(Some(1), Some(0), LineMatch::Code)));
    }

    #[test]
    fn without_source_nearest_line_in_the_same_file() {
        let base = [l("/build/a.go", 10, None), l("/build/b.go", 5, None)];
        let new = [l("a.go", 12, None), l("a.go", 40, None)];
        let m = match_lines(&base, &new);
        assert_eq!(
            m,
            vec![
                (Some(0), Some(0), LineMatch::Nearest),
                (Some(1), None, LineMatch::Gone),
                (None, Some(1), LineMatch::Added)
            ]
        );
    }

    #[test]
    fn without_source_a_common_shift_wins_over_the_nearest_line() {
        // Both lines moved down by 3; line 23 moved to 26, next to the old 25.
        let base = [l("a.go", 28, None), l("a.go", 26, None)];
        let new = [l("a.go", 25, None), l("a.go", 23, None)];
        let m = match_lines(&base, &new);
        assert!(m.contains(&(Some(0), Some(0), LineMatch::Nearest)), "{m:?}");
        assert!(m.contains(&(Some(1), Some(1), LineMatch::Nearest)), "{m:?}");
    }

    #[test]
    fn changed_statement_does_not_match() {
        let m = match_lines(
            &[l("a.go", 9, Some("dst := make([]byte, n)"))],
            &[l("a.go", 9, Some("c.buf = make([]byte, n)"))],
        );
        assert_eq!(
            m,
            vec![
                (Some(0), None, LineMatch::Gone),
                (None, Some(0), LineMatch::Added)
            ]
        );
    }
}
