//! The tera engine loaded with the site's templates, and tera's errors in editors' words.

use std::collections::BTreeMap;

use tera::{ErrorKind, Kwargs, State, Tera, Value};

use crate::diagnostic::{Code, Diagnostic, suggest};
use crate::model::Site;
use crate::render::asset_names::AssetNames;
use crate::render::links::{self, Served};
use crate::source::Location;
use crate::source::SourceFile;
use crate::url::{BaseUrl, UrlPath};

/// Every template compiled, with the helpers templates may call (tera refuses a template that
/// calls a function it does not know yet).
pub(super) fn compile(
    templates: &BTreeMap<String, SourceFile>,
    base_url: &BaseUrl,
    names: &AssetNames,
) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    register_helpers(&mut tera, base_url, names);
    tera.add_raw_templates(
        templates
            .iter()
            .map(|(name, file)| (name.as_str(), &*file.text)),
    )
    .map_err(|e| diagnostic(&e, templates))?;
    Ok(tera)
}

/// An engine for one language from the compiled templates: this render's helpers (the site's
/// address and its assets' names may have changed since they were compiled) and site values.
pub(super) fn engine(
    compiled: &Tera,
    base_url: &BaseUrl,
    names: &AssetNames,
    globals: tera::Context,
) -> Tera {
    let mut tera = compiled.clone();
    register_helpers(&mut tera, base_url, names);
    *tera.global_context() = globals;
    tera
}

/// The file `template` makes from `ctx`, served as `served`: every HTML page of the site comes
/// from here, so its links are always written as `[publish] links` asks.
pub(super) fn render(
    site: &Site,
    tera: &Tera,
    template: &str,
    ctx: &tera::Context,
    served: Served,
) -> Result<String, tera::Error> {
    tera.render(template, ctx)
        .map(|html| links::finish(site, served, html))
}

/// Registers the functions templates may call: `asset_url(path=...)`.
fn register_helpers(tera: &mut Tera, base_url: &BaseUrl, names: &AssetNames) {
    let base = base_url.clone();
    // Owned, since tera keeps the function for as long as the engine lives.
    let names = names.clone();
    tera.register_function("asset_url", move |kwargs: Kwargs, _: &State| {
        let path: &str = kwargs.must_get("path")?;
        let path = path.trim_start_matches('/');
        let path = names.get(path);
        let segments = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        Ok::<_, tera::Error>(base.href(&UrlPath::file(segments)))
    });
    // Tera has no filter by attribute: a template lists the headings it may add to the contents
    // list, each with `show`, and keeps those it shows.
    tera.register_filter("shown", |list: &[Value], _: Kwargs, _: &State| {
        list.iter()
            .filter(|entry| entry.get_from_path("show").is_none_or(Value::is_truthy))
            .cloned()
            .collect::<Vec<Value>>()
    });
}

/// Turns a tera error into a diagnostic that points into the template file.
pub(super) fn diagnostic(
    err: &tera::Error,
    templates: &BTreeMap<String, SourceFile>,
) -> Diagnostic {
    let names = || templates.keys().map(String::as_str);
    let location = |name: &str| {
        Some(Location::file(templates.get(name).map_or_else(
            || format!("templates/{name}"),
            |f| f.path.clone(),
        )))
    };
    match err.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let message = format!("template problem: {}", plain(report.message()));
            let d = match templates.get(report.filename()) {
                Some(file) => Diagnostic::error_at(
                    Code::TemplateError,
                    file,
                    report.span().range.start,
                    message,
                ),
                None => {
                    Diagnostic::error(Code::TemplateError, location(report.filename()), message)
                }
            };
            if report.message().contains("undefined") {
                d.with_hint("this value does not exist for every page: check its spelling, or show it only when present with {% if ... %}")
            } else {
                d
            }
        }
        ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => Diagnostic::error(
            Code::TemplateExtendsCircle,
            location(inheritance_chain.first().unwrap_or(tpl)),
            format!(
                "templates extend each other in a circle: {}",
                inheritance_chain.join(" -> ")
            ),
        )
        .with_hint("one template in the circle must stop using {% extends %}"),
        ErrorKind::CircularInclude { tpl, include_chain } => Diagnostic::error(
            Code::TemplateIncludesCircle,
            location(tpl),
            format!(
                "templates include each other in a circle: {}",
                include_chain.join(" -> ")
            ),
        )
        .with_hint("one template in the circle must stop using {% include %}"),
        ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            Code::TemplateParentMissing,
            location(current),
            format!("this template extends `{parent}`, but there is no such template"),
        )
        .with_suggestion(parent, names()),
        ErrorKind::TemplateNotFound(name) => missing_template(name, None, templates),
        _ => Diagnostic::error(
            Code::TemplateError,
            None,
            format!("template problem: {}", plain(&err.to_string())),
        ),
    }
}

/// The error for a template name that names no template; `at` is the front matter line that chose it.
pub(super) fn missing_template(
    name: &str,
    at: Option<(&SourceFile, usize)>,
    templates: &BTreeMap<String, SourceFile>,
) -> Diagnostic {
    let message = format!("there is no template `{name}`");
    let d = match at {
        Some((file, offset)) => Diagnostic::error_at(Code::TemplateMissing, file, offset, message),
        None => Diagnostic::error(
            Code::TemplateMissing,
            Some(Location::file(format!("templates/{name}"))),
            message,
        ),
    };
    match suggest(name, templates.keys().map(String::as_str)) {
        Some(near) => d.with_hint(format!("did you mean `{near}`?")),
        None => d.with_hint(format!(
            "create templates/{name}, or use one of: {}",
            // Partials are pieces of pages, not pages: leave them out of the choice.
            templates
                .keys()
                .filter(|t| !t.starts_with("partials/"))
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Tera's own words, minus its debugging details.
fn plain(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_owned()
}
