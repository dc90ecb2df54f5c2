//! Flashes of forms posted without JavaScript.

use leptos::prelude::*;

use super::{AppError, Flash};

/// What a plain form post of `form` left to show again, if anything.
#[server(endpoint = "flash")]
pub async fn take_form_flash(form: String) -> Result<Option<Flash>, AppError> {
    crate::ssr::take_flash(&form).await
}
