//! Reading the page's markup as the HTML parser would: tags, attributes and
//! the text of elements.

/// The text of every `<tag>…</tag>` element of the page, in order.
pub(super) fn elements<'a>(page: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    page.split(&open)
        .skip(1)
        .filter_map(|rest| rest.split_once(&close).map(|(inner, _)| inner))
        .collect()
}

/// The page's tags (`<a href=…>`, not text), outside scripts, styles and comments.
pub(super) fn tags(page: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let skip_to = if rest.starts_with("<!--") {
            "-->"
        } else if rest.starts_with("<script") {
            "</script>"
        } else if rest.starts_with("<style") {
            "</style>"
        } else {
            ">"
        };
        let end = rest.find(skip_to).map_or(rest.len(), |e| e + skip_to.len());
        if skip_to != "-->" {
            out.push(&rest[..rest.find('>').map_or(rest.len(), |e| e + 1)]);
        }
        rest = &rest[end..];
    }
    out
}

/// The attributes of a tag as the HTML parser sees them: `(name, value)`.
pub(super) fn attributes(tag: &str) -> Vec<(String, String)> {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let mut chars = inner.chars().skip_while(|c| !c.is_whitespace()).peekable();
    let mut out = Vec::new();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let name: String =
            std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && *c != '=')).collect();
        if name.is_empty() {
            return out;
        }
        let mut value = String::new();
        if chars.next_if_eq(&'=').is_some() {
            match chars.next_if(|c| *c == '"' || *c == '\'') {
                Some(q) => value = std::iter::from_fn(|| chars.next_if(|c| *c != q)).collect(),
                None => {
                    value = std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace())).collect()
                }
            }
            chars.next();
        }
        out.push((name.to_lowercase(), value));
    }
}
