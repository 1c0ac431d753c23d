//! pprof's name filters (`-focus`, `-ignore`, `-hide`, `-show`), applied to samples
//! the way `Profile.FilterSamplesByName` applies them.

use std::collections::HashMap;

use regex::Regex;

use crate::model::{Line, Location, Profile};

/// Compiled name filters; `None` means "not set".
#[derive(Debug, Clone, Default)]
pub struct NameFilters {
    /// Keep samples with a frame matching this.
    pub focus: Option<Regex>,
    /// Drop samples with a frame matching this.
    pub ignore: Option<Regex>,
    /// Remove matching frames from stacks.
    pub hide: Option<Regex>,
    /// Keep only matching frames in stacks.
    pub show: Option<Regex>,
}

/// Which filters matched anything (pprof warns about the ones that did not).
#[derive(Debug, Clone, Copy, Default)]
pub struct FilterMatches {
    /// `focus` matched (or was not set).
    pub focus: bool,
    /// `ignore` matched.
    pub ignore: bool,
    /// `hide` matched.
    pub hide: bool,
    /// `show` matched.
    pub show: bool,
}

fn line_matches(p: &Profile, line: &Line, re: &Regex) -> bool {
    p.function(line)
        .is_some_and(|f| re.is_match(&f.name) || re.is_match(&f.filename))
}

fn mapping_matches(p: &Profile, loc: &Location, re: &Regex) -> bool {
    loc.mapping
        .is_some_and(|m| re.is_match(&p.mappings[m].file))
}

fn location_matches(p: &Profile, loc: &Location, re: &Regex) -> bool {
    loc.lines.iter().any(|l| line_matches(p, l, re)) || mapping_matches(p, loc, re)
}

impl NameFilters {
    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        self.focus.is_none() && self.ignore.is_none() && self.hide.is_none() && self.show.is_none()
    }

    /// Filters `p` in place and reports which filters matched.
    pub fn apply(&self, p: &mut Profile) -> FilterMatches {
        let mut m = FilterMatches::default();
        if self.is_empty() {
            m.focus = true;
            return m;
        }
        let mut focus_or_ignore: HashMap<usize, bool> = HashMap::new();
        let mut hidden = vec![false; p.locations.len()];
        let mut new_lines: Vec<Vec<Line>> = Vec::with_capacity(p.locations.len());
        for (li, loc) in p.locations.iter().enumerate() {
            if self
                .ignore
                .as_ref()
                .is_some_and(|re| location_matches(p, loc, re))
            {
                m.ignore = true;
                focus_or_ignore.insert(li, false);
            } else if self
                .focus
                .as_ref()
                .is_none_or(|re| location_matches(p, loc, re))
            {
                m.focus = true;
                focus_or_ignore.insert(li, true);
            }
            let mut lines = loc.lines.clone();
            if let Some(re) = &self.hide
                && location_matches(p, loc, re)
            {
                m.hide = true;
                lines = if mapping_matches(p, loc, re) {
                    Vec::new()
                } else {
                    lines
                        .into_iter()
                        .filter(|l| !line_matches(p, l, re))
                        .collect()
                };
                hidden[li] = lines.is_empty();
            }
            if let Some(re) = &self.show {
                if !mapping_matches(p, loc, re) {
                    lines.retain(|l| p.function(l).is_none() || line_matches(p, l, re));
                }
                if lines.is_empty() {
                    hidden[li] = true;
                } else {
                    m.show = true;
                }
            }
            new_lines.push(lines);
        }
        for (loc, lines) in p.locations.iter_mut().zip(new_lines) {
            loc.lines = lines;
        }
        let any_hidden = hidden.iter().any(|h| *h);
        p.samples.retain_mut(|s| {
            if !focused_and_not_ignored(&s.locations, &focus_or_ignore) {
                return false;
            }
            if any_hidden {
                s.locations.retain(|l| !hidden[*l]);
                return !s.locations.is_empty();
            }
            true
        });
        m
    }
}

fn focused_and_not_ignored(locs: &[usize], m: &HashMap<usize, bool>) -> bool {
    let mut focused = false;
    for l in locs {
        match m.get(l) {
            Some(true) => focused = true,
            Some(false) => return false,
            None => {}
        }
    }
    focused
}
