## Partner Coach, English texts. Messages are HTML: keep <b>, <i> and <code> balanced.
## Variables are escaped by the translator; never put raw user text into a message id.

## Onboarding (ideas I1, I2, I9, I11)
start-welcome =
    Hi, { $name }! I'm Partner Coach.
    Freelancers who work like a conveyor belt deliver to the spec and move on. Partners help the client reach the goal behind the spec, whether that's more sales, more leads or a better CTR, and those clients come back.
    I'll help you make that a habit: a short look back after each project, reminders to check in with past clients, and short practical tips.
onboarding-timezone-ask =
    <b>Which time zone are you in?</b> I'll send reminders at a sensible local hour.
    Pick one below or type a city (<i>Berlin</i>, <i>Москва</i>), a zone (<i>Europe/Berlin</i>) or an offset (<i>+3</i>, <i>UTC+5:30</i>).
onboarding-timezone-set = Time zone: <b>{ $zone }</b> ({ $offset }), it's { $time } there now.
onboarding-tips-ask =
    <b>Would you like a short tip now and then?</b>
    One concrete thing to try with your clients this week, never more than one a day. You can change this any time in /settings.
onboarding-done =
    All set. Whenever you finish a project, come back: twelve quick questions will show how much of a partner you were and what to try next time.
onboarding-cancelled = Okay, stopped here. Send /start whenever you want to continue.

## Time zone input
timezone-unknown =
    I couldn't recognise "{ $text }" as a time zone.
    Try a city (<i>Berlin</i>), a zone name (<i>Europe/Berlin</i>) or an offset from UTC (<i>+3</i>), or pick a button.
timezone-too-long = That's longer than any time zone name. Type a city, a zone like <i>Europe/Berlin</i> or an offset like <i>+3</i>.
timezone-not-text = I need the time zone as text or a button, not a { $kind }. Type a city, such as <i>Berlin</i>, or pick one above.

## Main menu and help
menu-title = What would you like to do?
help-text =
    <b>Partner Coach</b> helps you work as your clients' partner: understand the result they really need, and keep in touch after the project.

    /kickoff — before the work starts: agree on the client's goal and the number that shows it, and plan a few early steps that build trust
    /done — record a finished project and look back on it (twelve quick questions, a partner score and advice)
    /clients — your clients: contacts, notes, projects, last contact, and their own view of your work when you ask for it
    /reflect — continue a paused reflection or reflect on an earlier project
    /history — your past reflections with every answer
    /stats — your partner score over time, strongest and weakest habits, repeat clients
    /checkins — check-ins with past clients: overdue and the next 30 days
    /checkin — plan a check-in with a client
    /tips — short tips, one concrete thing to try: subscribe, how often, at what hour
    /menu — the main menu
    /settings — language, time zone and tips
    /export — download everything I store about you
    /delete_me — erase all your data
    /help — this message
    /cancel — leave whatever you're in the middle of
    /start — the welcome, or the main menu once you're set up

## Settings
settings-title =
    <b>Settings</b>
    Language: { $language }
    Time zone: { $zone } ({ $offset })
    Check-ins at: { $hour }:00
    Tips: { $tips ->
        [on] on
       *[off] off
    }
settings-language-ask = Which language should I use?
settings-language-set = I'll speak English from now on.
settings-timezone-ask =
    <b>Your new time zone?</b> Pick one or type a city, a zone name or an offset.
settings-timezone-set = Time zone changed to <b>{ $zone }</b> ({ $offset }).
settings-tips-on = Tips are on. The first one comes soon.
settings-tips-off = Tips are off. You can turn them back on here any time.

## Buttons
button-settings = ⚙️ Settings
button-help = ❓ Help
button-menu = ☰ Menu
button-back = ← Back
button-cancel = ✖ Cancel
button-tips-yes = Yes, send tips
button-tips-no = No, thanks
button-settings-language = 🌐 Language
button-settings-timezone = 🕒 Time zone
button-tips-turn-on = 💡 Turn tips on
button-tips-turn-off = 💡 Turn tips off

## Leaving flows, unexpected input, errors
cancel-done = Stopped. Nothing you saved before is lost.
cancel-nothing = There's nothing to cancel. Here is the menu.
expects-button = Please answer with the buttons under the question above, or send /cancel to stop.
unknown-input = I didn't catch that. Here's what I can do:
stale-button = This button is from an older message. Here's where things stand now.
stale-button-new = That button is from an earlier conversation. Send /start to begin.
error-generic = Sorry, something went wrong on my side. Your progress is saved; please try again in a moment.
kind-sticker = sticker
kind-photo = photo
kind-voice = voice message
kind-video = video
kind-document = file
kind-other = message of this kind

## Command menu descriptions (setMyCommands)
command-start = Start or open the main menu
command-menu = Main menu
command-settings = Language, time zone, tips
command-help = What the bot can do
command-cancel = Leave the current step
command-kickoff = Start a project with its goal and number
command-done = Record a finished project
command-clients = Your clients
command-reflect = Reflect on a project
command-history = Past reflections
command-stats = Your partner trend
command-checkins = Upcoming and overdue check-ins
command-checkin = Plan a check-in with a client
command-broadcast = Broadcast a message (admins)
command-broadcasts = Past broadcasts (admins)
help-admin = <b>For admins</b>
command-tips = Tips: subscribe, how often, when

## Main menu entries
button-kickoff = 🚀 New project
button-done-project = ✅ I finished a project
button-clients = 👥 Clients
button-reflect = 📝 Reflect
button-history = 📜 History
button-stats = 📈 Stats
button-checkins = 🔔 Check-ins
button-skip = Skip →
button-prev = ‹ Back
button-next = More ›

## Generic input problems
text-too-long = That's { $length } characters; here the limit is { $limit }. Could you make it shorter?
expects-text = I need text here, not a { $kind }.
since-never = no contact yet
since-today = today
since-days = { $n ->
    [one] { $n } day ago
   *[other] { $n } days ago
}
since-weeks = { $n ->
    [one] { $n } week ago
   *[other] { $n } weeks ago
}
since-months = { $n ->
    [one] { $n } month ago
   *[other] { $n } months ago
}
since-years = { $n ->
    [one] { $n } year ago
   *[other] { $n } years ago
}

## Clients
clients-title = <b>Your clients</b> ({ $count }), most recent contact first:
clients-archived-title = <b>Archived clients</b> ({ $count }):
clients-empty = No clients yet. Add one here, or record a finished project with /done and I'll add its client along the way.
clients-archived-empty = The archive is empty.
button-add-client = ➕ Add client
button-show-archived = 🗄 Archive
button-show-active = 👥 Active clients
client-add-name = What's the client's name? Up to 100 characters.
client-add-contact = How do you reach them: email, Telegram, phone? Optional.
client-add-notes = Anything worth remembering about them: their business, what matters to them? Optional.
client-added = Client <b>{ $name }</b> added.
client-card =
    <b>{ $name }</b>{ $archived ->
        [yes] { " " }(archived)
       *[no] { "" }
    }
    Contact: { $contact }
    Notes: { $notes }
    Projects: { $projects }
    Latest partner score: { $score }
    Last contact: { $since }
    Next check-in: { $checkin }
client-card-recent = Recent projects:
client-card-project = • { $date } — { $title }
client-card-under-way = 🚀 Under way: <b>{ $project }</b>, planned end { $date }.
button-call-off = ✖ Call off "{ $project }"
call-off-ask = Call off <b>{ $project }</b>? Its reminders stop and it leaves the /done list. The client and their other projects stay as they are.
button-call-off-yes = Yes, call it off
call-off-done = "{ $project }" is called off.
wrap-up-title = 🏁 <b>{ $project }</b> for { $client } was planned to end { $date }. Is the work finished?
wrap-up-why = Recording it starts what matters most after a project: check-ins that ask what became of the client's number.
button-wrap-up-record = ✅ Finished: record it
button-wrap-up-extend = ⏳ A week more
button-wrap-up-call_off = ✖ Called off
wrap-up-recording = ✅ Recording it as finished.
wrap-up-extended = ⏳ New planned end: { $date }. I'll ask again then.
wrap-up-planned = whether the work is finished: { $date }
not-set = —
button-edit = ✏️ Edit
button-archive = 🗄 Archive
button-unarchive = ↩️ Restore
button-delete = 🗑 Delete
button-to-clients = ← Clients
client-edit-ask = What would you like to change for <b>{ $name }</b>?
button-field-name = Name
button-field-contact = Contact
button-field-notes = Notes
button-client-address-formal = Switch to informal
button-client-address-informal = Switch to formal
client-address-formal = Drafts for { $name } now use the formal address.
client-address-informal = Drafts for { $name } now use the informal address.
button-clear = Clear it
client-edit-name = The new name? Up to 100 characters.
client-edit-contact = The new contact? Up to 1,000 characters.
client-edit-notes = The new notes? Up to 1,000 characters.
client-saved = Saved.
client-archived = Moved to the archive. Its history stays; restore it any time.
client-unarchived = Back among your active clients.
client-delete-confirm = Delete <b>{ $name }</b>? This also removes { $projects ->
        [one] its project
       *[other] its { $projects } projects
    } and the reflections on them. It can't be undone.
button-delete-yes = Yes, delete
button-delete-no = No, keep
client-deleted = <b>{ $name }</b> is deleted.
client-gone = That client isn't here any more (perhaps deleted).

## Recording a finished project (ideas I8, I9)
done-lesson-reminder = Last time you wrote you'd do this differently: <i>{ $lesson }</i>
done-client-ask = <b>Which client was it for?</b> Pick one, or type a new client's name.
button-new-client = ➕ New client
done-new-client-ask = The new client's name? Up to 100 characters.
done-title-ask = <b>What was the project?</b> A short title, e.g. <i>Landing page for the spring sale</i>.
done-goal-ask = <b>What did the client really need from it?</b> Not the deliverable: the business result behind it.
goal-sales = 💰 More sales or profit
goal-leads = 📥 More leads
goal-traffic = 📈 More traffic or CTR
goal-savings = ⏱ Time or money saved
goal-other = ✍️ Something else
done-goal-other-ask = In a few words, what result did the client want?
kickoff-goal-other-ask = In a few words, what result does the client want?
done-metric-ask = <b>How will you both know it worked?</b> Name the number to watch, e.g. <i>orders per week</i> or <i>banner CTR</i>.
done-baseline-ask = What was that number before the project, e.g. <i>CTR 1.2%</i>? Skip if nobody knows.
done-date-ask = <b>When did you finish?</b> Type <i>3 days ago</i>, <i>last friday</i>, <i>12.11</i> or <i>2026-11-03</i>, or pick a button.
button-today = Today
button-yesterday = Yesterday
date-unreadable = I couldn't read "{ $text }" as a date. Try <i>today</i>, <i>3 days ago</i>, <i>last friday</i>, <i>12.11</i> or <i>2026-11-03</i>.
date-future = { $date } hasn't come yet. Give the day you finished: today or earlier.
done-saved = Saved: <b>{ $title }</b> for { $client }, finished { $date }.

## The reflection (question ids and ideas in bot/content/questions.py)
reflect-intro = Now a short look back: { $count } questions, about three minutes. Want to add a thought to an answer? Type it before you press the button. /cancel pauses; /reflect picks up where you stopped.
reflect-progress = <i>Question { $n } of { $total } · { $project }</i>
q-request = How well did you understand what the client was really after: the business result behind the spec, not just the deliverable?
anchor-request = 1: the work followed the spec to the letter · 3: you asked about the goal, but it stayed vague · 5: the business goal is written down and the client has confirmed it
q-challenge = Did you question at least one item in the spec that didn't serve the client's goal?
q-measure = Do you and the client both know how the result will be measured: which number, and where to find it?
q-fit = How well did the solution you offered fit the client's goal and budget, rather than being the bigger, pricier option?
anchor-fit = 1: you sold the bigger option without weighing a smaller one · 3: you considered a smaller option but didn't offer it · 5: you offered the option that fits and said when the bigger one would pay off
q-value = Did you hold your price, rather than cutting it to seem easy to work with?
q-explain = Did the client say yes because they understood the trade-offs, not just because they took your word for it?
q-care = How well did you protect the client from unpleasant surprises down the line: running costs, upkeep, being tied to one contractor?
anchor-care = 1: surprises are coming and nobody has mentioned them · 3: you mentioned the main ones in passing · 5: running costs, upkeep and anything that ties the client to you are written down, and they've read it
q-trust = Early on, did you spend a little extra time building trust: questions about their business, context, short updates?
q-impact = How much will this work help the client earn more or spend less?
anchor-impact = 1: their numbers are unlikely to change · 3: it should help, but nobody is going to check · 5: you both know which number it should move, and roughly by how much
q-return = How likely is this client to come back to you? 0 means never, 10 means certainly.
q-decision = Would you keep working with this client on the same terms, renegotiate, or let them go?
q-lesson = What's the one thing you'd do differently next time? A sentence is plenty.
answer-yes = Yes
answer-partly = Partly
answer-no = No
decision-keep = 🤝 Keep
decision-renegotiate = 🔁 Renegotiate
decision-let_go = 👋 Let go
button-pause = ⏸ Pause
reflect-comment-saved = Noted. Now pick an answer above.
reflect-lesson-hint = Type your answer, or skip.
reflect-paused = Paused at question { $n }. Your answers are saved; /reflect continues from there.
reflect-cancelled = Paused. Your answers are saved; /reflect continues where you stopped.
reflect-nothing = No project is waiting for a reflection. Finished one? Send /done.
reflect-pick = Which project would you like to look back on?
reflect-resume = Picking up where you stopped: <b>{ $project }</b>.
reflect-already-done = You've already reflected on this project; it's in /history.
label-partner = Partner
label-in_between = Halfway there
label-conveyor = To the spec
result-title = <b>Partner score: { $score }/100 · { $label }</b>
result-no-score = You skipped every scored question, so there's no score this time. Your answers are saved.
result-strong = Partner-level work. Tell the client what you'll watch next and when you'll check in.
result-strongest = Your strongest habit here: { $dimension }.
answer-na-challenge = There was nothing like that
answer-na-return = One-off work by nature
button-skip-as-no = Skip (counts as No)
result-weak-title = What to try next:
result-decision-keep = You'd like to keep this client. A check-in in a few weeks, asking how the result is going, keeps the door open.
result-decision-renegotiate = You'd keep them on different terms. Before the next order, say plainly what needs to change: scope, price or how you work together.
result-decision-let_go = You'd rather let this client go. That's a fair call: finish kindly, and spend the time on clients you want to grow with.
## After the reflection: the two hardest messages to write (I13: don't bend to every client)
result-draft-below = A message to start from is just below: copy it and fill in the brackets.
decision-draft-renegotiate =
    Thank you for the work on this project. Before we plan the next one, I'd like to agree on one change in how we work: [what: the scope of a stage, the rate, how changes are agreed].
    Here's what I suggest: [your proposal]. Would that work for you?
decision-draft-let_go =
    Thank you for this project. Thinking about what comes next, I don't think I'm the best fit for your next tasks: [one honest reason, e.g. you need daily support, and I work in stages].
    So that you can carry on easily: [what you hand over: files, access, notes]. If it helps, I can recommend someone: [name].
    All the best with [what the work was for].

## Advice for the weakest dimensions
advice-request = <b>The real request.</b>
advice-measure = <b>Measuring the result.</b>
advice-fit = <b>What fits, not what costs more.</b>
advice-explain = <b>Explaining your choices.</b>
advice-care = <b>No rush, no surprises.</b>
advice-trust = <b>Trust from the start.</b>
advice-impact = <b>Helping the client earn more.</b>
advice-return = <b>Clients who come back.</b>
## Look-backs: advice that only follows a reflection, when every tip of the habit reached the person lately (bot/content/advice.py)
advice-request-back-1 = Reread the first messages of this project. Where did the client say what they really needed, and is that where the work went?
advice-request-back-2 = Write down in one sentence what this project was meant to do for the client's business. If that's hard to put into words, ask them before the next piece of work.
advice-measure-back-1 = Which number would have shown that this project worked? Ask the client if they can still look it up.
advice-measure-back-2 = Find the moment in this project when you could have agreed on a number: the brief, the quote, the first call. Make "Which number will show it worked?" a fixed part of that step from now on.
advice-fit-back-1 = Look at what this client paid for. Which part would they have skipped if they knew what you know? Tell them before the next order.
advice-fit-back-2 = Was there a cheaper way to the same result in this project? Write it down, so it's the first option you offer next time.
advice-explain-back-1 = Pick the decision in this project the client understood least. Send them two sentences now: why you made it and what it gives them.
advice-explain-back-2 = Could this client tell a friend what they got and why it's good? If not, send them a short summary they could forward.
advice-care-back-1 = What might this client discover in a month and be unpleasantly surprised by: a bill, an update, a password they don't have? Warn them now.
advice-care-back-2 = Where in this project were you hurrying to get it off your desk? Note what deserved more time, and build that time into your next quote.
advice-trust-back-1 = Think back to this project's first week. Which question or worry could you have answered before the client raised it? Add it to your "How I work" note.
advice-trust-back-2 = When did this client first trust you with a decision? Note what happened just before: that's worth doing earlier next time.
advice-impact-back-1 = Write down how this project could help the client earn more or spend less, even beyond the spec. Send them the most useful line.
advice-impact-back-2 = What one next step would help this project pay off sooner for the client? Describe it to them in a short message, as an idea rather than a pitch.
advice-return-back-1 = Would you take this client again on the same terms? If yes, plan a check-in with /checkin; if not, write down what would have to change.
advice-return-back-2 = What would make this client think of you first the next time they need help? Do a small piece of it this month.

## Dimension names (stats, history)
dim-request = understanding the real request
dim-measure = measuring the result
dim-fit = the solution that fits
dim-explain = the client understanding the trade-offs
dim-care = no surprises later
dim-trust = trust from the start
dim-impact = helping the client earn more
dim-return = clients coming back

## History and stats
history-title = <b>Your reflections</b>, newest first ({ $count }):
history-empty = No reflections yet. After your next project, send /done: twelve quick questions will show how much of a partner you were.
history-item = { $date } · { $client }: { $title } · { $score }
history-header =
    <b>{ $title }</b> for { $client }, finished { $date }
    Goal: { $goal }
    Measured by: { $metric } (before: { $baseline })
history-answer = <b>{ $question }</b>
    { $answer }
history-comment = <i>{ $comment }</i>
answer-skipped = skipped
button-to-history = ← History
stats-empty = No scores yet. Record a finished project with /done and answer the twelve questions: after two or three projects you'll see your trend here.
stats-text =
    <b>Your partner trend</b>
    Reflections: { $count }
    Average score: { $average }, latest: { $latest }
    Strongest: { $strongest }
    To work on: { $weakest }
    Repeat clients: { $repeat } of { $clients } ({ $rate }%)
stats-one-dimension = keep answering to find out
chart-title = Partner score by project
chart-y = Score

## Check-ins with past clients (ideas I9-I12)
checkin-ask = <b>Shall I remind you to check in with { $client }?</b> A short message asking how the result is going keeps you their partner, not just their contractor.
checkin-ask-keep = You'd like to keep working with { $client }. Shall I remind you to stay in touch?
checkin-let-go-none = You decided to let { $client } go, so I won't plan a check-in. You can still plan one from the client card.
preset-2w = In 2 weeks
preset-1m = In a month
preset-3m = In 3 months
preset-6m = In 6 months
cadence-2-week = Every 2 weeks
cadence-1-month = Every month
cadence-3-month = Every 3 months
button-pick-time = 🗓 Pick a day and time
button-no-checkin = No, thanks
checkin-when-ask = When? Type it the way you'd say it: <i>friday at 10</i>, <i>tomorrow evening</i>, <i>in 2 weeks</i>, <i>end of the month</i>, <i>15.01 9:30</i>.
checkin-when-now = Now: { $when }.
button-checkin-change = 🗓 Change day or time
checkin-when-unreadable = I couldn't read "{ $text }" as a time. Try <i>friday at 10</i>, <i>in 2 weeks</i>, <i>early january</i> or <i>15.01 9:30</i>.
checkin-when-past = That moment has already passed. Pick a time in the future.
checkin-when-too-far = That's more than two years ahead. Pick something sooner.
checkin-planned = 🔔 Check-in with <b>{ $client }</b>: { $when }.
checkin-planned-cadence = 🔔 I'll remind you to check in with <b>{ $client }</b> every { $unit ->
        [week] { $n ->
            [one] week
           *[other] { $n } weeks
        }
       *[month] { $n ->
            [one] month
           *[other] { $n } months
        }
    }, counted from your last contact. Next: { $when }.
checkin-when = { $date } at { $time } ({ $zone })
checkin-skipped-plan = Okay, no check-in for now.
reminder-title = 🔔 <b>Time to check in with { $client }</b>
reminder-late = <i>A little late: I was offline when this was due.</i>
reminder-project = Project: { $project }, finished { $date } ({ $ago }).
reminder-goal = Their goal: { $goal }. Measured by: { $metric }{ $baseline ->
        [none] .
       *[other] , before the project: { $baseline }.
    }
reminder-no-project = No project recorded yet for this client.
reminder-draft = A message you could send:
draft-fill-hint = ✍️ Put your own idea where the "…" is: one, and concrete, so the client has something to answer.
draft-hello = { $company ->
    [yes] { $variant ->
        [1] Hi there,
       *[other] Hello,
    }
   *[no] { $variant ->
        [1] Hello { $client },
       *[other] Hi { $client },
    }
}
draft-ago = { $unit ->
    [today] a few hours
    [days] { $n ->
        [one] a day
       *[other] { $n } days
    }
    [weeks] { $n ->
        [one] a week
       *[other] { $n } weeks
    }
    [months] { $n ->
        [one] a month
       *[other] { $n } months
    }
   *[years] { $n ->
        [one] a year
       *[other] { $n } years
    }
}
button-checkin-done = ✅ Done
button-snooze = 😴 Snooze
button-reschedule = 🗓 Reschedule
button-checkin-skip = ⏭ Skip
button-checkin-stop = 🔕 Stop for this client
checkin-outcome-ask = How did it go?
outcome-replied = 💬 They replied
outcome-new_order = 🎉 New order
outcome-no_answer = 🔇 No answer yet
outcome-not_relevant = 🤷 Not relevant
checkin-note-ask = Anything to note, e.g. what they said about the result? Type it, or skip.
checkin-done = Noted. Last contact with { $client } is today.
checkin-new-order = A repeat client: that's what partnership looks like. Shall we record the new project?
button-record-project = ✅ Record the new project
snooze-1d = 1 day
snooze-3d = 3 days
snooze-1w = 1 week
checkin-snoozed = Snoozed until { $when }.
checkin-skipped = Skipped this one.
checkin-stopped = No more check-ins for { $client }. You can plan one again from the client card.
checkin-gone = This check-in is already closed.
checkins-title = <b>Your check-ins</b>
checkins-overdue = Waiting for you:
checkins-upcoming = Next 30 days:
checkins-empty = No check-ins planned for the next 30 days. Plan one from a client's card, or with /checkin.
checkins-item = { $when } · { $client }
checkin-pick-client = Which client would you like to check in with?
checkin-no-clients = No clients yet. Record a finished project with /done first.
button-plan-checkin = 🔔 Plan a check-in
button-contacted = 📞 I contacted them
contacted-when = When did you talk? Pick a button, or type a date like <i>3 days ago</i> or <i>12.11</i>.
contacted-saved = Noted: last contact with { $client } was { $date }.
button-settings-checkin-hour = ⏰ Check-in hour
settings-checkin-hour-ask = At what local hour should reminders without a set time arrive?
settings-checkin-hour-set = Reminders now arrive at { $hour }:00 your time.

## Message drafts to the client
draft-2w-1 = It's been { $ago } since "{ $project }" went live. Has { $metric } started to move? If you send me the figures, I'll take a look and tell you what I see. If anything needs changing, I'll quote it as a small piece of work of its own.
draft-2w-2 = I'm curious what the first results look like. What do the figures for { $metric } say so far? And if any questions have come up about how it all works, just ask.
draft-2w-3 = How is "{ $project }" doing in real use? What have you noticed yourself, and what's happening with { $metric }? If anything looks off, tell me and I'll look into it.
draft-1m-1 = It's been { $ago } since "{ $project }" went live. What has changed in { $metric }? If something isn't working the way you hoped, tell me. I'll find out why, and if it needs more work, I'll quote that separately.
draft-1m-2 = How has { $metric } moved in the { $ago } since launch? Is it where you needed it to be? One idea for taking it further: … Happy to go into detail if it's of interest.
draft-1m-3 = Checking in { $ago } after we wrapped up. How are things looking for { $metric }? Send me the figures and we can go over them together. Whether anything should change is a separate decision, and if it should, that would be a small piece of work of its own.
draft-3m-1 = It's been a while: we finished "{ $project }" { $ago } ago. How is business going? One thought on lifting { $metric } further: … Happy to say more if it's useful.
draft-3m-2 = We finished "{ $project }" { $ago } ago. Have you been able to tell whether it paid off? Where does { $metric } stand now? I'd like to understand what worked and what, in your view, should have been done differently.
draft-3m-3 = How's business, and what matters most to you in it right now? I'm also curious how { $metric } is holding up { $ago } after we finished.
draft-no-project = How is business going these days? What's the main goal for the next few months? If there's a number you'd like to move, I'm happy to think it through with you.
draft-no-metric-1 = What has changed in the business since "{ $project }" went live? Is there a number that shows it, such as orders, leads or sign-ups? If you tell me where it stands now, we can see together whether the work paid off.
draft-no-metric-2 = It's been { $ago } since we finished. What has changed in the business since then? If you keep an eye on a number, such as orders, leads or calls, I'd like to look at it with you.

## Tips: one concrete thing for this week (ideas and dimensions in bot/content/tips.py)
tip-title = 💡 <b>Something to try</b>
tip-request-1 = Pick one current project and ask the client: "What should change in your business once this is done?" Put the answer at the top of the brief and check each next step against it.
tip-request-2 = Open the spec of a current project and rewrite its first line as a business result: not "a landing page" but "more sign-ups from the spring campaign".
tip-request-3 = Go through a current spec and find one item that doesn't bring the client closer to their goal. Ask about it openly: "What will this give your customers? If not much, I'd put that time into the checkout instead."
tip-request-4 = Take the last feature a client asked for and ask what it's for. Whatever they say, ask once more: "And what will that give you?" The second answer is usually the real request.
tip-request-5 = Find out from a current client who their best customers are and what they come for. Then look at your work through those customers' eyes.
tip-request-6 = Think back to a task you recently finished exactly to the spec. Write one line on what the client actually needed from it, then ask them if you've got it right.
tip-measure-1 = Agree on one number with a current client this week: orders, leads, CTR, hours saved. Write down where it stands today.
tip-measure-2 = Add a line "How we'll know it worked" to your proposal template: which number, where to look, and when.
tip-measure-3 = Message a past client and ask how the number you agreed on has changed. Even "about the same" tells you something for your next proposal.
tip-measure-4 = If a current client has no analytics, offer the simplest setup: a visit counter, or a "How did you hear about us?" field in the form. Twenty minutes now saves guessing later.
tip-measure-5 = Two weeks after your current project ends, you'll want the client's number. Put that day in your calendar now and tell the client, so the figure is ready when you ask.
tip-measure-6 = Put the client's number in your next progress update, even if it hasn't moved yet. When you both see it every week, it stays what the work is for.
tip-fit-1 = When you quote a current client for the next stage, start with the option that fits their goal and budget. Add a bigger one only if you can say when it would pay off for them.
tip-fit-2 = Think of the last extra you sold a client. In their place, would you have paid for it? If not, tell them what they can safely do without from now on.
tip-fit-3 = Find one thing in a current project that could be cut without hurting the client's goal. Offer to drop it, or to do something more useful in its place.
tip-fit-4 = Before your next quote, write your price down before you talk to the client. If they push back, take something out of the scope rather than doing the same work for less.
tip-fit-5 = Add a line to your proposal template on what the result is worth to the client: "If the form brings five more leads a month, the work pays for itself in two months." Then they weigh your price against the result, not against other quotes.
tip-fit-6 = Look back over what your current clients have asked for lately. If something expensive won't help their goal, tell them and suggest a cheaper way that will.
tip-fit-7 = Could a ready-made service or template do the job for a current client? If it could, tell them, even if your part gets smaller.
tip-fit-8 = When a current client asks for something outside what you agreed, answer the same day: "Happy to do it. It's outside our scope, so it would be a small extra stage: this much, by then." Do it free once and it becomes the rule.
tip-fit-9 = Find the client you've worked with longest and check when your rate for them last changed. If it's been over a year, tell them your rate for the next stage, a month ahead, with one line on what the work has brought them.
tip-fit-10 = When a finished project needs changes, split them into two lists: what you got wrong, which you fix for free, and what's new, which is a small paid stage with a price and a date. Send the client both lists together.
tip-explain-1 = With the next piece of work you send a client, add three lines: what you did, why it matters for their goal, and what you chose not to do.
tip-explain-2 = Swap one piece of jargon in this week's client messages for what it does: not "lazy loading" but "the page opens faster on phones".
tip-explain-3 = Show a current client one choice in their project: the option you recommend, the one you turned down, and what each would cost them. Then let them decide.
tip-explain-4 = Record a two-minute screen video that walks a current client through what's ready. It answers the questions they didn't know how to ask.
tip-explain-5 = Give a current client two or three simple checks to judge the work without you: "Open the page on your phone", "Ask a friend to find the price".
tip-explain-6 = Which decision did a client last accept without a single question? Check they said yes because it was clear, not just because you said so: "Shall I show you what we gain with it and what we give up?"
tip-care-1 = Set aside half an hour before your next delivery to check the work against the client's goal, not just the spec.
tip-care-2 = Write down for a current client what the result will cost to keep running: hosting, subscriptions, licences, renewals. Send it before they find out from a bill.
tip-care-3 = Check that a current client could carry on without you: passwords, access, source files, a short note on how things work. Hand over whatever only you have.
tip-care-4 = Look at the project you most want off your plate. What would make it good rather than just done? Do that one thing.
tip-care-5 = Before you send the work, go through it the way the client's customer will. Fix the first thing that trips you up.
tip-care-6 = In the handover of a current project, include a short "What will need attention later" note: updates, a domain or certificate that expires, content that will go stale. Add the dates.
tip-trust-1 = Send a current client a short update they didn't ask for: what you've learned about their business and what comes next.
tip-trust-2 = Write a five-line "How I work" note: when you reply, how you report, what you'll need from the client. Send it to a current client and keep it for the next ones.
tip-trust-3 = Ask a current client what annoyed them most about freelancers they've worked with before. Then tell them what you'll do so it doesn't happen this time.
tip-trust-4 = Share a rough draft with a current client before you polish it, and ask one question about it. When they can see progress from the start, the rest is easier to trust.
tip-trust-5 = If something in a current project is late or harder than expected, tell the client today: what happened, the new date, and what you're doing about it.
tip-trust-6 = Make one small, specific promise to a current client this week ("I'll send the draft on Thursday by noon") and keep it to the hour.
tip-impact-1 = Work out one way your current project can bring the client more revenue or cut a cost. Tell them in their language, not yours: "fewer calls asking about prices", not "better UX".
tip-impact-2 = Ask a current client what one new customer is worth to them. Once you both know, you talk about the work differently.
tip-impact-3 = Spot one small change outside your task that would help a current client's business, and mention it once, as an idea rather than a sales pitch.
tip-impact-4 = Write a current client a short note on what to watch after launch and what to try next for their goal.
tip-impact-5 = Spend twenty minutes as a customer of a current client: visit the site, call, place an order. Note the first place where they could be losing money.
tip-impact-6 = This week, ask a current client where most of their money comes from and what they'd like more of next season. Keep the answer next to the brief.
tip-return-1 = Write to one past client this week and ask what has changed since launch. No offer, just the question.
tip-return-2 = Pick one past client who didn't come back and ask, kindly, what could have gone better. One honest answer like that teaches you more than a dozen reviews.
tip-return-3 = List your past clients and mark the ones you'd like to work with again. Then use /checkin to plan a check-in with each of them.
tip-return-4 = Send a past client something useful for their business: an article, a contact, an idea for next season. No pitch attached, just the thing itself.
tip-return-5 = Is there a client you wouldn't take on the same terms again? Write down what would have to change (price, scope, how you work together) and tell them before their next order, or part on good terms.
tip-return-6 = Go over last month's hours: which clients were good to work with, and where did the work pay off? Write to one of them this week with an idea for the next step.
button-tip-less-often = 🐢 Less often
button-tip-unsubscribe = 🔕 Unsubscribe
tips-title =
    <b>Tips</b>: { $enabled ->
        [yes] on
       *[no] off
    }
    How often: { $frequency ->
        [daily] every day
        [twice_weekly] twice a week (Mondays and Thursdays)
       *[weekly] once a week (Mondays)
    }
    Time: { $hour }:00 your time
button-tips-subscribe = 💡 Subscribe
button-tips-unsubscribe = 🔕 Unsubscribe
freq-daily = Every day
freq-twice_weekly = Twice a week
freq-weekly = Once a week
button-tips-time = ⏰ Time
tips-time-ask = At what hour should tips arrive (your time)?
tips-subscribed = Subscribed. The first tip comes { $when }.
tips-unsubscribed = Unsubscribed. No more tips; /tips brings them back.
tips-frequency-set = Now: { $frequency ->
        [daily] every day
        [twice_weekly] twice a week
       *[weekly] once a week
    }.
tips-already-weekly = Already once a week, the least often there is. You can unsubscribe instead.

## Admin broadcasts
broadcast-ask = Send me the message to broadcast: text, a photo or a document, formatted as you like. It goes out exactly as sent.
broadcast-audience-ask = Who should receive it?
audience-all = All users ({ $n })
audience-tips = Tip subscribers ({ $n })
audience-en = English speakers ({ $n })
audience-ru = Russian speakers ({ $n })
broadcast-preview = Above is what they will see. It goes to { $n } people: { $audience }. Send?
broadcast-nobody = Nobody would receive it: { $audience }. Pick another audience, or cancel.
button-broadcast-other-audience = ← Other audience
button-broadcast-send = 📣 Send
broadcast-started = 📣 Broadcast #{ $id } to { $total } people is starting…
broadcast-queued = 📣 Broadcast #{ $id } to { $total } people is queued: it starts when the current one ends.
broadcast-progress = 📣 Broadcast #{ $id }: sent { $sent }, blocked { $blocked }, failed { $failed }, remaining { $remaining } of { $total }.
broadcast-done = ✅ Broadcast #{ $id } finished: sent { $sent }, blocked { $blocked }, failed { $failed } of { $total }.
broadcast-cancelled = ⏹ Broadcast #{ $id } cancelled: sent { $sent }, blocked { $blocked }, failed { $failed }; { $remaining } not sent.
broadcast-cancelling = Cancelling: messages already on their way will arrive, the rest won't.
broadcasts-title = <b>Recent broadcasts</b>
broadcasts-item = #{ $id } · { $date } · { $audience } · { $status }: sent { $sent }, blocked { $blocked }, failed { $failed } of { $total }
broadcasts-empty = No broadcasts yet. Start one with /broadcast.

## Your data
export-caption = Everything I store about you: export.json, and one CSV file per table.
delete-me-confirm =
    <b>Delete everything?</b> This erases your profile and settings, all clients and their notes, projects, reflections with every answer, check-ins and their outcomes, your tip subscription and our conversation state. It can't be undone. (/export first if you want a copy.)
button-delete-me-yes = Yes, delete everything
button-delete-me-no = No, keep my data
delete-me-done = Done: everything about you is erased. If you send /start, we begin from scratch.
command-export = Download all your data
command-delete_me = Erase all your data

## Admin overview
admin-overview =
    <b>Partner Coach overview</b>
    Users: { $users } (active in 7 days: { $active7 }, in 30 days: { $active30 }), blocked the bot: { $blocked }
    Tip subscribers: { $subscribers }
    Clients: { $clients }, projects: { $projects }, reflections: { $reflections }
    Average partner score: { $score }
    Check-ins sent: { $sent }, done: { $done }, of those with a new order: { $orders }%
    Broadcasts: { $broadcasts }
command-admin = Usage overview (admins)
flood-notice = That's a lot of messages at once: I'll skip a few and catch up in a moment. Take your time.

## The client's number after the project (ideas I9, I10)
button-metric-now = 📏 What's the number now?
reminder-metric = 📏 Ask what the figure for <b>{ $metric }</b> is now: the answer shows whether the work paid off for them.
metric-ask =
    What's the figure for <b>{ $metric }</b> at { $client } now? Write it the way you'd say it: "2.1%", "12 leads a week", "don't know".
    Before the project: { $baseline }.
button-metric-unknown = 🤷 Don't know yet
metric-unknown = don't know yet
metric-saved = Saved for { $client }: { $text }
metric-progress = 📏 { $metric }: { $baseline } → { $latest } ({ $change }, { $date })
metric-progress-plain = 📏 { $metric }: { $baseline } → { $latest } ({ $date })
metric-progress-none = 📏 { $metric }: { $baseline } → not measured since the project
metric-same = no change
metric-project-gone = That project isn't here any more (perhaps deleted with its client), so I saved nothing.
button-to-client = 👤 Client card

## The chart of the client's number
button-metric-chart = 📈 Chart of the number
metric-chart-title = { $metric } at { $client }
metric-chart-baseline = before the project
metric-chart-readings = 📈 { $count ->
    [one] { $count } reading
   *[other] { $count } readings
} since the project
metric-chart-without-number = { $count } without a number

## The partner's scoreboard in /stats: the client's result beside the self-assessment (ideas I9, I10, I11)
scoreboard-title = <b>By the client's result</b>
scoreboard-no-metric = 📏 No project has a client's number to follow yet. When you record the next one, name what the client measures (sales, leads, CTR): this is where you'll see whether it moved.
scoreboard-compared = 📏 In { $improved } of { $measured } measured { $measured ->
        [one] project
       *[other] projects
    } the client's number got better; it stayed the same in { $same } and got worse in { $worse }.
scoreboard-no-baseline = 📏 Measured, but with no number from before the project to compare with: { $count }.
scoreboard-unmeasured = ⏳ No number since the project yet: { $count } of { $tracked } { $tracked ->
        [one] project
       *[other] projects
    } with a metric. Ask the client and note it in their card (📏).
scoreboard-forecasts = 🔮 Your “will they come back?” forecast, and who did:
scoreboard-trust = 🚀 Begun with a kickoff: { $kickoffs } { $kickoffs ->
        [one] project
       *[other] projects
    }; early trust steps taken: { $done }.
scoreboard-band = · { $band }: { $back } of { $count } came back
scoreboard-band-likely = likely (7–10)
scoreboard-band-maybe = maybe (4–6)
scoreboard-band-unlikely = unlikely (0–3)
scoreboard-self = ⚖️ Your own score, on average: { $improved } where the client's number got better, { $other } where it didn't.

## Message drafts that follow the client's measured number (ideas I8-I11)
draft-improved-1 = Good news: { $metric } was { $baseline } before the project and is { $latest } now. Congratulations. One thing that helps keep it growing: ask two or three of your newest customers what made them choose you, and use their words in your next ad or on the site.
draft-improved-2 = The figures for { $metric }: { $baseline } before the project, { $latest } now. That's a real change. A next step worth trying is to take whatever made the most difference and repeat it in one more place, small at first. If you like, we can pick the best candidate together.
draft-improved-3 = Congratulations — { $metric } is at { $latest } now, against { $baseline } before the project. To keep it there, it's worth checking once a month. If it starts to slip, you'll see it early, while it's still easy to fix.
draft-improved-4 = In numbers: { $metric } went from { $baseline } to { $latest }. It's good to see the work paying off for your business. If you know someone working on something similar, I'd be happy to help them too. Just pass on my contact.
draft-same-1 = I've been looking at { $metric }: { $baseline } before the project, { $latest } now, so it has hardly moved yet. I'd rather understand why than guess. Shall we go through it together and pick one thing to change and measure over the next few weeks? If it needs work on my side, I'll quote that separately.
draft-same-2 = The figures for { $metric } are { $latest } now against { $baseline } before, about the same. Two things I'd check: whether enough of the right people reach what we built, and whether anything else changed in the business over the same weeks. Shall we look at them together?
draft-worse-1 = To put it plainly, { $metric } was { $baseline } before the project and is { $latest } now, which is the wrong direction. There could be several causes — the season, prices, traffic, or the project itself. Let's look at it together, find out which, and choose what to try first.
draft-worse-2 = The figures for { $metric } have gone the opposite way from what we aimed for: { $baseline } before, { $latest } now. What matters is finding what helps and what gets in the way. Could you send me the weekly figures? We can compare what changed before and after the project and pick one thing to fix or roll back first. If the cause turns out to be in my part of the work, I'll tell you so.

## Kickoff: before the work (I4, I5, I7, I9, I12, I13)
kickoff-intro = Let's set up the project before the work starts: what the client really needs, how you'll both know it worked, and a few early steps that build trust. It takes about two minutes.
kickoff-client-ask = <b>Who is the client?</b> Pick one, or type a new client's name.
kickoff-title-ask = <b>What's the project?</b> A short name, such as <i>Landing page for the spring sale</i>.
kickoff-goal-ask = <b>What does the client really need from it?</b> Not the deliverable: the result for their business.
kickoff-goal-sales = more sales
kickoff-goal-leads = more leads
kickoff-goal-traffic = more people clicking through
kickoff-goal-savings = lower costs
kickoff-goal-other = the result we agreed on
kickoff-metric-ask = <b>Which number will show it worked?</b> For example <i>orders a week</i>, <i>banner CTR</i> or <i>hours spent on invoices</i>. Not sure yet? Skip it: the message to the client will ask them.
kickoff-baseline-ask = <b>What is that number today?</b> For example <i>CTR 1.2%</i> or <i>40 leads a month</i>. If nobody knows, skip it: the message to the client will ask for it.
kickoff-target-ask = <b>What value would the client call a success?</b> For example <i>CTR 2%</i>. Skip it if you haven't talked about that yet.
kickoff-end-ask = <b>When should the work be finished?</b> Type a date, such as <i>15.12</i> or <i>in 3 weeks</i>, or pick a button.
button-end-in-weeks = { $n ->
    [one] In a week
   *[other] In { $n } weeks
}
kickoff-end-past = The end has to be after today, and { $date } isn't. Try <i>in 2 weeks</i> or <i>15.12</i>.
kickoff-end-too-far = { $date } is more than a year away. Pick a nearer end, or split the work into stages and start with the first.
kickoff-budget-ask = <b>A partner check: does the budget fit the goal?</b> Or would a smaller, cheaper solution get the client the same result?
button-budget-fits = It fits the goal
button-budget-smaller = A smaller solution would do
button-budget-unsure = Not sure yet
kickoff-flags-ask = <b>Anything about this client that worries you?</b> Vague answers, pressure on price, "we'll sort out the goal later"… Write it down for yourself, or skip.
kickoff-trust-ask = <b>Pick one to { $most } early steps that build trust.</b> I'll remind you on the right days at your check-in hour, with a message ready to send.
trust-call-button = 📞 Call about their business
trust-confirm-button = ✍️ Goal confirmed in writing
trust-progress-button = 📝 Short progress notes
trust-early_draft-button = 👀 Show a first draft early
button-trust-ready = Ready ({ $n })
kickoff-trust-max = Up to { $most } at a time: a few steps you'll actually take beat a long list. Untick one first.
kickoff-trust-none = Pick at least one step first.
kickoff-address-ask = How do you talk to this client?
button-address-formal = Formally
button-address-informal = Informally
kickoff-saved = 🚀 <b>{ $project }</b> for { $client } is under way. Planned end: { $date }.
kickoff-budget-smaller-advice = <b>Budget:</b> you think a smaller solution would do. Say so before you start: offer it, and say plainly what it leaves out.
kickoff-budget-unsure-advice = <b>Budget:</b> ask the client one question: what result would make this spend worthwhile? The answer tells you what to build.
kickoff-flags-advice = <b>Your note about the client:</b> { $flags }
    Decide now what would make you say no to the next project with them, so you're not deciding under pressure later.
kickoff-draft-title = 👇 Below is a message to confirm the goal with the client, ready to forward or copy as it is.
kickoff-draft-open = Before I start on "{ $project }", I'd like to check that we see the task the same way:
kickoff-draft-goal = the aim is { $goal };
kickoff-draft-metric-none = Which number would tell us it worked: orders, leads, sign-ups? Let's pick one now, so we're both aiming at the same thing.
kickoff-draft-metric = we'll judge the result by { $metric };
kickoff-draft-baseline = today it's { $baseline };
kickoff-draft-baseline-none = I don't have today's figure yet. Could you look it up? A rough one is fine.
kickoff-draft-target = success would be { $target };
kickoff-draft-end = I plan to finish by { $date }.
kickoff-draft-close = If I've got anything wrong, tell me now. It's much easier to fix before the work starts than after.
kickoff-plan-title = I'll remind you about:
trust-call-planned = the call: { $date }
trust-confirm-planned = the written confirmation: { $date }
trust-progress-planned = a progress note every { $n } days, from { $date }
trust-early_draft-planned = the early draft: { $date }
kickoff-plan-none = The project is too short for reminders before it ends: take the steps you picked in the next few days.
kickoff-done-hint = When the work is finished, send /done: this project will be first on the list.

## Nudges during the work (I4, I9, I12)
trust-call-title = 📞 <b>A call with { $client }</b> about { $project }
trust-call-why = Twenty minutes of hearing how their business works today saves days of guessing later.
trust-call-draft = Before I get deep into "{ $project }", could we have a short call, twenty minutes or so? I'd like to hear how things work on your side today and what gets in the way, so that the work really serves the goal — { $goal }. When would suit you?
trust-confirm-title = ✍️ <b>Has { $client } confirmed the goal?</b> ({ $project })
trust-confirm-why = A goal confirmed in writing is the yardstick you'll both use at the end, and it keeps the spec from drifting away from the result.
trust-confirm-draft = Just to be sure we see the task the same way: the goal is { $goal }, and we'll judge it by { $metric }. Does that match how you see it? A short "yes" is plenty.
trust-confirm-draft-no-metric = Just to be sure we see the task the same way: the goal is { $goal }. Which number would show us it worked: orders, leads, calls? Let's pick one now, and if you know where it stands today, tell me that too.
trust-progress-title = 📝 <b>A progress note for { $client }</b> ({ $project })
trust-progress-why = Three lines are enough: what's done, what's next, what you need from them. A client who can't judge the work can still see it moving.
trust-progress-draft = A quick update on the work. Done: … Next: … What I need from you: … What it means for the goal: …
trust-early_draft-title = 👀 <b>Show { $client } an early draft</b> of { $project }
trust-early_draft-why = A rough version shown now costs an hour; a finished piece that misses costs the project. And the client gets to steer in their own words.
trust-early_draft-draft = Here's an early, rough version of "{ $project }". It isn't polished yet. I'm sharing it now so we can check the direction while changes are cheap. The goal is { $goal }: what here works towards it, and what doesn't?
nudge-late = <i>A little late: I couldn't reach you when this was due.</i>
nudge-done-so-far = Trust steps done so far in this project: { $n }.
button-nudge-done = ✅ Done
button-nudge-skipped = Skip this time
button-nudge-stopped = Stop these reminders
nudge-counted-call = ✅ Done: the call is counted.
nudge-counted-confirm = ✅ Done: the confirmation is counted.
nudge-counted-progress = { $n ->
    [one] ✅ Done: your first progress note is counted.
   *[other] ✅ Done: { $n } progress notes so far.
}
nudge-counted-early_draft = ✅ Done: the early draft is counted.
nudge-skipped = Skipped this time.
nudge-next = I'll remind you again on { $date }, at your reminder hour.
nudge-stopped = No more reminders for "{ $action }" in this project.

## /done for a project begun with /kickoff
done-started-ask = <b>Which project is finished?</b> Its goal and number are already saved; I'll only ask when it ended.
button-started-project = { $project } · { $client }
button-other-project = Another project
done-started-date-ask = <b>When did "{ $project }" end?</b> Type <i>3 days ago</i>, <i>12.11</i> or <i>2026-11-03</i>, or pick a button.
done-started-gone = That project is already recorded as finished. Send /done to record another one.

## Dates as people type them: a weekday that disagrees with its date, a planned end that cannot be read, a time named in another zone
date-weekday-mismatch = The weekday and the date disagree: did you mean { $date } or { $weekday }? Type the day you meant.
kickoff-end-unreadable = I couldn't read "{ $text }" as a date. Try <i>in 2 weeks</i>, <i>15.12</i>, <i>end of the month</i> or <i>next friday</i>.
checkin-zone-converted = { $there } ({ $zone }) = { $here } your time.
