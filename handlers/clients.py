"""/clients: the list, a client's card, adding, editing, archiving and deleting."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.state import State, StatesGroup

from bot.services.clients import ClientService
from bot.telegram.context import Ctx
from bot.telegram.filters import OwnClient
from bot.telegram.input import TYPED_TEXT, reject_non_text, text_answer
from bot.views.clients import (
    EDIT_FIELDS,
    ClientAction,
    ClientAddCb,
    ClientCb,
    ClientsPageCb,
    add_prompt,
    client_card,
    client_gone,
    clients_screen,
    delete_confirmation,
    edit_menu,
    edit_prompt,
)
from bot.views.common import PAGE_SIZE, FormAction, FormCb, Nav, NavCb
from bot.views.screen import Screen
from storage.clients import NAME_LIMIT, TEXT_LIMIT, Client, ClientField


class ClientForm(StatesGroup):
    name = State()
    contact = State()
    notes = State()


class ClientEdit(StatesGroup):
    value = State()  # data: client_id, field


_ADD_STEPS = (ClientForm.name, ClientForm.contact, ClientForm.notes)
_ADD_FIELDS = ("name", "contact", "notes")


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


async def _add_step(ctx: Ctx) -> int:
    current = await ctx.state.get_state()
    return next(i for i, step in enumerate(_ADD_STEPS) if step.state == current)


async def add_start(_: object, ctx: Ctx) -> None:
    await ctx.state.clear()
    await ctx.state.set_state(ClientForm.name)
    await ctx.reply(add_prompt(ctx.t, 0))


async def _add_answered(ctx: Ctx, value: str | None, clients: ClientService) -> None:
    step = await _add_step(ctx)
    await ctx.state.update_data({_ADD_FIELDS[step]: value})
    if step + 1 < len(_ADD_STEPS):
        await ctx.state.set_state(_ADD_STEPS[step + 1])
        await ctx.reply(add_prompt(ctx.t, step + 1))
        return
    data = await ctx.state.get_data()
    await ctx.state.clear()
    client = await clients.add(ctx.user, data["name"], data.get("contact"), data.get("notes"))
    card = await _card(ctx, clients, client)
    await ctx.reply(card.after(ctx.t("client-added", name=client.name)))


async def add_text(_: object, ctx: Ctx, clients: ClientService) -> None:
    limit = NAME_LIMIT if await ctx.state.get_state() == ClientForm.name.state else TEXT_LIMIT
    value = await text_answer(ctx, limit)
    if value is not None:
        await _add_answered(ctx, value, clients)


async def add_button(_: object, ctx: Ctx, callback_data: FormCb, clients: ClientService) -> None:
    step = await _add_step(ctx)
    if callback_data.action is FormAction.SKIP and step > 0:
        await _add_answered(ctx, None, clients)
        return
    # Back: one step up (the name offers no Back; Cancel leaves).
    previous = max(0, step - 1)
    await ctx.state.set_state(_ADD_STEPS[previous])
    await ctx.reply(add_prompt(ctx.t, previous))


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
    add_states = StateFilter(*_ADD_STEPS)
    router.message.register(add_text, add_states, TYPED_TEXT)
    router.callback_query.register(add_button, add_states, FormCb.filter())
    router.message.register(edit_text, ClientEdit.value, TYPED_TEXT)
    router.callback_query.register(edit_button, ClientEdit.value, FormCb.filter())
    router.message.register(reject_non_text, add_states, ~F.text)
    router.message.register(reject_non_text, ClientEdit.value, ~F.text)
    return router
