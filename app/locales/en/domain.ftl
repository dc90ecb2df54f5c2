# Messages of the domain: texts sent by SMS, errors of whole requests, statuses,
# notifications and journal entries.

## SMS

sms-registration-code = Kabinet: your confirmation code is { $code }. Do not share it with anyone.
sms-phone-already-registered = Kabinet: this number is already registered. Sign in or reset your password. If you did not start a registration, you need not do anything.

## Errors of forms and requests

error-password-mismatch = The passwords do not match. Type the same password again
error-choice = Choose one of the options
error-code-wrong = { $left ->
    [0] Wrong code. No attempts are left; request a new code
    [one] Wrong code. { $left } attempt left
   *[other] Wrong code. { $left } attempts left
}
error-code-expired = The code is no longer valid. Request a new code
error-code-attempts = Too many wrong attempts. Request a new code
error-code-resend-wait = { $seconds ->
    [one] You can request a new code in { $seconds } second
   *[other] You can request a new code in { $seconds } seconds
}
error-registration-expired = The time to confirm the registration is over. Fill in the registration form again
error-phone-registered = This number is already registered. Sign in or reset your password
error-snils-taken = This SNILS is given in another account. If it is yours, contact support
error-inn-taken = This INN is given in another account. If it is yours, contact support
error-email-taken = This address is given in another account. Enter another address
error-sign-in-failed = Wrong login or password. Check the keyboard layout and Caps Lock
error-form-expired = The form is out of date. Reload the page and submit the application again
error-file-empty = The file “{ $file }” is empty. Choose another file
error-file-too-large = The file “{ $file }” is larger than { $max } MB. Make it smaller or choose another
error-file-type = The file “{ $file }” is not a PDF, JPEG or PNG. Save the document in one of these formats
error-document-required = Attach this document
error-document-too-many = You can attach at most { $max ->
    [one] { $max } file
   *[other] { $max } files
}
error-comment-required = Tell the applicant why the status changes
error-status-not-allowed = This status cannot follow the current one
error-application-already-taken = Another official has already taken this application
error-application-not-yours = The official who took the application decides on it
error-application-changed = The application changed while you worked on it. Reload the page and check its status

## Application statuses

status-submitted = Submitted
status-in-progress = In progress
status-action-required = Action required
status-completed = Completed
status-refused = Refused
status-withdrawn = Withdrawn

## Catalogue categories

category-taxes = Taxes
category-passports-registration = Passports and registration
category-social-support = Social support
category-family = Family
category-transport = Transport
category-business = Business
category-health = Health

## Notifications

notification-application-submitted = Application No. { $number } was sent to the department
notification-status-changed = Application No. { $number }: { $status }
notification-comment = Official's comment: { $comment }

## Action journal

history-registration = Account registration
history-sign-in = Sign-in to the personal account
history-sign-out = Sign-out from the personal account
history-profile-change = Change of personal data
history-application-submitted = Application No. { $number } submitted
history-application-status-changed = Application No. { $number }: new status “{ $status }”
history-status-succeeded = Succeeded
history-status-failed = Failed
history-status-in-progress = In progress
