//! Pieces of the list filters sent with GET (the journal, "Мои заявления", the catalogue):
//! a labelled field with its error, the summary of errors and the page links.

use kabinet_shared::query::QueryError;
use leptos::prelude::*;

use crate::i18n::{t, t_with};

/// A filter field with the label `label` for the control whose id is `filter-{name}`.
#[component]
pub fn FilterField(
    name: &'static str,
    label: String,
    error: Option<String>,
    children: Children,
) -> impl IntoView {
    let invalid = error.is_some();
    view! {
        <div class="field" class:field--invalid=invalid>
            <label class="field__label" for=format!("filter-{name}")>{label}</label>
            {error.map(|error| view! {
                <p class="field__error">
                    <span class="visually-hidden">{t("error-prefix")}</span>
                    {error}
                </p>
            })}
            {children()}
        </div>
    }
}

/// Converts typed text to the value an `<input type="date">` accepts: `YYYY-MM-DD` when the text is a date,
/// otherwise the text as typed, so a browser without a calendar shows it again.
pub fn date_value(text: &str) -> String {
    kabinet_shared::validate::date::parse(text)
        .map(|date| date.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|_| text.to_string())
}

/// The translated reason why parameter `field` is invalid, if it is.
pub fn filter_error(errors: &[QueryError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|error| error.field == field)
        .map(|error| t(&error.key))
}

/// The summary of filter errors, each linking to its field. `label_of` names a parameter.
#[component]
pub fn FilterErrors(errors: Vec<QueryError>, label_of: fn(&str) -> String) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        let items = errors
            .iter()
            .map(|error| {
                let text = format!("{}: {}", label_of(&error.field), t(&error.key));
                view! { <li><a href=format!("#filter-{}", error.field)>{text}</a></li> }
            })
            .collect_view();
        view! {
            <div class="notice notice--problem" role="alert" aria-labelledby="filter-errors-title">
                <h2 id="filter-errors-title" class="notice__title">{t("error-summary-title")}</h2>
                <ul class="notice__list">{items}</ul>
            </div>
        }
    })
}

/// Links to the first, previous, next and last pages of `path` with the filter's query.
/// `previous` and `next` are the translation keys of the two middle links.
#[component]
pub fn Pagination(
    path: &'static str,
    page: u32,
    pages: u32,
    filter_query: String,
    previous: &'static str,
    next: &'static str,
) -> impl IntoView {
    let link = move |target: u32| {
        if filter_query.is_empty() {
            format!("{path}?page={target}")
        } else {
            format!("{path}?{filter_query}&page={target}")
        }
    };
    let position = t_with(
        "pagination-position",
        &[("page", &page.to_string()), ("pages", &pages.to_string())],
    );
    view! {
        <nav class="pagination" aria-label=t("pagination-label")>
            {(page > 1).then(|| view! {
                <a href=link(1)>{t("pagination-first")}</a>
                <a href=link(page - 1) rel="prev">{t(previous)}</a>
            })}
            <span aria-current="page">{position}</span>
            {(page < pages).then(|| view! {
                <a href=link(page + 1) rel="next">{t(next)}</a>
                <a href=link(pages)>{t("pagination-last")}</a>
            })}
        </nav>
    }
}
