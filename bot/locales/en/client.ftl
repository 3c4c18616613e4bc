## What a freelancer's client reads when they answer through their link.
## Who asks and what is shared (I6: the client's own view is what counts).
client-intro =
    Hi! { $freelancer } would like to hear how the project <b>"{ $project }"</b> went for you.
    Three short questions, about a minute. { $freelancer } will see your answers and any comment you add, and nothing else from your Telegram account.
client-button-start = Answer ▶
client-button-later = Not now
client-button-never = Don't ask me again
client-later = No problem. The link works until { $date }: open it again whenever it suits you.
client-declined = Done: { $freelancer } won't be able to ask you for feedback through this bot again. Thanks for letting us know.
client-own-preview = <b>This is what your client will see</b> when they open the link:
client-own-only = Only the client can answer: the link belongs to whoever opens it first.
## What a link says when it cannot be answered.
client-link-unknown = This link doesn't work. It may have been copied only in part: ask the person who sent it for a new one.
client-link-used = This link has already been used. If it was meant for you, ask the person who sent it for a new one.
client-link-expired = This link has expired: links work for 30 days. If you'd still like to answer, ask { $freelancer } for a new one.
client-link-withdrawn = This request has been withdrawn, so there's nothing to answer. Thanks for opening it.
client-link-declined = You asked not to receive feedback requests any more, so this one is switched off: { $freelancer } can't ask again.
client-answered-already = You've already answered. Thank you! { $freelancer } can see your answers.
## The three questions (I8, I9 · I9, I10 · I11).
client-step = <b>{ $n } of 3.</b>
client-q-understood = Did { $freelancer } understand what you really needed from this work: not just the task, but what it was for?
client-anchor-understood = <i>1: did what the brief said and never asked what it was for · 3: asked about the goal, but it stayed vague · 5: we agreed on the business goal, and the work kept to it</i>
client-q-number =
    What is <b>{ $metric }</b> now? A rough figure is fine, typed the way you'd say it: <i>2.1%</i>, <i>about 40 a week</i>.
    If you don't track it, just say so below.
client-q-number-none =
    Is there a number in your business this work should move: sales, leads, bookings? What is it now, roughly?
    Type it the way you'd say it, or press a button below.
client-number-unread = I couldn't find a figure in that, so it's saved as your comment.
client-q-again = How likely are you to work together again? <i>0: very unlikely · 10: certainly</i>
client-comment-kept = 💬 Your comment: <i>{ $comment }</i>. Now pick an answer, or type again to replace the comment.
client-comment-too-long = That's longer than { $limit } characters: could you make it shorter?
client-button-dont-know = I don't know
client-button-stop = ✖ Stop
client-stopped = Stopped. Nothing has been sent to { $freelancer }. The link works until { $date } if you'd like to answer later.
client-stopped-plain = Stopped. Nothing has been sent.
## The end: exactly what the freelancer will see.
client-thanks = <b>Thank you!</b> This really helps { $freelancer }. They will see exactly this:
client-thanks-end = Nothing else about you is shared.
client-summary-understood = • Understood what you needed: { $value }
client-summary-number = • The number now: { $value }
client-summary-again = • Would work with them again: { $value }
client-summary-skipped = skipped
client-summary-dont-know = don't know
client-summary-comments = • Your comments:
client-summary-comment = <i>{ $comment }</i>
client-button-delete = 🗑 Delete my answers
client-delete-question = Delete your answers? The freelancers you answered will see that you withdrew them. A "don't ask me again" you chose goes too.
client-button-delete-yes = Yes, delete
client-button-keep = Keep them
client-answers-deleted = { $count ->
    [0] There was nothing of yours to delete: no answers are kept.
    [one] Done: your answers are deleted, and the freelancer sees that you withdrew them.
   *[other] Done: all { $count } of your answers are deleted, and each freelancer sees that you withdrew them.
}
client-delete-kept = OK, your answers stay as they are.
## For a client who writes to the bot later.
client-about-bot =
    This is <b>Partner Coach</b>, a bot that helps freelancers work as partners to their clients: find out what the client really needs, offer what fits, and follow up on the result.
    You've answered a freelancer's questions here. If you do freelance work yourself, you can use it too.
client-button-join = Use it for my work
