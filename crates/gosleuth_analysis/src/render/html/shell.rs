//! The page shell shared by the `diff`, `audit`, `connmem`, `slow` and
//! `goroutines` pages: `page.html` (head with the Content-Security-Policy,
//! header with the title and navigation, footer, scripts), the base style and
//! the sorting script of the `analyze` page, and an optional inferno flame
//! graph whose style and script the policy allows by hash.
//!
//! A page's own template renders the inside of `<main>` (minijinja escapes
//! every value it prints), and the shell wraps it; both receive the page
//! model as `page`, which must have a `title` and a `nav` list of
//! `{id, label}`.

use minijinja::value::{Serde, Value};
use minijinja::{Environment, context};
use serde::Serialize;

use super::flame::Flame;
use super::{CSS, JS, hash, policy};
use crate::error::{Error, Result};

const SHELL: &str = include_str!("page.html");
const PAGES_CSS: &str = include_str!("pages.css");

/// One entry of the page's navigation.
#[derive(Debug, Serialize)]
pub(super) struct Nav {
    pub(super) id: String,
    pub(super) label: String,
}

impl Nav {
    pub(super) fn new(id: &str, label: impl Into<String>) -> Nav {
        Nav {
            id: id.to_string(),
            label: label.into(),
        }
    }
}

/// Renders the page template `source` (the inside of `<main>`) with `page` as
/// its model and `flame` as its flame graph, in the shell.
pub(super) fn render_page(
    source: &'static str,
    page: &impl Serialize,
    flame: Option<Flame>,
) -> Result<String> {
    let mut style = format!("{CSS}\n{PAGES_CSS}");
    if let Some(f) = &flame {
        style = format!("{style}\n/* inferno */\n{}", f.style);
    }
    let mut hashes = vec![hash(JS)];
    hashes.extend(flame.as_ref().map(|f| hash(&f.script)));
    let csp = policy(&hash(&style), &hashes);
    let err = |e: minijinja::Error| Error::Render(e.to_string());
    let mut env = Environment::new();
    // Autoescaping is chosen by the template's name: both end in `.html`.
    env.add_template("page.html", SHELL).map_err(err)?;
    env.add_template("body.html", source).map_err(err)?;
    let (flame_svg, flame_script) = match flame {
        Some(f) => (
            Some(Value::from_safe_string(f.svg)),
            Some(Value::from_safe_string(f.script)),
        ),
        None => (None, None),
    };
    let page = Value::from(Serde(page));
    let body = env
        .get_template("body.html")
        .map_err(err)?
        // inferno's SVG, whose text inferno escapes itself.
        .render(context! { page => page.clone(), flame_svg => flame_svg })
        .map_err(err)?;
    env.get_template("page.html")
        .map_err(err)?
        .render(context! {
            page => page,
            // The body template's output, escaped as it was rendered.
            body => Value::from_safe_string(body),
            // Our own text: hashes and keywords, nothing to escape.
            csp => Value::from_safe_string(csp),
            style => Value::from_safe_string(style),
            flame_script => flame_script,
            script => Value::from_safe_string(JS.to_string()),
        })
        .map_err(err)
}
