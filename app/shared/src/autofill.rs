//! Filling application fields from the profile, and keeping answers in it.
//!
//! A field of a service may name the profile value it represents (`prefill`). The form
//! then opens with that value, and when the person typed something the profile lacks or
//! contains differently, the application page offers to keep the answer in the profile. Only
//! values the profile page itself saves without a confirmation are offered: names, birth
//! date and place, former names, INN and the two addresses. The passport, SNILS, phone and
//! e-mail change only through their own confirmations (an operator's check, a code or a
//! link), so an application never changes them.

use crate::model::{Address, Profile};
use crate::service::ProfileField;

/// Returns the profile's value for a field of `meaning`, as the form shows it: dates as
/// `YYYY-MM-DD`, SNILS with separators, an address as `postcode, text`.
pub fn profile_value(profile: &Profile, meaning: ProfileField) -> Option<String> {
    let date = |date: chrono::NaiveDate| date.format("%Y-%m-%d").to_string();
    let address = |address: &Address| format!("{}, {}", address.postcode, address.text);
    let passport = profile.documents.passport.as_ref();
    match meaning {
        ProfileField::Surname => Some(profile.surname.clone()),
        ProfileField::GivenName => Some(profile.given_name.clone()),
        ProfileField::Patronymic => profile.patronymic.clone(),
        ProfileField::BirthDate => profile.birth_date.map(date),
        ProfileField::Phone => profile.phone.clone(),
        ProfileField::Email => profile.email.clone(),
        ProfileField::Snils => profile.snils.as_deref().map(crate::validate::snils::format),
        ProfileField::Inn => profile.inn.clone(),
        ProfileField::FormerNames => profile.former_names.clone(),
        ProfileField::BirthPlace => profile.birth_place.clone(),
        ProfileField::Passport => passport.map(|passport| passport.display_number()),
        ProfileField::PassportIssueDate => passport.map(|passport| date(passport.issue_date)),
        ProfileField::PassportIssuedBy => passport.map(|passport| passport.issued_by.clone()),
        ProfileField::PassportSubdivisionCode => {
            passport.map(|passport| passport.subdivision_code.clone())
        }
        ProfileField::RegistrationAddress => profile.addresses.registration.as_ref().map(address),
        ProfileField::ResidenceAddress => profile.addresses.actual_residence().map(address),
    }
}

/// Whether an answer for `meaning` may be saved to the profile from an application.
pub fn saves_back(meaning: ProfileField) -> bool {
    match meaning {
        ProfileField::Surname
        | ProfileField::GivenName
        | ProfileField::Patronymic
        | ProfileField::BirthDate
        | ProfileField::Inn
        | ProfileField::FormerNames
        | ProfileField::BirthPlace
        | ProfileField::RegistrationAddress
        | ProfileField::ResidenceAddress => true,
        ProfileField::Phone
        | ProfileField::Email
        | ProfileField::Snils
        | ProfileField::Passport
        | ProfileField::PassportIssueDate
        | ProfileField::PassportIssuedBy
        | ProfileField::PassportSubdivisionCode => false,
    }
}

/// Joins the words of `text` with single spaces, as the profile stores free text.
fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads an address answer written as `postcode, text`; `None` when it does not start with
/// a postcode of six digits, since the profile keeps the postcode apart.
pub fn parse_address(answer: &str) -> Option<Address> {
    let (postcode, text) = answer.trim().split_once(',')?;
    let postcode = postcode.trim();
    let text = collapse_spaces(text);
    let is_postcode = postcode.len() == 6 && postcode.bytes().all(|byte| byte.is_ascii_digit());
    (is_postcode && !text.is_empty()).then(|| Address {
        postcode: postcode.to_string(),
        text,
    })
}

/// Checks whether `answer` differs from what the profile contains for `meaning`, so that
/// saving it would change the profile. Runs of spaces do not count, since the profile stores free
/// text with single spaces; letter case does.
pub fn differs_from_profile(profile: &Profile, meaning: ProfileField, answer: &str) -> bool {
    let answer = collapse_spaces(answer);
    if answer.is_empty() {
        return false;
    }
    match meaning {
        ProfileField::RegistrationAddress | ProfileField::ResidenceAddress => {
            let held = match meaning {
                ProfileField::RegistrationAddress => profile.addresses.registration.as_ref(),
                _ => profile.addresses.actual_residence(),
            };
            parse_address(&answer).is_some_and(|typed| held != Some(&typed))
        }
        _ => profile_value(profile, meaning).map(|held| collapse_spaces(&held)) != Some(answer),
    }
}

#[cfg(test)]
mod tests {

    use chrono::NaiveDate;

    use super::*;
    use crate::model::{Addresses, Documents, PassportDetails};

    fn profile() -> Profile {
        Profile {
            surname: "Иванова".into(),
            given_name: "Алёна".into(),
            birth_place: Some("гор. Москва".into()),
            documents: Documents {
                passport: Some(PassportDetails {
                    series: "4510".into(),
                    number: "739284".into(),
                    issue_date: NaiveDate::from_ymd_opt(2010, 6, 1).unwrap(),
                    issued_by: "ТП УФМС России по гор. Москве".into(),
                    subdivision_code: "770-001".into(),
                }),
                ..Default::default()
            },
            addresses: Addresses {
                registration: Some(Address {
                    postcode: "125009".into(),
                    text: "г. Москва, ул. Тверская, д. 7, кв. 12".into(),
                }),
                residence_same: true,
                residence: None,
            },
            ..Default::default()
        }
    }

    #[test]
    fn fills_documents_and_addresses() {
        let profile = profile();
        let value = |meaning| profile_value(&profile, meaning);
        assert_eq!(
            value(ProfileField::Passport).as_deref(),
            Some("45 10 739284")
        );
        assert_eq!(
            value(ProfileField::PassportIssueDate).as_deref(),
            Some("2010-06-01")
        );
        assert_eq!(
            value(ProfileField::PassportSubdivisionCode).as_deref(),
            Some("770-001")
        );
        assert_eq!(
            value(ProfileField::BirthPlace).as_deref(),
            Some("гор. Москва")
        );
        let registration = Some("125009, г. Москва, ул. Тверская, д. 7, кв. 12");
        assert_eq!(
            value(ProfileField::RegistrationAddress).as_deref(),
            registration
        );
        // The person lives at the registration address.
        assert_eq!(
            value(ProfileField::ResidenceAddress).as_deref(),
            registration
        );
    }

    #[test]
    fn leaves_missing_values_empty() {
        let profile = Profile::default();
        for meaning in [
            ProfileField::Passport,
            ProfileField::FormerNames,
            ProfileField::RegistrationAddress,
            ProfileField::ResidenceAddress,
        ] {
            assert_eq!(profile_value(&profile, meaning), None, "{meaning:?}");
        }
    }

    #[test]
    fn offers_only_values_without_their_own_confirmation() {
        assert!(saves_back(ProfileField::BirthPlace));
        assert!(saves_back(ProfileField::RegistrationAddress));
        for meaning in [
            ProfileField::Phone,
            ProfileField::Email,
            ProfileField::Snils,
            ProfileField::Passport,
            ProfileField::PassportSubdivisionCode,
        ] {
            assert!(!saves_back(meaning), "{meaning:?}");
        }
    }

    #[test]
    fn reads_addresses_with_a_postcode_only() {
        assert_eq!(
            parse_address(" 141600,  Московская обл.,  г. Клин, ул. Мира, д. 3 "),
            Some(Address {
                postcode: "141600".into(),
                text: "Московская обл., г. Клин, ул. Мира, д. 3".into(),
            })
        );
        assert_eq!(parse_address("г. Клин, ул. Мира, д. 3"), None);
        assert_eq!(parse_address("14160, г. Клин"), None);
        assert_eq!(parse_address("1416000, г. Клин"), None);
        assert_eq!(parse_address("141600,"), None);
        assert_eq!(
            parse_address("１４１６００, г. Клин"),
            None,
            "full-width digits"
        );
    }

    #[test]
    fn compares_answers_with_the_profile() {
        let profile = profile();
        let differs = |meaning, answer| differs_from_profile(&profile, meaning, answer);
        assert!(!differs(ProfileField::BirthPlace, "гор. Москва"));
        assert!(!differs(ProfileField::BirthPlace, "  гор.   Москва "));
        assert!(differs(ProfileField::BirthPlace, "г. Москва"));
        // The profile has no former names, so any answer is new.
        assert!(differs(ProfileField::FormerNames, "Петрова"));
        assert!(!differs(ProfileField::FormerNames, ""));
        assert!(!differs(
            ProfileField::RegistrationAddress,
            "125009, г. Москва, ул. Тверская, д. 7, кв. 12"
        ));
        assert!(!differs(
            ProfileField::RegistrationAddress,
            "125009,г. Москва, ул. Тверская, д. 7, кв. 12"
        ));
        assert!(differs(
            ProfileField::ResidenceAddress,
            "141600, г. Клин, ул. Мира, д. 3"
        ));
        // An address without a postcode cannot be kept, so it is never offered.
        assert!(!differs(
            ProfileField::ResidenceAddress,
            "г. Клин, ул. Мира, д. 3"
        ));
    }
}
