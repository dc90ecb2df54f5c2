### Messages of form field validation. The text is shown next to its field, so it does not
### repeat the field's name.

error-required = Fill in this field
error-too-long = Use at most { $max } { $max ->
        [one] character
       *[other] characters
    }

error-phone-format = Enter a Russian mobile number, for example +7 912 345-67-89

error-snils-format = Enter the 11 digits of your SNILS, for example 112-233-445 95
error-snils-checksum = This SNILS contains a mistake. Check the digits against your document

error-inn-format = Enter the INN in digits: 12 for a person, 10 for an organisation
error-inn-checksum = This INN contains a mistake. Check the digits against your certificate or register extract

error-ogrn-format = Enter the 13 digits of the OGRN, starting with 1 or 5, for example 1027700132195
error-ogrn-checksum = This OGRN contains a mistake. Check the digits against the register extract (EGRUL)
error-ogrnip-format = Enter the 15 digits of the OGRNIP, starting with 3, for example 304500116000157
error-ogrnip-checksum = This OGRNIP contains a mistake. Check the digits against the register extract (EGRIP)

error-kpp-format = Enter the 9 characters of the KPP, for example 773601001. Check it against the register extract (EGRUL)

error-passport-format = Enter the passport series and number: 4 and 6 digits, for example 45 10 123456
error-subdivision-code-format = Enter the 6 digits of the subdivision code, for example 770-001

error-email-format = Enter an e-mail address, for example ivan@example.ru

error-name-chars = Use only letters, hyphens, apostrophes and spaces. The name must start and end with a letter

error-date-format = Enter a date as DD.MM.YYYY, for example 05.03.1990
error-date-future = This date is in the future. Check the year
error-birth-date-too-young = You must be at least { $years } { $years ->
        [one] year
       *[other] years
    } old. Check the date of birth
error-birth-date-too-old = This date of birth is more than { $years } { $years ->
        [one] year
       *[other] years
    } ago. Check the year

error-password-short = Use at least { $min } { $min ->
        [one] character
       *[other] characters
    }
error-password-common = This password is too common and easy to guess. Choose another one

error-network-format = Enter a network as 192.0.2.0/24 or an address as 192.0.2.10; for IPv6, 2001:db8::/32
error-login-format = Enter a phone number, e-mail address or SNILS

error-application-number-format = Enter the 10 digits of the application number, for example 482-157-3098
error-application-number-checksum = This application number contains a mistake. Check the digits against your notification

error-driving-licence-format = Enter the 10 characters of the driving licence series and number, for example 99 12 345678 or 77 АВ 123456
error-foreign-passport-format = Enter the series and number of the passport for travel abroad: 2 and 7 digits, for example 75 1234567
error-issue-date-too-early = A document cannot be issued before you turned { $years }. Check the date of issue against the document
error-expiry-before-issue = The document must expire after its date of issue. Check the dates against the document
error-postcode-format = Enter the 6 digits of the postcode, for example 101000
error-telegram-format = Enter a Telegram username such as @ivan_petrov: 5 to 32 Latin letters, digits and underscores, starting with a letter
error-time-format = Enter the time as HH:MM, for example 22:00
error-quiet-hours-empty = Quiet hours must end at a different time than they start. To turn them off, leave both fields empty
