# Texts of the interface: navigation, pages, form labels and hints.

brand-name = Kabinet
brand-tagline = Personal account for public services
meta-description = Personal account for public services: applications, documents, notifications
skip-to-content = Skip to main content
footer-text = Kabinet is a personal account for public services. If something does not work, visit a service centre.
loading = Loading…
button-sending = Sending…

## Navigation

nav-label = Main menu
nav-cabinet = Personal account
nav-services = Services
nav-applications = My applications
nav-notifications = Notifications
nav-notifications-unread = { $count ->
    [0] Notifications, none unread
    [one] Notifications, { $count } unread
   *[other] Notifications, { $count } unread
}
nav-profile = Profile
nav-queue = Application queue
nav-sign-in = Sign in
nav-register = Register
nav-sign-out = Sign out

## Errors of pages

error-prefix = Error:
error-summary-title = Correct the errors
notice-done = Done
error-unauthenticated-title = Sign in needed
error-unauthenticated = Sign in to your personal account to open this page.
error-forbidden-title = No access
error-forbidden = Your account has no access to this page.
error-not-found-title = Page not found
error-not-found = There is no such page. Check the address or go to the home page.
error-internal-title = Something went wrong
error-internal = The request failed. Try again in a few minutes. If it happens again, give support the code { $reference }.
error-transport = The portal could not be reached. Check your internet connection and try again.

## Notices

notice-code-sent = We have sent a new code.
notice-profile-saved = Your changes are saved.

## Form fields

field-optional = (optional)
field-login = Phone, e-mail or SNILS
field-login-hint = For example, +7 912 345-67-89, ivan@example.ru or 112-233-445 95
field-password = Password
field-password-hint = At least 8 characters: upper- and lower-case letters, a digit and a sign such as ! or -
field-password-repeat = Password again
field-phone = Mobile phone
field-phone-hint = For example, +7 912 345-67-89. A confirmation code is sent to it
field-surname = Surname
field-given-name = Given name
field-patronymic = Patronymic
field-birth-date = Date of birth
field-email = E-mail
field-snils = SNILS
field-snils-hint = 11 digits, for example 112-233-445 95
field-inn = INN
field-inn-hint = 12 digits
field-code = Code from the SMS
field-code-hint = 6 digits

## Home

home-title = Public services online
home-lead = Apply, follow the status of your applications and get the result without leaving home.
home-open-cabinet = Open your personal account
home-features = Features
home-services-text = Services of the departments, with deadlines, documents and results.
home-applications-text = All your applications, their statuses and history in one place.
home-notifications-text = A message about every status change.

## Sign-in and registration

sign-in-title = Sign in
sign-in-submit = Sign in
sign-in-no-account = No account yet?
register-title = Registration
register-lead = Enter your details as in your passport. A confirmation code will be sent to your phone.
register-submit = Register
register-have-account = Already registered?
confirm-title = Phone confirmation
confirm-lead = We have sent an SMS with a code to the number you gave. The code is valid for 10 minutes.
confirm-submit = Confirm
confirm-resend = Send the code again
confirm-demo-hint = This is a demo portal: SMS are not sent but appear on the page

## Personal account

cabinet-title = Personal account
cabinet-greeting = Hello, { $name }!
cabinet-sections = Sections of the personal account
cabinet-applications-count = { $count ->
    [0] No applications yet
    [one] { $count } application
   *[other] { $count } applications
}
cabinet-unread-count = { $count ->
    [0] No new notifications
    [one] { $count } new notification
   *[other] { $count } new notifications
}
cabinet-profile-text = Your personal data and documents, which fill in applications.
cabinet-history-text = Everything you did on the portal.
cabinet-recent = Recent applications

profile-title = Profile
profile-submit = Save

## Catalogue and applications

services-title = Service catalogue
service-department = Department
service-deadline = Deadline
service-days = { $days ->
    [one] { $days } working day
   *[other] { $days } working days
}
service-result = Result
service-documents = Documents you will need
service-apply = Apply

apply-title = Application
apply-answers = Details
apply-documents = Documents
apply-documents-hint = PDF, JPEG or PNG files of up to 5 MB each.
apply-file-rules = { $max ->
    [one] One file
   *[other] Up to { $max } files
}
apply-file-attached = Attached file
apply-file-remove = Remove
apply-from-profile = Filled in from your profile; you can change it
apply-submit = Submit the application

applications-title = My applications
applications-new = New application
applications-empty = No applications yet.
applications-table = List of applications

application-title = Application No. { $number }
application-submitted = Application submitted
application-submitted-number = Application number { $number }. You can give it over the phone to the department or a service centre.
application-history = Status history
application-answers = Details of the application
application-documents = Documents
history-actor-applicant = Applicant

column-number = Number
column-service = Service
column-applicant = Applicant
column-status = Status
column-assignee = Responsible
column-submitted = Submitted
column-updated = Updated
column-time = Time
column-actor = Changed by
column-comment = Comment
column-action = Action
column-result = Result
column-channel = Channel
column-recipient = Recipient
column-text = Text

size-kb = KB
size-mb = MB

## Notifications and history

notifications-title = Notifications
notifications-empty = No notifications yet.
notifications-unread = new
notifications-open = Open the application
notifications-mark-read = Mark as read
notifications-mark-all = Mark all as read

history-title = Action history
history-empty = No actions yet.
pagination-label = Pages
pagination-newer = Newer
pagination-older = Older

## Officials

queue-title = Application queue
queue-empty = The queue is empty.
queue-filter-status = Status
queue-filter-open = All undecided
queue-filter-apply = Show
review-title = Reviewing an application
review-actions = Actions
review-take = Take the application
review-new-status = New status
review-comment = Comment for the applicant
review-comment-hint = Required when the applicant must act or the application is refused
review-submit = Save the decision
review-no-actions = Another official is reviewing the application, or it is decided.

## Development outbox

outbox-title = Outgoing messages
outbox-lead = SMS and e-mail the portal would send in production. This page exists only in demo mode.
outbox-empty = No messages yet.
