## Partner Coach, English texts. Messages are HTML: keep <b>, <i> and <code> balanced.
## Variables are escaped by the translator; never put raw user text into a message id.

## Onboarding (ideas I1, I2, I9, I11)
start-welcome =
    Hi, { $name }! I'm Partner Coach.
    Freelancers who work as a "conveyor" close the spec and move on. Partners solve the client's real goal, more sales, more leads, a better CTR, and clients come back to them.
    I'll help you make that a habit: a short look back after each project, reminders to check in with past clients, and small weekly tips.
onboarding-timezone-ask =
    <b>Which time zone are you in?</b> I'll send reminders at a sensible local hour.
    Pick one below or type a city (<i>Berlin</i>, <i>Москва</i>), a zone (<i>Europe/Berlin</i>) or an offset (<i>+3</i>, <i>UTC+5:30</i>).
onboarding-timezone-set = Time zone: <b>{ $zone }</b> ({ $offset }), it's { $time } there now.
onboarding-tips-ask =
    <b>Would you like a short tip now and then?</b>
    One concrete thing to try with your clients this week, never more than one a day. You can change this any time in /settings.
onboarding-done =
    All set. Whenever you finish a project, come back: ten quick questions will show how much of a partner you were, and what to try next time.
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

    /start — the beginning, or the main menu
    /menu — the main menu
    /settings — language, time zone and tips
    /help — this message
    /cancel — leave whatever you're in the middle of

## Settings
settings-title =
    <b>Settings</b>
    Language: { $language }
    Time zone: { $zone } ({ $offset })
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
