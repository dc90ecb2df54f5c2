//! The account forms as typed, and their checks.
//!
//! Every field is a `String` exactly as the browser posts it, so a form shown again with
//! errors can put back what the person typed. `validate` turns it into checked values.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::message::{FieldErrors, Message};
use crate::model::{
    Address, Addresses, Documents, DrivingLicence, ForeignPassport, PassportDetails, Profile, Sex,
};
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
    pub inn: String,
    #[serde(default)]
    pub former_names: String,
    /// `male`, `female` or empty.
    #[serde(default)]
    pub sex: String,
    #[serde(default)]
    pub birth_place: String,
    #[serde(default)]
    pub citizenship: String,
    #[serde(default)]
    pub telegram: String,
}

/// A profile edit that passed every check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileChange {
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub birth_date: NaiveDate,
    pub email: Option<String>,
    pub inn: Option<String>,
    pub former_names: Option<String>,
    pub sex: Option<Sex>,
    pub birth_place: Option<String>,
    pub citizenship: Option<String>,
    pub telegram: Option<String>,
}

/// Maximum length of former names, the place of birth and an issuing authority.
pub const MAX_LONG_TEXT_CHARS: usize = 200;
/// Maximum length of the citizenship.
pub const MAX_CITIZENSHIP_CHARS: usize = 100;
/// Maximum length of an address without its postcode.
pub const MAX_ADDRESS_CHARS: usize = 300;

impl ProfileForm {
    /// The form as the profile page fills it from what the profile holds.
    pub fn from_profile(profile: &Profile) -> Self {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        ProfileForm {
            surname: profile.surname.clone(),
            given_name: profile.given_name.clone(),
            patronymic: text(&profile.patronymic),
            birth_date: profile
                .birth_date
                .map(|date| date.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            email: text(&profile.email),
            inn: text(&profile.inn),
            former_names: text(&profile.former_names),
            sex: profile
                .sex
                .map(|sex| sex.code().to_string())
                .unwrap_or_default(),
            birth_place: text(&profile.birth_place),
            citizenship: text(&profile.citizenship),
            telegram: text(&profile.telegram),
        }
    }

    pub fn validate(&self, today: NaiveDate) -> Result<ProfileChange, FieldErrors> {
        let mut errors = FieldErrors::new();

        let surname = errors.check("surname", validate::name::parse(&self.surname, true));
        let given_name = errors.check("given_name", validate::name::parse(&self.given_name, true));
        let patronymic = errors.check("patronymic", validate::name::parse(&self.patronymic, false));
        let birth_date = errors.check("birth_date", birth_date(&self.birth_date, today));
        let email = errors.check("email", optional(&self.email, validate::email::normalize));
        let inn = errors.check("inn", optional(&self.inn, validate::inn::parse_person));
        let former_names = errors.check(
            "former_names",
            optional(&self.former_names, |text| {
                long_text(text, MAX_LONG_TEXT_CHARS)
            }),
        );
        let sex = errors.check(
            "sex",
            match self.sex.as_str() {
                "" => Ok(None),
                code => Sex::parse(code)
                    .map(Some)
                    .ok_or_else(|| Message::new("error-choice")),
            },
        );
        let birth_place = errors.check(
            "birth_place",
            optional(&self.birth_place, |text| {
                long_text(text, MAX_LONG_TEXT_CHARS)
            }),
        );
        let citizenship = errors.check(
            "citizenship",
            optional(&self.citizenship, |text| {
                long_text(text, MAX_CITIZENSHIP_CHARS)
            }),
        );
        let telegram = errors.check(
            "telegram",
            optional(&self.telegram, validate::documents::telegram),
        );

        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ProfileChange {
            surname: surname.flatten().expect("a required name is present"),
            given_name: given_name.flatten().expect("a required name is present"),
            patronymic: patronymic.flatten(),
            birth_date: birth_date.expect("checked above"),
            email: email.flatten(),
            inn: inn.flatten(),
            former_names: former_names.flatten(),
            sex: sex.flatten(),
            birth_place: birth_place.flatten(),
            citizenship: citizenship.flatten(),
            telegram: telegram.flatten(),
        })
    }
}

/// A new SNILS, sent with a scan of the document for an operator to check.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnilsForm {
    #[serde(default)]
    pub snils: String,
}

impl SnilsForm {
    /// Returns the 11 digits of the SNILS.
    pub fn validate(&self) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::new();
        let snils = errors.check(
            "snils",
            required(&self.snils).and_then(|typed| validate::snils::parse(&typed)),
        );
        snils.ok_or(errors)
    }
}

/// A new internal passport, sent with its scan for an operator to check.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassportForm {
    /// Series and number.
    #[serde(default)]
    pub passport: String,
    #[serde(default)]
    pub passport_issue_date: String,
    #[serde(default)]
    pub passport_issued_by: String,
    #[serde(default)]
    pub passport_subdivision_code: String,
}

impl PassportForm {
    /// Checks the passport of a person born on `birth_date` (when known) against `today`.
    pub fn validate(
        &self,
        birth_date: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<PassportDetails, FieldErrors> {
        let mut errors = FieldErrors::new();
        let number = errors.check(
            "passport",
            required(&self.passport).and_then(|typed| validate::passport::parse(&typed)),
        );
        let issue_date = errors.check(
            "passport_issue_date",
            required(&self.passport_issue_date)
                .and_then(|typed| validate::date::parse(&typed))
                .and_then(|date| validate::documents::issue_date(date, birth_date, today)),
        );
        let issued_by = errors.check(
            "passport_issued_by",
            long_text(&self.passport_issued_by, MAX_LONG_TEXT_CHARS),
        );
        let code = errors.check(
            "passport_subdivision_code",
            required(&self.passport_subdivision_code)
                .and_then(|typed| validate::passport::parse_subdivision_code(&typed)),
        );
        match (number, issue_date, issued_by, code) {
            (Some(number), Some(issue_date), Some(issued_by), Some(subdivision_code)) => {
                Ok(PassportDetails {
                    series: number.series,
                    number: number.number,
                    issue_date,
                    issued_by,
                    subdivision_code,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The documents section of the profile other than the passport, which changes only
/// after an operator checks its scan. Each document is given in full or left empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentsForm {
    #[serde(default)]
    pub licence_number: String,
    #[serde(default)]
    pub licence_issue_date: String,
    #[serde(default)]
    pub licence_expiry_date: String,
    #[serde(default)]
    pub foreign_number: String,
    #[serde(default)]
    pub foreign_issue_date: String,
    #[serde(default)]
    pub foreign_expiry_date: String,
    #[serde(default)]
    pub foreign_issued_by: String,
}

impl DocumentsForm {
    /// The fields in the order the form shows them.
    pub const FIELDS: [&str; 7] = [
        "licence_number",
        "licence_issue_date",
        "licence_expiry_date",
        "foreign_number",
        "foreign_issue_date",
        "foreign_expiry_date",
        "foreign_issued_by",
    ];

    /// Checks the documents of a person born on `birth_date` (when known) against `today`.
    /// The result has no passport: the caller keeps the one in the profile.
    pub fn validate(
        &self,
        birth_date: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<Documents, FieldErrors> {
        let mut errors = FieldErrors::new();
        let issued = |input: &str| {
            validate::date::parse(input)
                .and_then(|date| validate::documents::issue_date(date, birth_date, today))
        };

        let driving_licence = section(
            &mut errors,
            &[
                ("licence_number", &self.licence_number),
                ("licence_issue_date", &self.licence_issue_date),
                ("licence_expiry_date", &self.licence_expiry_date),
            ],
            |errors| {
                let number = errors.check(
                    "licence_number",
                    validate::documents::driving_licence(&self.licence_number),
                );
                let issue_date =
                    errors.check("licence_issue_date", issued(&self.licence_issue_date));
                let expiry_date = errors.check(
                    "licence_expiry_date",
                    validate::date::parse(&self.licence_expiry_date)
                        .and_then(|date| validate::documents::expiry_date(date, issue_date)),
                );
                Some(DrivingLicence {
                    number: number?,
                    issue_date: issue_date?,
                    expiry_date: expiry_date?,
                })
            },
        );

        let foreign_passport = section(
            &mut errors,
            &[
                ("foreign_number", &self.foreign_number),
                ("foreign_issue_date", &self.foreign_issue_date),
                ("foreign_expiry_date", &self.foreign_expiry_date),
                ("foreign_issued_by", &self.foreign_issued_by),
            ],
            |errors| {
                let number = errors.check(
                    "foreign_number",
                    validate::documents::foreign_passport(&self.foreign_number),
                );
                let issue_date =
                    errors.check("foreign_issue_date", issued(&self.foreign_issue_date));
                let expiry_date = errors.check(
                    "foreign_expiry_date",
                    validate::date::parse(&self.foreign_expiry_date)
                        .and_then(|date| validate::documents::expiry_date(date, issue_date)),
                );
                let issued_by = errors.check(
                    "foreign_issued_by",
                    long_text(&self.foreign_issued_by, MAX_LONG_TEXT_CHARS),
                );
                Some(ForeignPassport {
                    number: number?,
                    issue_date: issue_date?,
                    expiry_date: expiry_date?,
                    issued_by: issued_by?,
                })
            },
        );

        if !errors.is_empty() {
            in_form_order(&mut errors, &DocumentsForm::FIELDS);
            return Err(errors);
        }
        Ok(Documents {
            passport: None,
            driving_licence,
            foreign_passport,
        })
    }
}

/// The addresses section of the profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressesForm {
    #[serde(default)]
    pub registration_postcode: String,
    #[serde(default)]
    pub registration_address: String,
    /// `yes` when the person lives at the registration address, `no` otherwise.
    #[serde(default)]
    pub residence_same: String,
    #[serde(default)]
    pub residence_postcode: String,
    #[serde(default)]
    pub residence_address: String,
}

impl AddressesForm {
    /// The fields in the order the form shows them.
    pub const FIELDS: [&str; 5] = [
        "registration_postcode",
        "registration_address",
        "residence_same",
        "residence_postcode",
        "residence_address",
    ];

    /// The form as the addresses page fills it from what the profile holds.
    pub fn from_addresses(addresses: &Addresses) -> Self {
        let parts = |address: &Option<Address>| {
            address.as_ref().map_or_else(Default::default, |address| {
                (address.postcode.clone(), address.text.clone())
            })
        };
        let (registration_postcode, registration_address) = parts(&addresses.registration);
        let (residence_postcode, residence_address) = parts(&addresses.residence);
        AddressesForm {
            registration_postcode,
            registration_address,
            residence_same: if addresses.residence_same {
                "yes"
            } else {
                "no"
            }
            .to_string(),
            residence_postcode,
            residence_address,
        }
    }

    pub fn validate(&self) -> Result<Addresses, FieldErrors> {
        let mut errors = FieldErrors::new();
        let registration = address(
            &mut errors,
            ("registration_postcode", &self.registration_postcode),
            ("registration_address", &self.registration_address),
        );
        let residence_same = match self.residence_same.as_str() {
            "yes" => true,
            "no" | "" => false,
            _ => {
                errors.add("residence_same", Message::new("error-choice"));
                false
            }
        };
        if residence_same && registration.is_none() && errors.is_empty() {
            errors.add(
                "registration_address",
                Message::new("error-registration-needed"),
            );
        }
        let residence = if residence_same {
            None
        } else {
            address(
                &mut errors,
                ("residence_postcode", &self.residence_postcode),
                ("residence_address", &self.residence_address),
            )
        };
        if !errors.is_empty() {
            in_form_order(&mut errors, &AddressesForm::FIELDS);
            return Err(errors);
        }
        Ok(Addresses {
            registration,
            residence_same,
            residence,
        })
    }
}

/// Sorts `errors` by the position of their fields in `fields`, so the error summary lists
/// them as the form shows them.
fn in_form_order(errors: &mut FieldErrors, fields: &[&str]) {
    errors
        .0
        .sort_by_key(|error| fields.iter().position(|field| *field == error.field));
}

/// Checks a group of fields that is given in full or not at all. When every field is
/// empty the group is `None`; when some are filled, each empty one gets `error-required`
/// and `check` reports the others.
fn section<T>(
    errors: &mut FieldErrors,
    fields: &[(&str, &String)],
    check: impl FnOnce(&mut FieldErrors) -> Option<T>,
) -> Option<T> {
    if fields.iter().all(|(_, value)| value.trim().is_empty()) {
        return None;
    }
    for (name, value) in fields {
        if value.trim().is_empty() {
            errors.add(*name, Message::new("error-required"));
        }
    }
    check(errors)
}

/// A postcode and the address after it, both given or both empty.
fn address(
    errors: &mut FieldErrors,
    postcode: (&str, &String),
    text: (&str, &String),
) -> Option<Address> {
    section(errors, &[postcode, text], |errors| {
        let code = errors.check(postcode.0, validate::documents::postcode(postcode.1));
        let text = errors.check(text.0, long_text(text.1, MAX_ADDRESS_CHARS));
        Some(Address {
            postcode: code?,
            text: text?,
        })
    })
}

/// Required free text of at most `max` characters, trimmed, inner whitespace collapsed.
fn long_text(input: &str, max: usize) -> Result<String, Message> {
    let typed = required(input)?;
    validate::text::max_chars(&typed, max)?;
    Ok(typed.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The first step of "Забыли пароль" and of unlocking: the login of the account.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryForm {
    #[serde(default)]
    pub login: String,
}

impl RecoveryForm {
    pub fn validate(&self) -> Result<Login, FieldErrors> {
        let mut errors = FieldErrors::new();
        let login = errors.check(
            "login",
            required(&self.login).and_then(|l| validate::login::classify(&l)),
        );
        match login {
            Some(login) => Ok(login),
            None => Err(errors),
        }
    }
}

/// A new password typed twice, as the last step of recovery.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPasswordForm {
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password_repeat: String,
}

impl NewPasswordForm {
    pub fn validate(&self) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::new();
        check_new_password(&mut errors, &self.password, &self.password_repeat);
        if errors.is_empty() {
            Ok(self.password.clone())
        } else {
            Err(errors)
        }
    }
}

/// A password change by its signed-in owner, who confirms it with the current password.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChangeForm {
    #[serde(default)]
    pub current_password: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password_repeat: String,
}

impl PasswordChangeForm {
    /// Checks the form; returns the current and the new password.
    pub fn validate(&self) -> Result<(String, String), FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.current_password.is_empty() {
            errors.add("current_password", Message::new("error-required"));
        }
        check_new_password(&mut errors, &self.password, &self.password_repeat);
        if errors.is_empty() && self.password == self.current_password {
            errors.add("password", Message::new("error-password-unchanged"));
        }
        if errors.is_empty() {
            Ok((self.current_password.clone(), self.password.clone()))
        } else {
            Err(errors)
        }
    }
}

fn check_new_password(errors: &mut FieldErrors, password: &str, repeat: &str) {
    let checked = errors.check("password", validate::password::check(password));
    if checked.is_some() && password != repeat {
        errors.add("password_repeat", Message::new("error-password-mismatch"));
    }
}

/// An administrator's request to end every session of one person, named by the login
/// they sign in with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSessionsForm {
    #[serde(default)]
    pub login: String,
}

impl PersonSessionsForm {
    /// Checks the login as sign-in does; returns it in canonical form.
    pub fn validate(&self) -> Result<Login, FieldErrors> {
        let mut errors = FieldErrors::new();
        let login = errors.check(
            "login",
            required(&self.login).and_then(|l| validate::login::classify(&l)),
        );
        match login {
            Some(login) => Ok(login),
            None => Err(errors),
        }
    }
}

/// An administrator's request to end the sessions of everyone else, with the box that
/// confirms it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllSessionsForm {
    /// `on` when the box is ticked.
    #[serde(default)]
    pub confirm: String,
}

impl AllSessionsForm {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.confirm != "on" {
            errors.add("confirm", Message::new("error-sessions-confirm"));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// A network an account may or may not sign in from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkRuleForm {
    /// `allow` or `deny`.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub cidr: String,
}

impl NetworkRuleForm {
    /// Checks the form; returns whether the rule allows, and the network in canonical
    /// CIDR notation (host bits cleared, e.g. `192.0.2.0/24`).
    pub fn validate(&self) -> Result<(bool, String), FieldErrors> {
        let mut errors = FieldErrors::new();
        let allow = match self.kind.as_str() {
            "allow" => Some(true),
            "deny" => Some(false),
            _ => {
                errors.add("kind", Message::new("error-choice"));
                None
            }
        };
        let cidr = errors.check(
            "cidr",
            required(&self.cidr).and_then(|c| validate::network::parse(&c)),
        );
        match (allow, cidr) {
            (Some(allow), Some(cidr)) if errors.is_empty() => Ok((allow, cidr.to_string())),
            _ => Err(errors),
        }
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

    #[test]
    fn person_sessions_login_is_canonical() {
        for (typed, expected) in [
            ("8 (912) 345-67-89", Login::Phone("+79123456789".into())),
            (" Ivan@Example.RU ", Login::Email("ivan@example.ru".into())),
            ("112-233-445 95", Login::Snils("11223344595".into())),
        ] {
            let form = PersonSessionsForm {
                login: typed.into(),
            };
            assert_eq!(form.validate(), Ok(expected), "login {typed:?}");
        }
    }

    #[test]
    fn person_sessions_needs_login() {
        let errors = PersonSessionsForm::default().validate().unwrap_err();
        assert_eq!(
            errors.get("login").map(|m| m.key.as_str()),
            Some("error-required")
        );
    }

    #[test]
    fn all_sessions_needs_ticked_box() {
        let errors = AllSessionsForm::default().validate().unwrap_err();
        assert_eq!(
            errors.get("confirm").map(|m| m.key.as_str()),
            Some("error-sessions-confirm")
        );
        let ticked = AllSessionsForm {
            confirm: "on".into(),
        };
        assert_eq!(ticked.validate(), Ok(()));
    }
}
