## Viche — English. Every line a resident or organiser sees.
## Keys in kebab-case, sections per feature. Arguments: { $name }.

## Navigation

nav-back = ⬅ Back
nav-cancel = ✖ Cancel
nav-menu = 🏠 Main menu
button-share-phone = 📱 Share my number
button-share-location = 📍 Send a place on the map
button-send = ✅ Send
button-edit = ✏️ Change
button-continue = ➡ Continue
button-skip = ➡ Skip
button-done = ✔️ Done
button-reply = ↩️ Reply
button-forget = 🗑 Delete my data

## Main menu

menu-programme = 📖 Programme
menu-question = ❓ Ask
menu-complaint = 📝 Report a problem
menu-volunteer = 🙋 Volunteer
menu-reports = 📋 My reports
menu-language = 🌐 Мова / Language
menu-text = What would you like to do?
resume-complaint = ▶️ Continue my report
resume-volunteer = ▶️ Continue my sign-up
resume-question = ▶️ Continue my question

# Words that can be typed instead of a button (comma-separated).
words-menu = menu, main menu, start
words-programme = programme, program
words-complaint = complaint, problem, report
words-volunteer = volunteer, help out
words-question = question, ask
words-cancel = cancel, stop
words-help = help

## Welcome and help

welcome-new = Welcome! You are in touch with us.
    Here you can read our programme, ask a question, report a problem in your village or town, or sign up as a volunteer.
    Tap the buttons below.
welcome-back = Welcome back! What would you like to do?
help-title = How to use this bot
help-text = Tap the buttons — there is almost nothing to type.
    📖 Programme — read the programme section by section.
    ❓ Ask — write your question in your own words.
    📝 Report a problem — roads, tariffs, medical posts, schools and more.
    🙋 Volunteer — join the team.
    📋 My reports — see what happened to your report.
    /cancel — cancel, /mydata — my data, /forget — delete my data.
    { $contacts }
unknown-command = I don't know that command. Choose with a button:
cancel-nothing = There is nothing to cancel right now.
cancelled = Cancelled. Nothing was sent.
button-expired = That button no longer works. Choose from the menu:

## Language

language-choose = Оберіть мову / Choose your language:
language-set = Done, we'll speak English from now on.

## Programme

programme-choose-section = Choose a section:
programme-choose-item = This section has { $count } points. Choose one:
programme-all-sections = 📚 All sections
programme-back-to-section = ⬅ Back to section
programme-next-item = Next ➡
programme-ask-question = ❓ Ask

## Answers

answer-ask-person = 🙋 Ask a person
answer-send-to-organisers = 📨 Yes, pass it to the organisers
answer-from-organisers = The organisers' answer
answer-none = The programme has no answer to this. Shall I pass your question to the organisers? A person will reply.
answer-related = Related points of the programme are below. If this isn't it, ask a person.
answer-footer = If this isn't it, ask a person.

## Input

input-use-buttons = Please choose a button below.
input-need-text = Please write your answer as text.
input-too-short = Too short: please write at least { $min } characters.
input-too-long = Too long ({ $length } characters). Please shorten it to { $max } and send it again.
flow-old-button = That button belongs to an earlier step.
summary-use-buttons = Please check and tap "Send" or "Change".
edit-which = What would you like to change?
unsupported-input = I can't read { $what }. Please write text or tap a button.
unsupported-sticker = stickers
unsupported-voice = voice messages
unsupported-video = videos
unsupported-document = files
unsupported-audio = audio
unsupported-animation = animations
unsupported-poll = polls
unsupported-edit = edited messages (send the corrected text as a new message)
unsupported-too-big = photos this large (up to 10 MB)
unsupported-other = this kind of message
not-in-flow = Thank you! To send a { $what } to the organisers, start with "📝 Report a problem".
input-kind-contact = phone number
input-kind-location = place on the map
input-kind-photo = photo
settlement-need-text = Please write the name of your village, town or community.
settlement-invalid = I couldn't read that name. Please write just the place name, e.g. Korostyshiv.
phone-invalid = That doesn't look like a phone number. Tap "📱 Share my number" or type it, e.g. 067 123 45 67.
phone-not-own = That is someone else's contact. Tap "📱 Share my number" to send your own.

## Complaint

complaint-ask-category = What is the problem about?
complaint-ask-settlement = In which village, town or community? Please type the name.
complaint-ask-description = Describe the problem in a few sentences. You can send a photo with a caption.
complaint-need-description = Please describe the problem as text (or send a photo with a caption).
complaint-photo-need-text = Photo received. Now please describe the problem in words.
complaint-ask-attachments = You can add photos or a place on the map. When done, tap "Continue".
complaint-attached = Added: { $what }.
complaint-photos-count = { $count ->
    [one] { $count } photo
   *[other] { $count } photos
    }
complaint-location-added = a place on the map
complaint-photo-received = Photo added.
complaint-location-received = Place added.
complaint-photo-limit = You can add at most { $max } photos.
complaint-attachments-hint = Send a photo, a place on the map, or tap "Continue".
complaint-ask-contact = How can we reach you? Share your number, type it, or stay anonymous.
button-use-saved-phone = 📱 My number { $phone }
button-anonymous = 🕶 Anonymous
consent-complaint = Do you agree that the organisation keeps your phone number only to answer this report? You can delete your data at any time with /forget.
button-consent-yes = ✅ Yes, I agree
button-consent-no-anonymous = 🕶 No, send anonymously
complaint-edit-category = Topic
complaint-edit-settlement = Place
complaint-edit-description = Description
complaint-edit-contact = Contact

## Volunteer

volunteer-ask-name = What is your name? Please write your first and last name.
volunteer-name-invalid = Please write your name in letters, e.g. Olha Petrenko.
volunteer-ask-phone = Your phone number? Tap "📱 Share my number" or type it.
volunteer-ask-settlement = Which village, town or community are you from?
volunteer-ask-ways = How can you help? Tick everything that fits and tap "Done".
volunteer-ways-use-buttons = Tick the options with the buttons and tap "Done".
volunteer-ways-pick-one = Please tick at least one option.
volunteer-ask-availability = When suits you?
consent-volunteer = Do you agree that the organisation keeps your name, phone and place to contact you about volunteering? You can delete your data at any time with /forget.
button-consent-no = ✖ No
volunteer-consent-required = Without your consent we can't sign you up. Tap "Yes" or "Cancel".
volunteer-edit-name = Name
volunteer-edit-phone = Phone
volunteer-edit-settlement = Place
volunteer-edit-ways = How to help
volunteer-edit-availability = When

## Question to the organisers

question-ask = Write your question. A person from our team will read it.
question-edit-text = Question

## Summary before sending

summary-title = Please check
summary-category = Topic: { $value }
summary-settlement = Place: { $value }
summary-description = Description: { $value }
summary-attachments = Added: { $value }
summary-contact = Contact: { $value }
summary-anonymous = anonymous
summary-name = Name: { $value }
summary-phone = Phone: { $value }
summary-ways = Help: { $value }
summary-availability = When: { $value }
summary-question = Question: { $value }

## After sending

sent-title = Sent: { $ref }
sent-complaint = Thank you! Your report number is { $ref }. The organisers can see it now. We'll write here when something changes.
sent-volunteer = Thank you for joining! Your sign-up number is { $ref }. A coordinator will contact you.
sent-volunteer-updated = Your sign-up { $ref } has been updated. Thank you!
sent-question = Question { $ref } has been passed on. The answer will come here.

## Organisers' replies and statuses

relay-title = Reply about { $ref }
reply-ask = Write your reply about { $ref }:
reply-sent = Your reply about { $ref } has been passed on.
reply-unknown-ref = I couldn't find report { $ref }.
status-notice-title = Report { $ref }
status-notice-new = Report { $ref } received.
status-notice-in_progress = We are working on your report { $ref }. We'll let you know the result.
status-notice-resolved = Report { $ref } is resolved. Thank you for telling us! If the problem remains, tap "Reply".
status-notice-rejected = Unfortunately we can't help with report { $ref }. Reason: { $reason }
status-title = Report { $ref }
status-list-title = Your reports
status-line = { $ref } · { $kind } · { $status }
status-comment = Comment: { $comment }
status-none = You have no reports yet.
status-bad-ref = A report number looks like C-1042. Or tap "📋 My reports".
status-not-yours = I couldn't find { $ref } among your reports.
kind-complaint = complaint
kind-volunteer = volunteer sign-up
kind-question = question
status-new = new
status-in_progress = in progress
status-resolved = resolved
status-rejected = rejected

## My data

mydata-title = What we keep about you
mydata-messenger = Messenger: { $channel } (id { $id })
mydata-language = Language: { $language }
mydata-name = Name: { $value }
mydata-phone = Phone: { $value }
mydata-settlement = Place: { $value }
mydata-source = Where you came from: { $value }
mydata-reports = Reports: { $value }
mydata-none = —
mydata-footer = To delete all of this: /forget
forget-confirm = Delete your name, phone, place and unfinished drafts? Reports you sent stay, but without your contact details.
button-forget-yes = 🗑 Yes, delete
button-forget-no = ✖ No, keep
forget-kept = OK, nothing was deleted.
forget-done = Done: your personal data has been deleted.

## Cards in the organisers' group

card-category = Topic
card-settlement = Place
card-text = Text
card-question = Question
card-name = Name
card-phone = Phone
card-ways = Help
card-availability = When
card-contact = Contact
card-anonymous = anonymous
card-forgotten-short = deleted
card-photos = Photos
card-location = Location
card-messenger = Messenger
card-source = Source
card-time = Time
card-updated = Sign-up updated ({ $count })
card-comment = Comment: { $comment }
card-forgotten = 🔒 Personal data deleted at the resident's request.
card-button-in_progress = 🔧 In progress
card-button-resolved = ✅ Resolved
card-button-rejected = ❌ Reject
card-button-reopen = ↩️ Reopen
card-reply-hint = To answer the resident, reply to this card.

## Organisers' group

group-resident-replied = 💬 The resident replied about { $ref }:
    { $text }
group-relayed = ✉️ Sent to the resident ({ $ref }).
group-undeliverable-blocked = ⚠️ Could not deliver to the resident ({ $ref }): they blocked the bot or unsubscribed.
group-undeliverable-not-subscribed = ⚠️ Could not deliver on Viber ({ $ref }): the resident is not subscribed to the bot.
group-undeliverable-too-many = ⚠️ Viber refused ({ $ref }): too many messages without a reply from the resident. Try later.
group-undeliverable-chat-not-found = ⚠️ Could not deliver ({ $ref }): chat not found.
group-undeliverable-rejected = ⚠️ The platform refused the message ({ $ref }).
group-undeliverable-unavailable = ⚠️ Could not deliver ({ $ref }).
group-undeliverable-rate-limited = ⚠️ Could not deliver ({ $ref }): platform limit.
group-ask-reject-reason = Why are we rejecting { $ref }? Reply to this message; the resident will receive the reason.
group-status-changed = { $ref }: { $status }
group-unknown-ref = Report { $ref } not found.
group-bad-transition = { $ref } is already "{ $status }": it can't be changed that way.
group-needs-reason = A rejection needs a reason: /status { $ref } rejected reason
group-status-usage = Usage: /status C-1042 in_progress | resolved | rejected reason
group-not-member = Only members of the organisers' group can do this.
group-reply-not-card = That is not a report card: reply to the card itself.
group-reply-empty = A reply to the resident must be text.
chatid-answer = This chat's id: { $id }
    Put it in ORGANISERS_CHAT_ID so that cards arrive here.
topic-complaint = 📝 Complaints
topic-volunteer = 🙋 Volunteers
topic-question = ❓ Questions

## Telegram command menu

command-start = Start over
command-programme = The programme by section
command-question = Ask a question
command-complaint = Report a problem
command-volunteer = Become a volunteer
command-status = My reports
command-language = Мова / Language
command-help = How to use the bot
command-mydata = My data
command-forget = Delete my data
command-cancel = Cancel

## Protection

organisers-only = This command is only for the organisers' group.
flood-slow-down = You are sending messages too fast. Please wait a minute and try again.
group-ban-usage = Usage: /ban C-1042 (or /unban C-1042)
group-banned = 🚫 The author of { $who } is banned on both messengers. Undo: /unban { $who }
group-unbanned = ✅ The author of { $who } is unbanned.
group-ban-unknown = No resident found for "{ $who }".
