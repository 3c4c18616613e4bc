"""/clients: the list, a client's card, adding, editing, archiving and deleting."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.clock import Clock
from bot.i18n import Translator
from bot.messaging import Screen
from bot.services.dates import elapsed
from bot.views.checkins import CheckinClientCb, ContactedCb, when_text
from bot.views.clients import ClientAction, ClientAddCb, ClientCb, ClientsPageCb
from bot.views.common import (
    PAGE_SIZE,
    FormAction,
    FormCb,
    Nav,
    NavCb,
    form_step,
    menu_button,
    pager_row,
)
from bot.views.input import TYPED_TEXT, read_text, reject_non_text
from storage.checkins import Checkin, CheckinRepository
from storage.clients import NAME_LIMIT, TEXT_LIMIT, Client, ClientField, ClientRepository
from storage.projects import ProjectPage, ProjectRepository
from storage.reflections import ReflectionRepository
from storage.users import User

RECENT_PROJECTS = 5


class ClientForm(StatesGroup):
    name = State()
    contact = State()
    notes = State()


class ClientEdit(StatesGroup):
    value = State()


_EDIT_FIELDS = {
    ClientAction.EDIT_NAME: ClientField.NAME,
    ClientAction.EDIT_CONTACT: ClientField.CONTACT,
    ClientAction.EDIT_NOTES: ClientField.NOTES,
}


def since_text(t: Translator, user: User, client: Client, clock: Clock) -> str:
    zone = ZoneInfo(user.timezone)
    today = clock.now().astimezone(zone).date()
    last = client.last_contact_at.astimezone(zone).date() if client.last_contact_at else None
    key, n = elapsed(last, today)
    return t(key, n=n)


async def list_screen(
    user: User,
    t: Translator,
    clients: ClientRepository,
    clock: Clock,
    *,
    page: int,
    archived: bool,
) -> Screen:
    found = await clients.page(user.id, archived=archived, offset=page * PAGE_SIZE, limit=PAGE_SIZE)
    if not found.clients and page > 0:  # the page emptied (deletes): show the last one
        return await list_screen(user, t, clients, clock, page=page - 1, archived=archived)
    builder = InlineKeyboardBuilder()
    for client in found.clients:
        builder.button(
            text=f"{client.name} · {since_text(t, user, client, clock)}",
            callback_data=ClientCb(id=client.id, action=ClientAction.OPEN),
        )
    builder.adjust(1)
    builder.row(
        *pager_row(t, page, found.total, lambda p: ClientsPageCb(page=p, archived=archived))
    )
    builder.row(
        InlineKeyboardButton(text=t("button-add-client"), callback_data=ClientAddCb().pack()),
        InlineKeyboardButton(
            text=t("button-show-active" if archived else "button-show-archived"),
            callback_data=ClientsPageCb(page=0, archived=not archived).pack(),
        ),
    )
    builder.row(menu_button(t))
    if archived:
        title = (
            t("clients-archived-title", count=found.total)
            if found.total
            else t("clients-archived-empty")
        )
    else:
        title = t("clients-title", count=found.total) if found.total else t("clients-empty")
    return Screen(title, builder.as_markup())


class ClientCards:
    """Renders a client's card: it gathers from several repositories, so handlers get
    this one object instead of all of them."""

    def __init__(
        self,
        projects: ProjectRepository,
        reflections: ReflectionRepository,
        checkins: CheckinRepository,
        clock: Clock,
    ) -> None:
        self._projects = projects
        self._reflections = reflections
        self._checkins = checkins
        self._clock = clock

    async def screen(self, user: User, client: Client, t: Translator) -> Screen:
        recent = await self._projects.for_client(user.id, client.id, RECENT_PROJECTS)
        score = await self._reflections.latest_score_for_client(user.id, client.id)
        upcoming = await self._checkins.next_for_client(user.id, client.id)
        return _card(user, client, t, self._clock, recent, score, upcoming)


def _card(
    user: User,
    client: Client,
    t: Translator,
    clock: Clock,
    recent: ProjectPage,
    score: int | None,
    upcoming: Checkin | None,
) -> Screen:
    text = t(
        "client-card",
        name=client.name,
        archived="yes" if client.archived else "no",
        contact=client.contact or t("not-set"),
        notes=client.notes or t("not-set"),
        projects=recent.total,
        score=str(score) if score is not None else t("not-set"),
        since=since_text(t, user, client, clock),
        checkin=when_text(t, upcoming, user.timezone) if upcoming else t("not-set"),
    )
    if recent.projects:
        lines = [
            t("client-card-project", date=t.day(p.finished_on), title=p.title)
            for p in recent.projects
        ]
        text += "\n\n" + t("client-card-recent") + "\n" + "\n".join(lines)
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-plan-checkin"), callback_data=CheckinClientCb(client=client.id))
    builder.button(text=t("button-contacted"), callback_data=ContactedCb(client=client.id))
    builder.button(
        text=t("button-edit"), callback_data=ClientCb(id=client.id, action=ClientAction.EDIT)
    )
    archive = ClientAction.UNARCHIVE if client.archived else ClientAction.ARCHIVE
    builder.button(
        text=t("button-unarchive" if client.archived else "button-archive"),
        callback_data=ClientCb(id=client.id, action=archive),
    )
    builder.button(
        text=t("button-delete"), callback_data=ClientCb(id=client.id, action=ClientAction.DELETE)
    )
    builder.button(
        text=t("button-to-clients"), callback_data=ClientsPageCb(page=0, archived=client.archived)
    )
    builder.adjust(2, 2, 2)
    return Screen(text, builder.as_markup())


# ---- the list --------------------------------------------------------------------


async def clients_command(
    message: Message,
    state: FSMContext,
    user: User,
    t: Translator,
    clients: ClientRepository,
    clock: Clock,
) -> None:
    await state.clear()
    screen = await list_screen(user, t, clients, clock, page=0, archived=False)
    await screen.answer(message)


async def clients_button(
    callback: CallbackQuery,
    state: FSMContext,
    user: User,
    t: Translator,
    clients: ClientRepository,
    clock: Clock,
) -> None:
    """ "Clients" in the menu: the first page of active clients."""
    first = ClientsPageCb(page=0, archived=False)
    await clients_page(callback, first, state, user, t, clients, clock)


async def clients_page(
    callback: CallbackQuery,
    callback_data: ClientsPageCb,
    state: FSMContext,
    user: User,
    t: Translator,
    clients: ClientRepository,
    clock: Clock,
) -> None:
    await state.clear()
    await callback.answer()
    page = max(0, callback_data.page)
    screen = await list_screen(user, t, clients, clock, page=page, archived=callback_data.archived)
    await screen.show(callback)


# ---- one client ------------------------------------------------------------------


async def client_action(
    callback: CallbackQuery,
    callback_data: ClientCb,
    state: FSMContext,
    user: User,
    t: Translator,
    clients: ClientRepository,
    projects: ProjectRepository,
    cards: ClientCards,
    clock: Clock,
) -> None:
    client = await owned_client(callback, callback_data.id, user, t, clients)
    if client is None:
        return
    action = callback_data.action
    await state.clear()
    if action is ClientAction.OPEN:
        await callback.answer()
    elif action in (ClientAction.ARCHIVE, ClientAction.UNARCHIVE):
        archived = action is ClientAction.ARCHIVE
        await clients.set_archived(user.id, client.id, archived, clock.now())
        await callback.answer(t("client-archived" if archived else "client-unarchived"))
        client = await clients.get(user.id, client.id) or client
    elif action is ClientAction.EDIT:
        await callback.answer()
        await edit_menu(client, t).show(callback)
        return
    elif action in _EDIT_FIELDS:
        await callback.answer()
        field = _EDIT_FIELDS[action]
        await state.set_state(ClientEdit.value)
        await state.update_data(client_id=client.id, field=field.value)
        keyboard = form_step(t, clear=field is not ClientField.NAME)
        await Screen(t(f"client-edit-{field.value}"), keyboard).show(callback)
        return
    elif action is ClientAction.DELETE:
        await callback.answer()
        count = (await projects.for_client(user.id, client.id, 0)).total
        await delete_confirmation(client, count, t).show(callback)
        return
    elif action is ClientAction.DELETE_YES:
        await clients.delete(user.id, client.id)
        await callback.answer()
        screen = await list_screen(user, t, clients, clock, page=0, archived=False)
        await screen.after(t("client-deleted", name=client.name)).show(callback)
        return
    screen = await cards.screen(user, client, t)
    await screen.show(callback)


def edit_menu(client: Client, t: Translator) -> Screen:
    builder = InlineKeyboardBuilder()
    for action, key in (
        (ClientAction.EDIT_NAME, "button-field-name"),
        (ClientAction.EDIT_CONTACT, "button-field-contact"),
        (ClientAction.EDIT_NOTES, "button-field-notes"),
    ):
        builder.button(text=t(key), callback_data=ClientCb(id=client.id, action=action))
    builder.button(
        text=t("button-back"), callback_data=ClientCb(id=client.id, action=ClientAction.OPEN)
    )
    builder.adjust(3, 1)
    return Screen(t("client-edit-ask", name=client.name), builder.as_markup())


def delete_confirmation(client: Client, projects: int, t: Translator) -> Screen:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("button-delete-yes"),
        callback_data=ClientCb(id=client.id, action=ClientAction.DELETE_YES),
    )
    builder.button(
        text=t("button-delete-no"), callback_data=ClientCb(id=client.id, action=ClientAction.OPEN)
    )
    builder.adjust(2)
    return Screen(
        t("client-delete-confirm", name=client.name, projects=projects), builder.as_markup()
    )


# ---- editing one field -----------------------------------------------------------


async def _finish_edit(
    target: Message | CallbackQuery,
    value: str | None,
    state: FSMContext,
    user: User,
    t: Translator,
    clients: ClientRepository,
    projects: ProjectRepository,
    cards: ClientCards,
    clock: Clock,
) -> None:
    data = await state.get_data()
    field = ClientField(data["field"])
    await state.clear()
    await clients.update_field(user.id, int(data["client_id"]), field, value, clock.now())
    client = await clients.get(user.id, int(data["client_id"]))
    if client is None:  # deleted meanwhile, from another device
        screen = Screen(t("client-gone"))
    else:
        card = await cards.screen(user, client, t)
        screen = card.after(t("client-saved"))
    await screen.reply(target)


async def edit_text(
    message: Message,
    state: FSMContext,
    user: User,
    t: Translator,
    clients: ClientRepository,
    projects: ProjectRepository,
    cards: ClientCards,
    clock: Clock,
) -> None:
    field = ClientField((await state.get_data())["field"])
    limit = NAME_LIMIT if field is ClientField.NAME else TEXT_LIMIT
    value = await read_text(message, t, limit)
    if value is None:
        return
    await _finish_edit(message, value, state, user, t, clients, projects, cards, clock)


async def edit_button(
    callback: CallbackQuery,
    callback_data: FormCb,
    state: FSMContext,
    user: User,
    t: Translator,
    clients: ClientRepository,
    projects: ProjectRepository,
    cards: ClientCards,
    clock: Clock,
) -> None:
    data = await state.get_data()
    if callback_data.action is FormAction.CLEAR and data.get("field") != ClientField.NAME.value:
        await _finish_edit(callback, None, state, user, t, clients, projects, cards, clock)
        return
    # Back (or a Clear that cannot apply): return to the card unchanged.
    await state.clear()
    client = await clients.get(user.id, int(data.get("client_id", 0)))
    await callback.answer()
    if client is None:
        await Screen(t("client-gone")).show(callback)
        return
    await (await cards.screen(user, client, t)).show(callback)


# ---- adding a client -------------------------------------------------------------

_ADD_STEPS = (
    (ClientForm.name, "client-add-name"),
    (ClientForm.contact, "client-add-contact"),
    (ClientForm.notes, "client-add-notes"),
)


def _add_prompt(index: int, t: Translator) -> Screen:
    _, key = _ADD_STEPS[index]
    return Screen(t(key), form_step(t, skip=index > 0, back=index > 0))


async def add_start(callback: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await state.set_state(ClientForm.name)
    await callback.answer()
    await _add_prompt(0, t).show(callback)


async def _add_step_done(
    value: str | None,
    answer: Message | CallbackQuery,
    state: FSMContext,
    user: User,
    t: Translator,
    clients: ClientRepository,
    projects: ProjectRepository,
    cards: ClientCards,
    clock: Clock,
) -> None:
    current = await state.get_state()
    index = next(i for i, (s, _) in enumerate(_ADD_STEPS) if s.state == current)
    field = ("name", "contact", "notes")[index]
    await state.update_data({field: value})
    if index + 1 < len(_ADD_STEPS):
        await state.set_state(_ADD_STEPS[index + 1][0])
        screen = _add_prompt(index + 1, t)
    else:
        data = await state.get_data()
        await state.clear()
        client = await clients.add(
            user.id, data["name"], data.get("contact"), data.get("notes"), clock.now()
        )
        card = await cards.screen(user, client, t)
        screen = card.after(t("client-added", name=client.name))
    await screen.reply(answer)


async def add_text(
    message: Message,
    state: FSMContext,
    user: User,
    t: Translator,
    clients: ClientRepository,
    projects: ProjectRepository,
    cards: ClientCards,
    clock: Clock,
) -> None:
    limit = NAME_LIMIT if await state.get_state() == ClientForm.name.state else TEXT_LIMIT
    value = await read_text(message, t, limit)
    if value is None:
        return
    await _add_step_done(value, message, state, user, t, clients, projects, cards, clock)


async def add_button(
    callback: CallbackQuery,
    callback_data: FormCb,
    state: FSMContext,
    user: User,
    t: Translator,
    clients: ClientRepository,
    projects: ProjectRepository,
    cards: ClientCards,
    clock: Clock,
) -> None:
    current = await state.get_state()
    index = next(i for i, (s, _) in enumerate(_ADD_STEPS) if s.state == current)
    if callback_data.action is FormAction.SKIP and index > 0:
        await _add_step_done(None, callback, state, user, t, clients, projects, cards, clock)
        return
    # Back: one step up (from the name, Back is not offered; Cancel is).
    previous = max(0, index - 1)
    await state.set_state(_ADD_STEPS[previous][0])
    await callback.answer()
    await _add_prompt(previous, t).show(callback)


def create_router() -> Router:
    router = Router(name="clients")
    router.message.register(clients_command, Command("clients"))
    router.callback_query.register(clients_button, NavCb.filter(F.to == Nav.CLIENTS))
    router.callback_query.register(clients_page, ClientsPageCb.filter())
    router.callback_query.register(client_action, ClientCb.filter())
    router.callback_query.register(add_start, ClientAddCb.filter())
    add_states = StateFilter(ClientForm.name, ClientForm.contact, ClientForm.notes)
    router.message.register(add_text, add_states, TYPED_TEXT)
    router.callback_query.register(add_button, add_states, FormCb.filter())
    router.message.register(edit_text, ClientEdit.value, TYPED_TEXT)
    router.callback_query.register(edit_button, ClientEdit.value, FormCb.filter())
    router.message.register(reject_non_text, add_states, ~F.text)
    router.message.register(reject_non_text, ClientEdit.value, ~F.text)
    return router
