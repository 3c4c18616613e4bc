"""The messages a freelancer may send to a client, written out: the greeting, the form of
address, the numbers and the time as a person writes them. These are the only texts a
client ever reads, so each one stands alone: nothing of the freelancer's own around it."""

from __future__ import annotations

from bot.i18n import Translator, Value
from bot.reading.numbers import read_metric, written_number
from bot.rules.drafts import DraftChoice, Greeting, greeting
from storage.clients import Address


def number_words(t: Translator, typed: str) -> str:
    """A reading for a sentence: its number with its unit ("выросла до 2,1%" is "2,1%",
    "CTR 1,2%" beside the metric's name is "1,2%"); the typed text when it has none."""
    reading = read_metric(typed)
    return written_number(reading, t.language) or reading.text


def letter(t: Translator, hello: Greeting, address: Address, body: str) -> str:
    """A greeting that suits a person or a company, and the text under it."""
    opening = t(
        "draft-hello",
        client=hello.name,
        company="yes" if hello.company else "no",
        variant=hello.variant,
        address=address.value,
    )
    return f"{opening}\n{body}"


def draft_text(t: Translator, choice: DraftChoice) -> str:
    values: dict[str, Value] = {"address": choice.address.value}
    if choice.project is not None:
        values["project"] = choice.project
    if choice.metric is not None:
        values["metric"] = choice.metric
    if choice.since is not None:
        key, n = choice.since
        values["ago"] = t("draft-ago", unit=key.removeprefix("since-"), n=n)
    if choice.measured is not None:
        for name, reading in (
            ("baseline", choice.measured.baseline),
            ("latest", choice.measured.latest),
        ):
            values[name] = written_number(reading, t.language) or reading.text
    return letter(t, choice.greeting, choice.address, t(choice.key, **values))


def client_letter(
    t: Translator, client: str, address: Address, seed: int, key: str, **values: Value
) -> str:
    """A text for the client outside the check-ins (a kickoff, a trust step)."""
    return letter(t, greeting(client, seed), address, t(key, address=address.value, **values))
