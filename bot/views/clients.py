"""/clients: the list, a client's card, adding, editing, archiving and deleting."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator
from bot.reading.dates import elapsed
from bot.rules.nudges import asks_address
from bot.services.clients import ClientCard
from bot.services.outcomes import MetricProgress
from bot.views.checkins import CheckinClientCb, ContactedCb, when_text
from bot.views.common import PAGE_SIZE, Nav, NavCb, form_step, menu_button, pager_row

# The card's own buttons live in common (many features lead back to the card); the
# client features keep importing them from here.
from bot.views.common import ClientAction as ClientAction
from bot.views.common import ClientCb as ClientCb
from bot.views.feedback import card_buttons, card_lines
from bot.views.kickoff import CallOffCb
from bot.views.outcomes import MetricCb, MetricChartCb, progress_line
from bot.views.screen import Screen
from storage.clients import Client, ClientField, ClientPage
from storage.kickoffs import Kickoff


class ClientsPageCb(CallbackData, prefix="cl1"):
    page: int
    archived: bool


class ClientAddCb(CallbackData, prefix="ca1"):
    pass


EDIT_FIELDS = {
    ClientAction.EDIT_NAME: ClientField.NAME,
    ClientAction.EDIT_CONTACT: ClientField.CONTACT,
    ClientAction.EDIT_NOTES: ClientField.NOTES,
}
# The questions of "Add client", in order: name, contact, notes.


def since_text(t: Translator, client: Client, zone: str, today: date) -> str:
    """How long ago the last contact was, counted in the user's own days."""
    last = client.last_contact_at
    key, n = elapsed(last.astimezone(ZoneInfo(zone)).date() if last else None, today)
    return t(key, n=n)


def shown_page(page: int, total: int) -> int:
    """The page a list of `total` shows for a requested page: the last one past the end
    (deletes can empty the page a button points at)."""
    last = max(0, (total - 1) // PAGE_SIZE)
    return min(max(0, page), last)


def clients_screen(
    t: Translator, found: ClientPage, *, page: int, archived: bool, zone: str, today: date
) -> Screen:
    builder = InlineKeyboardBuilder()
    for client in found.clients:
        builder.button(
            text=f"{client.name} · {since_text(t, client, zone, today)}",
            callback_data=ClientCb(id=client.id, action=ClientAction.OPEN),
        )
    builder.adjust(1)
    page = shown_page(page, found.total)
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
    return Screen(_list_title(t, found.total, archived), builder.as_markup())


def _list_title(t: Translator, total: int, archived: bool) -> str:
    if archived:
        return t("clients-archived-title", count=total) if total else t("clients-archived-empty")
    return t("clients-title", count=total) if total else t("clients-empty")


def client_card(t: Translator, card: ClientCard, zone: str) -> Screen:
    """A client with their latest projects, score, last contact and next check-in."""
    client = card.client
    text = t(
        "client-card",
        name=client.name,
        archived="yes" if client.archived else "no",
        contact=client.contact or t("not-set"),
        notes=client.notes or t("not-set"),
        projects=card.recent.total,
        score=str(card.latest_score) if card.latest_score is not None else t("not-set"),
        since=since_text(t, client, zone, card.today),
        checkin=when_text(t, card.next_checkin, zone) if card.next_checkin else t("not-set"),
    )
    if card.metric is not None:
        text += "\n\n" + progress_line(t, card.metric)
    for kickoff in card.under_way:
        text += "\n\n" + t(
            "client-card-under-way", project=kickoff.title, date=t.day(kickoff.ends_on)
        )
    if card.recent.projects:
        lines = [
            t("client-card-project", date=t.day(p.finished_on), title=p.title)
            for p in card.recent.projects
        ]
        text += "\n\n" + t("client-card-recent") + "\n" + "\n".join(lines)
    for line in card_lines(t, card.feedback, zone):
        text += "\n\n" + line
    feedback = card_buttons(t, card.feedback)
    return Screen(text, _card_keyboard(t, client, card.metric, card.under_way, feedback))


def _card_keyboard(
    t: Translator,
    client: Client,
    metric: MetricProgress | None,
    under_way: Sequence[Kickoff],
    feedback: Sequence[InlineKeyboardButton] = (),
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    rows = 0  # the one-button rows above the pairs
    for kickoff in under_way:
        builder.button(
            text=t.label("button-call-off", project=kickoff.title)[:64],
            callback_data=CallOffCb(id=kickoff.id, confirmed=False),
        )
        rows += 1
    if metric is not None:
        builder.button(
            text=t("button-metric-now"), callback_data=MetricCb(project=metric.project.id)
        )
        rows += 1
        if metric.has_number:  # a chart needs at least one number
            builder.button(
                text=t("button-metric-chart"),
                callback_data=MetricChartCb(project=metric.project.id),
            )
            rows += 1
    for button in feedback:
        builder.add(button)
        rows += 1
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
    builder.adjust(*[1] * rows, 2, 2, 2)
    return builder.as_markup()


def call_off_question(t: Translator, kickoff: Kickoff) -> Screen:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("button-call-off-yes"), callback_data=CallOffCb(id=kickoff.id, confirmed=True)
    )
    builder.button(
        text=t("button-back"),
        callback_data=ClientCb(id=kickoff.client_id, action=ClientAction.OPEN),
    )
    builder.adjust(2)
    return Screen(t("call-off-ask", project=kickoff.title), builder.as_markup())


def edit_menu(t: Translator, client: Client) -> Screen:
    builder = InlineKeyboardBuilder()
    for action, key in (
        (ClientAction.EDIT_NAME, "button-field-name"),
        (ClientAction.EDIT_CONTACT, "button-field-contact"),
        (ClientAction.EDIT_NOTES, "button-field-notes"),
    ):
        builder.button(text=t(key), callback_data=ClientCb(id=client.id, action=action))
    # Only Russian drafts have two forms of address: an English user has nothing to switch.
    switch = asks_address(t.language)
    if switch:
        builder.button(
            text=t(f"button-client-address-{client.address.value}"),
            callback_data=ClientCb(id=client.id, action=ClientAction.ADDRESS),
        )
    builder.button(
        text=t("button-back"), callback_data=ClientCb(id=client.id, action=ClientAction.OPEN)
    )
    builder.adjust(3, *([1] if switch else []), 1)
    return Screen(t("client-edit-ask", name=client.name), builder.as_markup())


def edit_prompt(t: Translator, field: ClientField) -> Screen:
    """The new value of one field; every field but the name can be cleared."""
    return Screen(
        t(f"client-edit-{field.value}"), form_step(t, clear=field is not ClientField.NAME)
    )


def delete_confirmation(t: Translator, client: Client, projects: int) -> Screen:
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


def first_question_buttons(t: Translator) -> InlineKeyboardMarkup:
    """Under the first question of "Add client": nothing to skip, nothing to go back to."""
    return form_step(t, back=False)


def client_gone(t: Translator) -> Screen:
    return Screen(t("client-gone"))


def metric_saved(t: Translator, progress: MetricProgress, client: str) -> Screen:
    """What was saved and how the number moved, with the way back to the client."""
    latest = progress.latest
    lines = [t("metric-saved", client=client, text=latest.text if latest else "")]
    lines.append(progress_line(t, progress))
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("button-to-client"),
        callback_data=ClientCb(id=progress.project.client_id, action=ClientAction.OPEN),
    )
    builder.button(text=t("button-menu"), callback_data=NavCb(to=Nav.MENU))
    return Screen("\n\n".join(lines), builder.as_markup())
