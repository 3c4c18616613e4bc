"""/clients: the list, a client's card, adding, editing, archiving and deleting."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.services.clients import ClientService
from bot.telegram.filters import OwnClient
from bot.telegram.input import TYPED_TEXT, read_text, reject_non_text, stale
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
from storage.users import User


class ClientForm(StatesGroup):
    name = State()
    contact = State()
    notes = State()


class ClientEdit(StatesGroup):
    value = State()  # data: client_id, field


_ADD_STEPS = (ClientForm.name, ClientForm.contact, ClientForm.notes)
_ADD_FIELDS = ("name", "contact", "notes")


async def _list(user: User, t: Translator, clients: ClientService, page: int,
                archived: bool) -> Screen:  # fmt: skip
    found = await clients.page(user, archived=archived, page=page, size=PAGE_SIZE)
    return clients_screen(t, found, page=page, archived=archived, zone=user.timezone,
                          today=clients.today(user))  # fmt: skip


async def _card(user: User, t: Translator, clients: ClientService, client: Client) -> Screen:
    return client_card(t, await clients.card(user, client), user.timezone)


# ---- the list --------------------------------------------------------------------


async def clients_command(
    message: Message, state: FSMContext, user: User, t: Translator, clients: ClientService
) -> None:
    await state.clear()
    await (await _list(user, t, clients, 0, archived=False)).answer(message)


async def clients_button(
    callback: CallbackQuery, state: FSMContext, user: User, t: Translator, clients: ClientService
) -> None:
    """ "Clients" in the menu: the first page of active clients."""
    await state.clear()
    await (await _list(user, t, clients, 0, archived=False)).show(callback)


async def clients_page(
    callback: CallbackQuery, callback_data: ClientsPageCb, state: FSMContext, user: User,
    t: Translator, clients: ClientService,
) -> None:  # fmt: skip
    await state.clear()
    page = max(0, callback_data.page)
    await (await _list(user, t, clients, page, callback_data.archived)).show(callback)


# ---- one client ------------------------------------------------------------------


async def open_client(
    callback: CallbackQuery, client: Client,
    state: FSMContext, user: User, t: Translator, clients: ClientService,
) -> None:  # fmt: skip
    await state.clear()
    await (await _card(user, t, clients, client)).show(callback)


async def archive_client(
    callback: CallbackQuery, callback_data: ClientCb, client: Client,
    callback_answer: CallbackAnswer,
    state: FSMContext, user: User, t: Translator, clients: ClientService,
) -> None:  # fmt: skip
    await state.clear()
    archived = callback_data.action is ClientAction.ARCHIVE
    changed = await clients.set_archived(user, client, archived)
    if changed is None:  # deleted in the meantime, from another device
        stale(callback_answer, t)
        return
    callback_answer.text = t("client-archived" if archived else "client-unarchived")
    await (await _card(user, t, clients, changed)).show(callback)


async def edit_client(
    callback: CallbackQuery, client: Client,
    state: FSMContext, user: User, t: Translator,
) -> None:  # fmt: skip
    await state.clear()
    await edit_menu(t, client).show(callback)


async def edit_field(
    callback: CallbackQuery, callback_data: ClientCb, client: Client,
    state: FSMContext, user: User, t: Translator,
) -> None:  # fmt: skip
    field = EDIT_FIELDS[callback_data.action]
    await state.clear()
    await state.set_state(ClientEdit.value)
    await state.set_data({"client_id": client.id, "field": field.value})
    await edit_prompt(t, field).show(callback)


async def delete_client(
    callback: CallbackQuery, client: Client,
    state: FSMContext, user: User, t: Translator, clients: ClientService,
) -> None:  # fmt: skip
    """Delete asks first, saying how many projects go with the client."""
    await state.clear()
    projects = await clients.project_count(user, client)
    await delete_confirmation(t, client, projects).show(callback)


async def delete_confirmed(
    callback: CallbackQuery, client: Client, callback_answer: CallbackAnswer,
    state: FSMContext, user: User, t: Translator, clients: ClientService,
) -> None:  # fmt: skip
    await state.clear()
    if not await clients.delete(user, client):  # deleted meanwhile (a second press)
        stale(callback_answer, t)
        return
    screen = await _list(user, t, clients, 0, archived=False)
    await screen.after(t("client-deleted", name=client.name)).show(callback)


# ---- editing one field -----------------------------------------------------------


async def _save_field(
    target: Message | CallbackQuery, value: str | None, state: FSMContext, user: User,
    t: Translator, clients: ClientService,
) -> None:  # fmt: skip
    data = await state.get_data()
    await state.clear()
    field = ClientField(data["field"])
    client = await clients.update(user, int(data["client_id"]), field, value)
    if client is None:  # deleted meanwhile, from another device
        await client_gone(t).reply(target)
        return
    await (await _card(user, t, clients, client)).after(t("client-saved")).reply(target)


async def edit_text(
    message: Message, state: FSMContext, user: User, t: Translator, clients: ClientService
) -> None:
    field = ClientField((await state.get_data())["field"])
    value = await read_text(message, t, NAME_LIMIT if field is ClientField.NAME else TEXT_LIMIT)
    if value is not None:
        await _save_field(message, value, state, user, t, clients)


async def edit_button(
    callback: CallbackQuery, callback_data: FormCb, state: FSMContext, user: User,
    t: Translator, clients: ClientService,
) -> None:  # fmt: skip
    data = await state.get_data()
    if callback_data.action is FormAction.CLEAR and data.get("field") != ClientField.NAME.value:
        await _save_field(callback, None, state, user, t, clients)
        return
    # Back (or a Clear that cannot apply to a name): to the card, unchanged.
    await state.clear()
    client = await clients.get(user, int(data.get("client_id", 0)))
    if client is None:
        await client_gone(t).show(callback)
        return
    await (await _card(user, t, clients, client)).show(callback)


# ---- adding a client -------------------------------------------------------------


async def _add_step(state: FSMContext) -> int:
    current = await state.get_state()
    return next(i for i, step in enumerate(_ADD_STEPS) if step.state == current)


async def add_start(callback: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await state.set_state(ClientForm.name)
    await add_prompt(t, 0).show(callback)


async def _add_answered(
    value: str | None, target: Message | CallbackQuery, state: FSMContext, user: User,
    t: Translator, clients: ClientService,
) -> None:  # fmt: skip
    step = await _add_step(state)
    await state.update_data({_ADD_FIELDS[step]: value})
    if step + 1 < len(_ADD_STEPS):
        await state.set_state(_ADD_STEPS[step + 1])
        await add_prompt(t, step + 1).reply(target)
        return
    data = await state.get_data()
    await state.clear()
    client = await clients.add(user, data["name"], data.get("contact"), data.get("notes"))
    card = await _card(user, t, clients, client)
    await card.after(t("client-added", name=client.name)).reply(target)


async def add_text(
    message: Message, state: FSMContext, user: User, t: Translator, clients: ClientService
) -> None:
    limit = NAME_LIMIT if await state.get_state() == ClientForm.name.state else TEXT_LIMIT
    value = await read_text(message, t, limit)
    if value is not None:
        await _add_answered(value, message, state, user, t, clients)


async def add_button(
    callback: CallbackQuery, callback_data: FormCb, state: FSMContext, user: User,
    t: Translator, clients: ClientService,
) -> None:  # fmt: skip
    step = await _add_step(state)
    if callback_data.action is FormAction.SKIP and step > 0:
        await _add_answered(None, callback, state, user, t, clients)
        return
    # Back: one step up (the name offers no Back; Cancel leaves).
    previous = max(0, step - 1)
    await state.set_state(_ADD_STEPS[previous])
    await add_prompt(t, previous).show(callback)


def create_router() -> Router:
    router = Router(name="clients")
    router.message.register(clients_command, Command("clients"))
    router.callback_query.register(clients_button, NavCb.filter(F.to == Nav.CLIENTS))
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
