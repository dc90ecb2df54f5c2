//! Accounts: registration, sign-in, sessions and the profile.

mod administration;
mod alerts;
mod challenge;
mod device;
mod email_change;
mod export;
pub(crate) mod export_pdf;
mod factors;
mod lockout;
mod passkeys;
mod phone_change;
mod profile;
mod recovery;
mod register;
mod reviews;
mod security;
mod sessions;
mod sign_in;
pub mod sso;

use chrono::NaiveDate;
use kabinet_shared::model::Role;
use uuid::Uuid;

pub use challenge::{CompletedSignIn, FactorChoice};
pub use export::PersonalData;
pub use factors::BACKUP_CODE_COUNT;
pub use profile::ProfileSaved;
pub use recovery::{RecoveryPurpose, RecoveryStep};
pub use security::{NETWORK_RULES_MAX, SIGN_IN_CSV_MAX, SIGN_IN_PAGE_SIZE};
pub use sessions::{SESSION_TOUCH_INTERVAL_SECONDS, SessionUser};
pub use sign_in::{SignInOutcome, SignedIn};

use crate::crypto::keyed_hash;
use crate::db::Tx;
use crate::error::Result;
use crate::{Actor, Core, on_conn};

/// The columns of `users` that the domain reads.
#[derive(Clone, Debug, sqlx::FromRow)]
pub(crate) struct UserRow {
    pub id: Uuid,
    pub role: String,
    pub department_code: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub snils_enc: Option<Vec<u8>>,
    pub inn_enc: Option<Vec<u8>>,
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub password_hash: String,
    pub locale: String,
    pub time_zone: String,
}

/// The column list of [`UserRow`], as a literal for `concat!`; `user_columns!("u.")`
/// qualifies every column with a table alias.
macro_rules! user_columns {
    () => {
        user_columns!("")
    };
    ($p:literal) => {
        concat!(
            $p,
            "id",
            ", ",
            $p,
            "role",
            ", ",
            $p,
            "department_code",
            ", ",
            $p,
            "phone",
            ", ",
            $p,
            "email",
            ", ",
            $p,
            "snils_enc",
            ", ",
            $p,
            "inn_enc",
            ", ",
            $p,
            "surname",
            ", ",
            $p,
            "given_name",
            ", ",
            $p,
            "patronymic",
            ", ",
            $p,
            "birth_date",
            ", ",
            $p,
            "password_hash",
            ", ",
            $p,
            "locale",
            ", ",
            $p,
            "time_zone"
        )
    };
}
pub(crate) use user_columns;

impl UserRow {
    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Citizen)
    }

    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.id,
            role: self.role(),
            department: self.department_code.clone(),
            time_zone: self.time_zone.clone(),
        }
    }

    /// How the portal addresses the person: given name and patronymic.
    pub fn display_name(&self) -> String {
        match &self.patronymic {
            Some(patronymic) => format!("{} {patronymic}", self.given_name),
            None => self.given_name.clone(),
        }
    }
}

pub(crate) fn full_name(surname: &str, given_name: &str, patronymic: Option<&str>) -> String {
    match patronymic {
        Some(patronymic) => format!("{surname} {given_name} {patronymic}"),
        None => format!("{surname} {given_name}"),
    }
}

/// Encryption contexts: a sealed value only opens in the column and row it was written to.
pub(crate) fn snils_context(user_id: Uuid) -> Vec<u8> {
    format!("users.snils:{user_id}").into_bytes()
}

pub(crate) fn inn_context(user_id: Uuid) -> Vec<u8> {
    format!("users.inn:{user_id}").into_bytes()
}

impl Core {
    /// The keyed hash that finds a person by SNILS without storing it in clear.
    pub(crate) fn snils_index(&self, snils_digits: &str) -> Vec<u8> {
        keyed_hash(&self.keys.index, "snils", snils_digits.as_bytes())
    }

    pub(crate) fn inn_index(&self, inn_digits: &str) -> Vec<u8> {
        keyed_hash(&self.keys.index, "inn", inn_digits.as_bytes())
    }
}

pub(crate) async fn user_by_id(tx: &mut Tx, id: Uuid) -> Result<Option<UserRow>> {
    let sql = concat!("SELECT ", user_columns!(), " FROM users WHERE id = $1");
    let row = on_conn!(tx, conn => sqlx::query_as(sql).bind(id).fetch_optional(conn).await)?;
    Ok(row)
}
