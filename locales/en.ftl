## Viche — English. Every line a resident or organiser sees.
## Keys in kebab-case, sections per feature. Arguments: { $name }.

## Navigation

nav-back = ⬅ Back
nav-cancel = ✖ Cancel
nav-menu = 🏠 Main menu
nav-resume = ▶️ Continue
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
flow-paused-reminder = ⏸ Your form is on hold, nothing is lost. To go on, tap "{ $resume }".

# Words that can be typed instead of a button (comma-separated).
words-menu = menu, main menu, start
words-programme = programme, program
words-complaint = complaint, problem, report
words-volunteer = volunteer, help out
words-question = question, ask
words-cancel = cancel, stop
words-help = help
words-yes = yes, yeah, yep, ok, sure
words-no = no, nope

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
programme-section-count = { $count ->
        [one] This section has { $count } point:
       *[other] This section has { $count } points:
    }
programme-next-section = Next section ➡
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
input-too-short = Too short: please write at least { $min ->
        [one] { $min } character
       *[other] { $min } characters
    }.
input-too-long = Too long ({ $length ->
        [one] { $length } character
       *[other] { $length } characters
    }). Please shorten it to { $max } and send it again.
flow-old-button = That button belongs to an earlier step.
summary-use-buttons = Please check and tap "Send" or "Change".
discard-confirm = Cancel and delete everything you filled in? Nothing will reach the organisers.
button-discard-yes = 🗑 Yes, delete it
button-discard-no = ↩️ No, go back
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
place-confirm-one = Do you mean { $place }?
place-choose-several = There are several places called "{ $typed }". Choose yours:
place-not-found = We couldn't find "{ $typed }" among the oblast's places. Type the name again (you can add the hromada) or keep it as written.
place-option = { $name } — { $hromada } hromada
button-place-yes = ✅ Yes, that's it
button-place-keep = ✍️ Keep "{ $typed }"
phone-invalid = That doesn't look like a phone number. Tap "📱 Share my number" or type it, e.g. 067 123 45 67.
phone-not-own = That is someone else's contact. Tap "📱 Share my number" to send your own.

## Complaint

complaint-ask-category = What is the problem about?
complaint-ask-settlement = In which village, town or community? Please type the name.
complaint-ask-description = Describe the problem in a few sentences. You can send a photo with a caption.
complaint-need-description = Please describe the problem as text (or send a photo with a caption).
complaint-need-words = Please describe the problem in words: what happened and where. For example: "A pothole on the road by the school".
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
limit-reached-day = ⏸ This report is not sent yet, but it is kept: you have already sent { $count } in the last 24 hours, which is the limit. Tomorrow, tap "{ $resume }", then "{ $send }". Or add it to one of your reports: "{ $reply }" under our message about it (see /status).
limit-reached-open = ⏸ This report is not sent yet, but it is kept: you already have { $count } open reports, which is the limit. When the organisers close one, tap "{ $resume }", then "{ $send }". Or add it to one of your open reports (see /status).
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
status-filed = Filed: { $date }
status-history = History: { $history }
status-last-answer = The organisers' answer: { $answer }
status-none = You have no reports yet.
status-bad-ref = A report number looks like C-1042. Or tap "📋 My reports".
status-not-yours = I couldn't find { $ref } among your reports.
status-joined-public = You joined this report: { $category }, { $place }; residents affected: { $count }.
kind-complaint = complaint
kind-volunteer = volunteer sign-up
kind-question = question
status-new = new
status-in_progress = in progress
status-resolved = resolved
status-rejected = rejected
status-answered = answered

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
place-label = { $name } ({ $hromada } hromada, { $raion } raion)
place-in-hromada = { $name } ({ $hromada } hromada)
place-hromada = { $hromada } hromada ({ $raion } raion)
place-raion = { $raion } raion
place-unlisted = not in the list
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
card-attachment-removed = 🔒 Removed at the resident's request (personal data deleted). Please delete this message by hand.
card-button-in_progress = 🔧 In progress
card-button-resolved = ✅ Resolved
card-button-rejected = ❌ Reject
card-button-reopen = ↩️ Reopen
card-replies = Replies go to
card-replies-author = the author only
card-replies-all = all { $count } residents
card-button-reply-all = 📣 Answer all { $count }
card-button-reply-author = 👤 Answer the author only
card-reply-hint = To answer the resident, reply to this card.
card-photo-refused = 📷 The photo could not be shown: Telegram did not accept it. It is listed in /failed.

## Organisers' group

group-resident-replied = 💬 The resident replied about { $ref }:
    { $text }
group-relayed = ✉️ Sent to the resident ({ $ref }).
group-relayed-all = ✉️ Sent to all { $count } residents of { $ref }.
group-replies-now-all = Replies to { $ref } now go to all { $count } residents.
group-replies-now-author = Replies to { $ref } now go to its author only.
group-follower-replied = 💬 A resident who joined { $ref } (not its author) replied:
    { $text }
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
group-reply-forgotten = { $ref }: the resident deleted their data, so a reply can no longer reach them.
chatid-answer = This chat's id: { $id }
    Put it in ORGANISERS_CHAT_ID so that cards arrive here.
connect-usage = To connect this group, send /connect CODE, with the code the bot printed at start.
connect-only-groups = /connect works only in the organisers' group: add the bot to the group and send the command there.
connect-not-admin = Only an administrator of this group can connect it. Ask an administrator to send /connect CODE.
connect-wrong-code = That code is wrong or already used. Restart the bot to get a new code, then send /connect NEW_CODE.
connect-fixed-by-config = The organisers' group is set by ORGANISERS_CHAT_ID, so /connect changes nothing. Change ORGANISERS_CHAT_ID and restart the bot.
connect-done = ✅ This group is now the organisers' group: report cards will arrive here. /help lists the commands.
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
authority-main-group-only = This command works only in the organisers' main group: this group receives only the reports routed to it.
authority-admins-only = Only the group's administrators may use this command (it reaches personal data, every resident or the public). Ask an administrator.
authority-not-routed-here = { $ref } is not routed to this group: only the organisers' main group can act on it.

## Organisers: broadcasts and opting out (residents)

button-opt-out = 🔕 Stop sending news
button-opt-in = 🔔 Send me news again
optout-done = OK, we won't send you news or broadcasts any more. Answers about your reports will still arrive. Changed your mind? Tap the button below.
optin-done = Done, you will get our news again.

## Organisers: "is it really solved?" (residents)

followup-title = Report { $ref }
followup-question = We recently marked report { $ref } as resolved: "{ $text }". Is the problem really solved?
button-followup-yes = ✅ Yes, it's solved
button-followup-no = ❌ No, it's still there
followup-thanks = Thank you for confirming! Report { $ref } is closed.
followup-reopened = Thank you for telling us. We have reopened report { $ref } and will get back to you.
followup-already-open = Report { $ref } is already being worked on again; the organisers know about it.
followup-not-asked = We asked the author of { $ref } whether it is solved. If the problem is still there for you, tell us with 📝 Problem.

## Organisers: joining an existing report (residents)

complaint-similar-found = 💡 A similar problem has already been reported here, report { $ref }: { $category }, { $place }, since { $date }, residents affected: { $count }.
    You can join it: the organisers will see that it affects more people, and you will hear when its status changes. Or send a separate report with "Send".
button-join-report = 🤝 Join { $ref }
joined-complaint = You have joined report { $ref }. The organisers can see that the problem affects one more person. Its status changes, and what the organisers say to everyone about it, will come here.

## Organisers: cards and notes in the group

card-affected = Affects
card-affected-count = { $count ->
    [one] { $count } resident
   *[other] { $count } residents
    }
group-resident-joined = 🤝 Another resident joined { $ref } ({ $count } in all):
    { $text }
group-followup-confirmed = ✅ The resident confirmed that { $ref } is really solved.
group-followup-reopened = ↩️ The resident says { $ref } is not solved: the report is "in progress" again.
group-idle-digest = ⏰ No organiser action for over { $days } days: { $count }
    { $list }
idle-line = { $ref } · { $kind } · { $status } · { $days } d · { $place }
list-more = …and { $count } more
group-broadcast-progress = 📣 Broadcast { $id }: { $percent }% — sent { $sent } of { $total }.
group-broadcast-done = 📣 Broadcast { $id } finished. Sent: { $sent }. Not delivered: { $failed }. Opted out (not sent): { $optedOut }.{ $unknown ->
        [0] {""}
       *[other] {" "}Unknown: { $unknown } (being sent when the bot restarted; not sent twice).
    }

## Organisers: periods and durations

period-today = today
period-days = { $days ->
    [one] the last day
   *[other] the last { $days } days
    }
period-all = all time
period-today-short = Today
period-days-short = { $days } d
period-all-short = All
duration-days-hours = { $days } d { $hours } h
duration-hours-minutes = { $hours } h { $minutes } min
duration-minutes = { $minutes } min

## Organisers: /stats

stats-title = 📊 Statistics: { $period } (since { $from })
stats-kinds = Complaints: { $complaints } · Questions: { $questions } · Volunteer sign-ups: { $signups }
stats-status = { $status }: { $count }
stats-line = { $label } — { $count }
stats-none = none
stats-no-source = no source
stats-source-line = { $source } — residents: { $residents }, reports: { $reports }, sign-ups: { $signups }
stats-first-reply = Median time to first reply: { $duration } ({ $count } reports)
stats-first-reply-none = Median time to first reply: no replies yet
stats-resolution = Median time to resolution: { $duration } ({ $count } reports)
stats-resolution-none = Median time to resolution: nothing resolved yet
stats-idle-count = Open with no action for over { $days } days: { $count }
stats-section-reports = Reports
stats-section-categories = Complaints by topic
stats-section-settlements = Complaints by place
stats-section-hromadas = Complaints by hromada
stats-section-raions = Complaints by raion
stats-section-speed = Speed
stats-section-idle = Stuck
stats-section-signups = Volunteers: { $count }
stats-section-residents = New residents: { $count }
stats-section-sources = By source (link)
stats-by-settlement = By place:
stats-button-chart = 📈 Chart of { $weeks } weeks
stats-chart-title = 📈 Reports and sign-ups per week (the last { $weeks }):
stats-chart-line = from { $week }: complaints { $complaints }, questions { $questions }, sign-ups { $signups }
stats-usage = Usage: /stats [today | 7 | 30 | all] — for today, the last 7 or 30 days, or all time.

## Organisers: /export

export-usage = Usage: /export [days | today | all], e.g. /export 30
export-caption = 📄 Export for { $period }: { $rows } rows. Contains personal data: do not forward it outside this group.
export-column-ref = Reference
export-column-kind = Kind
export-column-status = Status
export-column-created = Created
export-column-category = Topic
export-column-settlement = Place
export-column-hromada = Hromada
export-column-raion = Raion
export-column-settlement-code = KATOTTH code
export-column-text = Text
export-column-name = Name
export-column-phone = Phone
export-column-ways = How to help
export-column-availability = When
export-column-messenger = Messenger
export-column-source = Source
export-column-affected = Residents affected
export-column-first-reply = First reply
export-column-resolved = Resolved
export-column-photos = Photos

## Organisers: /summary

summary-usage = Usage: /summary [days | today | all], e.g. /summary 30
summary-public-title = { $organisation }: residents' reports for { $period }
summary-public-totals = Complaints received: { $count }. Resolved: { $resolved }. In progress: { $inProgress }.
summary-public-categories = By topic:
summary-public-hromadas = By hromada:
summary-public-raions = By raion:
summary-public-other-hromadas = other hromadas
summary-public-other-raions = other raions
summary-public-signups = Joined the volunteer team: { $count }.
summary-public-footer = You can report a problem in your community in our bot.

## Organisers: /link

link-usage = Usage: /link NAME — Latin letters, digits, _ or -, up to 64 characters. E.g.: /link flyer_korostyshiv
link-telegram = Telegram, source "{ $name }":
    { $link }
link-viber = Viber, source "{ $name }":
    { $link }
link-viber-missing = No Viber link made: VIBER_CHAT_URI (the bot's chat address from the Viber admin panel) is not set.

## Organisers: /broadcast

broadcast-already = You are already composing a broadcast. Finish it or send /cancel.
broadcast-dialog-over = This broadcast is already finished or cancelled.
broadcast-button-cancel = ✖ Cancel
broadcast-cancelled = Broadcast cancelled, nothing was sent.
broadcast-ask-text = 📣 New broadcast. Write the text as a reply to this message. To cancel: /cancel
broadcast-text-placeholder = Broadcast text
broadcast-text-empty = Text is needed. Write it as a reply to this message.
broadcast-text-too-long = Too long: { $length ->
        [one] { $length } character
       *[other] { $length } characters
    }, at most { $max }. Shorten it and send it as a reply to this message.
broadcast-ask-photo = Add a photo? Send it as a reply to this message, or tap "No photo".
broadcast-button-no-photo = ➡ No photo
broadcast-photo-expected = A photo is needed (not a file). Or tap "No photo".
broadcast-ask-audience = Who should get it?
broadcast-audience-all = 👥 Everyone
broadcast-audience-telegram = ✈️ Telegram only
broadcast-audience-viber = 💜 Viber only
broadcast-audience-settlement = 📍 One place
broadcast-audience-volunteers = 🙋 Volunteers only
broadcast-audience-named-settlement = 📍 { $settlement }
broadcast-ask-settlement = Write the name of the place as a reply to this message.
broadcast-choose-place = Who exactly: choose the place, its whole hromada or its whole raion. Or reply to this message with another name.
broadcast-place-not-found = We couldn't find "{ $typed }" among the oblast's places. Reply to this message with the name again, or send it to residents who wrote exactly that.
broadcast-place-hromada = 🏘 All of { $hromada }
broadcast-place-raion = 🗺 All of { $raion }
broadcast-place-keep = ✍️ As written: "{ $typed }"
broadcast-preview-intro = This is what residents will see:
broadcast-preview-button-note = (every message will carry the button "{ $button }")
broadcast-nobody = Nobody to send to: no resident in "{ $audience }" accepts news (opted out: { $optedOut }). No broadcast was created.
broadcast-preview-title = Check before sending
broadcast-preview-audience = To: { $audience }
broadcast-preview-recipients = Recipients: { $count } (Telegram: { $telegram }, Viber: { $viber })
broadcast-preview-opted-out = Opted out of news, will not get it: { $count }
broadcast-preview-unreachable = Blocked the bot, will not get it: { $count }
broadcast-preview-viber-paid = Viber: { $count } of { $viber } are outside a free 24-hour session; those messages are paid (about €0.02 each).
broadcast-preview-viber-no-photo = Viber residents get the text only: Viber takes pictures only from a public address.
broadcast-button-send = ✅ Send ({ $count })
broadcast-started = 📣 Broadcast { $id } started: { $count } recipients. I'll post progress and the result here.

## Organisers: undelivered (/failed)

group-delivery-failed = ⚠️ Could not deliver { $kind ->
        [photo] a photo of { $ref }
        [location] the map pin of { $ref }
        [note] a note on { $ref }
       *[card] the card { $ref }
    } { $place ->
        [main] to this group
       *[routed] to group { $chat } ({ $categories })
    }: Telegram refused it. Check that the bot is in that group and may post. Other cards arrive as usual. What did not arrive: /failed, with a Retry button.
failed-none = ✅ Everything was delivered: nothing is waiting.
failed-header = Not delivered ({ $count }). Fix the cause (e.g. add the bot back to the group), then press Retry:
failed-item = { $kind ->
        [photo] 📷 photo of { $ref }
        [location] 📍 pin of { $ref }
        [note] 💬 note on { $ref }
       *[card] 🗂 card { $ref }
    } → { $place ->
        [main] this group
       *[routed] group { $chat } ({ $categories })
    }: { $error }
failed-button-retry = 🔁 Retry { $ref }
failed-retried = 🔁 Trying again: { $ref }.
failed-gone = This is no longer in the list: it may have been retried already. Send /failed again.

## Organisers: help and command menu

organisers-help = Organisers' commands (they work in this group only):
    /stats [today|7|30|all] — statistics; buttons switch the period
    /export [days|all] — CSV of reports and sign-ups (with personal data)
    /broadcast — a message to residents: text, photo, audience, preview
    /link NAME — links and QR codes for flyers; /stats shows how many came
    /summary [days|all] — an anonymised summary for a public channel
    /status C-1042 in_progress|resolved|rejected reason — change a status
    /failed — what could not be delivered, with a Retry button
    To answer a resident, reply to the card.
organiser-command-stats = Statistics
organiser-command-export = CSV of reports and sign-ups
organiser-command-broadcast = Broadcast to residents
organiser-command-link = Link and QR code for a flyer
organiser-command-summary = Anonymised summary for a channel
organiser-command-status = Change a report's status
organiser-command-help = Organisers' commands
organiser-command-failed = What could not be delivered

## Teaching the bot

teach-button-answer = 📚 Remember this answer
teach-button-item = 📖 It's about a programme point…
teach-choose-section = { $ref }: which section of the programme is this question about?
teach-choose-item = { $ref }: which point?
teach-taught = 📚 Done: the bot will answer similar questions this way ({ $ref }).
teach-unknown-ref = Report { $ref } not found.
teach-not-a-question = Only a question (Q-…) can teach the bot, and { $ref } is not one.
teach-no-reply = First answer { $ref } (reply to the card), then it can be remembered.
teach-unknown-item = There is no such programme point.

## Words for periods (/stats today, /export all), comma-separated

words-period-today = today
words-period-all = all, everything
