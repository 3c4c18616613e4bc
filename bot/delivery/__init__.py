"""Everything the bot sends on its own, outside a conversation: due check-ins and tips,
admin broadcasts, the one pacer they share, what wakes them, and the one policy for
Telegram's answers (429, 403, 400, 5xx) that all of them follow."""
