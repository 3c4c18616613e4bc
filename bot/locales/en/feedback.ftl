## Asking a client for their view, as the freelancer sees it.
## The three questions mirror the reflection's "request" and "return" and the client's
## number (I8, I9, I10, I11).

button-feedback-ask = 🗣 Ask for the client's view
button-feedback-copy = 📋 Copy
button-feedback-share = 📤 Send
button-feedback-withdraw = ↩ Withdraw the request

## The request, ready to send
feedback-asked =
    🗣 <b>A request for { $client }'s own view of “{ $project }”</b>
    They'll answer three quick questions right here in Telegram: did you understand what they really needed, what their number is now, and how likely they are to work with you again. You'll see their answers beside your own.
    The link is for one person and works until { $expires }.
feedback-asked-send = Send them this (📋 copies it, 📤 picks a chat):
feedback-draft-formal = Hello! Could you give me your honest view of “{ $project }”? It's three quick questions in Telegram, about a minute, and it helps me do better work for you.
feedback-draft-informal = Hi! Could you give me your honest view of “{ $project }”? It's three quick questions in Telegram, about a minute, and it helps me do better work for you.
feedback-draft-short-formal = Hello! Could you give me your honest view of our project? Three quick questions in Telegram, about a minute.
feedback-draft-short-informal = Hi! Could you give me your honest view of our project? Three quick questions in Telegram, about a minute.

## Why a request cannot go out now
feedback-refused-open = 🗣 { $client } already has a request waiting, sent on { $asked }; its link works until { $expires }. Once they answer, or you withdraw it, you can ask again.
feedback-refused-too-soon = 🗣 { $client } was asked recently. One request a month keeps it light for them: the next one can go out on { $date }.
feedback-refused-opted-out = 🗣 { $client } asked not to be asked for their view again, so the bot won't send them requests. Everything else about them stays as it is.
feedback-withdrawn = Request withdrawn: its link no longer opens the questions.

## On the client's card
feedback-card-waiting = 🗣 Asked for their own view on { $asked }; the link works until { $expires }.
feedback-card-answered = 🗣 Their own view, { $date }:
feedback-card-expired = 🗣 The request of { $asked } expired without an answer.
feedback-card-withdrawn = 🗣 The request of { $asked } was withdrawn.
feedback-card-declined = 🗣 They asked not to be asked for their view again.
feedback-card-erased = 🗣 The client withdrew their answers.
feedback-card-next = A new request is possible from { $date }.
feedback-card-summary =
    · understood what they needed: you { $mine } · client { $theirs }
    · would work with you again: you { $mine_again } · client { $theirs_again }
metric-from-client = · from the client

## Both views side by side (the notice, /history)
feedback-notice-title = 🗣 <b>{ $client } answered about “{ $project }”</b>
feedback-history-title = 🗣 <b>The client's own view</b> ({ $date })
feedback-pair-understood = Understood what they really needed: you { $mine } · client { $theirs }
feedback-pair-again = Would work with you again: you { $mine } · client { $theirs }
feedback-pair-number = Their number ({ $metric }): client { $theirs } · { $mine }
feedback-mine-latest = your latest { $value }
feedback-mine-before = before the project { $value }
feedback-mine-none = none of yours yet
feedback-number-unknown = doesn't know
feedback-comment = <i>“{ $comment }”</i>
feedback-advice-understood = 💡 They felt less understood than you thought: next time, write the goal and its number down at the start and have the client confirm it in their own words (/kickoff does this).
feedback-advice-again = 💡 They're less sure to come back than you forecast: ask what would make a next project worth it for them, and check in on their result in a few weeks.

## /stats
feedback-stats-none = 🗣 No client's own view yet. From a client's card you can ask for one: three quick questions, and their answers appear beside yours.
feedback-stats-title = 🗣 <b>The clients' own view</b>: { $count } { $count ->
        [one] answer
       *[other] answers
    }
feedback-stats-understood = · understood what they needed (1–5): your score minus theirs, on average { $gap }
feedback-stats-better = · better by the client's own number: { $better } of { $measured } { $measured ->
        [one] project
       *[other] projects
    } they gave a number for
feedback-stats-again = · will they come back (0–10): your forecast minus their answer, on average { $gap } (over { $count })

## The chart of the client's number
metric-chart-own = your readings
metric-chart-client = from the client
