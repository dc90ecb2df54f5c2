# Messages of the domain: texts sent by SMS, errors of whole requests, statuses,
# notifications and journal entries.

## SMS

sms-registration-code = Kabinet: your confirmation code is { $code }. Do not share it with anyone.
sms-recovery-code = Kabinet: your account recovery code is { $code }. Never share it, not even with portal staff.
sms-account-locked = Kabinet: sign-in to your account is locked after three wrong passwords. If this was not you, change your password. To unlock, use "Unlock sign-in" on the sign-in page.
sms-new-device-sign-in = Kabinet: sign-in from a new device ({ $device }) on network { $network }, { $at }. If this was not you, open "Sign-in journal" and choose "This wasn't me".
sms-password-changed = Kabinet: your password was changed and other sessions were ended. If this was not you, recover your password and contact support.
sms-profile-changed = Kabinet: personal data in your profile was changed. If this was not you, change your password and contact support.
sms-document-approved = Kabinet: your new document was checked and added to your profile.
sms-document-rejected = Kabinet: your new document was not accepted. See the reason in your profile.
sms-phone-change-code = Kabinet: your code to change the phone number is { $code }. Do not share it with anyone.
sms-phone-changed = Kabinet: the phone number of your account was changed, and messages will no longer come to this number. If this was not you, contact support.
email-confirm-address = Hello! This address was entered in a Kabinet personal account. To confirm it, open this link: { $link } It works for { $hours } hours. If this was not you, do nothing: the address will not be added.
email-address-changed = Hello! The e-mail address of your Kabinet personal account was changed to { $email }. Messages will no longer come to this address. If this was not you, change your password and contact support.
sms-sign-in-disowned = Kabinet: you marked a sign-in as not yours. All sessions are ended and sign-in is locked until the password is changed.
sms-second-factor-code = Kabinet: your sign-in and confirmation code is { $code }. Never share it.
sms-phone-already-registered = Kabinet: this number is already registered. Sign in or reset your password. If you did not start a registration, you need not do anything.
sms-application-submitted = Kabinet: application No. { $number } was sent to the department.
sms-status-changed = Kabinet: application No. { $number } is now "{ $status }".
sms-application-message = Kabinet: a new message about application No. { $number }. Read it in your personal account.
sms-application-corrected = Kabinet: the applicant corrected the answers of application No. { $number }. The changes are on the application's page.
sms-application-assigned = Kabinet: application No. { $number } was handed to you.
sms-overdue-report = Kabinet: overdue applications in your department: { $count }.

## E-mail copies of notifications

email-greeting = Hello!
email-open-application = Open the application in your personal account
email-open-portal = Open your notifications in your personal account
email-footer = This message was sent automatically; there is no need to reply. Choose what you are told about, and where, in the notification settings
email-subject-application-submitted = Application No. { $number } sent
email-subject-status-changed = Application No. { $number }: new status "{ $status }"
email-subject-application-message = New message about application No. { $number }
email-subject-application-corrected = Answers corrected in application No. { $number }
email-subject-application-assigned = Application No. { $number } was handed to you
email-subject-overdue-report = Overdue applications of your department: { $count }
email-subject-account-locked = Sign-in to your personal account is locked
email-subject-new-device-sign-in = Sign-in to your personal account from a new device
email-subject-password-changed = Your password was changed
email-subject-profile-changed = Your profile data was changed
email-subject-document-approved = Your document was checked and added to your profile
email-subject-document-rejected = Your document was not accepted
email-subject-sign-in-disowned = A sign-in was marked as not yours

## Telegram

telegram-linked = Kabinet: Telegram is linked. Notifications of your personal account will come to this chat. Choose which ones in the notification settings.
telegram-code-unknown = Kabinet: this link has expired or was already used. Open the notification settings in your personal account to get a new one.

## Errors of forms and requests

error-password-mismatch = The passwords do not match. Type the same password again
error-choice = Choose one of the options
error-number = Enter a whole number in digits, such as 3
error-number-min = The number must be at least { $min }
error-number-max = The number must be at most { $max }
error-group-empty = Fill in at least one entry
error-group-min = At least { $min } entries must be filled in
error-drafts-none = Check at least one draft
error-drafts-send-too-many = At most { $max } drafts can be sent at once
answer-yes = Yes
answer-no = No
error-registration-needed = Enter the registration address first, since you live there
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
error-profile-offer-gone = This answer already matches your profile, so there is nothing to save
error-profile-offer-invalid = Not saved: the answers “{ $fields }” fail the profile's checks. Change them on the profile page
error-email-taken = This address is given in another account. Enter another address
error-channel-needs-email = To get e-mail, first enter and confirm your e-mail address in your profile
error-channel-needs-phone = To get SMS, first confirm your phone number in your profile
error-channel-needs-telegram = To get Telegram messages, first link Telegram on this page
error-channel-needs-push = To get browser notifications, first turn them on on this page
error-push-subscription = The browser sent a notification subscription the portal cannot accept. Try turning notifications on again
error-security-notices-required = Security notices cannot be turned off entirely: keep them on at least one channel
error-scan-required = Attach a scan of the document: a PDF, JPEG or PNG file
error-reason-required = Write the reason for the rejection: the applicant will see it
error-review-decided = Another operator has already decided on this document
error-phone-same = This is your current number. Enter the new number
error-phone-change-expired = The number change was not started or has expired. Enter the new number again
error-phone-change-taken = This number is already used by another account
error-email-link-unknown = This link was not found. Check that you copied the whole link from the message
error-email-link-used = This link has already been used. If the address has not changed, enter it in your profile again
error-email-link-expired = This link has expired. Enter the new address in your profile again and we will send a new link
error-sign-in-failed = Wrong login or password. Check the keyboard layout and Caps Lock. { $left ->
    [one] { $left } attempt left before sign-in is locked
   *[other] { $left } attempts left before sign-in is locked
}
error-account-locked = Sign-in is locked after three wrong passwords. To unlock it, get a code on your confirmed phone: use "Unlock sign-in" below
error-sign-in-throttled = { $minutes ->
    [one] Too many failed sign-ins from your address. Try again in { $minutes } minute
   *[other] Too many failed sign-ins from your address. Try again in { $minutes } minutes
}
error-sign-in-network = The account settings do not allow sign-in from this network. Sign in from an allowed network or recover your password
error-code-rate-limit = { $minutes ->
    [one] Too many codes were requested from your address. Try again in { $minutes } minute
   *[other] Too many codes were requested from your address. Try again in { $minutes } minutes
}
error-recovery-expired = This recovery is no longer valid. Start the recovery again
error-password-unchanged = The new password is the same as the current one. Choose another one
error-current-password-wrong = The current password is wrong
error-sessions-login-unknown = No account signs in with this phone, e-mail or SNILS. Check what was typed
error-password-breached = This password appears in lists of leaked passwords, which attackers try first. Choose another one
error-sessions-confirm = Tick the box to confirm that everyone has to sign in again
error-second-factor-required = Sign-in needs a second factor
error-challenge-expired = The sign-in confirmation has expired or had too many wrong codes. Sign in again
error-factor-code-wrong = Wrong code. Check the code and enter it again
error-factor-email-missing = To get codes by e-mail, first add an e-mail address to your profile
error-factor-phone-missing = The account has no phone for SMS codes
error-factor-exists = This way of confirming is already added
error-passkey-failed = The passkey did not confirm the sign-in. Try again or choose another way
error-passkey-expired = The time to create the passkey ran out. Press the button again
error-passkey-known = This passkey is already added
error-passkey-unavailable = Passkeys are not available at this address of the portal. Open the portal by its domain name
error-passkey-cancelled = The device gave no passkey: the request was cancelled or timed out, or this device has no passkey. Press the button again or choose another way, such as a backup code
error-passkey-unsupported = This browser does not support passkeys. Choose another way
error-factor-none = Add a second factor first
error-step-up-required = Confirm this action with a second factor
error-network-duplicate = This network is already in the list
error-network-locks-out = With this rule you could not sign in from the address you are using now. Check the network address
error-network-rules-max = The list can hold at most { $max } networks. Remove the ones you no longer need
error-form-expired = The form is out of date. Reload the page and submit the application again
error-correction-not-requested = Answers can be corrected only while the department has requested action on the application
error-correction-unchanged = The answers have not changed. Correct what the department asks for, or answer with a message
error-draft-sent = This application has been sent already, so the draft is not saved. Find it under "My applications"
error-drafts-too-many = You already have { $max } drafts, the maximum. Delete the ones you no longer need under "Drafts"
error-file-empty = The file “{ $file }” is empty. Choose another file
error-file-too-large = The file “{ $file }” is larger than { $max } MB. Make it smaller or choose another
error-file-type = The file “{ $file }” is not a PDF, JPEG or PNG. Save the document in one of these formats
error-document-required = Attach this document
error-document-too-many = You can attach at most { $max ->
    [one] { $max } file
   *[other] { $max } files
}
error-comment-required = Tell the applicant why the status changes
error-message-empty = Write a message or attach a file
error-status-not-allowed = This status cannot follow the current one
error-result-only-completed = Result documents can be attached only to a completed application
error-application-already-taken = Another official has already taken this application
error-application-not-yours = The official who took the application decides on it
error-application-changed = The application changed while you worked on it. Reload the page and check its status
error-refusal-ground-required = Choose the ground for refusal
error-refusal-ground-not-for-service = The service's regulation does not provide for this ground. Choose a ground from the list
error-application-not-returnable = Only an application "In progress" can go back to the queue
error-application-final = The application has already been decided, so it cannot be handed over
error-already-assignee = This official already has the application. Choose another one
error-bulk-none = Select at least one application
error-bulk-too-many = Select at most { $max } applications
error-application-not-found = The application is not in your department's queue

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
notification-application-message = New message about application No. { $number }
notification-application-corrected = The applicant corrected the answers of application No. { $number }
notification-application-assigned = Application No. { $number } was handed to you
notification-overdue-report = Overdue applications in your department: { $count }. The queue lists them with "Overdue only"
notification-account-locked = Sign-in is locked after three wrong passwords. If this was not you, change your password
notification-new-device-sign-in = Sign-in from a new device ({ $device }) on network { $network }, { $at }. If this was not you, mark it in the "Sign-in journal"
notification-password-changed = Your password was changed and other sessions were ended
notification-profile-changed = Your profile data was changed
notification-document-approved = Your new document was checked and added to your profile
notification-document-rejected = Your new document was not accepted. The reason is in your profile
notification-sign-in-disowned = A sign-in was marked as not yours. All sessions are ended and sign-in is locked until the password is changed
notification-comment = Official's comment: { $comment }

## Action journal

history-registration = Account registration
history-sign-in = Sign-in to the personal account
history-sign-out = Sign-out from the personal account
history-profile-change = Change of personal data
history-application-submitted = Application No. { $number } submitted
history-application-status-changed = Application No. { $number }: new status “{ $status }”
history-application-withdrawn = Application No. { $number } withdrawn
history-application-message = Message about application No. { $number }
history-application-corrected = Answers corrected in application No. { $number }
history-account-locked = Sign-in locked after wrong passwords
history-account-unlocked = Sign-in unlocked by code
history-password-reset = Password recovery
history-password-changed = Password change
history-session-closed = Sessions ended: { $count }
history-sign-in-disowned = Sign-in marked as not mine; sign-in locked
history-network-rules-changed = Change of the networks allowed for sign-in
history-second-factor-added = Second factor added
history-second-factor-removed = Second factor removed
history-backup-codes-created = New backup codes
history-status-succeeded = Succeeded
history-status-failed = Failed
history-status-in-progress = In progress

## Action history: kinds, categories and exports
history-document-attached = Document “{ $file }” attached to application No. { $number }
history-category-application = Applications
history-category-document = Documents
history-category-profile = Personal data
history-category-sign-in = Sign-in and sign-out
history-category-security = Security
history-category-confirmation = Confirmations
history-category-cancellation = Cancellations
history-category-support = Support
export-column-operation = Operation ID
export-column-time = Date and time
export-column-type = Type
export-column-action = Action
export-column-status = Status
export-column-service = Service
export-column-application = Application
export-column-comment = Official's comment
export-column-files = Files
export-title = Action history: { $name }
export-period = Period: { $period }
export-period-all = all time
export-period-between = from { $from } to { $to }
export-period-since = from { $from }
export-period-until = until { $to }
export-page = Page { $page } of { $pages }
decision-title = Decision on application No. { $number }
decision-document-title = Decision on the application
result-document-title = Result document
decision-file-name = Decision on application { $number }.pdf
decision-service = Service
decision-applicant = Applicant
decision-submitted = Application submitted (Moscow time)
decision-decided = Decision made (Moscow time)
decision-outcome = Decision
decision-reason = Ground for refusal
decision-completed = The service has been provided. Result: { $result }
decision-refused = The service has been refused
decision-comment = Comment
decision-results = Result documents
decision-official = Responsible official
decision-footer = The document was made in the Kabinet personal account when the decision was taken. The department can confirm it by the application number.
error-history-type = Choose an operation type from the list.
error-history-status = Choose a status from the list.
error-category = Choose a category from the list.
error-applications-status = Choose a status from the list.
error-applications-service = Choose a service from the list.
error-applications-sort = Choose an order from the list.
error-application-decided = The application has already been decided, so it cannot be withdrawn.
error-application-closed = The application has already been decided, so its thread is closed.
error-period = The end of the period cannot be before its start.
## Sign-in through ESIA
history-sso-linked = Gosuslugi account linked
history-sso-unlinked = Gosuslugi account unlinked
history-notification-settings-changed = Notification settings changed
history-telegram-linked = Telegram linked for notifications
history-telegram-unlinked = Telegram unlinked
history-template-saved = Application No. { $number } saved as a template
history-template-deleted = Application template deleted
error-template-name-taken = You already have a template with this name. Choose another name
error-templates-too-many = You already have { $max } templates, the maximum. Delete the ones you no longer need under "Templates"
error-sso-password-wrong = Wrong password of the portal account. Enter the password you sign in to the portal with, or decline the link
error-sso-unlink-needs-password = This account was created through Gosuslugi and has no password of its own. Set a password through recovery first, then unlink Gosuslugi
error-sso-already-linked = Another Gosuslugi account is already linked to this account
