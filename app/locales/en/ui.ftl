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
nav-notifications-arrived = A new notification. Unread: { $count }
nav-profile = Profile
nav-queue = Application queue
nav-reviews = Document checks
nav-admin-sessions = User sessions
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
notice-email-pending = Your changes are saved. A message with a link was sent to { $email }: the address takes effect when you open the link. Until then the previous address stays in use.
notice-email-confirmed = The e-mail address is confirmed and is now used by your account.

## Form fields

field-optional = (optional)
field-login = Phone, e-mail or SNILS
field-login-hint = For example, +7 912 345-67-89, ivan@example.ru or 112-233-445 95
field-password = Password
field-password-hint = At least 8 characters of any kind. A long phrase of several words is safer than a short password
field-password-repeat = Password again
field-phone = Mobile phone
field-phone-hint = For example, +7 912 345-67-89. A confirmation code is sent to it
field-new-phone = New mobile phone number
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
field-former-names = Former surnames and names
field-former-names-hint = If you changed them, for example "Petrova, until 2015"
field-sex = Sex
sex-male = Male
sex-female = Female
field-birth-place = Place of birth
field-birth-place-hint = As in the passport, for example "Kazan, Republic of Tatarstan"
field-citizenship = Citizenship
field-telegram = Telegram
field-telegram-hint = Username, for example @ivan_petrov
field-passport = Passport series and number
field-passport-hint = 4 and 6 digits, for example 45 10 123456
field-passport-issue-date = Passport date of issue
field-passport-issued-by = Passport issued by
field-subdivision-code = Subdivision code
field-subdivision-code-hint = 6 digits, for example 770-001
field-licence-number = Licence series and number
field-licence-number-hint = 10 characters, for example 99 12 345678
field-licence-issue-date = Licence date of issue
field-licence-expiry-date = Licence valid until
field-foreign-number = Series and number of the passport for travel abroad
field-foreign-number-hint = 2 and 7 digits, for example 75 1234567
field-foreign-issue-date = Date of issue of the passport for travel abroad
field-foreign-expiry-date = Passport for travel abroad valid until
field-foreign-issued-by = Passport for travel abroad issued by
field-registration-postcode = Postcode of the registration address
field-registration-address = Registration address
field-address-hint = Region, locality, street, house, building, flat
field-residence-same = Where you live
residence-same-yes = At the registration address
residence-same-no = At another address
field-residence-postcode = Postcode of the residence address
field-residence-address = Residence address
field-residence-hint = Fill in if you do not live at the registration address

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
cabinet-applications = Applications
cabinet-action-required = Waiting for your action: { $count }
cabinet-in-progress = Being processed: { $count }
cabinet-results = Decided or withdrawn: { $count }
cabinet-group-all = Open the whole list
cabinet-group-table = Table “{ $group }”

profile-title = Profile
profile-submit = Save
profile-sections = Profile sections
profile-section-personal = Personal data and contacts
profile-section-documents = Documents
profile-section-addresses = Addresses
profile-section-personal-data = Personal data
profile-section-contacts = Contacts
profile-section-numbers = SNILS and INN
profile-documents-title = Documents
profile-documents-lead = Document details are stored encrypted and fill in your applications. Leave the section of a document you do not have empty.
profile-passport = Passport of a citizen of the Russian Federation
profile-passport-hint = To add or change the passport, you will be asked to confirm that it is you.
profile-driving-licence = Driving licence
profile-foreign-passport = Passport for travel abroad
profile-optional-document = Optional. If you fill it in, fill in every field.
profile-addresses-title = Addresses
profile-registration-address = Registration address
profile-residence-address = Residence address
profile-email-pending = Waiting for confirmation: { $email }. Open the link in the message sent to this address.
email-confirm-title = Confirming your e-mail address
email-confirm-text = Confirm that { $email } is your address. Codes and notices will then be sent to it.
email-confirm-submit = Confirm the address
email-confirm-to-profile = Go to your profile
profile-change-phone = Change the number
profile-passport-none = No passport is given.
profile-passport-new = Give a new passport
profile-passport-pending = Passport { $number } is being checked. An operator compares it with the scan; until then your applications use the previous passport.
profile-passport-approved = Passport { $number } is checked and used in your applications.
profile-passport-rejected = Passport { $number } was not accepted. Reason: { $reason } Correct the details or attach another scan and send the passport again.
profile-change-snils = Change the SNILS
profile-snils-pending = SNILS { $number } is being checked. An operator compares it with the scan of the document; until then the previous number is used.
profile-snils-approved = SNILS { $number } is checked and used in your applications.
profile-snils-rejected = SNILS { $number } was not accepted. Reason: { $reason } Correct the number or attach another scan and send it again.
snils-title = New SNILS
snils-lead = An operator compares the number with a scan of the insurance certificate or of the notice of registration in the individual records system. Until then the previous number is used. Before sending, we ask you to confirm once more that it is you.
field-new-snils = New SNILS
field-snils-scan = Scan of the document with the SNILS
reviews-kind-snils = SNILS
review-submitted-snils = New SNILS
review-current-snils = SNILS in the profile now
review-approve-snils = Approve the SNILS
passport-title = New passport
passport-lead = An operator compares the details with a scan of the photo page. Until then your applications use the previous passport. Before sending, we ask you to confirm once more that it is you.
passport-submit = Send for checking
field-passport-scan = Scan of the photo page
field-passport-scan-hint = A PDF, JPEG or PNG file of up to 5 MB
field-review-reason = Reason for rejection
field-review-reason-hint = The applicant sees this text. Say what to correct
reviews-title = Document checks
reviews-empty = No documents wait for checking.
reviews-applicant = Applicant
reviews-document = Document
reviews-submitted = Sent
reviews-kind-passport = Passport of a citizen of Russia
document-review-title = Document check
review-submitted-passport = New passport
review-current-passport = Passport in the profile now
review-scan = Download the scan
review-decision = Decision
review-approve-passport = Approve the passport
review-reject = Reject
review-decided = This document has already been decided.
access-reason-document-review-viewed = Document check
access-reason-document-review-scan-viewed = Viewing a document scan
access-reason-document-review-decided = Decision on a document check
phone-change-title = New phone number
phone-change-lead = A code will be sent to the new number. The number changes when you enter the code; until then codes and notices go to the previous number.
phone-change-submit = Get a code
phone-change-confirm-title = Code from the new number
phone-change-confirm-lead = Enter the code from the SMS sent to the new number.
phone-change-confirm-submit = Change the number
notice-phone-changed = Your phone number was changed. Sign in with the new number.
profile-section-access = Who viewed my data
profile-export-title = Download my data
profile-export-text = Everything the portal holds about you in one file: profile, documents, addresses, applications, action history and staff access to your data.
profile-export-json = Download a JSON file
profile-export-pdf = Download a PDF file
export-data-title = My data: { $name }
export-data-exported = Exported on { $at }
export-data-none = not given
export-data-applications = Applications
export-data-history = Action history
export-data-history-count = Entries: { $count }. The full list is in the JSON file and in the export on the Action history page.
profile-access-title = Who viewed my data
profile-access-lead = Department staff see your data only while they process your application. Each such view is recorded here.
profile-access-empty = No member of staff has viewed your data yet.
profile-access-when = When
profile-access-who = Who
profile-access-department = Department
profile-access-why = Why
access-reason-application-viewed = Processing of application { $number }
access-reason-application-taken = Application { $number } taken into work
access-reason-application-decided = Decision on application { $number }
access-reason-application-returned = Application { $number } returned to the queue
access-reason-application-reassigned = Application { $number } handed to another official
access-reason-document-downloaded = Viewing a document of application { $number }
access-reason-history-change-rejected = An attempt to change the action history was rejected
access-reason-sessions-ended = An administrator ended all your sessions
role-citizen = Applicant
role-official = Department official
role-support = Support specialist
role-admin = Portal administrator

## Catalogue and applications

services-title = Service catalogue
services-filter-label = Search the service catalogue
services-filter-q = What are you looking for
services-filter-q-hint = Words from the name or description of a service, such as “replace passport” or “child allowance”.
services-filter-category = Category
services-filter-any = All categories
services-filter-apply = Search
services-categories = Service categories
services-found = { $count ->
    [one] { $count } service found
   *[other] { $count } services found
}
services-nothing-found = No services match your search. Try other words or choose a category.
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
apply-shown-when = Fill in only if the answer to “{ $field }” is { $values }
apply-submit = Submit the application
apply-save-draft = Save as a draft
apply-next = Next
apply-back = Back
steps-label = Steps of the application
steps-count = Step { $step } of { $total }
steps-review = Review and send
apply-review-lead = Check the answers and files before sending. To correct an answer, go back to its step with the "Change" link: everything typed is kept.
apply-review-change = Change
apply-review-change-step = step "{ $step }"
apply-review-no-files = No files attached
steps-done = filled in
group-remove = Remove: { $item }
group-application-per-item = A separate application with its own number will be sent for each one listed. The other answers and the documents go into each of them
group-full = No more entries can be added: there can be at most { $max }.
apply-draft-hint = A draft can be finished later: it keeps the answers and the attached files, but does not check them.
apply-draft-autosaved = The draft was saved automatically at { $time }.
drafts-title = Drafts
drafts-lead = Applications you started to fill in but have not sent. A draft is kept until you send the application or delete it.
drafts-empty = There are no drafts.
drafts-column-service = Service
drafts-column-saved = Saved
drafts-column-filled = Filled in
drafts-filled = { $answers ->
    [one] { $answers } answer
   *[other] { $answers } answers
}, { $files ->
    [one] { $files } file
   *[other] { $files } files
}
drafts-delete = Delete
drafts-delete-label = Delete the draft: { $service }
drafts-column-send = Send
drafts-check-label = Send the draft "{ $service }" saved { $saved }
drafts-send = Send the checked drafts
drafts-send-hint = Each checked draft becomes a separate application with its own number. Drafts with errors stay here to be fixed.
notice-drafts-sent = { $sent ->
    [0] No application was sent.
   *[other] Applications sent: { $sent }. Numbers: { $numbers }.
} { $kept ->
    [0] {""}
   *[other] Drafts with errors: { $kept }. Open each one, fix the errors and send it.
}
drafts-back = Back to the applications
notice-draft-saved = The draft is saved. You can finish it later under "Drafts".
notice-draft-deleted = The draft is deleted.

templates-title = Templates
templates-lead = Answers of your earlier applications, saved under names of your choice. A new application from a template starts with these answers, and its documents must be attached again.
templates-empty = No templates yet. An application can be saved as a template from its page.
templates-column-name = Name
templates-column-saved = Saved
templates-filled = { $answers ->
    [one] { $answers } answer
   *[other] { $answers } answers
}
service-templates = Fill in from one of your templates
templates-use = Fill in from template
templates-use-label = Fill in from template "{ $name }"
templates-delete-label = Delete the template "{ $name }"
notice-template-deleted = Template deleted.
template-title = Application template
template-open = Save the answers as a template
template-text = A template keeps this application's answers without its documents. A new application for the same service can start from it. All templates are under
template-name = Template name
template-name-hint = For example, "Certificate for my son". At most 100 characters.
template-submit = Save template
notice-template-saved = Template "{ $name }" saved. It is under "Templates".
apply-from-template = The form is filled in from the template "{ $name }". Check the answers and attach the documents.

applications-title = My applications
applications-new = New application
applications-empty = No applications yet.
applications-table = List of applications
applications-filter-label = Search and filter applications
applications-filter-q = Number or words
applications-filter-q-hint = The application number or a part of it, such as 482-157, or words from the name of the service.
applications-filter-status = Status
applications-filter-service = Service
applications-filter-category = Category
applications-filter-from = Submitted from
applications-filter-to = Submitted until
applications-filter-sort = Order
applications-sort-newest = Newest first
applications-sort-oldest = Oldest first
applications-sort-updated = Recently changed
applications-found = { $count ->
    [one] { $count } application found
   *[other] { $count } applications found
}
applications-nothing-found = No applications match the filter.
pagination-previous = Previous
pagination-next = Next
application-withdrawn-notice = Application No. { $number } has been withdrawn. The department will not consider it any more.
withdraw-title = Withdrawing the application
withdraw-open = Withdraw the application
withdraw-text = The department will not consider a withdrawn application, and it cannot be restored. To get the service, you will need to submit a new application.
withdraw-reason = Reason for withdrawal
withdraw-reason-hint = Optional. The department's official will see it.
withdraw-submit = Confirm the withdrawal
thread-title = Messages with the department
thread-title-staff = Messages with the applicant
thread-empty = No messages yet.
thread-body = Message
thread-body-hint = Up to 2000 characters. The department's official replies here, and you get a notification.
thread-body-hint-staff = Up to 2000 characters. The applicant gets a notification of the message.
thread-files = Files
thread-files-hint = Up to 5 PDF, JPEG or PNG files, each at most 5 MB.
thread-send = Send the message
thread-send-answer = Answer and return the application to the department
thread-request-title = The department asks you to clarify the application
thread-request-answer = Answer the request
correction-link = Correct the answers
correction-sent = The answers are corrected, and the department is working on the application again.
correction-title = Correcting application No. { $number }
correction-lead = Correct the answers the department asks about and send the application again. The earlier answers are kept, and the department sees what changed.
correction-submit = Send the corrected application
correction-cancel = Back to the application without changes
correction-history = Corrections of the answers
correction-version = Version { $version } of { $date }
correction-column-question = Question
correction-column-before = Before
correction-column-after = After
correction-empty-answer = no answer
thread-posted = The message has been sent.
result-documents-title = Results of services
result-documents-empty = Decisions on your applications will appear here once the departments make them.

application-title = Application No. { $number }
application-submitted = Application submitted
application-submitted-number = Application number { $number }. You can give it over the phone to the department or a service centre.
application-submitted-batch = { $count ->
    [one] { $count } more application was sent with it
   *[other] { $count } more applications were sent with it
  }, each with its own number. They are listed below under "Sent together".
application-batch-title = Sent together
application-batch-lead = These applications were sent by the same form as this one, one for each person it lists.
application-batch-link = Application No. { $number }
application-history = Status history
application-answers = Details of the application
profile-offers-title = Keep these answers in your profile?
profile-offers-text = Your profile does not have these details, or has them differently. Once saved, they fill your next applications. This application stays as it is.
profile-offer-save = Save “{ $field }”
profile-offers-save-all = Save all to the profile
profile-offers-saved = { $count ->
    [one] { $count } value saved to your profile.
   *[other] { $count } values saved to your profile.
}
profile-offers-open-profile = Open the profile
application-documents = Documents
history-actor-applicant = Applicant
history-step-returned = Returned to the department's queue
history-step-corrected = The applicant corrected the answers
history-step-reassigned = Handed to { $name }
history-refusal-reason = Ground for refusal: { $reason }

column-number = Number
column-service = Service
column-applicant = Applicant
column-status = Status
column-assignee = Responsible
column-submitted = Submitted
column-updated = Updated
column-deadline = Processing deadline
deadline-left = { $days ->
    [0] last day
    [one] { $days } working day left
   *[other] { $days } working days left
}
deadline-overdue = { $days ->
    [one] Overdue by { $days } working day
   *[other] Overdue by { $days } working days
}
column-time = Time
column-actor = Changed by
column-comment = Comment
column-select = Select
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
queue-filter-overdue = Overdue only
queue-filter-apply = Show
review-title = Reviewing an application
review-actions = Actions
review-take = Take the application
review-new-status = New status
review-comment = Comment for the applicant
review-comment-hint = Required when the applicant must act or the application is refused
review-submit = Save the decision
review-result-files = Result documents
review-result-files-hint = The certificate, extract or other document the applicant receives. Only with the status "Completed". PDF, JPEG or PNG, at most 5 files.
review-no-actions = Another official is reviewing the application, or it is decided.
queue-nothing-found = No applications match this filter.
queue-found = Applications found: { $count }
queue-filter-label = Queue filter
queue-filter-assignee = Official
queue-assignee-anyone = Anyone
queue-assignee-mine = Me
queue-assignee-nobody = Nobody, not taken yet
queue-select = Select application No. { $number }
queue-bulk-title = Actions on the selected applications
queue-bulk-hint = You can take applications that are "Submitted". You can return to the queue or hand to a colleague only those you have taken.
queue-bulk-hint-head = You can take applications that are "Submitted". You can return to the queue only those you have taken. As the head of the department, you can hand any undecided application to a colleague.
queue-bulk-take = Take
queue-bulk-return = Return to the queue
queue-bulk-assignee = Official
queue-bulk-assignee-choose = Choose an official
queue-bulk-reassign = Hand to the official
queue-bulk-taken = Applications taken: { $count }
queue-bulk-returned = Applications returned to the queue: { $count }
queue-bulk-reassigned = Applications handed over: { $count }
queue-bulk-partial = Done for { $done }, not done for { $failed }
queue-bulk-failed = No. { $number }: { $reason }
queue-bulk-failed-unknown = One of the selected: { $reason }
review-decision-title = Decision
review-reason = Ground for refusal
review-reason-hint = Required when the service is refused
review-reason-choose = Choose a ground
review-return-title = Return to the queue
review-return-hint = The application becomes "Submitted" again, and any official of the department can take it.
review-return = Return to the queue
review-returned = The application is back in the department's queue.
review-changed = The decision is saved. The applicant got a notification.
review-reassign-title = Hand to another official
review-reassign-to = Official
review-reassign-note = Note for the colleague
review-reassign-note-hint = Shown in the application's history, to the applicant too
review-reassign = Hand over
review-reassigned = The application is handed over. The official got a notification.

## Development outbox

outbox-title = Outgoing messages
outbox-lead = SMS and e-mail the portal would send in production. This page exists only in demo mode.
outbox-empty = No messages yet.

## Security: sign-in journal, sessions, networks

yes = Yes
sign-in-result-succeeded = Signed in
sign-in-result-wrong-password = Wrong password
sign-in-result-locked = Sign-in locked
sign-in-result-throttled = Too many attempts from the address
sign-in-result-network-denied = Network not allowed
sign-ins-column-time = Time
sign-ins-column-result = Result
sign-ins-column-device = Device
sign-ins-column-address = Address
sign-ins-column-disowned = Marked "This wasn't me"
place-local = Local network
place-network = Network { $network }
place-unknown = Unknown
device-unknown = Unknown device
nav-security = Security
notice-password-changed = Password changed. Other sessions were ended.

sign-in-forgot = Forgot your password?
sign-in-unlock = Unlock sign-in
sign-in-notice-unlocked = Sign-in is unlocked. Sign in again.
sign-in-notice-password-reset = Password changed and all sessions ended. Sign in with the new password.
sign-in-notice-expired = Your session ended after a period of inactivity. Sign in again to return to the same page.

recovery-title = Password recovery
recovery-lead = Enter the phone, e-mail or SNILS of the account. If the account exists, we will send a code to its confirmed phone.
unlock-title = Unlock sign-in
unlock-lead = Sign-in is locked after three wrong passwords. Enter the phone, e-mail or SNILS of the account, and we will send an unlock code to its confirmed phone.
recovery-not-me-notice = All sessions are ended and sign-in is locked. Set a new password to sign in again.
recovery-send-code = Get a code
recovery-back-to-sign-in = Back to sign-in
recovery-code-title = Confirmation code
recovery-code-lead = If the account exists, we sent a code to its phone. The code is valid for 10 minutes.
recovery-code-submit = Confirm
recovery-password-title = New password
recovery-password-lead = Choose a new password. Once it is saved, all sessions end.
recovery-password-submit = Save the password
recovery-start-again = Start again
field-new-password = New password
field-current-password = Current password

security-title = Security
security-back = Back to Security
password-change-title = Change password
password-change-lead = After the change, every session except this one ends.
password-change-submit = Change password

sessions-title = Sessions
sessions-lead = Devices that are signed in now. The place is approximate, from the network address.
sessions-current = This session
sessions-close = End
sessions-close-one = End the session: { $device }
sessions-close-others = End all other sessions
sessions-column-place = Place
sessions-column-started = Started
sessions-column-last-seen = Last active
sessions-column-action = Action

admin-sessions-title = Ending sessions
admin-sessions-lead = An administrator ends other people's sessions here, for example when someone has lost their phone or an account may be compromised. They then have to sign in again.
admin-sessions-active = Sessions open on the portal now: { $count }
admin-sessions-person-title = One person's sessions
admin-sessions-person-lead = Enter the phone, e-mail or SNILS that the person signs in with. All their sessions end.
admin-sessions-person-submit = End their sessions
admin-sessions-all-title = Everyone's sessions
admin-sessions-all-lead = The sessions of every user except yours end, and everyone has to sign in again. Use it, for example, after a data leak.
admin-sessions-all-confirm = I understand that everyone but me has to sign in again
admin-sessions-all-submit = End everyone's sessions
notice-sessions-ended = Sessions ended: { $count }

sign-ins-title = Sign-in journal
sign-ins-lead = Every attempt to sign in to your account.
sign-ins-filter = Result
sign-ins-filter-all = All
sign-ins-filter-apply = Show
sign-ins-export = Download the journal (CSV)
sign-ins-empty = No sign-in attempts yet.
sign-ins-not-me = This wasn't me
sign-ins-not-me-label = This wasn't me: sign-in at { $at }
sign-ins-not-me-hint = "This wasn't me" ends every session, this one included, and locks sign-in until the password is changed.
sign-ins-disowned = Marked as not mine

networks-title = Sign-in networks
networks-lead = You can allow sign-in only from listed networks, or deny it from some. Without rules, sign-in is allowed from anywhere.
networks-empty = No rules; sign-in is allowed from any network.
networks-allow = Allow
networks-deny = Deny
networks-remove = Remove
networks-remove-label = Remove the rule for network { $network }
networks-add-title = Add a rule
networks-add-submit = Add
field-network-kind = Rule
field-network = Network
field-network-hint = A network with its mask, such as 192.0.2.0/24, or a single address

idle-warning-title = Your session will end soon
idle-warning-text = You have been inactive on the portal for a while. In 2 minutes the session ends to protect your data. What you typed on this page is kept, and after signing in you return here.
idle-warning-stay = Stay signed in
resend-wait = You can request a new code in { $seconds } s
resend-ready = You can request a new code now
security-sessions-count = { $count ->
    [one] { $count } active session
   *[other] { $count } active sessions
}

## Second factors

sign-in-result-wrong-code = Wrong second-factor code
factor-kind-totp = Authenticator app
factor-kind-sms = SMS code
factor-kind-email = E-mail code
factor-kind-passkey = Passkey
factor-code-totp = Code from the app
factor-code-sms = Code from the SMS
factor-code-email = Code from the e-mail
factor-code-backup = Backup code
factor-use-backup = Backup code
factor-other-ways = Other ways to confirm
factor-send-code = Send a code
challenge-title = Confirm sign-in
challenge-lead-totp = Open your authenticator app and enter the six-digit code for Kabinet.
challenge-lead-sms = We sent a code by SMS to the account's phone.
challenge-lead-email = We sent a code to the account's e-mail address.
challenge-lead-passkey = Confirm the sign-in with the passkey on this device: it is unlocked with a fingerprint, your face, a PIN or a security key.
challenge-lead-backup = Enter one of the backup codes you saved. Each code works once.
challenge-remember = Remember this device for 30 days
challenge-submit = Sign in
step-up-title = Confirm the action
step-up-lead = Changing the phone, e-mail, password, passport data or ways to sign in needs confirmation. After it, such changes can be made for 15 minutes.
step-up-password-hint = No second factor is set up, so confirm the action with your password.
step-up-send-first = Get a code first.
step-up-submit = Confirm
error-step-up-required-title = Confirmation needed
factors-title = Second factor
factors-lead = A second factor protects sign-in even if someone else learns your password. You can add several ways and choose the default one.
factors-none = No second factor is set up.
factors-default = (default)
factors-make-default = Make default
factors-make-default-label = Make default: { $factor }
factors-remove = Remove
factors-remove-label = Remove: { $factor }
factors-never-used = not used yet
factors-column-kind = Way
factors-column-added = Added
factors-column-used = Last used
factors-add-title = Add a way
factors-add-totp = Authenticator app
factors-add-sms = SMS codes
factors-add-email = E-mail codes
factors-add-passkey = Passkey
passkey-add-title = New passkey
passkey-add-lead = A passkey is kept on your device: a phone, a computer or a security key. It is unlocked with a fingerprint, your face or a PIN, so nobody can read it over your shoulder or trick you into giving it away like a code.
passkey-add-step-button = Press "Create a passkey".
passkey-add-step-device = Follow your device's prompts: choose where to keep the passkey and confirm with a fingerprint, your face or a PIN.
passkey-add-back = Back to the ways of confirming
passkey-create = Create a passkey
passkey-sign-in = Sign in with a passkey
passkey-confirm = Confirm with a passkey
passkey-needs-javascript = Passkeys work only with JavaScript turned on. Turn it on or choose another way.
factors-email-needs-address = To get codes by e-mail, add an address to your profile.
notice-factor-added = The way to confirm is added.
factors-end-sessions-offer = Your sign-in factors changed. If you may still be signed in on another device, for example a lost phone, end all other sessions.
notice-factor-removed = The way to confirm is removed.
notice-factor-default = The default way is changed.
backup-codes-title = Backup codes
backup-codes-left = { $count ->
    [one] { $count } unused code left.
   *[other] { $count } unused codes left.
}
backup-codes-new = Create new codes
backup-codes-lead = Keep these codes in a safe place: print or write them down. Each code signs you in once when your second factor is not at hand. The previous codes no longer work.
backup-codes-once = The codes are shown once. We keep them only in a form from which they cannot be read.
backup-codes-gone = Codes are shown only once, right after they are created. If you did not save them, create new ones.
backup-codes-done = I have saved the codes
devices-title = Remembered devices
devices-until = until { $date }
devices-forget = Forget
devices-forget-label = Forget the device: { $device }
totp-title = Add an authenticator app
totp-step-install = Install an authenticator app, such as Yandex Key, Google Authenticator or FreeOTP.
totp-step-scan = Scan the QR code with the app.
totp-qr-label = QR code with the key for the authenticator app
totp-step-key = If scanning does not work, type the key:
totp-step-code = Enter the six-digit code the app shows.
totp-submit = Confirm
code-factor-title = Confirm the code
code-factor-lead = We sent a code. Enter it to add this way to confirm.
security-factors-on = on
security-factors-off = off
## Action history page
history-filter-label = Action history filter
history-filter-type = Operation type
history-filter-status = Status
history-filter-from = From
history-filter-to = To
history-filter-q = Search words
history-filter-any = All
history-filter-date-hint = Pick a date in the calendar or type it as DD.MM.YYYY, for example 04.12.2026.
history-filter-apply = Show
history-filter-reset = Clear the filter
history-found = { $count ->
    [one] { $count } entry found
   *[other] { $count } entries found
}
history-nothing-found = No entries match the filter.
history-column-type = Type
pagination-position = Page { $page } of { $pages }
pagination-first = First
pagination-last = Last
history-export-label = Download the entries found:
history-export-csv = CSV for Excel
history-export-pdf = PDF
history-export-preparing = The file is being prepared. The download will start by itself.
history-detail-back = All action history
history-detail-operation = Operation ID
history-detail-time = Date and time
history-detail-actor = Done by
history-detail-by-you = You
history-detail-by-official = An official of the department
history-detail-application = Application
history-detail-comment = Official's comment
history-detail-files = Files
history-detail-hash = Checksum
history-detail-hash-hint = The checksum links the entry to the one before it, so a changed or deleted entry is detected when the history is verified.

## Sign-in through ESIA
sign-in-esia = Sign in with Gosuslugi
sso-error-state = Sign-in with Gosuslugi was not completed: the answer reached another browser than the one that started it. Start again
sso-error-expired = The time for signing in with Gosuslugi ran out, or this link was already used. Start again
sso-error-denied = You declined to share your data, so sign-in with Gosuslugi did not happen. Sign in with your password or try again
sso-error-provider = Gosuslugi is unavailable now. Try later or sign in with your password
sso-error-token = The answer from Gosuslugi failed verification. Start again
sso-error-claims = Gosuslugi did not send the data needed for sign-in, or sent it in a wrong form. Sign in with your password
sso-error-internal = Sign-in with Gosuslugi failed. Try later
sso-consent-title = Sign in with Gosuslugi
sso-consent-lead = Gosuslugi will send this data to the portal. Do you agree that the portal receives it and keeps it in your account?
sso-consent-name = Full name
sso-consent-password-lead = The portal already has an account with this SNILS or phone. To link Gosuslugi to it, enter its password
sso-consent-accept = I agree
sso-consent-decline = Decline
sso-section-title = Gosuslugi (ESIA)
sso-section-linked = A Gosuslugi account is linked: you can sign in with Gosuslugi
sso-section-not-linked = No Gosuslugi account is linked. To link one, sign out and sign in with Gosuslugi
sso-unlink = Unlink

## Notification settings and archive

notification-sections = Notification pages
notification-settings-title = Notification settings
notification-settings-intro = Every notification appears in your personal account. Here you choose which ones are also sent by e-mail or SMS.
notification-settings-email-to = E-mail goes to { $email }.
notification-settings-email-missing = No e-mail address is given. Enter and confirm one in your profile to get e-mail.
notification-settings-sms-to = SMS goes to { $phone }.
notification-settings-sms-missing = No phone number is confirmed, so no SMS is sent.
notification-settings-quiet = Quiet hours
notification-settings-quiet-hint = During quiet hours no SMS is sent except security notices; held messages are sent when the quiet hours end. Times are HH:MM in the { $zone } time zone. To turn quiet hours off, leave both fields empty.
notification-settings-submit = Save settings
notice-notification-settings-saved = Notification settings are saved and already apply.
field-quiet-start = Start
field-quiet-end = End
channel-in-app = In the personal account
channel-email = E-mail
channel-sms = SMS
channel-telegram = Telegram
channel-push = Browser notifications
notification-settings-push-on = { $count ->
    [one] Notifications go to { $count } browser.
   *[other] Notifications go to { $count } browsers.
}
notification-settings-push-off = Browser notifications are off. Turn them on below.
notification-settings-push-text = The browser shows a notification even when the portal's tab is closed. They do not come during quiet hours, except security notices.
notification-settings-push-subscribe = Turn on in this browser
notification-settings-push-unsubscribe = Turn off in every browser
notification-settings-push-done = Notifications are on in this browser.
notification-settings-push-denied = The browser blocked notifications. Allow them in the site settings and press the button again.
notification-settings-push-failed = Notifications could not be turned on in this browser. Try again later.
notification-settings-push-needs-script = Turning on browser notifications needs JavaScript.
notification-settings-telegram-linked = Messages go to the linked Telegram chat.
notification-settings-telegram-missing = Telegram is not linked. Link it below to get messages there.
notification-settings-telegram-link-text = Press the button, open the Kabinet bot in Telegram and press "Start". The link works for 30 minutes.
notification-settings-telegram-link = Link Telegram
notification-settings-telegram-unlink-text = Unlink Telegram if you no longer use this chat.
notification-settings-telegram-unlink = Unlink Telegram
notify-category-applications = Applications
notify-category-taxes = Taxes
notify-category-passports = Passports and registration
notify-category-social = Social support
notify-category-support = Support
notify-category-security = Security
delivery-queued = Queued
delivery-sending = Sending
delivery-sent = Sent
delivery-delivered = Delivered
delivery-failed = Not delivered
delivery-unread = Unread
delivery-read = Read
notification-archive-title = Notification archive
notification-archive-intro = Notifications of the last 30 days on every channel. Older ones are deleted automatically.
notification-archive-filter = Notification filter
notification-archive-channel = Channel
notification-archive-category = Category
notification-archive-status = Status
notification-archive-text = Text
notification-archive-any-channel = All channels
notification-archive-any-category = All categories
notification-archive-empty = No notifications match.
notification-archive-found = { $count ->
    [one] { $count } entry found
   *[other] { $count } entries found
}
