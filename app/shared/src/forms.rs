//! The account forms as typed, and their checks.
//!
//! Every field is a `String` exactly as the browser posts it, so a form shown again with
//! errors can put back what the person typed. `validate` turns it into checked values.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::message::{FieldErrors, Message};
use crate::validate::{self, Login};

/// The registration form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationForm {
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password_repeat: String,
    #[serde(default)]
    pub surname: String,
    #[serde(default)]
    pub given_name: String,
    #[serde(default)]
    pub patronymic: String,
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub snils: String,
    #[serde(default)]
    pub inn: String,
}

/// A registration that passed every check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// E.164, e.g. `+79123456789`.
    pub phone: String,
    pub password: String,
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub birth_date: NaiveDate,
    /// 11 digits.
    pub snils: Option<String>,
    /// 12 digits.
    pub inn: Option<String>,
}

impl RegistrationForm {
    pub fn validate(&self, today: NaiveDate) -> Result<Registration, FieldErrors> {
        let mut errors = FieldErrors::new();

        let phone = errors.check(
            "phone",
            required(&self.phone).and_then(|p| validate::phone::normalize_mobile(&p)),
        );
        let password = errors.check("password", validate::password::check(&self.password));
        if password.is_some() && self.password != self.password_repeat {
            errors.add("password_repeat", Message::new("error-password-mismatch"));
        }
        let surname = errors.check("surname", validate::name::parse(&self.surname, true));
        let given_name = errors.check("given_name", validate::name::parse(&self.given_name, true));
        let patronymic = errors.check("patronymic", validate::name::parse(&self.patronymic, false));
        let birth_date = errors.check("birth_date", birth_date(&self.birth_date, today));
        let snils = errors.check("snils", optional(&self.snils, validate::snils::parse));
        let inn = errors.check("inn", optional(&self.inn, validate::inn::parse_person));

        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Registration {
            phone: phone.expect("checked above"),
            password: self.password.clone(),
            surname: surname.flatten().expect("a required name is present"),
            given_name: given_name.flatten().expect("a required name is present"),
            patronymic: patronymic.flatten(),
            birth_date: birth_date.expect("checked above"),
            snils: snils.flatten(),
            inn: inn.flatten(),
        })
    }
}

/// The sign-in form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    pub login: String,
    #[serde(default)]
    pub password: String,
}

impl SignInForm {
    /// Checks the shape of the login only; whether it and the password are right is for
    /// the server to say, with one message for both.
    pub fn validate(&self) -> Result<(Login, String), FieldErrors> {
        let mut errors = FieldErrors::new();
        let login = errors.check(
            "login",
            required(&self.login).and_then(|l| validate::login::classify(&l)),
        );
        if self.password.is_empty() {
            errors.add("password", Message::new("error-required"));
        }
        match login {
            Some(login) if errors.is_empty() => Ok((login, self.password.clone())),
            _ => Err(errors),
        }
    }
}

/// The editable part of the profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    pub surname: String,
    #[serde(default)]
    pub given_name: String,
    #[serde(default)]
    pub patronymic: String,
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub snils: String,
    #[serde(default)]
    pub inn: String,
}

/// A profile edit that passed every check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileChange {
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub birth_date: NaiveDate,
    pub email: Option<String>,
    pub snils: Option<String>,
    pub inn: Option<String>,
}

impl ProfileForm {
    pub fn validate(&self, today: NaiveDate) -> Result<ProfileChange, FieldErrors> {
        let mut errors = FieldErrors::new();

        let surname = errors.check("surname", validate::name::parse(&self.surname, true));
        let given_name = errors.check("given_name", validate::name::parse(&self.given_name, true));
        let patronymic = errors.check("patronymic", validate::name::parse(&self.patronymic, false));
        let birth_date = errors.check("birth_date", birth_date(&self.birth_date, today));
        let email = errors.check("email", optional(&self.email, validate::email::normalize));
        let snils = errors.check("snils", optional(&self.snils, validate::snils::parse));
        let inn = errors.check("inn", optional(&self.inn, validate::inn::parse_person));

        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ProfileChange {
            surname: surname.flatten().expect("a required name is present"),
            given_name: given_name.flatten().expect("a required name is present"),
            patronymic: patronymic.flatten(),
            birth_date: birth_date.expect("checked above"),
            email: email.flatten(),
            snils: snils.flatten(),
            inn: inn.flatten(),
        })
    }
}

fn required(input: &str) -> Result<String, Message> {
    validate::text::required(input)
}

fn birth_date(input: &str, today: NaiveDate) -> Result<NaiveDate, Message> {
    let typed = required(input)?;
    validate::date::birth_date(validate::date::parse(&typed)?, today)
}

/// Runs `check` on a non-empty input; an empty input is a valid "not given".
fn optional(
    input: &str,
    check: impl Fn(&str) -> Result<String, Message>,
) -> Result<Option<String>, Message> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        check(input).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
    }

    fn registration() -> RegistrationForm {
        RegistrationForm {
            phone: "+7 912 345-67-89".into(),
            password: "Tr0pinka-Lesnaya7".into(),
            password_repeat: "Tr0pinka-Lesnaya7".into(),
            surname: "Иванова".into(),
            given_name: "Алёна".into(),
            patronymic: String::new(),
            birth_date: "1990-05-17".into(),
            snils: "112-233-445 95".into(),
            inn: String::new(),
        }
    }

    #[test]
    fn registration_is_normalised() {
        let valid = registration().validate(today()).unwrap();

        assert_eq!(valid.phone, "+79123456789");
        assert_eq!(valid.given_name, "Алёна");
        assert_eq!(valid.patronymic, None);
        assert_eq!(valid.snils.as_deref(), Some("11223344595"));
        assert_eq!(valid.inn, None);
    }

    #[test]
    fn registration_reports_each_field() {
        let mut form = registration();
        form.phone = "12345".into();
        form.password_repeat = "other".into();
        form.birth_date = String::new();
        form.inn = "123456789037".into();

        let errors = form.validate(today()).unwrap_err();

        assert_eq!(
            errors.get("phone").map(|m| m.key.as_str()),
            Some("error-phone-format")
        );
        assert_eq!(
            errors.get("password_repeat").map(|m| m.key.as_str()),
            Some("error-password-mismatch")
        );
        assert_eq!(
            errors.get("birth_date").map(|m| m.key.as_str()),
            Some("error-required")
        );
        assert_eq!(
            errors.get("inn").map(|m| m.key.as_str()),
            Some("error-inn-checksum")
        );
        assert_eq!(errors.0.len(), 4);
    }

    #[test]
    fn sign_in_names_malformed_phone() {
        let form = SignInForm {
            login: "+7 912 345".into(),
            password: "x".into(),
        };
        let errors = form.validate().unwrap_err();
        assert_eq!(
            errors.get("login").map(|m| m.key.as_str()),
            Some("error-phone-format")
        );
    }

    #[test]
    fn sign_in_requires_password() {
        let form = SignInForm {
            login: "89123456789".into(),
            password: String::new(),
        };
        let errors = form.validate().unwrap_err();
        assert_eq!(
            errors.get("password").map(|m| m.key.as_str()),
            Some("error-required")
        );
        assert!(errors.get("login").is_none());
    }
}
