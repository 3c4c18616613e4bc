"""Commands and buttons that work anywhere: /cancel, /help, /menu, Menu, Help, Cancel."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command

from bot.config import Settings
from bot.telegram.context import Ctx
from bot.telegram.filters import FirstContact
from bot.telegram.menus import ADMIN_COMMANDS
from bot.telegram.reflection import ReflectionFlow
from bot.views.client_answers import ClientJoinCb
from bot.views.common import Nav, NavCb, back_to_menu, menu_screen
from bot.views.screen import Screen


async def cancel(_: object, ctx: Ctx) -> None:
    """Leave any flow; say what happened in the person's terms."""
    current = await ctx.state.get_state()
    await ctx.state.clear()
    t = ctx.t
    if not ctx.user.is_onboarded:
        await ctx.reply(Screen(t("onboarding-cancelled")))
        return
    if current is None:
        notice = t("cancel-nothing")
    elif current.startswith(f"{ReflectionFlow.__name__}:"):
        # A reflection is a draft in the database: say how to come back to it.
        notice = t("reflect-cancelled")
    else:
        notice = t("cancel-done")
    await ctx.reply(menu_screen(t).after(notice))


async def help_screen(_: object, ctx: Ctx, settings: Settings) -> None:
    text = ctx.t("help-text")
    if ctx.user.id in settings.admin_ids:  # an admin's own commands, as their menu has them
        lines = [f"/{name} — {ctx.t(f'command-{name}')}" for name in ADMIN_COMMANDS]
        text += "\n\n" + ctx.t("help-admin") + "\n" + "\n".join(lines)
    await ctx.reply(Screen(text, back_to_menu(ctx.t)))


async def menu(_: object, ctx: Ctx) -> None:
    await ctx.state.clear()
    await ctx.reply(menu_screen(ctx.t))


async def press_before_first_contact(_: object, ctx: Ctx) -> None:
    """A button pressed by someone the bot did not know until now: from a conversation
    erased with /delete_me, or another account's forwarded message. It acts on nothing."""
    ctx.alert(ctx.t("stale-button-new"))


def create_router() -> Router:
    router = Router(name="common")
    # A client's "use it for my work" is the one press that may start a conversation.
    router.callback_query.register(
        press_before_first_contact, FirstContact(), ~ClientJoinCb.filter()
    )
    router.message.register(cancel, Command("cancel"))
    router.message.register(help_screen, Command("help"))
    router.message.register(menu, Command("menu"))
    router.callback_query.register(cancel, NavCb.filter(F.to == Nav.CANCEL))
    router.callback_query.register(help_screen, NavCb.filter(F.to == Nav.HELP))
    router.callback_query.register(menu, NavCb.filter(F.to == Nav.MENU))
    return router
