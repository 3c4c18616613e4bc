"""/clients: the list, a client's card, adding, editing, archiving and deleting."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.state import State, StatesGroup

from bot.services.clients import ClientService
from bot.telegram.context import Ctx
from bot.telegram.filters import OwnClient
from bot.telegram.forms import Answers, Form, Step
from bot.telegram.input import TYPED_TEXT, reject_non_text, text_answer
from bot.views.clients import (
    EDIT_FIELDS,
    ClientAction,
    ClientAddCb,
    ClientCb,
    ClientsPageCb,
    client_card,
    client_gone,
    clients_screen,
    delete_confirmation,
    edit_menu,
    edit_prompt,
    first_question_buttons,
)
from bot.views.common import PAGE_SIZE, FormAction, FormCb, Nav, NavCb
from bot.views.screen import Screen
from storage.clients import NAME_LIMIT, TEXT_LIMIT, Client, ClientField


class ClientEdit(StatesGroup):
    value = State()  # data: client_id, field


async def _list(ctx: Ctx, clients: ClientService, page: int, archived: bool) -> Screen:
    user = ctx.user
    found = await clients.page(user, archived=archived, page=page, size=PAGE_SIZE)
    return clients_screen(
        ctx.t, found, page=page, archived=archived, zone=user.timezone, today=clients.today(user)
    )


async def _card(ctx: Ctx, clients: ClientService, client: Client) -> Screen:
    return client_card(ctx.t, await clients.card(ctx.user, client), ctx.user.timezone)


# ---- the list --------------------------------------------------------------------


async def clients_list(_: object, ctx: Ctx, clients: ClientService) -> None:
    """/clients, or "Clients" in the menu: the first page of active clients."""
    await ctx.state.clear()
    await ctx.reply(await _list(ctx, clients, 0, archived=False))


async def clients_page(
    _: object, ctx: Ctx, callback_data: ClientsPageCb, clients: ClientService
) -> None:
    await ctx.state.clear()
    page = max(0, callback_data.page)
    await ctx.reply(await _list(ctx, clients, page, callback_data.archived))


# ---- one client ------------------------------------------------------------------


async def open_client(_: object, ctx: Ctx, client: Client, clients: ClientService) -> None:
    await ctx.state.clear()
    await ctx.reply(await _card(ctx, clients, client))


async def archive_client(
    _: object, ctx: Ctx, callback_data: ClientCb, client: Client, clients: ClientService
) -> None:
    await ctx.state.clear()
    archived = callback_data.action is ClientAction.ARCHIVE
    changed = await clients.set_archived(ctx.user, client, archived)
    if changed is None:  # deleted in the meantime, from another device
        ctx.stale()
        return
    ctx.toast(ctx.t("client-archived" if archived else "client-unarchived"))
    await ctx.reply(await _card(ctx, clients, changed))


async def edit_client(_: object, ctx: Ctx, client: Client) -> None:
    await ctx.state.clear()
    await ctx.reply(edit_menu(ctx.t, client))


async def edit_field(_: object, ctx: Ctx, callback_data: ClientCb, client: Client) -> None:
    field = EDIT_FIELDS[callback_data.action]
    await ctx.state.clear()
    await ctx.state.set_state(ClientEdit.value)
    await ctx.state.set_data({"client_id": client.id, "field": field.value})
    await ctx.reply(edit_prompt(ctx.t, field))


async def delete_client(_: object, ctx: Ctx, client: Client, clients: ClientService) -> None:
    """Delete asks first, saying how many projects go with the client."""
    await ctx.state.clear()
    projects = await clients.project_count(ctx.user, client)
    await ctx.reply(delete_confirmation(ctx.t, client, projects))


async def delete_confirmed(_: object, ctx: Ctx, client: Client, clients: ClientService) -> None:
    await ctx.state.clear()
    if not await clients.delete(ctx.user, client):  # deleted meanwhile (a second press)
        ctx.stale()
        return
    screen = await _list(ctx, clients, 0, archived=False)
    await ctx.reply(screen.after(ctx.t("client-deleted", name=client.name)))


# ---- editing one field -----------------------------------------------------------


async def _save_field(ctx: Ctx, value: str | None, clients: ClientService) -> None:
    data = await ctx.state.get_data()
    await ctx.state.clear()
    field = ClientField(data["field"])
    client = await clients.update(ctx.user, int(data["client_id"]), field, value)
    if client is None:  # deleted meanwhile, from another device
        await ctx.reply(client_gone(ctx.t))
        return
    await ctx.reply((await _card(ctx, clients, client)).after(ctx.t("client-saved")))


async def edit_text(_: object, ctx: Ctx, clients: ClientService) -> None:
    field = ClientField((await ctx.state.get_data())["field"])
    value = await text_answer(ctx, NAME_LIMIT if field is ClientField.NAME else TEXT_LIMIT)
    if value is not None:
        await _save_field(ctx, value, clients)


async def edit_button(_: object, ctx: Ctx, callback_data: FormCb, clients: ClientService) -> None:
    data = await ctx.state.get_data()
    if callback_data.action is FormAction.CLEAR and data.get("field") != ClientField.NAME.value:
        await _save_field(ctx, None, clients)
        return
    # Back (or a Clear that cannot apply to a name): to the card, unchanged.
    await ctx.state.clear()
    client = await clients.get(ctx.user, int(data.get("client_id", 0)))
    if client is None:
        await ctx.reply(client_gone(ctx.t))
        return
    await ctx.reply(await _card(ctx, clients, client))


# ---- adding a client -------------------------------------------------------------


async def add_start(_: object, ctx: Ctx, clients: ClientService) -> None:
    await CLIENT_FORM.start(ctx, clients)


async def save_new_client(ctx: Ctx, clients: ClientService, answers: Answers) -> None:
    await ctx.state.clear()
    client = await clients.add(
        ctx.user, answers["name"], answers.get("contact"), answers.get("notes")
    )
    card = await _card(ctx, clients, client)
    await ctx.reply(card.after(ctx.t("client-added", name=client.name)))


CLIENT_FORM: Form[Ctx, ClientService] = Form(
    name="ClientForm",
    service="clients",
    steps=[
        Step(
            "name",
            question="client-add-name",
            keyboard=first_question_buttons,
            key="name",
            limit=NAME_LIMIT,
        ),
        Step(
            "contact",
            question="client-add-contact",
            key="contact",
            limit=TEXT_LIMIT,
            skip={"contact": None},
        ),
        Step(
            "notes",
            question="client-add-notes",
            key="notes",
            limit=TEXT_LIMIT,
            skip={"notes": None},
        ),
    ],
    finish=save_new_client,
)


def create_router() -> Router:
    router = Router(name="clients")
    router.message.register(clients_list, Command("clients"))
    router.callback_query.register(clients_list, NavCb.filter(F.to == Nav.CLIENTS))
    router.callback_query.register(clients_page, ClientsPageCb.filter())
    for handler, actions in (
        (open_client, {ClientAction.OPEN}),
        (archive_client, {ClientAction.ARCHIVE, ClientAction.UNARCHIVE}),
        (edit_client, {ClientAction.EDIT}),
        (edit_field, set(EDIT_FIELDS)),
        (delete_client, {ClientAction.DELETE}),
        (delete_confirmed, {ClientAction.DELETE_YES}),
    ):
        router.callback_query.register(handler, ClientCb.filter(F.action.in_(actions)), OwnClient())
    router.callback_query.register(add_start, ClientAddCb.filter())
    CLIENT_FORM.register(router)
    router.message.register(edit_text, ClientEdit.value, TYPED_TEXT)
    router.callback_query.register(edit_button, ClientEdit.value, FormCb.filter())
    router.message.register(reject_non_text, ClientEdit.value, ~F.text)
    return router
