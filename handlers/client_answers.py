"""A freelancer's client answering through their personal link, and anything else such a
client sends. The client is not a user of the bot (bot.telegram.middlewares): they get a
`Conversation`, never a `Ctx`, and this router, first of all, takes every update of theirs.

The questions are a form (bot.telegram.forms): Back, Skip where skipping means something,
a typed comment kept on the question it belongs to, and the client's Stop at any time;
their answers wait in the conversation state (so a restart loses none) and reach the
freelancer only when the last one is given.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, CommandStart, Filter, StateFilter
from aiogram.types import Message

from bot.rules.feedback import is_payload
from bot.services.feedback import (
    COMMENT_LIMIT,
    ClientAnswers,
    FeedbackQuestion,
    FeedbackService,
    LinkState,
    Opening,
)
from bot.telegram.context import Conversation
from bot.telegram.forms import Answers, Asker, Buttons, Form, Stay, Step, Updates
from bot.views.client_answers import (
    ClientAction,
    ClientActionCb,
    ClientScoreCb,
    about_bot,
    declined_text,
    delete_question,
    number_question,
    opening_screen,
    own_link_preview,
    reads_as_number,
    score_question,
    stopped_text,
    thanks_screen,
)
from bot.views.screen import Screen
from storage.users import User

NUMBER_LIMIT = 300  # as long as a reading the freelancer types


class NotAUser(Filter):
    """The sender is not a user of the bot: a freelancer's client."""

    async def __call__(self, event: Any, user: User | None = None) -> bool:
        return user is None


def _comment_key(question: FeedbackQuestion) -> str:
    return f"comment_{question.value}"


def _expires_on(opening: Opening) -> date:
    assert opening.request is not None
    return opening.request.expires_at.date()


# ---- opening the link ---------------------------------------------------------------------


async def open_link(
    message: Message, ctx: Conversation, command: CommandObject, feedback: FeedbackService
) -> None:
    await ctx.state.clear()  # a link opened in the middle of anything starts afresh
    opening = await feedback.open(command.args or "", ctx.person_id)
    if opening.state is LinkState.OWN:
        await ctx.reply(own_link_preview(ctx.t, opening))
        return
    await ctx.reply(opening_screen(ctx.t, opening))


async def request_pressed(
    _: object, ctx: Conversation, callback_data: ClientActionCb, feedback: FeedbackService
) -> None:
    """Start, Not now, Don't ask me again, and deleting the answers: only the person who
    opened the link can press them (anyone else gets the old-button answer)."""
    action = callback_data.action
    if action in (ClientAction.DELETE, ClientAction.DELETE_YES, ClientAction.KEEP):
        await _deletion(ctx, callback_data, feedback)
        return
    opening = await feedback.answerable(callback_data.request, ctx.person_id)
    if opening.state is LinkState.UNKNOWN:
        ctx.refuse("feedback request", callback_data.request)
        return
    if opening.state is not LinkState.READY:
        await ctx.reply(opening_screen(ctx.t, opening))
        return
    if action is ClientAction.START:
        await ctx.remove_keyboard()  # who asks and what is shared stays in view
        await CLIENT_FORM.start(ctx, feedback, _start_data(opening), below=True)
    elif action is ClientAction.LATER:
        await ctx.close_keyboard(
            (ctx.pressed_html or "")
            + "\n\n"
            + ctx.t("client-later", date=ctx.t.day(_expires_on(opening)))
        )
    elif action is ClientAction.NEVER:
        await feedback.decline(callback_data.request, ctx.person_id)
        await ctx.close_keyboard(declined_text(ctx.t, opening.freelancer))
    else:
        ctx.stale()


def _start_data(opening: Opening) -> dict[str, Any]:
    assert opening.request is not None
    return {
        "request": opening.request.id,
        "freelancer": opening.freelancer,
        "metric": opening.metric,
        "expires": _expires_on(opening).isoformat(),
    }


async def _deletion(ctx: Conversation, pressed: ClientActionCb, feedback: FeedbackService) -> None:
    if pressed.action is ClientAction.DELETE:
        await ctx.send(delete_question(ctx.t, pressed.request))
    elif pressed.action is ClientAction.DELETE_YES:
        await ctx.state.clear()  # answers typed but not sent are theirs too
        erased = await feedback.erase_person(ctx.person_id)
        await ctx.close_keyboard(ctx.t("client-answers-deleted", count=erased))
    else:
        await ctx.close_keyboard(ctx.t("client-delete-kept"))


# ---- the three questions ------------------------------------------------------------------


def _ask_score(question: FeedbackQuestion) -> Asker[Conversation, FeedbackService]:
    async def ask(ctx: Conversation, service: FeedbackService, answers: Answers) -> Screen:
        comment = answers.get(_comment_key(question))
        return score_question(ctx.t, answers["request"], question, answers["freelancer"], comment)

    return ask


async def _ask_number(ctx: Conversation, service: FeedbackService, answers: Answers) -> Screen:
    return number_question(
        ctx.t,
        answers["request"],
        answers.get("metric"),
        answers.get(_comment_key(FeedbackQuestion.NUMBER)),
    )


def _commented(question: FeedbackQuestion) -> Any:
    """A typed text on a question answered with buttons: the client's comment on it,
    kept (a later one replaces it), and the question asked again with it shown."""
    asks = _ask_score(question)

    async def read(
        ctx: Conversation, service: FeedbackService, text: str, answers: Answers
    ) -> Screen | Stay:
        comment = text.strip()
        if len(comment) > COMMENT_LIMIT:
            return (await asks(ctx, service, answers)).after(
                ctx.t("client-comment-too-long", limit=COMMENT_LIMIT)
            )
        kept = {**answers, _comment_key(question): comment}
        return Stay({_comment_key(question): comment}, await asks(ctx, service, kept))

    return read


async def _read_number(
    ctx: Conversation, service: FeedbackService, text: str, answers: Answers
) -> Updates | Screen | Stay:
    """The number as the client types it ("2,1%", "about 40 a week"), read as the
    freelancer's readings are. Text with no number in it is kept as a comment, and the
    question asks for the number once more."""
    typed = text.strip()
    if len(typed) > NUMBER_LIMIT:
        return (await _ask_number(ctx, service, answers)).after(
            ctx.t("client-comment-too-long", limit=NUMBER_LIMIT)
        )
    metric = answers.get("metric")
    if metric and not reads_as_number(typed):
        key = _comment_key(FeedbackQuestion.NUMBER)
        screen = number_question(ctx.t, answers["request"], metric, typed, unread=True)
        return Stay({key: typed}, screen)
    return {"number": typed}


async def _of_this_request(ctx: Conversation, request: int) -> bool:
    """A button of the request being answered (the prompt filter already keeps older
    questions' buttons out; this keeps out another request's)."""
    if request == (await ctx.state.get_data()).get("request"):
        return True
    ctx.stale()
    return False


async def _pick_score(
    ctx: Conversation, service: FeedbackService, pressed: ClientScoreCb, data: dict[str, Any]
) -> Updates | None:
    if not await _of_this_request(ctx, pressed.request):
        return None
    return {pressed.question.value: pressed.value}


async def _pick_dont_know(
    ctx: Conversation, service: FeedbackService, pressed: ClientActionCb, data: dict[str, Any]
) -> Updates | None:
    return {"number": ""} if await _of_this_request(ctx, pressed.request) else None


async def _submit(ctx: Conversation, feedback: FeedbackService, answers: Answers) -> None:
    given = ClientAnswers(
        understood=answers.get(FeedbackQuestion.UNDERSTOOD.value),
        number=answers.get("number"),
        again=answers.get(FeedbackQuestion.AGAIN.value),
        comments={
            question: comment
            for question in FeedbackQuestion
            if (comment := answers.get(_comment_key(question)))
        },
    )
    opening = await feedback.submit(answers["request"], ctx.person_id, given)
    await ctx.state.clear()
    if opening.state is LinkState.ANSWERED:
        await ctx.reply(thanks_screen(ctx.t, answers["request"], answers["freelancer"], given))
    else:  # withdrawn or expired while they answered
        await ctx.reply(opening_screen(ctx.t, opening))


def _score_of(question: FeedbackQuestion) -> Filter:
    return ClientScoreCb.filter(F.question == question)


CLIENT_FORM: Form[Conversation, FeedbackService] = Form(
    name="ClientAnswers",
    service="feedback",
    steps=[
        Step(
            "understood",
            ask=_ask_score(FeedbackQuestion.UNDERSTOOD),
            read=_commented(FeedbackQuestion.UNDERSTOOD),
            buttons=[
                Buttons(
                    ClientScoreCb.filter(F.question == FeedbackQuestion.UNDERSTOOD), _pick_score
                )
            ],
        ),
        Step(
            "number",
            ask=_ask_number,
            read=_read_number,
            buttons=[
                Buttons(ClientActionCb.filter(F.action == ClientAction.DONT_KNOW), _pick_dont_know)
            ],
            skip={"number": None},
        ),
        Step(
            "again",
            ask=_ask_score(FeedbackQuestion.AGAIN),
            read=_commented(FeedbackQuestion.AGAIN),
            buttons=[
                Buttons(ClientScoreCb.filter(F.question == FeedbackQuestion.AGAIN), _pick_score)
            ],
        ),
    ],
    finish=_submit,
)


async def stop_answering(_: object, ctx: Conversation) -> None:
    """Stop: nothing is shared, and the link still works until it expires."""
    answers = await ctx.state.get_data()
    await ctx.state.clear()
    expires = date.fromisoformat(answers["expires"]) if "expires" in answers else None
    text = (
        stopped_text(ctx.t, answers.get("freelancer", ""), expires)
        if expires is not None
        else ctx.t("client-stopped-plain")
    )
    if ctx.pressed is not None:
        await ctx.close_keyboard(text)
    else:
        await ctx.say_text(text)


# ---- outside the questions ----------------------------------------------------------------


async def delete_me(message: Message, ctx: Conversation) -> None:
    """A client's /delete_me: their answers, everywhere (after a confirmation)."""
    await ctx.send(delete_question(ctx.t, 0))


async def about(_: object, ctx: Conversation) -> None:
    if ctx.pressed is not None:
        ctx.stale()
        return
    await ctx.send(about_bot(ctx.t))


def create_router() -> Router:
    router = Router(name="client_answers")
    router.message.register(open_link, CommandStart(deep_link=True, magic=F.args.func(is_payload)))
    in_form = StateFilter(*CLIENT_FORM.states)
    router.callback_query.register(
        stop_answering, in_form, ClientActionCb.filter(F.action == ClientAction.STOP)
    )
    router.message.register(stop_answering, in_form, Command("stop", "cancel"))
    CLIENT_FORM.register(router)
    router.callback_query.register(
        request_pressed, ClientActionCb.filter(F.action != ClientAction.DONT_KNOW)
    )
    guest = NotAUser()
    router.message.register(delete_me, guest, Command("delete_me"))
    router.message.register(about, guest)
    router.callback_query.register(about, guest)
    return router
